"""Start one workflow per upload: claim its document key, run the fast path synchronously; duplicates start nothing."""

from __future__ import annotations

import json
import time
from typing import Any, Literal
from urllib.parse import unquote_plus

from botocore.exceptions import ClientError

from biometry.pipeline import workfiles
from biometry.pipeline.claim import claim, release
from biometry.pipeline.errors import TRANSIENT_CODES, ExecutionDidNotFinish, TransientAwsError
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import ObjectRef, StepPayload, document_key

Outcome = Literal["finished", "duplicate", "ignored"]


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
    body: str, *, sfn: Any, dynamodb: Any, s3: Any, state_machine_arn: str, table_name: str, meter: StepMeter
) -> Outcome:
    """Claim the document and run its fast path to the end (synchronously, so the ingest queue's maximum concurrency
    bounds the work in flight); a second event for a claimed or finished document starts nothing."""
    source = object_from_message(body)
    if source is None:
        return "ignored"
    key = document_key(source.bucket, source.key, source.version_id)
    usage = meter.usage
    usage.add("eventbridge_events")
    usage.add("sqs_requests", 3)  # EventBridge delivery, receive, delete
    usage.add("dynamodb_write_units")
    won = claim(dynamodb, table_name, key)
    if won is None:
        return "duplicate"
    workfiles.save_source(s3, source, key, usage)
    payload = StepPayload(
        document_key=key, source=source, received_epoch=time.time(), run_id=won.run_id, attempt=won.attempt
    )
    payload.metering.append(meter.snapshot())
    try:
        answer = _start_sync(sfn, state_machine_arn, payload)
    except BaseException:
        release(dynamodb, table_name, key, won.run_id)
        raise
    if answer.get("status") != "SUCCEEDED":
        release(dynamodb, table_name, key, won.run_id)
        raise ExecutionDidNotFinish(f"fast path ended {answer.get('status')}: {answer.get('error', 'no error name')}")
    return "finished"


def _start_sync(sfn: Any, state_machine_arn: str, payload: StepPayload) -> dict[str, Any]:
    try:
        answer: dict[str, Any] = sfn.start_sync_execution(
            stateMachineArn=state_machine_arn,
            name=f"{payload.document_key}-{payload.attempt}",
            input=payload.model_dump_json(),
        )
    except ClientError as error:
        if error.response.get("Error", {}).get("Code", "") in TRANSIENT_CODES:
            raise TransientAwsError("StartSyncExecution throttled") from error
        raise
    return answer
