"""Human summaries of results: the `--table` view shared by the CLI and the demo."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.table import Table

from biometry.models import BiometryResult, Eye


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
