"""Lambda "Extract with Bedrock": the LLM fallback on Amazon Bedrock when the GPU worker is unavailable."""

from __future__ import annotations

import os
from typing import Any

import boto3
from aws_lambda_powertools.utilities.typing import LambdaContext

from biometry.pipeline.handler import logger, step_handler
from biometry.pipeline.llm_steps import extract_with_bedrock
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import StepPayload

s3 = boto3.client("s3")
bedrock = boto3.client("bedrock-runtime")


@step_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Extract one document with Bedrock; raises BedrockUnavailable when none is configured or it fails."""
    meter = StepMeter("bedrock_extract", context)
    meter.usage.add("sfn_standard_transitions")
    payload = StepPayload.model_validate(event).model_copy(update={"path": "llm"})
    model_id = os.environ.get("BEDROCK_MODEL_ID", "")
    payload = extract_with_bedrock(payload, s3=s3, bedrock=bedrock, model_id=model_id, usage=meter.usage)
    logger.info("bedrock answered", extra={"document_key": payload.document_key, "status": payload.status})
    return meter.finish(payload)
