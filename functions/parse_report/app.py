"""Lambda "Parse with regex": the device parsers and the one validator over the document work file."""

from __future__ import annotations

from typing import Any

import boto3
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from biometry.pipeline.handler import logger, metrics, step_handler
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import StepPayload
from biometry.pipeline.steps import parse_report

s3 = boto3.client("s3")


@step_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Parse one document with the regex tier."""
    meter = StepMeter("parse_report", context)
    payload = parse_report(StepPayload.model_validate(event), s3=s3, usage=meter.usage)
    metrics.add_metric(name=f"Regex_{payload.status}", unit=MetricUnit.Count, value=1)
    logger.info(
        "parsed", extra={"document_key": payload.document_key, "status": payload.status, "device": payload.device}
    )
    return meter.finish(payload)
