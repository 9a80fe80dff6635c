"""The hosting options of the LLM tier, each a monthly cost at a volume, from the price table and a workload."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from biometry.hosting.workload import ROUTES, Route, Workload

Prices = Mapping[str, float]
SECONDS_PER_HOUR = 3600.0


class Assumptions(BaseModel):
    """What a price table cannot say. The GPU speeds are unverified until benchmarks/gpu_throughput.py runs on a GPU;
    GPU time per document follows from them and the measured tokens unless given directly."""

    prefill_tokens_per_s: float = 2000.0  # one 7B q4 sequence reading its prompt (llama.cpp, 24 GB GPU)
    decode_tokens_per_s: float = 90.0  # one 7B q4 sequence writing its answer (llama.cpp, 24 GB GPU)
    batched_decode_tokens_per_s: float = 1000.0  # one GPU decoding many documents at once (parallel slots)
    gpu_seconds_per_document: float | None = None  # overrides the figure derived from tokens and speeds
    documents_per_gpu_hour: float | None = None  # overrides the figure derived from tokens and batched speed
    cold_start_s: float = 20.0  # a serverless worker starting and loading the GGUF
    idle_timeout_s: float = 5.0  # a serverless worker waits this long (billed) before scaling to zero
    interrupted_share: float = 0.10  # work redone on an interruptible GPU after interruptions
    owned_box_kw: float = 0.35  # the owned box's mean power draw
    hours_per_month: float = 730.0


@dataclass(frozen=True, slots=True)
class Context:
    """One costing: prices, the measured workload and the assumptions."""

    prices: Prices
    workload: Workload
    assumptions: Assumptions

    def route_usd(self, route: Route) -> float:
        """Our AWS pipeline's cost of one document on `route`: its units priced from the table."""
        return sum(quantity * self.prices[unit] for unit, quantity in self.workload.aws_units[route].items())

    def pipeline_usd_per_document(self) -> float:
        """Our AWS pipeline's cost of one document, averaged over the route mix."""
        return sum(self.workload.share[route] * self.route_usd(route) for route in ROUTES)

    def gpu_seconds(self) -> float:
        """GPU seconds of one LLM document alone on a GPU: measured, given, or its tokens at single-stream speed."""
        given = self.workload.gpu_seconds or self.assumptions.gpu_seconds_per_document
        if given:
            return given
        speeds = self.assumptions
        return self.workload.prompt_tokens / speeds.prefill_tokens_per_s + (
            self.workload.completion_tokens / speeds.decode_tokens_per_s
        )

    def documents_per_gpu_hour(self) -> float:
        """One always-on GPU's documents per hour: given, or the measured tokens at batched speed."""
        if self.assumptions.documents_per_gpu_hour:
            return self.assumptions.documents_per_gpu_hour
        speeds, workload = self.assumptions, self.workload
        seconds = workload.prompt_tokens / speeds.prefill_tokens_per_s
        seconds += workload.completion_tokens / speeds.batched_decode_tokens_per_s
        return SECONDS_PER_HOUR / seconds


@dataclass(frozen=True, slots=True)
class HostingOption:
    """One way to run the LLM tier; `llm_usd(context, llm_documents)` is its monthly cost for that many."""

    name: str
    label: str
    llm_usd: Callable[[Context, float], float]


def monthly_usd(option: HostingOption, context: Context, documents: float) -> float:
    """The month's cost of `documents` with this option: our pipeline for all of them plus the LLM tier's share."""
    if option.name == EXTERNAL_API.name:
        return documents * context.prices["external_api_documents"]
    llm_documents = documents * context.workload.share["llm"]
    return documents * context.pipeline_usd_per_document() + option.llm_usd(context, llm_documents)


def pipeline_only_usd(context: Context, documents: float) -> float:
    """Our AWS pipeline alone (the LLM share sent to review): its own line in the report and the plot."""
    return documents * context.pipeline_usd_per_document()


