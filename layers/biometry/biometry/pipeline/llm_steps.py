"""The LLM path's steps: submit to the GPU worker, poll it to a deadline, or ask Amazon Bedrock."""

from __future__ import annotations

import contextlib
import json
import time
from typing import Any

from botocore.exceptions import ClientError

from biometry.document import Document
from biometry.errors import BedrockUnavailable, GpuUnavailable, LlmOutputError, LlmUnavailable
from biometry.llm import tier
from biometry.metering import Usage
from biometry.models import BiometryResult, Method
from biometry.pipeline import workfiles
from biometry.pipeline.payload import LlmJobRef, ObjectRef, StepPayload
from biometry.pipeline.terminal import device_name

GPU_DEADLINE_S = 300.0


def submit_to_gpu(
    payload: StepPayload,
    *,
    s3: Any,
    provider: tier.LlmProvider | None,
    usage: Usage,
    deadline_s: float = GPU_DEADLINE_S,
) -> StepPayload:
    """Submit the redacted request to the GPU worker once per attempt: the job id is kept in a work file, so a
    retried submit finds the job instead of starting a second one."""
    if provider is None:
        raise LlmUnavailable("no LLM endpoint configured")
    job_file = workfiles.work_ref(payload.source, payload.document_key, f"gpu_job-{payload.attempt}.json")
    job_id = _persisted_job_id(s3, job_file, usage)
    if job_id is None:
        document, regex_result = _inputs(payload, s3, usage)
        request = tier.build_llm_request(document, regex_result)
        job_id = provider.submit(request, f"{payload.document_key}-{payload.attempt}")
        workfiles.write_text(s3, job_file, json.dumps({"job_id": job_id}), usage)
    job = LlmJobRef(job_id=job_id, deadline_epoch=time.time() + deadline_s)
    return payload.model_copy(update={"stage": "llm_running", "llm_job": job})


def poll_gpu(payload: StepPayload, *, s3: Any, provider: tier.LlmProvider | None, usage: Usage) -> StepPayload:
    """One poll: merge a finished answer, keep waiting, or give up (cancel) past the deadline."""
    if provider is None or payload.llm_job is None:
        raise LlmUnavailable("no LLM endpoint configured")
    try:
        job = provider.poll(payload.llm_job.job_id)
    except (GpuUnavailable, LlmOutputError):
        _cancel_quietly(provider, payload.llm_job.job_id)  # the LLM path falls back to Bedrock: stop paying for it
        raise
    if job.status != "COMPLETED":
        if time.time() > payload.llm_job.deadline_epoch:
            provider.cancel(payload.llm_job.job_id)
            raise GpuUnavailable(f"GPU worker missed its deadline (job {job.status})")
        return payload
    return _merged(payload, s3, job, provider.method, usage)


def extract_with_bedrock(payload: StepPayload, *, s3: Any, bedrock: Any, model_id: str, usage: Usage) -> StepPayload:
    """Amazon Bedrock as the fallback when the GPU worker is unavailable."""
    if not model_id:
        raise BedrockUnavailable("no Bedrock model configured")
    document, regex_result = _inputs(payload, s3, usage)
    job = tier.bedrock_extract(bedrock, model_id, tier.build_llm_request(document, regex_result))
    return _merged(payload, s3, job, "bedrock", usage)


def add_job_usage(usage: Usage, job: tier.LlmJob) -> None:
    """Copy a provider's metered units (named as in the price table: runpod_gpu_seconds, bedrock_*_tokens)."""
    for unit, quantity in job.usage.items():
        usage.add(unit, quantity)


def _merged(payload: StepPayload, s3: Any, job: tier.LlmJob, method: Method, usage: Usage) -> StepPayload:
    add_job_usage(usage, job)
    document, regex_result = _inputs(payload, s3, usage)
    result = tier.merge_llm_answer(job, document, regex_result, method)
    target = workfiles.work_ref(payload.source, payload.document_key, f"{method}_result.json")
    ref = workfiles.save_result(s3, target, result, usage)
    update = {
        "stage": "llm_done",
        "result": ref,
        "status": result.status,
        "device": device_name(result),
        "method": result.extraction.method,
    }
    return payload.model_copy(update=update)


def _persisted_job_id(s3: Any, ref: ObjectRef, usage: Usage) -> str | None:
    try:
        return str(json.loads(workfiles.read_bytes(s3, ref, usage))["job_id"])
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
            return None
        raise


def _cancel_quietly(provider: tier.LlmProvider, job_id: str) -> None:
    with contextlib.suppress(LlmUnavailable):  # a job that cannot be cancelled ends by its own execution timeout
        provider.cancel(job_id)


def _inputs(payload: StepPayload, s3: Any, usage: Usage) -> tuple[Document, BiometryResult]:
    if payload.document is None or payload.result is None:
        raise LlmUnavailable("no extracted document to send to the LLM tier")
    return workfiles.load_document(s3, payload.document, usage), workfiles.load_result(s3, payload.result, usage)
