"""The cost report as a log-log plot of monthly cost against volume (matplotlib, imported only here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from biometry.hosting.options import OPTIONS, monthly_usd, pipeline_only_usd
from biometry.hosting.report import PIPELINE_LABEL, CostReport

POINTS = 120


def plot_report(report: CostReport, path: Path) -> Path:
    """Monthly cost vs monthly volume per option (log-log), break-even points marked; written to `path`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    volumes = _volume_axis(report)
    figure, axes = plt.subplots(figsize=(10, 6.5))
    for option in OPTIONS:
        costs = [monthly_usd(option, report.context, v) for v in volumes]
        style: dict[str, Any] = {"color": "black", "linewidth": 2.5} if option.name == "external_api" else {}
        axes.plot(volumes, costs, label=option.label, **style)
    pipeline = [pipeline_only_usd(report.context, v) for v in volumes]
    axes.plot(volumes, pipeline, label=PIPELINE_LABEL, color="grey", linestyle="--")
    _mark_break_evens(axes, report)
    for volume in report.volumes:
        axes.axvline(volume, color="lightgrey", linewidth=0.8, zorder=0)
    axes.set(xscale="log", yscale="log", xlabel="documents per month", ylabel="USD per month")
    axes.set_title(f"Monthly cost by hosting option (LLM share {report.context.workload.share['llm']:.0%})")
    axes.grid(True, which="major", alpha=0.3)
    axes.legend(fontsize=8, loc="upper left")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def _volume_axis(report: CostReport) -> list[float]:
    low = min([100, *report.volumes])
    high = max([1_000_000, *report.volumes])
    ratio = (high / low) ** (1 / (POINTS - 1))
    return [low * ratio**i for i in range(POINTS)]


def _mark_break_evens(axes: Any, report: CostReport) -> None:
    external = OPTIONS[0]
    for option in report.options:
        volume = option.break_even_documents
        if volume is None or volume <= 1:
            continue
        cost = monthly_usd(external, report.context, volume)
        axes.scatter([volume], [cost], marker="o", color="red", zorder=5)
        axes.annotate(f"{volume:,}", (volume, cost), textcoords="offset points", xytext=(6, -12), fontsize=8)
