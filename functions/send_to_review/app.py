"""Lambda "Send to review": record a needs_review result saying why (never over a terminal state)."""

from __future__ import annotations

from typing import Any

import boto3
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from biometry.pipeline.config import outputs_from_env
from biometry.pipeline.handler import logger, metrics, step_handler
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import StepPayload
from biometry.pipeline.review import send_to_review

s3 = boto3.client("s3")
dynamodb = boto3.client("dynamodb")


@step_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Record one document as needs_review (once, however often it is called); Notify queues the message."""
    meter = StepMeter("send_to_review", context)
    outputs = outputs_from_env(s3=s3, dynamodb=dynamodb, sns=None)
    payload = StepPayload.model_validate(event)
    result, recorded = send_to_review(payload, outputs=outputs, meter=meter)
    reason = payload.error.Error if payload.error else "not_accepted"
    if recorded.won:
        metrics.add_metric(name="Documents_needs_review_review", unit=MetricUnit.Count, value=1)
        metrics.add_metric(name="CostUsd", unit=MetricUnit.NoUnit, value=result.cost.total_usd if result.cost else 0.0)
    payload = payload.model_copy(update={"status": "needs_review"}) if recorded.won else payload
    logger.info("sent to review", extra={"document_key": payload.document_key, "reason": reason, "won": recorded.won})
    return meter.finish(payload)
