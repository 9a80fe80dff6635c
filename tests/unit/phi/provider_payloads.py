"""What each provider would send, captured at its transport: RunPod, OpenAI-compatible, Amazon Bedrock."""

from __future__ import annotations

import json
from typing import Any

from biometry.llm.bedrock_client import converse_request
from biometry.llm.openai_client import OpenAiCompatibleClient
from biometry.llm.runpod_client import RunPodClient
from biometry.llm.tier import LlmRequest

_COMPLETION = {"choices": [{"message": {"content": '{"OD": null}'}, "finish_reason": "stop"}]}


def provider_payloads(request: LlmRequest) -> dict[str, str]:
    """Each provider's request body for `request`, as the JSON text it puts on the wire."""
    return {"runpod": _runpod(request), "openai": _openai(request), "bedrock": _dumped(converse_request("m", request))}


def _runpod(request: LlmRequest) -> str:
    sent: list[dict[str, Any] | None] = []
    client = RunPodClient("ep", "key", transport=lambda m, u, body, h: sent.append(body) or {"id": "job"})
    client.submit(request, "document-key")
    return _dumped(sent[0])


def _openai(request: LlmRequest) -> str:
    sent: list[dict[str, Any] | None] = []
    client = OpenAiCompatibleClient(
        "http://127.0.0.1:9/v1", "m", transport=lambda m, u, body, h: sent.append(body) or _COMPLETION
    )
    client.submit(request, "document-key")
    return _dumped(sent[0])


def _dumped(body: Any) -> str:
    return json.dumps(body, ensure_ascii=False)
