"""`biometry cost` arithmetic on a small case checked by hand (round prices, one route each, short months).

The hand case: half the documents need the LLM; every document costs $0.01 of AWS (10 Lambda requests at $0.001);
a GPU month is 100 hours; a reserved GPU serves 10 documents per hour (1,000 LLM documents per GPU month).
"""

from __future__ import annotations

import math

import pytest

from biometry.hosting.options import OPTIONS, Assumptions, Context, flex_billed_seconds, gpus_needed, monthly_usd
from biometry.hosting.report import break_even_documents, cost_report
from biometry.hosting.workload import Workload

PRICES = {
    "lambda_requests": 0.001,
    "external_api_documents": 0.25,
    "bedrock_input_tokens": 1e-5,
    "bedrock_output_tokens": 1e-4,
    "runpod_gpu_seconds": 0.001,
    "runpod_active_gpu_seconds": 1 / 3600,  # $1 per hour
    "runpod_pod_gpu_hours": 1.0,
    "vast_gpu_hours": 0.5,
    "together_gpu_hours": 2.0,
    "owned_box_months": 50.0,
    "electricity_kwh": 0.1,
}
BY_NAME = {option.name: option for option in OPTIONS}


def hand_context(**assumption_changes: float) -> Context:
    workload = Workload(
        source="hand",
        documents=2,
        share={"text": 0.5, "scan": 0.0, "llm": 0.5},
        aws_units={"text": {"lambda_requests": 10}, "scan": {}, "llm": {"lambda_requests": 10}},
        prompt_tokens=1000,
        completion_tokens=100,
    )
    hand: dict[str, float] = {
        "gpu_seconds_per_document": 4,
        "documents_per_gpu_hour": 10,
        "cold_start_s": 6,
        "idle_timeout_s": 0,
        "interrupted_share": 1.0,
        "owned_box_kw": 1.0,
        "hours_per_month": 100,
    }
    assumptions = Assumptions(**(hand | assumption_changes))
    return Context(prices=PRICES, workload=workload, assumptions=assumptions)


def monthly(name: str, documents: int, context: Context | None = None) -> float:
    return monthly_usd(BY_NAME[name], context or hand_context(), documents)


def test_external_api_charges_every_document() -> None:
    assert monthly("external_api", 1000) == pytest.approx(250.0)


def test_pipeline_with_api_for_the_llm_share_pays_the_api_for_half() -> None:
    assert monthly("pipeline_external_api", 1000) == pytest.approx(10 + 500 * 0.25)


def test_bedrock_prices_the_measured_tokens_of_each_llm_document() -> None:
    assert monthly("bedrock", 1000) == pytest.approx(10 + 500 * (1000 * 1e-5 + 100 * 1e-4))


def test_flex_worker_with_no_idle_timeout_pays_a_cold_start_per_job() -> None:
    assert monthly("runpod_flex", 1000) == pytest.approx(10 + 500 * (4 + 6) * 0.001)


def test_flex_cold_share_and_idle_follow_random_arrivals() -> None:
    context = hand_context(idle_timeout_s=math.log(2))  # one job per second: half the gaps outlast the timeout
    one_per_second = 100 * 3600
    assert flex_billed_seconds(context, one_per_second) == pytest.approx(4 + 0.5 + 0.5 * 6)


def test_reserved_pod_costs_one_gpu_month_up_to_its_capacity() -> None:
    assert monthly("runpod_pod", 1000) == pytest.approx(10 + 100 * 1.0)


def test_reserved_pod_adds_a_gpu_past_its_capacity() -> None:
    assert monthly("runpod_pod", 4000) == pytest.approx(40 + 2 * 100 * 1.0)


def test_active_worker_is_billed_every_second_of_the_month() -> None:
    assert monthly("runpod_active", 1000) == pytest.approx(10 + 100 * 1.0)


def test_interruptions_shrink_an_interruptible_gpus_capacity() -> None:
    assert gpus_needed(hand_context(), 600, capacity_share=1 / (1 + 1.0)) == 2


def test_vast_needs_a_second_gpu_when_retries_halve_capacity() -> None:
    assert monthly("vast", 1200) == pytest.approx(12 + 2 * 100 * 0.5)


def test_owned_box_costs_its_write_off_and_its_power() -> None:
    assert monthly("owned_ollama", 1000) == pytest.approx(10 + 50 + 1.0 * 100 * 0.1)


def test_break_even_of_a_reserved_pod_is_fixed_cost_over_the_saving_per_document() -> None:
    # 0.01 V + 100 <= 0.25 V  =>  V >= 416.67
    assert break_even_documents(BY_NAME["runpod_pod"], hand_context()) == 417


def test_break_even_against_the_pipeline_with_api_counts_only_the_llm_share() -> None:
    # 0.01 V + 100 <= 0.01 V + 0.125 V  =>  V >= 800
    assert break_even_documents(BY_NAME["runpod_pod"], hand_context(), BY_NAME["pipeline_external_api"]) == 800


def test_pay_per_use_option_is_cheaper_from_the_first_document() -> None:
    assert break_even_documents(BY_NAME["bedrock"], hand_context()) == 1


def test_an_option_dearer_per_document_than_the_api_never_breaks_even() -> None:
    context = hand_context(gpu_seconds_per_document=1000)  # $1 of flex GPU time per LLM document
    assert break_even_documents(BY_NAME["runpod_flex"], context) is None


def test_report_per_document_cost_is_monthly_cost_over_volume() -> None:
    pod = next(o for o in cost_report(hand_context(), [1000]).options if o.name == "runpod_pod")
    assert pod.per_document_usd(1000) == pytest.approx(0.11)


def test_report_pipeline_line_is_the_aws_cost_alone() -> None:
    assert cost_report(hand_context(), [1000]).pipeline.monthly_usd[1000] == pytest.approx(10.0)


def speed_context() -> Context:
    """1,000 prompt and 100 answer tokens per LLM document; no GPU time given, so it follows from the speeds."""
    context = hand_context()
    speeds = {"prefill_tokens_per_s": 1000.0, "decode_tokens_per_s": 10.0, "batched_decode_tokens_per_s": 100.0}
    return Context(context.prices, context.workload, Assumptions(**speeds))


def test_gpu_seconds_follow_from_the_measured_tokens_at_single_stream_speed() -> None:
    assert speed_context().gpu_seconds() == pytest.approx(1000 / 1000 + 100 / 10)


def test_a_gpus_documents_per_hour_follow_from_the_tokens_at_batched_speed() -> None:
    assert speed_context().documents_per_gpu_hour() == pytest.approx(3600 / (1000 / 1000 + 100 / 100))
