"""Notify once: copy the winner's result under results/, queue the review message, publish the SNS notification."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, Literal

from botocore.exceptions import ClientError

from biometry.metering import Usage
from biometry.models import BiometryResult
from biometry.pipeline import workfiles
from biometry.pipeline.claim import condition_failed
from biometry.pipeline.payload import ObjectRef
from biometry.pipeline.publish import Outputs
from biometry.pipeline.terminal import device_name, read_item

Outcome = Literal["notified", "already_notified", "not_owner", "not_terminal"]
MARK_ATTEMPTS = 5
MARK_BACKOFF_S = 0.2
REVISION_METADATA = "revision"


def notify(document_key: str, run_id: str, *, outputs: Outputs, usage: Usage) -> Outcome:
    """Notify about the terminal state this run recorded; anything else (a loser, a re-notify) does nothing."""
    item = read_item(outputs.dynamodb, outputs.table_name, document_key)
    if "terminal_at" not in item:
        return "not_terminal"
    if item.get("terminal_run") != run_id:
        return "not_owner"
    if "notified_at" in item:
        return "already_notified"
    revision = int(item["revision"])
    result = workfiles.load_result(outputs.s3, workfiles.ref_from_uri(str(item["staged_uri"])), usage)
    target = workfiles.ref_from_uri(str(item["result_uri"]))
    if not write_result_file(outputs.s3, target, result, revision):
        return "not_owner"
    if result.status != "accepted" and "review_sent_at" not in item:
        _send_review(outputs, document_key, result, target)
        _mark(outputs, document_key, revision, "SET review_sent_at = :now")
    outputs.sns.publish(
        TopicArn=outputs.topic_arn,
        Message=notification(document_key, revision, result, target),
        MessageAttributes=_attributes(document_key, revision, result),
    )
    _mark(outputs, document_key, revision, "SET notified_at = :now REMOVE in_flight, lease_expires_at")
    return "notified"


def write_result_file(s3: Any, target: ObjectRef, result: BiometryResult, revision: int) -> bool:
    """Write results/<key>.json: revision 1 only where nothing is, a later one only over a file this pipeline wrote
    (never over one a reviewer saved by hand); True when the file holds this revision."""
    condition = _write_condition(s3, target, revision)
    if condition is None:
        return False
    try:
        s3.put_object(
            Bucket=target.bucket,
            Key=target.key,
            Body=result.model_dump_json(indent=2).encode(),
            ContentType="application/json",
            Metadata={REVISION_METADATA: str(revision)},
            **condition,
        )
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") not in ("PreconditionFailed", "412"):
            raise
        return _revision_of(s3, target) == str(revision)
    return True


def _write_condition(s3: Any, target: ObjectRef, revision: int) -> dict[str, str] | None:
    if revision == 1:
        return {"IfNoneMatch": "*"}
    try:
        head = s3.head_object(Bucket=target.bucket, Key=target.key)
    except ClientError:
        return {"IfNoneMatch": "*"}
    if REVISION_METADATA not in head.get("Metadata", {}):
        return None  # a file someone saved by hand
    return {"IfMatch": str(head["ETag"])}


def _revision_of(s3: Any, target: ObjectRef) -> str | None:
    metadata: dict[str, str] = s3.head_object(Bucket=target.bucket, Key=target.key).get("Metadata", {})
    return metadata.get(REVISION_METADATA)


def notification(document_key: str, revision: int, result: BiometryResult, ref: ObjectRef) -> str:
    """The SNS message: keys, the result pointer and the fields subscribers route on (no file name, no PHI)."""
    body = {
        "document_key": document_key,
        "notification_id": notification_id(document_key, revision),
        "document_id": result.document_id,
        "result": ref.uri,
        "status": result.status,
        "device": device_name(result),
        "method": result.extraction.method,
        "confidence": result.extraction.confidence,
        "cost_usd": result.cost.total_usd if result.cost else None,
    }
    return json.dumps(body)


def notification_id(document_key: str, revision: int) -> str:
    """One id per terminal state: a subscriber that sees it twice has seen the same notification."""
    return f"{document_key}:{revision}"


def _attributes(document_key: str, revision: int, result: BiometryResult) -> dict[str, dict[str, str]]:
    values = {
        "status": result.status,
        "device": device_name(result),
        "method": result.extraction.method,
        "notification_id": notification_id(document_key, revision),
    }
    return {name: {"DataType": "String", "StringValue": value} for name, value in values.items()}


def _send_review(outputs: Outputs, document_key: str, result: BiometryResult, target: ObjectRef) -> None:
    from biometry.pipeline.review import review_message

    outputs.sqs.send_message(
        QueueUrl=outputs.review_queue_url,
        MessageBody=review_message(document_key, result, target),
        MessageAttributes={
            "document_key": {"DataType": "String", "StringValue": document_key},
            "reasons": {
                "DataType": "String",
                "StringValue": ",".join(i.code for i in result.extraction.issues) or "none",
            },
        },
    )


def _mark(outputs: Outputs, document_key: str, revision: int, update: str) -> None:
    """Record that a message went out; retried in-process so a blip after sending never sends it twice."""
    _retrying(
        lambda: outputs.dynamodb.update_item(
            TableName=outputs.table_name,
            Key={"document_key": {"S": document_key}},
            UpdateExpression=update,
            ConditionExpression="revision = :revision",
            ExpressionAttributeValues={":now": {"N": str(time.time())}, ":revision": {"N": str(revision)}},
        )
    )


def _retrying(call: Callable[[], Any]) -> None:
    for attempt in range(MARK_ATTEMPTS):
        try:
            call()
            return
        except ClientError as error:
            if condition_failed(error) or attempt == MARK_ATTEMPTS - 1:
                raise
            time.sleep(MARK_BACKOFF_S * 2**attempt)
