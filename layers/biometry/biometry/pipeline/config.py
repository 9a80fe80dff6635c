"""Step configuration from the Lambda environment (names set by template.yaml and the local runtime)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from biometry.metering import price_table
from biometry.pipeline.errors import PipelineConfigError
from biometry.pipeline.publish import Outputs


def require(name: str, env: Mapping[str, str] | None = None) -> str:
    """An environment variable the step cannot run without."""
    value = (env if env is not None else os.environ).get(name, "")
    if not value:
        raise PipelineConfigError(f"environment variable {name} is not set")
    return value


def outputs_from_env(
    *, s3: Any, dynamodb: Any, sns: Any, sqs: Any = None, env: Mapping[str, str] | None = None
) -> Outputs:
    """Where finished documents go, as configured (the topic and review queue only for the steps that send)."""
    env = env if env is not None else os.environ
    return Outputs(
        s3=s3,
        dynamodb=dynamodb,
        sns=sns,
        table_name=require("TABLE_NAME", env),
        topic_arn=require("TOPIC_ARN", env) if sns is not None else "",
        prices=price_table(env),
        sqs=sqs,
        review_queue_url=require("REVIEW_QUEUE_URL", env) if sqs is not None else "",
    )


def llm_env(secret: str | None = None, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment the LLM tier reads, with the RunPod API key (from Secrets Manager) added when given."""
    merged = dict(env if env is not None else os.environ)
    if secret:
        merged["RUNPOD_API_KEY"] = secret
    return merged
