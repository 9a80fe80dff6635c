"""Lambda "Read Textract results": every page of a finished Textract job into the document work file."""

from __future__ import annotations

from typing import Any

import boto3
from aws_lambda_powertools.utilities.typing import LambdaContext

from biometry.pipeline.handler import logger, step_handler
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import StepPayload
from biometry.pipeline.steps import read_textract

s3 = boto3.client("s3")
textract = boto3.client("textract")


@step_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Read the Textract job once; the state machine waits and calls again while it runs."""
    meter = StepMeter("read_textract", context)
    payload = read_textract(StepPayload.model_validate(event), s3=s3, textract_client=textract, usage=meter.usage)
    logger.info("textract polled", extra={"document_key": payload.document_key, "stage": payload.stage})
    return meter.finish(payload)
