"""Lambda "Resolve review": a reviewer's result saved under reviewed/ is published as manual or sent back to review."""

from __future__ import annotations

import os
from typing import Any

import boto3
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from biometry.metering import Usage
from biometry.pipeline.config import outputs_from_env
from biometry.pipeline.handler import logger, metrics, step_handler
from biometry.pipeline.payload import ObjectRef
from biometry.pipeline.resolve import resolve_review

s3 = boto3.client("s3")
dynamodb = boto3.client("dynamodb")
sns = boto3.client("sns")
sqs = boto3.client("sqs")


@step_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """One S3 "Object Created" event under reviewed/ (EventBridge); the outcome is a metric and a log line."""
    detail = event["detail"]
    reviewed = ObjectRef(
        bucket=detail["bucket"]["name"], key=detail["object"]["key"], version_id=detail["object"].get("version-id")
    )
    outputs = outputs_from_env(s3=s3, dynamodb=dynamodb, sns=sns, sqs=sqs)
    local_ocr = os.environ.get("LOCAL_OCR") == "1"
    resolution = resolve_review(reviewed, outputs=outputs, usage=Usage(step="resolve_review"), local_ocr=local_ocr)
    metrics.add_metric(name=f"Resolutions_{resolution.outcome}", unit=MetricUnit.Count, value=1)
    logger.info(
        "resolved",
        extra={"document_key": resolution.document_key, "outcome": resolution.outcome, "revision": resolution.revision},
    )
    return {"document_key": resolution.document_key, "outcome": resolution.outcome, "revision": resolution.revision}
