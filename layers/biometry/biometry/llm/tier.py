"""The LLM tier's interface: build a redacted request, run it on a provider, merge the answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Protocol

from pydantic import BaseModel

from biometry.document import Document
from biometry.errors import GpuUnavailable, LlmUnavailable
from biometry.models import BiometryResult, Method

JobStatus = Literal["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]
MAX_TOKENS = 4096


class LlmRequest(BaseModel):
    """What any provider receives: PHI-free prompt, the flattened JSON schema, a device hint, a token cap."""

    prompt: str
    json_schema: dict[str, Any]
    device_hint: str | None = None
    max_tokens: int = 2048


class LlmJob(BaseModel):
    """A provider job's state; `output` is the model's parsed JSON once COMPLETED; `model` names the model."""

    job_id: str
    status: JobStatus
    output: dict[str, Any] | None = None
    usage: dict[str, float] = {}
    model: str | None = None


class LlmProvider(Protocol):
    """A GPU-hosted model behind submit/poll/cancel (RunPod, or an OpenAI-compatible server)."""

    method: Method

    def submit(self, request: LlmRequest, idempotency_key: str) -> str: ...
    def poll(self, job_id: str) -> LlmJob: ...
    def cancel(self, job_id: str) -> None: ...


def build_llm_request(document: Document, regex_result: BiometryResult) -> LlmRequest:
    """The one prompt builder every provider uses: allow-listed text only; PhiUnredactable when it cannot be proved."""
    from biometry.llm.prompt import build_prompt, redacted_layout_text
    from biometry.llm.schema import extraction_schema

    device = regex_result.device
    hint = " ".join(p for p in (device.manufacturer, device.model, device.software_version) if p) if device else None
    text = redacted_layout_text(document, regex_result.patient)
    return LlmRequest(
        prompt=build_prompt(text, hint), json_schema=extraction_schema(), device_hint=hint, max_tokens=MAX_TOKENS
    )


def provider_from_env(env: Mapping[str, str], *, secrets_client: Any = None) -> LlmProvider | None:
    """The configured GPU provider, or None when none is configured.

    `LLM_PROVIDER=runpod`: RUNPOD_ENDPOINT_ID, the key in RUNPOD_API_KEY or Secrets Manager RUNPOD_API_KEY_SECRET,
    optional RUNPOD_BASE_URL. `LLM_PROVIDER=openai`: OPENAI_BASE_URL, OPENAI_MODEL, optional OPENAI_API_KEY.
    """
    kind = env.get("LLM_PROVIDER", "").strip().lower()
    if kind in ("", "none"):
        return None
    if kind == "runpod":
        return _runpod(env, secrets_client)
    if kind == "openai":
        from biometry.llm.openai_client import OpenAiCompatibleClient

        if not env.get("OPENAI_BASE_URL") or not env.get("OPENAI_MODEL"):
            raise LlmUnavailable("LLM_PROVIDER=openai needs OPENAI_BASE_URL and OPENAI_MODEL.")
        return OpenAiCompatibleClient(env["OPENAI_BASE_URL"], env["OPENAI_MODEL"], api_key=env.get("OPENAI_API_KEY"))
    raise LlmUnavailable(f"Unknown LLM_PROVIDER {kind!r} (runpod, openai or none).")


def poll_job(provider: LlmProvider, job_id: str, *, deadline_epoch_s: float, now_epoch_s: float) -> LlmJob:
    """One poll for the state machine's wait loop; past the deadline an unfinished job is cancelled."""
    job = provider.poll(job_id)
    if job.status != "COMPLETED" and now_epoch_s >= deadline_epoch_s:
        provider.cancel(job_id)
        raise GpuUnavailable(f"GPU job {job_id} still {job.status} at its deadline; cancelled.")
    return job


def bedrock_extract(client: Any, model_id: str, request: LlmRequest) -> LlmJob:
    """Amazon Bedrock Converse with a forced extraction tool; raises BedrockUnavailable / LlmOutputError."""
    from biometry.llm.bedrock_client import converse_extract

    return converse_extract(client, model_id, request)


def merge_llm_answer(
    answer: LlmJob, document: Document, regex_result: BiometryResult, method: Method
) -> BiometryResult:
    """Validate the LLM's values with the one validator (grounding included) and merge with the regex tier's."""
    from biometry.errors import LlmOutputError
    from biometry.llm.merge import merge

    if answer.status != "COMPLETED" or not answer.output:
        raise LlmOutputError(f"LLM job {answer.job_id} has no answer to merge ({answer.status}).")
    return merge(answer.output, document, regex_result, method, f"{method}:{answer.model or 'unknown'}")


def _runpod(env: Mapping[str, str], secrets_client: Any) -> LlmProvider:
    from biometry.llm.runpod_client import API_URL, RunPodClient, api_key_from_secret

    endpoint = env.get("RUNPOD_ENDPOINT_ID")
    if not endpoint:
        raise LlmUnavailable("LLM_PROVIDER=runpod needs RUNPOD_ENDPOINT_ID.")
    key = env.get("RUNPOD_API_KEY")
    if not key and env.get("RUNPOD_API_KEY_SECRET"):
        if secrets_client is None:
            import boto3

            secrets_client = boto3.client("secretsmanager")
        key = api_key_from_secret(secrets_client, env["RUNPOD_API_KEY_SECRET"])
    if not key:
        raise LlmUnavailable("LLM_PROVIDER=runpod needs RUNPOD_API_KEY or RUNPOD_API_KEY_SECRET.")
    return RunPodClient(endpoint, key, base_url=env.get("RUNPOD_BASE_URL", API_URL))
