"""Amazon Bedrock Converse with one forced extraction tool; throttling retried with backoff, truncation a failure."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from biometry.errors import BedrockUnavailable, LlmOutputError
from biometry.llm.schema import SCHEMA_NAME
from biometry.llm.tier import LlmJob, LlmRequest

ATTEMPTS = 4
BASE_DELAY_S = 1.0
_RETRYABLE = frozenset({"ThrottlingException", "ServiceUnavailableException", "ModelNotReadyException"})


def converse_request(model_id: str, request: LlmRequest) -> dict[str, Any]:
    """The Converse parameters: the prompt, a token cap, and one tool whose input schema is the extraction."""
    tool = {
        "toolSpec": {
            "name": SCHEMA_NAME,
            "description": "Record the biometry values read from the report.",
            "inputSchema": {"json": request.json_schema},
        }
    }
    return {
        "modelId": model_id,
        "messages": [{"role": "user", "content": [{"text": request.prompt}]}],
        "inferenceConfig": {"maxTokens": request.max_tokens, "temperature": 0.0},
        "toolConfig": {"tools": [tool], "toolChoice": {"tool": {"name": SCHEMA_NAME}}},
    }


def converse_extract(
    client: Any,
    model_id: str,
    request: LlmRequest,
    *,
    attempts: int = ATTEMPTS,
    sleep: Callable[[float], None] = time.sleep,
) -> LlmJob:
    """Call Converse, retrying throttling; raises BedrockUnavailable or LlmOutputError, never returns empty."""
    params = converse_request(model_id, request)
    for attempt in range(attempts):
        try:
            return _job(model_id, client.converse(**params))
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            if code not in _RETRYABLE or attempt == attempts - 1:
                raise BedrockUnavailable(f"Bedrock {code or 'error'} after {attempt + 1} attempts.") from error
            sleep(BASE_DELAY_S * 2**attempt)
        except BotoCoreError as error:
            raise BedrockUnavailable(f"Bedrock unreachable: {type(error).__name__}.") from error
    raise BedrockUnavailable("Bedrock was not called (attempts < 1).")


def _job(model_id: str, response: dict[str, Any]) -> LlmJob:
    if response.get("stopReason") == "max_tokens":
        raise BedrockUnavailable("Bedrock stopped at max_tokens: the extraction is truncated.")
    blocks = response.get("output", {}).get("message", {}).get("content", [])
    tool_inputs = [b["toolUse"]["input"] for b in blocks if "toolUse" in b]
    if not tool_inputs or not isinstance(tool_inputs[0], dict) or not tool_inputs[0]:
        raise LlmOutputError("Bedrock answered without the extraction tool's input.")
    usage = response.get("usage", {})
    metrics = response.get("metrics", {})
    return LlmJob(
        job_id=response.get("ResponseMetadata", {}).get("RequestId") or "bedrock",
        status="COMPLETED",
        output=tool_inputs[0],
        usage={
            "input_tokens": float(usage.get("inputTokens", 0)),
            "output_tokens": float(usage.get("outputTokens", 0)),
            "latency_ms": float(metrics.get("latencyMs", 0)),
        },
        model=model_id,
    )
