"""Run a document again: expire its lease (or reopen a needs_review result) and put its upload event back."""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError

from biometry.errors import BiometryError
from biometry.metering import Usage
from biometry.pipeline import workfiles
from biometry.pipeline.claim import condition_failed
from biometry.pipeline.payload import ObjectRef
from biometry.pipeline.terminal import MANUAL, read_item

REDRIVE_SOURCE = "biometry.redrive"


class RedriveError(BiometryError):
    """The document cannot be re-driven as asked (unknown key, manual result, finished without --reprocess)."""

    code = "redrive_refused"


def redrive(
    document_key: str,
    *,
    dynamodb: Any,
    s3: Any,
    sqs: Any,
    table: str,
    bucket: str,
    ingest_queue_url: str,
    reprocess: bool = False,
) -> ObjectRef:
    """Make the document claimable again and enqueue its upload event; the starter runs it like a new upload."""
    item = read_item(dynamodb, table, document_key)
    if not item:
        raise RedriveError(f"no document {document_key} in {table}")
    if "terminal_at" in item:
        _reopen(dynamodb, table, document_key, item, reprocess)
    else:
        _expire_lease(dynamodb, table, document_key)
    source = find_source(s3, bucket, document_key, item)
    enqueue(sqs, ingest_queue_url, source)
    return source


def redrive_in_stack(stack: str, document_key: str, *, reprocess: bool = False) -> ObjectRef:
    """`biometry redrive`: the table, bucket and ingest queue from the deployed stack's outputs."""
    import boto3

    outputs = stack_outputs(boto3.client("cloudformation"), stack)
    return redrive(
        document_key,
        dynamodb=boto3.client("dynamodb"),
        s3=boto3.client("s3"),
        sqs=boto3.client("sqs"),
        table=outputs["DocumentsTableName"],
        bucket=outputs["ReportsBucketName"],
        ingest_queue_url=outputs["IngestQueueUrl"],
        reprocess=reprocess,
    )


def stack_outputs(cloudformation: Any, stack: str) -> dict[str, str]:
    """A stack's outputs by key."""
    try:
        (found,) = cloudformation.describe_stacks(StackName=stack)["Stacks"]
    except ClientError as error:
        raise RedriveError(f"stack {stack} not found: {error}") from None
    return {o["OutputKey"]: o["OutputValue"] for o in found.get("Outputs", [])}


def enqueue(sqs: Any, ingest_queue_url: str, source: ObjectRef) -> None:
    """An "Object Created"-shaped event for the upload, as EventBridge would deliver it."""
    obj: dict[str, Any] = {"key": source.key}
    if source.version_id:
        obj["version-id"] = source.version_id
    event = {
        "source": REDRIVE_SOURCE,
        "detail-type": "Object Created",
        "detail": {"bucket": {"name": source.bucket}, "object": obj},
    }
    sqs.send_message(QueueUrl=ingest_queue_url, MessageBody=json.dumps(event))


def find_source(s3: Any, bucket: str, document_key: str, item: dict[str, Any]) -> ObjectRef:
    """The upload behind a key: its source work file, else the published result's `source`."""
    usage = Usage(step="redrive")
    try:
        return workfiles.load_source(s3, bucket, document_key, usage)
    except ClientError:
        if "result_uri" not in item:
            raise RedriveError(f"the source of {document_key} is no longer known (work files expired)") from None
    result = workfiles.load_result(s3, workfiles.ref_from_uri(str(item["result_uri"])), usage)
    return ObjectRef(
        bucket=result.source.bucket or bucket, key=result.source.key or "", version_id=result.source.version_id
    )


def _expire_lease(dynamodb: Any, table: str, document_key: str) -> None:
    _update(
        dynamodb,
        table,
        document_key,
        "SET lease_expires_at = :zero",
        "attribute_not_exists(terminal_at)",
        {},
        "finished while being re-driven; run again with --reprocess",
    )


def _reopen(dynamodb: Any, table: str, document_key: str, item: dict[str, Any], reprocess: bool) -> None:
    if item.get("method") == MANUAL:
        raise RedriveError(f"{document_key} has a manual result; automatic runs never replace it")
    if not reprocess:
        raise RedriveError(f"{document_key} already finished as {item.get('status')}; add --reprocess to run it again")
    _update(
        dynamodb,
        table,
        document_key,
        "SET lease_expires_at = :zero REMOVE terminal_at, terminal_run, finished_at, notified_at, review_sent_at",
        "#method <> :manual",
        {":manual": {"S": MANUAL}},
        "became manual meanwhile",
    )


def _update(
    dynamodb: Any, table: str, document_key: str, update: str, condition: str, values: dict[str, Any], refused: str
) -> None:
    names = {"#method": "method"} if "#method" in condition else {}
    try:
        dynamodb.update_item(
            TableName=table,
            Key={"document_key": {"S": document_key}},
            UpdateExpression=update,
            ConditionExpression=condition,
            ExpressionAttributeValues={":zero": {"N": "0"}, **values},
            **({"ExpressionAttributeNames": names} if names else {}),
        )
    except ClientError as error:
        if condition_failed(error):
            raise RedriveError(f"{document_key} {refused}") from None
        raise
