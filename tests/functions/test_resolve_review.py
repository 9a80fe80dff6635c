"""The Resolve review handler on its sample event, and `biometry review resolve` (the reviewer's upload)."""

from __future__ import annotations

import json
from typing import Any

import boto3

from tests.functions.conftest import BUCKET, REGION, Invoke, sample_event

KEY = "5f0c8a3e1b2d4c6e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4"


def _review_messages(queue_url: str) -> list[str]:
    answer = boto3.client("sqs", region_name=REGION).receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)
    return [m["Body"] for m in answer.get("Messages", [])]


def test_resolve_review_of_an_unknown_document_sends_the_reason_to_review(invoke: Invoke, aws: dict[str, str]) -> None:
    boto3.client("s3", region_name=REGION).put_object(Bucket=BUCKET, Key=f"reviewed/{KEY}.json", Body=b"{}")
    event = sample_event("resolve_review")
    event["detail"]["object"].pop("version-id")
    answer = invoke("resolve_review", event)
    (body,) = _review_messages(aws["REVIEW_QUEUE_URL"])
    assert (answer["outcome"], f"No finished document has the key {KEY}" in body) == ("rejected", True)


def test_resolve_review_ignores_a_file_not_named_after_a_document_key(invoke: Invoke, aws: dict[str, str]) -> None:
    boto3.client("s3", region_name=REGION).put_object(Bucket=BUCKET, Key="reviewed/corrected.json", Body=b"{}")
    event = sample_event("resolve_review")
    event["detail"]["object"] = {"key": "reviewed/corrected.json"}
    answer = invoke("resolve_review", event)
    assert (answer["outcome"], _review_messages(aws["REVIEW_QUEUE_URL"])) == ("rejected", [])


def test_biometry_review_resolve_uploads_under_reviewed_with_the_revision_it_corrects(
    aws: dict[str, str], tmp_path: Any
) -> None:
    from biometry.cli import main

    outputs = {"ReportsBucketName": BUCKET}
    body = {"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}, "Outputs": {k: {"Value": v} for k, v in outputs.items()}}
    boto3.client("cloudformation", region_name=REGION).create_stack(StackName="s", TemplateBody=json.dumps(body))
    corrected = tmp_path / "corrected.json"
    corrected.write_text('{"status": "accepted"}')
    status = main(["review", "resolve", str(corrected), "--document-key", KEY, "--revision", "2", "--stack", "s"])
    head = boto3.client("s3", region_name=REGION).head_object(Bucket=BUCKET, Key=f"reviewed/{KEY}.json")
    assert (status, head["Metadata"]) == (0, {"corrects-revision": "2"})
