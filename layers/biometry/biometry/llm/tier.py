"""The LLM tier's interface: build a redacted request, run it on a provider, merge the answer (owned by the LLM tier)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Protocol

from pydantic import BaseModel

from biometry.document import Document
from biometry.models import BiometryResult, Method

JobStatus = Literal["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]


class LlmRequest(BaseModel):
    """What any provider receives: PHI-free prompt text, the flattened JSON schema, a device hint, a token cap."""

    prompt: str
    json_schema: dict[str, Any]
    device_hint: str | None = None
    max_tokens: int = 2048


class LlmJob(BaseModel):
    """A provider job's state; `output` is the model's parsed JSON once COMPLETED."""

    job_id: str
    status: JobStatus
    output: dict[str, Any] | None = None
    usage: dict[str, float] = {}


class LlmProvider(Protocol):
    """A GPU-hosted model behind submit/poll/cancel (RunPod, or an OpenAI-compatible server)."""

    method: Method

    def submit(self, request: LlmRequest, idempotency_key: str) -> str: ...
    def poll(self, job_id: str) -> LlmJob: ...
    def cancel(self, job_id: str) -> None: ...


def build_llm_request(document: Document, regex_result: BiometryResult) -> LlmRequest:
    """The one prompt builder every provider uses (PHI redacted)."""
    raise NotImplementedError("implemented by the LLM tier")


def provider_from_env(env: Mapping[str, str]) -> LlmProvider | None:
    """The configured GPU provider, or None when none is configured."""
    raise NotImplementedError("implemented by the LLM tier")


def bedrock_extract(client: Any, model_id: str, request: LlmRequest) -> LlmJob:
    """Amazon Bedrock Converse with a forced extraction tool; raises BedrockUnavailable / LlmOutputError."""
    raise NotImplementedError("implemented by the LLM tier")


def merge_llm_answer(
    answer: LlmJob, document: Document, regex_result: BiometryResult, method: Method
) -> BiometryResult:
    """Validate the LLM's values with the one validator (grounding included) and merge with the regex tier's."""
    raise NotImplementedError("implemented by the LLM tier")
