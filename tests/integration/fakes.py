"""Fakes of the LLM tier (its real functions are tested in their own suite)."""

from __future__ import annotations

from typing import Any

import pytest

from biometry.document import Document
from biometry.errors import GpuUnavailable
from biometry.llm import tier
from biometry.models import BiometryResult, Method
from tests.integration.conftest import make_result


class FakeGpu:
    """A GPU provider that answers after `polls` polls, or whose submit fails."""

    method: Method = "gpu_llm"

    def __init__(self, *, polls: int = 1, down: bool = False) -> None:
        self.polls, self.down, self.seen = polls, down, 0

    def submit(self, request: tier.LlmRequest, idempotency_key: str) -> str:
        if self.down:
            raise GpuUnavailable("GPU worker returned HTTP 503")
        return f"job-{idempotency_key[:8]}"

    def poll(self, job_id: str) -> tier.LlmJob:
        self.seen += 1
        status = "COMPLETED" if self.seen >= self.polls else "IN_PROGRESS"
        return tier.LlmJob(job_id=job_id, status=status, output={}, usage={"runpod_gpu_seconds": 2.5})

    def cancel(self, job_id: str) -> None:
        return None


def _merge(answer: tier.LlmJob, document: Document, regex_result: BiometryResult, method: Method) -> BiometryResult:
    return make_result(document, "accepted", method)


def _bedrock(client: Any, model_id: str, request: tier.LlmRequest) -> tier.LlmJob:
    return tier.LlmJob(job_id="bedrock", status="COMPLETED", output={}, usage={"bedrock_input_tokens": 1500})


def install_llm_tier(monkeypatch: pytest.MonkeyPatch, gpu: FakeGpu | None, *, bedrock_model: str = "") -> None:
    """Replace the LLM tier's functions with fakes; `gpu=None` means no GPU provider configured."""
    monkeypatch.setattr(tier, "provider_from_env", lambda env: gpu)
    monkeypatch.setattr(tier, "build_llm_request", lambda d, r: tier.LlmRequest(prompt="p", json_schema={}))
    monkeypatch.setattr(tier, "merge_llm_answer", _merge)
    monkeypatch.setattr(tier, "bedrock_extract", _bedrock)
    monkeypatch.setenv("BEDROCK_MODEL_ID", bedrock_model)
