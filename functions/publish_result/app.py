"""Lambda "Publish result": price the accepted result and record the one terminal state (Notify tells the world)."""

from __future__ import annotations

from typing import Any

import boto3
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from biometry.pipeline.config import outputs_from_env
from biometry.pipeline.handler import logger, metrics, step_handler
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import StepPayload
from biometry.pipeline.publish import publish_result

s3 = boto3.client("s3")
dynamodb = boto3.client("dynamodb")


@step_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Record one accepted document (a duplicate run finds the terminal state taken and records nothing)."""
    meter = StepMeter("publish_result", context)
    outputs = outputs_from_env(s3=s3, dynamodb=dynamodb, sns=None)
    payload = StepPayload.model_validate(event)
    result, recorded = publish_result(payload, outputs=outputs, meter=meter)
    if recorded.won:
        metrics.add_metric(name=f"Documents_{result.status}_{result.extraction.method}", unit=MetricUnit.Count, value=1)
        metrics.add_metric(name="CostUsd", unit=MetricUnit.NoUnit, value=result.cost.total_usd if result.cost else 0.0)
    logger.info(
        "published", extra={"document_key": payload.document_key, "method": payload.method, "won": recorded.won}
    )
    return meter.finish(payload)
