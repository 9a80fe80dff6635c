"""Lambda "Poll GPU worker": one status check of the LLM job; merges and validates a finished answer."""

from __future__ import annotations

import os
from typing import Any

import boto3
from aws_lambda_powertools.utilities import parameters
from aws_lambda_powertools.utilities.typing import LambdaContext

from biometry.llm import tier
from biometry.pipeline.config import llm_env
from biometry.pipeline.handler import logger, step_handler
from biometry.pipeline.llm_steps import poll_gpu
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import StepPayload

s3 = boto3.client("s3")
POLL_TRANSITIONS = 3  # "Wait for GPU worker", this task, "GPU worker finished?"


@step_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Poll the job once; raises GpuUnavailable past the deadline (the job is cancelled)."""
    meter = StepMeter("llm_poll", context)
    meter.usage.add("sfn_standard_transitions", POLL_TRANSITIONS)
    secret_name = os.environ.get("RUNPOD_API_KEY_SECRET", "")
    secret = str(parameters.get_secret(secret_name, max_age=300)) if secret_name else None
    payload = poll_gpu(
        StepPayload.model_validate(event), s3=s3, provider=tier.provider_from_env(llm_env(secret)), usage=meter.usage
    )
    logger.info("llm job polled", extra={"document_key": payload.document_key, "stage": payload.stage})
    return meter.finish(payload)
