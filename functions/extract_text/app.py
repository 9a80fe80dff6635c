"""Lambda "Extract text": the upload's words into a work file (text layer, local OCR or Textract)."""

from __future__ import annotations

import os
from typing import Any

import boto3
from aws_lambda_powertools.utilities.typing import LambdaContext

from biometry.pipeline.handler import logger, step_handler
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import StepPayload
from biometry.pipeline.steps import extract_text

s3 = boto3.client("s3")
textract = boto3.client("textract")


@step_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Extract the text of one document."""
    meter = StepMeter("extract_text", context)
    local_ocr = os.environ.get("LOCAL_OCR") == "1"
    payload = StepPayload.model_validate(event)
    payload = extract_text(payload, s3=s3, textract_client=textract, local_ocr=local_ocr, usage=meter.usage)
    logger.info("text extracted", extra={"document_key": payload.document_key, "stage": payload.stage})
    return meter.finish(payload)
