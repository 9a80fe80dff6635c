"""Lambda "Send to review": a needs_review result, its notification, and a readable manual-review message."""

from __future__ import annotations

import os
from typing import Any

import boto3
from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from biometry.pipeline.config import outputs_from_env
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import StepPayload
from biometry.pipeline.review import send_to_review

logger = Logger()
tracer = Tracer()
metrics = Metrics()
s3 = boto3.client("s3")
dynamodb = boto3.client("dynamodb")
sns = boto3.client("sns")
sqs = boto3.client("sqs")


@logger.inject_lambda_context(log_event=False)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Send one document to manual review (once, however often it is called)."""
    meter = StepMeter("send_to_review", context)
    outputs = outputs_from_env(s3=s3, dynamodb=dynamodb, sns=sns)
    payload = StepPayload.model_validate(event)
    result = send_to_review(payload, outputs=outputs, sqs=sqs, queue_url=os.environ["REVIEW_QUEUE_URL"], meter=meter)
    reason = payload.error.Error if payload.error else "not_accepted"
    metrics.add_metric(name="Documents_needs_review_review", unit=MetricUnit.Count, value=1)
    metrics.add_metric(name="CostUsd", unit=MetricUnit.NoUnit, value=result.cost.total_usd if result.cost else 0.0)
    payload = payload.model_copy(update={"status": "needs_review"})
    logger.info("sent to review", extra={"document_key": payload.document_key, "reason": reason})
    return meter.finish(payload)
