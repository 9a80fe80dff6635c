"""The LLM path's steps on moto: one GPU job per attempt however often submit is retried; a failed job is cancelled."""

from __future__ import annotations

import boto3
import pytest

from biometry.errors import GpuUnavailable
from biometry.llm import tier
from biometry.local.runtime import REGION
from biometry.metering import Usage
from biometry.pipeline.llm_steps import poll_gpu, submit_to_gpu
from biometry.pipeline.payload import LlmJobRef, StepPayload
from tests.functions.conftest import sample_event


class CountingGpu:
    """A GPU provider that counts submits and cancels; its poll fails when `broken`."""

    method = "gpu_llm"

    def __init__(self, *, broken: bool = False) -> None:
        self.submits, self.cancelled, self.broken = 0, [], broken

    def submit(self, request: tier.LlmRequest, idempotency_key: str) -> str:
        self.submits += 1
        return f"job-{self.submits}"

    def poll(self, job_id: str) -> tier.LlmJob:
        if self.broken:
            raise GpuUnavailable("RunPod unreachable")
        return tier.LlmJob(job_id=job_id, status="IN_PROGRESS")

    def cancel(self, job_id: str) -> None:
        self.cancelled.append(job_id)


@pytest.fixture
def payload(aws: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> StepPayload:
    monkeypatch.setattr(tier, "build_llm_request", lambda d, r: tier.LlmRequest(prompt="p", json_schema={}))
    monkeypatch.setattr("biometry.pipeline.llm_steps._inputs", lambda p, s3, usage: (None, None))
    event = StepPayload.model_validate(sample_event("llm_submit"))
    return event


def test_a_retried_submit_finds_the_job_instead_of_starting_a_second(payload: StepPayload) -> None:
    gpu, s3 = CountingGpu(), boto3.client("s3", region_name=REGION)
    first = submit_to_gpu(payload, s3=s3, provider=gpu, usage=Usage(step="t"))  # type: ignore[arg-type]
    retry = submit_to_gpu(payload, s3=s3, provider=gpu, usage=Usage(step="t"))  # type: ignore[arg-type]
    assert (gpu.submits, retry.llm_job.job_id if retry.llm_job else None) == (
        1,
        first.llm_job.job_id if first.llm_job else "",
    )


def test_a_job_whose_poll_fails_is_cancelled_before_the_bedrock_fallback(payload: StepPayload) -> None:
    gpu = CountingGpu(broken=True)
    running = payload.model_copy(update={"llm_job": LlmJobRef(job_id="job-7", deadline_epoch=9e9)})
    with pytest.raises(GpuUnavailable):
        poll_gpu(running, s3=boto3.client("s3", region_name=REGION), provider=gpu, usage=Usage(step="t"))  # type: ignore[arg-type]
    assert gpu.cancelled == ["job-7"]
