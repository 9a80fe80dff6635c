"""The LLM tier on one machine: a provider answers, or the result says why it did not."""

from __future__ import annotations

from biometry.errors import GpuUnavailable
from biometry.llm.local import provider_for_url, run_llm_tier
from biometry.llm.openai_client import OpenAiCompatibleClient
from biometry.llm.runpod_client import RunPodClient
from biometry.llm.tier import LlmJob, LlmRequest
from biometry.models import Method
from tests.factories import document_of, result_of


class FailingProvider:
    method: Method = "gpu_llm"

    def submit(self, request: LlmRequest, idempotency_key: str) -> str:
        raise GpuUnavailable("worker is down")

    def poll(self, job_id: str) -> LlmJob:
        raise AssertionError("never polled")

    def cancel(self, job_id: str) -> None:
        pass


class AnsweringProvider(FailingProvider):
    def submit(self, request: LlmRequest, idempotency_key: str) -> str:
        return "job-1"

    def poll(self, job_id: str) -> LlmJob:
        output = {"device_model": None, "exam_date": None, "OD": {"axial_length_mm": 23.41}, "iol_calculations": []}
        return LlmJob(job_id=job_id, status="COMPLETED", output=output, model="m")


def test_an_unavailable_llm_leaves_the_document_in_review_with_the_reason() -> None:
    regex = result_of()
    result = run_llm_tier(document_of(["AL: 23,41 mm"]), regex, FailingProvider())
    assert result.status == "needs_review"
    assert result.extraction.issues[-1].code == "llm_unavailable"
    assert "worker is down" in result.extraction.issues[-1].message


def test_an_llm_answer_goes_through_the_validator() -> None:
    result = run_llm_tier(document_of(["OD", "AL: 23,41 mm"]), result_of(), AnsweringProvider())
    assert result.extraction.method == "gpu_llm"
    assert result.eyes.OD is not None and result.eyes.OD.axial_length_mm == 23.41
    assert result.extraction.provenance["OD.axial_length_mm"].text == "23,41"


def test_url_ending_in_v1_is_an_openai_compatible_server() -> None:
    assert isinstance(provider_for_url("http://127.0.0.1:11434/v1", "qwen"), OpenAiCompatibleClient)
    assert isinstance(provider_for_url("http://127.0.0.1:8001/v2"), RunPodClient)
