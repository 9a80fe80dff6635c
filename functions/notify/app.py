"""Lambda "Notify": results/ file, review message and SNS notification for the terminal state this run recorded."""

from __future__ import annotations

from typing import Any

import boto3
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from biometry.metering import Usage
from biometry.pipeline.config import outputs_from_env
from biometry.pipeline.handler import logger, metrics, step_handler
from biometry.pipeline.notify import notify
from biometry.pipeline.payload import StepPayload

s3 = boto3.client("s3")
dynamodb = boto3.client("dynamodb")
sns = boto3.client("sns")
sqs = boto3.client("sqs")


@step_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Notify once per terminal state; a retry or a losing duplicate run notifies nothing."""
    outputs = outputs_from_env(s3=s3, dynamodb=dynamodb, sns=sns, sqs=sqs)
    payload = StepPayload.model_validate(event)
    outcome = notify(payload.document_key, payload.run_id, outputs=outputs, usage=Usage(step="notify"))
    metrics.add_metric(name=f"Notify_{outcome}", unit=MetricUnit.Count, value=1)
    logger.info("notify", extra={"document_key": payload.document_key, "outcome": outcome})
    return {"document_key": payload.document_key, "notify": outcome}
