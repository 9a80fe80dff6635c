"""Human summaries of results: the `--table` view shared by the CLI and the demo."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table

from biometry.models import BiometryResult, Eye

if TYPE_CHECKING:
    from biometry.corpus_eval import GroupStats
    from biometry.llm_eval import LlmStats


def results_table(results: Sequence[tuple[Path, BiometryResult]]) -> Table:
    """One row per file: status, device, method, confidence, the key values per eye, and the first issue."""
    table = Table(title="Biometry results")
    for column in ("file", "status", "device", "method", "conf.", "OD AL / K1 / K2", "OS AL / K1 / K2", "IOL", "why"):
        table.add_column(column)
    for path, result in results:
        status = "[green]accepted[/]" if result.status == "accepted" else "[yellow]needs_review[/]"
        blocking = [i for i in result.extraction.issues if i.severity == "error"]
        table.add_row(
            path.name,
            status,
            result.device.model if result.device else "-",
            result.extraction.method,
            f"{result.extraction.confidence:.2f}",
            _eye_summary(result.eyes.OD),
            _eye_summary(result.eyes.OS),
            str(len(result.iol_calculations)),
            f"{blocking[0].code}: {blocking[0].message}" if blocking else "",
        )
    return table


def _eye_summary(eye: Eye | None) -> str:
    if eye is None:
        return "-"
    values = (eye.axial_length_mm, eye.k1_d, eye.k2_d)
    return " / ".join("-" if v is None else f"{v:g}" for v in values)


def eval_tables(groups: Mapping[str, GroupStats]) -> list[Table]:
    """The `biometry eval` view: one summary row per device and text source, then field accuracy."""
    summary = Table(title="Regex tier on the corpus")
    columns = ("device / source", "docs", "accepted", "automation", "silent errors", "silent omissions",
               "patient block wrong", "swaps", "crashes", "s/doc")  # fmt: skip
    for column in columns:
        summary.add_column(column)
    fields = Table(title="Field accuracy (right / documents where the truth has the value)")
    fields.add_column("device / source")
    fields.add_column("field")
    fields.add_column("accuracy")
    for name, stats in groups.items():
        figures = stats.as_dict()
        summary.add_row(
            name,
            str(stats.documents),
            str(stats.accepted),
            f"{figures['automation_rate']:.1%}",
            *_silent_cells(stats),
            f"{stats.patient_error_documents} docs",
            str(stats.swaps),
            str(stats.crashes),
            f"{figures['median_seconds']:.2f}",
        )
        for field_name, accuracy in figures["field_accuracy"].items():
            fields.add_row(name, field_name, f"{accuracy:.1%}")
    return [summary, fields]


def _silent_cells(stats: GroupStats | LlmStats) -> tuple[str, str]:
    """The silent errors and silent omissions of a group or an endpoint, as table cells."""
    return (
        f"{stats.silent_error_values} in {stats.silent_error_documents} docs",
        f"{stats.silent_omission_values} in {stats.silent_omission_documents} docs",
    )


def llm_eval_tables(endpoints: Mapping[str, LlmStats]) -> list[Table]:
    """The `biometry eval --llm` view: endpoints side by side, on the documents the regex tier left for review."""
    summary = Table(title="LLM tier on the documents the regex tier cannot accept")
    columns = ("endpoint", "docs", "accepted", "automation", "silent errors", "silent omissions", "LLM failures",
               "field accuracy", "s/doc", "prompt tok/doc", "output tok/doc")  # fmt: skip
    for column in columns:
        summary.add_column(column)
    for name, stats in endpoints.items():
        figures = stats.as_dict()
        summary.add_row(
            name,
            str(stats.documents),
            str(stats.accepted),
            f"{figures['automation_rate']:.1%}",
            *_silent_cells(stats),
            str(stats.failures),
            f"{figures['overall_field_accuracy']:.1%}",
            f"{figures['median_seconds']:.2f}",
            f"{figures['mean_prompt_tokens']:.0f}",
            f"{figures['mean_completion_tokens']:.0f}",
        )
    return [summary, _llm_field_table(endpoints)]


def _llm_field_table(endpoints: Mapping[str, LlmStats]) -> Table:
    fields = Table(title="LLM field accuracy (right / documents where the truth has the value)")
    fields.add_column("field")
    accuracies = {name: stats.as_dict()["field_accuracy"] for name, stats in endpoints.items()}
    for name in endpoints:
        fields.add_column(name)
    for field_name in sorted({f for by_field in accuracies.values() for f in by_field}):
        cells = [accuracies[name].get(field_name) for name in endpoints]
        fields.add_row(field_name, *("-" if a is None else f"{a:.1%}" for a in cells))
    return fields
