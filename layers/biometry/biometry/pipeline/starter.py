"""Start one workflow per upload: S3 event -> deterministic execution name, duplicates count as success."""

from __future__ import annotations

import json
import time
from typing import Any, Literal
from urllib.parse import unquote_plus

from botocore.exceptions import ClientError

from biometry.metering import Usage
from biometry.pipeline.errors import TransientAwsError
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import ObjectRef, StepPayload, document_key

Outcome = Literal["started", "duplicate", "ignored"]


def object_from_message(body: str) -> ObjectRef | None:
    """The uploaded object named by an EventBridge "Object Created" event or an S3 notification; None if neither."""
    event = json.loads(body)
    detail = event.get("detail") if isinstance(event, dict) else None
    if isinstance(detail, dict) and "object" in detail:
        obj = detail["object"]
        return ObjectRef(bucket=detail["bucket"]["name"], key=obj["key"], version_id=obj.get("version-id"))
    records = event.get("Records") if isinstance(event, dict) else None
    if records:
        s3 = records[0]["s3"]
        key = unquote_plus(s3["object"]["key"])
        return ObjectRef(bucket=s3["bucket"]["name"], key=key, version_id=s3["object"].get("versionId"))
    return None


def start_for_message(
    body: str, *, sfn: Any, dynamodb: Any, state_machine_arn: str, table_name: str, meter: StepMeter
) -> Outcome:
    """Claim the document in the table and start its execution; a second event for it starts nothing."""
    source = object_from_message(body)
    if source is None:
        return "ignored"
    payload = StepPayload(
        document_key=document_key(source.bucket, source.key, source.version_id),
        source=source,
        received_epoch=time.time(),
    )
    usage = meter.usage
    usage.add("eventbridge_events")
    usage.add("sqs_requests", 3)  # EventBridge delivery, receive, delete
    if not _claim(dynamodb, table_name, payload, usage):
        return "duplicate"
    usage.add("dynamodb_write_units")  # _mark_started below
    payload.metering.append(meter.snapshot())
    try:
        sfn.start_execution(
            stateMachineArn=state_machine_arn, name=payload.document_key, input=payload.model_dump_json()
        )
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code == "ExecutionAlreadyExists":
            return "duplicate"
        if code in {"ThrottlingException", "ServiceUnavailable"}:
            raise TransientAwsError(f"StartExecution throttled: {code}") from error
        raise
    _mark_started(dynamodb, table_name, payload.document_key)
    return "started"


def _claim(dynamodb: Any, table_name: str, payload: StepPayload, usage: Usage) -> bool:
    """True for the first event of a document, or for a retry of one whose start never happened."""
    usage.add("dynamodb_write_units")
    try:
        dynamodb.put_item(
            TableName=table_name,
            Item={
                "document_key": {"S": payload.document_key},
                "status": {"S": "received"},
                "source_uri": {"S": payload.source.uri},
                "received_at": {"N": str(payload.received_epoch)},
            },
            ConditionExpression="attribute_not_exists(document_key) OR attribute_not_exists(started_at)",
        )
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
            return False
        raise
    return True


def _mark_started(dynamodb: Any, table_name: str, key: str) -> None:
    dynamodb.update_item(
        TableName=table_name,
        Key={"document_key": {"S": key}},
        UpdateExpression="SET started_at = :now",
        ExpressionAttributeValues={":now": {"N": str(time.time())}},
    )