def _bedrock(context: Context, llm_documents: float) -> float:
    workload, prices = context.workload, context.prices
    per_document = workload.prompt_tokens * prices["bedrock_input_tokens"]
    return llm_documents * (per_document + workload.completion_tokens * prices["bedrock_output_tokens"])


def flex_billed_seconds(context: Context, llm_documents: float) -> float:
    """Billed seconds of one job on a scale-to-zero worker, jobs arriving at random through the month.

    Each job runs its GPU seconds, then the worker idles (billed) until the next job or the idle timeout; a job
    arriving after the timeout finds no worker and pays a cold start: P(cold) = exp(-rate * timeout).
    """
    rate_per_s = llm_documents / (context.assumptions.hours_per_month * SECONDS_PER_HOUR)
    timeout_s = context.assumptions.idle_timeout_s
    cold_share = math.exp(-rate_per_s * timeout_s)
    idle_s = (1 - cold_share) / rate_per_s if rate_per_s > 0 else timeout_s
    return context.gpu_seconds() + idle_s + cold_share * context.assumptions.cold_start_s


def _runpod_flex(context: Context, llm_documents: float) -> float:
    if llm_documents <= 0:
        return 0.0
    return llm_documents * flex_billed_seconds(context, llm_documents) * context.prices["runpod_gpu_seconds"]


def gpus_needed(context: Context, llm_documents: float, capacity_share: float = 1.0) -> int:
    """Always-on GPUs for the month's LLM documents (at least one: a reserved option costs from day one)."""
    capacity = context.documents_per_gpu_hour() * capacity_share * context.assumptions.hours_per_month
    return max(1, math.ceil(llm_documents / capacity))


def _reserved(hourly_unit: str, capacity_share: float = 1.0) -> Callable[[Context, float], float]:
    def cost(context: Context, llm_documents: float) -> float:
        gpus = gpus_needed(context, llm_documents, capacity_share)
        return gpus * context.assumptions.hours_per_month * context.prices[hourly_unit]

    return cost


def _runpod_active(context: Context, llm_documents: float) -> float:
    hourly = context.prices["runpod_active_gpu_seconds"] * SECONDS_PER_HOUR
    return gpus_needed(context, llm_documents) * context.assumptions.hours_per_month * hourly


def _vast(context: Context, llm_documents: float) -> float:
    capacity_share = 1 / (1 + context.assumptions.interrupted_share)
    return _reserved("vast_gpu_hours", capacity_share)(context, llm_documents)


def _owned_box(context: Context, llm_documents: float) -> float:
    power_kwh = context.assumptions.owned_box_kw * context.assumptions.hours_per_month
    per_box = context.prices["owned_box_months"] + power_kwh * context.prices["electricity_kwh"]
    return gpus_needed(context, llm_documents) * per_box


def _external_api_llm_share(context: Context, llm_documents: float) -> float:
    return llm_documents * context.prices["external_api_documents"]


EXTERNAL_API = HostingOption("external_api", "external LLM API, every document", lambda _c, _n: 0.0)
HYBRID_API = HostingOption(
    "pipeline_external_api", "our pipeline + external API for the LLM share", _external_api_llm_share
)
OPTIONS: tuple[HostingOption, ...] = (
    EXTERNAL_API,
    HYBRID_API,
    HostingOption("bedrock", "Bedrock (per token)", _bedrock),
    HostingOption("runpod_flex", "RunPod serverless flex (scale to zero)", _runpod_flex),
    HostingOption("runpod_active", "RunPod serverless active worker", _runpod_active),
    HostingOption("runpod_pod", "RunPod pod, reserved A100", _reserved("runpod_pod_gpu_hours")),
    HostingOption("vast", "Vast.ai interruptible A100", _vast),
    HostingOption("together", "Together dedicated endpoint", _reserved("together_gpu_hours")),
    HostingOption("owned_ollama", "Ollama on an owned GPU box", _owned_box),
)
