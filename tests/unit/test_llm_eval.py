"""`biometry eval --llm`: the LLM tier scored per endpoint on what the regex tier leaves, side by side."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from biometry.corpus_eval import corpus_files, truth_path
from biometry.errors import GpuUnavailable
from biometry.llm.tier import LlmJob, LlmRequest
from biometry.llm_eval import LlmStats, evaluate_llm_tier
from biometry.models import BiometryResult, Method
from biometry.report import llm_eval_tables
from biometry.synth.corpus import make_corpus
from biometry.training.target import extraction_target

USAGE = {"prompt_tokens": 1200.0, "completion_tokens": 300.0}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("llm-corpus")
    make_corpus(directory, 2, seed=4, image_share=0.0, devices=("unknown",))
    make_corpus(directory, 1, seed=4, image_share=0.0, devices=("iolmaster700",))
    return directory


def truths(corpus: Path) -> dict[str, BiometryResult]:
    results = [BiometryResult.model_validate_json(truth_path(p).read_text()) for p in corpus_files(corpus)]
    return {r.document_id: r for r in results}


class TruthProvider:
    """Answers each document with its truth, the axial lengths shifted by `shift_mm` (a model that misreads)."""

    method: Method = "gpu_llm"

    def __init__(self, answers: dict[str, BiometryResult], shift_mm: float = 0.0) -> None:
        self._answers, self._shift_mm = answers, shift_mm

    def submit(self, request: LlmRequest, idempotency_key: str) -> str:
        return idempotency_key

    def poll(self, job_id: str) -> LlmJob:
        output = extraction_target(self._answers[job_id])
        for side in ("OD", "OS"):
            if output[side]["axial_length_mm"] is not None:
                output[side]["axial_length_mm"] = round(output[side]["axial_length_mm"] + self._shift_mm, 2)
        return LlmJob(job_id=job_id, status="COMPLETED", output=output, usage=USAGE, model="fake")

    def cancel(self, job_id: str) -> None:
        pass


class DownProvider(TruthProvider):
    def submit(self, request: LlmRequest, idempotency_key: str) -> str:
        raise GpuUnavailable("endpoint down")


@pytest.fixture(scope="module")
def endpoints(corpus: Path) -> dict[str, LlmStats]:
    answers = truths(corpus)
    providers = {"right": TruthProvider(answers), "misreads": TruthProvider(answers, 1.0), "down": DownProvider({})}
    return evaluate_llm_tier(corpus_files(corpus), providers)


def test_only_documents_the_regex_tier_cannot_accept_are_scored(endpoints: dict[str, LlmStats]) -> None:
    assert {name: stats.documents for name, stats in endpoints.items()} == {"right": 2, "misreads": 2, "down": 2}


def test_a_model_that_misreads_values_makes_no_silent_error_after_the_validator(
    endpoints: dict[str, LlmStats],
) -> None:
    assert endpoints["misreads"].silent_error_values == 0


def test_a_model_that_misreads_scores_lower_field_accuracy_than_one_that_reads_right(
    endpoints: dict[str, LlmStats],
) -> None:
    accuracy = {name: stats.as_dict()["overall_field_accuracy"] for name, stats in endpoints.items()}
    assert accuracy["misreads"] < accuracy["right"]


def test_tokens_per_document_come_from_the_answers_usage(endpoints: dict[str, LlmStats]) -> None:
    figures = endpoints["right"].as_dict()
    assert (figures["mean_prompt_tokens"], figures["mean_completion_tokens"]) == (1200.0, 300.0)


def test_an_endpoint_that_is_down_counts_failures_and_automates_nothing(endpoints: dict[str, LlmStats]) -> None:
    assert (endpoints["down"].failures, endpoints["down"].accepted) == (2, 0)


def test_the_table_puts_the_endpoints_side_by_side(endpoints: dict[str, LlmStats]) -> None:
    console = Console(width=250, record=True)
    for table in llm_eval_tables(endpoints):
        console.print(table)
    field_header = next(line for line in console.export_text().splitlines() if line.startswith("┃ field"))
    assert field_header.index("right") < field_header.index("misreads") < field_header.index("down")
