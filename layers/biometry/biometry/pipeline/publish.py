"""Publish: the result JSON under results/ with its cost, the documents table, and a small SNS notification."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from biometry.errors import BiometryError
from biometry.metering import Usage, build_cost, express_usage
from biometry.models import BiometryResult
from biometry.pipeline import workfiles
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import ObjectRef, StepPayload
from biometry.pipeline.steps import device_name

LLM_PATH_TRANSITIONS_AT_END = 2  # the "Accepted by LLM?" choice and the final task


@dataclass(frozen=True)
class Outputs:
    """Where a finished document goes."""

    s3: Any
    dynamodb: Any
    sns: Any
    table_name: str
    topic_arn: str
    prices: dict[str, float]


class PublishError(BiometryError):
    """Publish was asked to deliver a document that has no result."""

    code = "publish_failed"


def publish_result(payload: StepPayload, *, outputs: Outputs, meter: StepMeter) -> BiometryResult:
    """Deliver the current result (accepted by regex or by the LLM tier); returns it priced."""
    if payload.result is None:
        raise PublishError("publish needs a result")
    result = workfiles.load_result(outputs.s3, payload.result, meter.usage)
    return deliver(payload, result, outputs=outputs, meter=meter)[0]


def deliver(
    payload: StepPayload,
    result: BiometryResult,
    *,
    outputs: Outputs,
    meter: StepMeter,
    on_first: Callable[[BiometryResult, ObjectRef], None] | None = None,
) -> tuple[BiometryResult, bool]:
    """Write the priced result, record the one terminal state, notify; False when a duplicate got there first."""
    _count_final_leg(payload, meter.usage)
    cost = build_cost([*payload.metering, meter.snapshot()], outputs.prices)
    result = result.model_copy(update={"cost": cost})
    usage = meter.usage
    ref = workfiles.save_result(outputs.s3, workfiles.result_ref(payload.source, payload.document_key), result, usage)
    if not _record_terminal(outputs, payload, result, ref):
        return result, False
    if on_first is not None:
        on_first(result, ref)
    outputs.sns.publish(
        TopicArn=outputs.topic_arn, Message=notification(payload, result, ref), MessageAttributes=_attributes(result)
    )
    outputs.dynamodb.update_item(
        TableName=outputs.table_name,
        Key={"document_key": {"S": payload.document_key}},
        UpdateExpression="SET notified_at = :now",
        ExpressionAttributeValues={":now": {"N": str(time.time())}},
    )
    return result, True


def notification(payload: StepPayload, result: BiometryResult, ref: ObjectRef) -> str:
    """The SNS message: a pointer to the result and the fields subscribers route on (no PHI)."""
    body = {
        "document_key": payload.document_key,
        "document_id": result.document_id,
        "source": payload.source.uri,
        "result": ref.uri,
        "status": result.status,
        "device": device_name(result),
        "method": result.extraction.method,
        "confidence": result.extraction.confidence,
        "cost_usd": result.cost.total_usd if result.cost else None,
    }
    return json.dumps(body)


def _attributes(result: BiometryResult) -> dict[str, dict[str, str]]:
    values = {"status": result.status, "device": device_name(result), "method": result.extraction.method}
    return {name: {"DataType": "String", "StringValue": value} for name, value in values.items()}


def _count_final_leg(payload: StepPayload, usage: Usage) -> None:
    if payload.path == "llm":
        usage.add("sfn_standard_transitions", LLM_PATH_TRANSITIONS_AT_END)
    else:
        express_usage(usage, (time.time() - payload.received_epoch) * 1000)
    usage.add("s3_put_requests")
    usage.add("dynamodb_write_units", 2)
    usage.add("sns_publishes")


def _record_terminal(outputs: Outputs, payload: StepPayload, result: BiometryResult, ref: ObjectRef) -> bool:
    cost = result.cost.total_usd if result.cost else 0.0
    values = {
        ":status": {"S": result.status},
        ":device": {"S": device_name(result)},
        ":method": {"S": result.extraction.method},
        ":confidence": {"N": str(result.extraction.confidence)},
        ":cost": {"N": f"{cost:.9f}"},
        ":finished": {"N": str(time.time())},
        ":result": {"S": ref.uri},
        ":source": {"S": payload.source.uri},
    }
    try:
        outputs.dynamodb.update_item(
            TableName=outputs.table_name,
            Key={"document_key": {"S": payload.document_key}},
            UpdateExpression=(
                "SET #status = :status, device = :device, #method = :method, confidence = :confidence, "
                "cost_usd = :cost, finished_at = :finished, result_uri = :result, source_uri = :source"
            ),
            ConditionExpression="attribute_not_exists(notified_at)",
            ExpressionAttributeNames={"#status": "status", "#method": "method"},
            ExpressionAttributeValues=values,
        )
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
            return False
        raise
    return True
