"""Lambda "Submit to GPU worker": the redacted LLM request to the configured GPU provider (RunPod or compatible)."""

from __future__ import annotations

import os
from typing import Any

import boto3
from aws_lambda_powertools.utilities import parameters
from aws_lambda_powertools.utilities.typing import LambdaContext

from biometry.llm import tier
from biometry.pipeline.claim import LLM_LEASE_S, extend_lease
from biometry.pipeline.config import llm_env
from biometry.pipeline.handler import logger, step_handler
from biometry.pipeline.llm_steps import submit_to_gpu
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import StepPayload

s3 = boto3.client("s3")
dynamodb = boto3.client("dynamodb")


@step_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Submit one document's LLM job; raises LlmUnavailable when no provider is configured."""
    meter = StepMeter("llm_submit", context)
    meter.usage.add("sfn_standard_transitions")
    secret_name = os.environ.get("RUNPOD_API_KEY_SECRET", "")
    secret = str(parameters.get_secret(secret_name, max_age=300)) if secret_name else None
    provider = tier.provider_from_env(llm_env(secret))
    payload = StepPayload.model_validate(event).model_copy(update={"path": "llm"})
    extend_lease(dynamodb, os.environ["TABLE_NAME"], payload.document_key, payload.run_id, LLM_LEASE_S)
    deadline_s = float(os.environ.get("GPU_DEADLINE_SECONDS", "300"))
    payload = submit_to_gpu(payload, s3=s3, provider=provider, usage=meter.usage, deadline_s=deadline_s)
    logger.info("llm job submitted", extra={"document_key": payload.document_key})
    return meter.finish(payload)
