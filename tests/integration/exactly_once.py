"""What every upload must end in, whatever failed: one terminal state, one notification, nothing overwritten."""

from __future__ import annotations

import json
from typing import Any

from biometry.local.runtime import LocalPipeline


def notifications(pipeline: LocalPipeline) -> list[dict[str, Any]]:
    """Every SNS notification so far (read off the subscribed queue), as message bodies."""
    drained = pipeline.drain(pipeline.res.notifications_queue_url)
    return [json.loads(json.loads(m["Body"])["Message"]) for m in drained]


def review_keys(pipeline: LocalPipeline) -> list[str]:
    """The document key of every review message so far."""
    drained = pipeline.drain(pipeline.res.review_queue_url)
    return [m["MessageAttributes"]["document_key"]["StringValue"] for m in drained]


def result_versions(pipeline: LocalPipeline, key: str) -> int:
    """How many times results/<key>.json was written."""
    answer = pipeline.s3.list_object_versions(Bucket=pipeline.bucket, Prefix=f"results/{key}.json")
    return len(answer.get("Versions", []))


def outcome(pipeline: LocalPipeline, key: str) -> tuple[str, int, int, int]:
    """(terminal status, notifications, review messages, results/ writes) of one document."""
    item = pipeline.document(key) or {}
    status = str(item.get("status")) if "terminal_at" in item and "notified_at" in item else "not terminal"
    notified = sum(1 for n in notifications(pipeline) if n["document_key"] == key)
    reviewed = review_keys(pipeline).count(key)
    return status, notified, reviewed, result_versions(pipeline, key)


def exactly_once(status: str) -> tuple[str, int, int, int]:
    """The outcome a document with this terminal status must have."""
    return status, 1, int(status == "needs_review"), 1
