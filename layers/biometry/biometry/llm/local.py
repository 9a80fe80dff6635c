"""The LLM tier on one machine (`biometry parse --llm URL`): submit, poll until a deadline, merge, or say why not."""

from __future__ import annotations

import time
from urllib.parse import urlparse

from biometry.document import Document
from biometry.errors import BiometryError, PhiUnredactable
from biometry.llm.tier import LlmProvider, build_llm_request, merge_llm_answer, poll_job
from biometry.models import BiometryResult, Issue

POLL_INTERVAL_S = 1.0
LOCAL_ENDPOINT_ID = "local"


def provider_for_url(url: str, model: str | None = None) -> LlmProvider:
    """An OpenAI-compatible server when the URL ends in `/v1` (Ollama, vLLM, llama-server), else a RunPod-style API.

    A RunPod-style URL is the API root: the local worker behind `gpu_worker/local_adapter.py` (endpoint `local`),
    or `https://api.runpod.ai/v2/ENDPOINT_ID`.
    """
    if urlparse(url).path.rstrip("/").endswith("/v1"):
        from biometry.llm.openai_client import OpenAiCompatibleClient

        return OpenAiCompatibleClient(url, model or "biometry")
    from biometry.llm.runpod_client import RunPodClient

    root, _, endpoint = url.rstrip("/").rpartition("/")
    if "api.runpod.ai" in url:
        return RunPodClient(endpoint, _runpod_key(), base_url=root)
    return RunPodClient(LOCAL_ENDPOINT_ID, "local", base_url=url)


def run_llm_tier(
    document: Document, regex_result: BiometryResult, provider: LlmProvider, *, timeout_s: float = 180.0
) -> BiometryResult:
    """The regex result improved by the LLM tier, or the regex result with the reason the LLM tier failed."""
    try:
        job_id = provider.submit(build_llm_request(document, regex_result), regex_result.document_id)
        deadline = time.time() + timeout_s
        while True:
            job = poll_job(provider, job_id, deadline_epoch_s=deadline, now_epoch_s=time.time())
            if job.status == "COMPLETED":
                return merge_llm_answer(job, document, regex_result, provider.method)
            time.sleep(POLL_INTERVAL_S)
    except (BiometryError, OSError) as error:
        code = error.code if isinstance(error, PhiUnredactable) else "llm_unavailable"
        issue = Issue(code=code, severity="error", message=f"The LLM tier failed: {error}")
        issues = [*regex_result.extraction.issues, issue]
        return regex_result.model_copy(
            update={"extraction": regex_result.extraction.model_copy(update={"issues": issues})}
        )


def _runpod_key() -> str:
    import os

    key = os.environ.get("RUNPOD_API_KEY", "")
    if not key:
        from biometry.errors import LlmUnavailable

        raise LlmUnavailable("RUNPOD_API_KEY is not set.")
    return key
