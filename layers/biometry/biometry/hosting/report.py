"""`biometry cost`: cost per document and per month by hosting option and volume, and each break-even volume."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from biometry.hosting.options import (
    EXTERNAL_API,
    HYBRID_API,
    OPTIONS,
    Context,
    HostingOption,
    monthly_usd,
    pipeline_only_usd,
)
from biometry.hosting.workload import ROUTES
from biometry.metering import PRICE_SOURCES, PRICES_AS_OF

DEFAULT_VOLUMES = (1_000, 10_000, 100_000)
SEARCH_LIMIT = 10**9  # documents per month: beyond it an option "never" breaks even
PIPELINE_LABEL = "our AWS pipeline alone (LLM share to review)"


@dataclass(slots=True)
class OptionCost:
    """One option's monthly cost at each volume, and from which monthly volume it beats each baseline: the external
    API for every document, and our pipeline with the external API for the LLM share only."""

    name: str
    label: str
    monthly_usd: dict[int, float]
    break_even_documents: int | None = None
    break_even_vs_hybrid_documents: int | None = None

    def per_document_usd(self, volume: int) -> float:
        return self.monthly_usd[volume] / volume


@dataclass(slots=True)
class CostReport:
    """Every option at every volume, the pipeline-only line, and what the figures came from."""

    volumes: list[int]
    options: list[OptionCost]
    pipeline: OptionCost
    context: Context
    units: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON: figures, inputs, and the prices used with their sources."""
        return {
            "volumes": self.volumes,
            "options": [_option_dict(o, self.volumes) for o in [*self.options, self.pipeline]],
            "workload": self.context.workload.model_dump(),
            "assumptions": self.context.assumptions.model_dump(),
            "pipeline_usd_per_document": round(self.context.pipeline_usd_per_document(), 9),
            "pipeline_usd_per_route": {r: round(self.context.route_usd(r), 9) for r in ROUTES},
            "gpu_seconds_per_llm_document": round(self.context.gpu_seconds(), 2),
            "documents_per_gpu_hour": round(self.context.documents_per_gpu_hour(), 1),
            "prices": {
                "as_of": PRICES_AS_OF,
                "usd_per_unit": {u: self.context.prices[u] for u in self.units},
                "sources": {u: PRICE_SOURCES.get(u, "PRICE_TABLE override") for u in self.units},
            },
        }


def cost_report(context: Context, volumes: Sequence[int] = DEFAULT_VOLUMES) -> CostReport:
    """Price every option at every volume and find its break-even volume against the external API."""
    ordered = sorted(set(volumes))
    options = [
        OptionCost(
            o.name,
            o.label,
            {v: monthly_usd(o, context, v) for v in ordered},
            break_even_documents(o, context),
            break_even_documents(o, context, HYBRID_API),
        )
        for o in OPTIONS
    ]
    pipeline = OptionCost("aws_pipeline", PIPELINE_LABEL, {v: pipeline_only_usd(context, v) for v in ordered})
    return CostReport(ordered, options, pipeline, context, _units_used(context))


def break_even_documents(
    option: HostingOption, context: Context, baseline: HostingOption = EXTERNAL_API, limit: int = SEARCH_LIMIT
) -> int | None:
    """The smallest monthly volume from which the option costs no more than the baseline (None: not below `limit`):
    doubling to the first cheaper volume, then bisection between it and the last dearer one."""
    if option.name in (EXTERNAL_API.name, baseline.name):
        return None

    def cheaper(documents: int) -> bool:
        return monthly_usd(option, context, documents) <= monthly_usd(baseline, context, documents)

    if cheaper(1):
        return 1
    high = 2
    while not cheaper(high):
        if high >= limit:
            return None
        high *= 2
    low = high // 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if cheaper(middle) else (middle, high)
    return high


def _option_dict(option: OptionCost, volumes: list[int]) -> dict[str, Any]:
    return {
        "name": option.name,
        "label": option.label,
        "monthly_usd": {str(v): round(option.monthly_usd[v], 2) for v in volumes},
        "per_document_usd": {str(v): round(option.per_document_usd(v), 6) for v in volumes},
        "break_even_documents_per_month": option.break_even_documents,
        "break_even_vs_pipeline_external_api_documents_per_month": option.break_even_vs_hybrid_documents,
    }


def _units_used(context: Context) -> list[str]:
    workload_units = {unit for units in context.workload.aws_units.values() for unit in units}
    hosting_units = {
        "external_api_documents",
        "bedrock_input_tokens",
        "bedrock_output_tokens",
        "runpod_gpu_seconds",
        "runpod_active_gpu_seconds",
        "runpod_pod_gpu_hours",
        "vast_gpu_hours",
        "together_gpu_hours",
        "owned_box_months",
        "electricity_kwh",
    }
    return sorted(workload_units | hosting_units)


def report_table(report: CostReport) -> Any:
    """The report as a rich table: per volume, USD per document and per month; then the break-even volume."""
    from rich.table import Table

    workload = report.context.workload
    mix = ", ".join(f"{route} {share:.0%}" for route, share in workload.share.items())
    table = Table(title=f"Cost by hosting option ({workload.source}: {mix}; prices as of {PRICES_AS_OF})")
    table.add_column("option")
    for volume in report.volumes:
        table.add_column(f"{volume:,}/month\nUSD/doc · USD/month", justify="right")
    table.add_column("break-even (docs/month)\nvs external API", justify="right")
    table.add_column("break-even (docs/month)\nvs pipeline + API", justify="right")
    for option in [*report.options, report.pipeline]:
        cells = [f"{option.per_document_usd(v):.5f} · {option.monthly_usd[v]:,.2f}" for v in report.volumes]
        table.add_row(option.label, *cells, *_break_even_cells(option))
    return table


def _break_even_cells(option: OptionCost) -> tuple[str, str]:
    if option.name in (EXTERNAL_API.name, "aws_pipeline"):
        return "", ""
    against_api = "never" if option.break_even_documents is None else f"{option.break_even_documents:,}"
    if option.name == HYBRID_API.name:
        return against_api, ""
    hybrid = option.break_even_vs_hybrid_documents
    return against_api, "never" if hybrid is None else f"{hybrid:,}"
