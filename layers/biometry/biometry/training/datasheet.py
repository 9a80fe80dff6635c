"""The training set's datasheet: examples per split, source, device, text source and field; what was left out."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from biometry.training.data import Example


@dataclass(slots=True)
class Datasheet:
    """Counts over the written examples (and the skipped documents, by reason), with the weights used."""

    weights: dict[str, float]
    splits: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    devices: Counter[str] = field(default_factory=Counter)
    text_sources: Counter[str] = field(default_factory=Counter)
    fields: Counter[str] = field(default_factory=Counter)  # examples whose target has the field (either eye)
    skipped: Counter[str] = field(default_factory=Counter)  # "source: reason"

    def add(self, example: Example, target: dict[str, Any]) -> None:
        """Count one written example and the fields its target fills."""
        self.splits[example.split] += 1
        self.sources[f"{example.source} / {example.split}"] += 1
        self.devices[example.device] += 1
        self.text_sources[example.text_source] += 1
        self.fields.update(filled_fields(target))

    def skip(self, source: str, reason: str) -> None:
        """Count one document left out, and why."""
        self.skipped[f"{source}: {reason}"] += 1

    def as_dict(self) -> dict[str, Any]:
        counters = ("splits", "sources", "devices", "text_sources", "fields", "skipped")
        return {"weights": self.weights} | {name: dict(sorted(getattr(self, name).items())) for name in counters}

    def write(self, out_dir: Path) -> None:
        """`datasheet.json` (the figures) and `datasheet.md` (the same as tables, with the splitting rules)."""
        (out_dir / "datasheet.json").write_text(json.dumps(self.as_dict(), indent=2) + "\n", encoding="utf-8")
        (out_dir / "datasheet.md").write_text(self.markdown(), encoding="utf-8")

    def markdown(self) -> str:
        """The datasheet for people: how the set was made, then one table per count."""
        figures = self.as_dict()
        parts = [_INTRO, "| source | weight |\n|---|---|", *(f"| {k} | {v:g} |" for k, v in self.weights.items())]
        for title in ("splits", "sources", "devices", "text_sources", "fields", "skipped"):
            rows = figures[title] or {"(none)": 0}
            parts += [f"\n## {title.replace('_', ' ')}\n", "| | examples |\n|---|---|"]
            parts += [f"| {name} | {count} |" for name, count in rows.items()]
        return "\n".join(parts) + "\n"


def filled_fields(target: dict[str, Any]) -> set[str]:
    """Names of the non-null values of a target: `device_model`, `axial_length_mm`, `iol_calculations`, ..."""
    names = {k for k, v in target.items() if v not in (None, [], {}) and k not in ("OD", "OS")}
    for side in ("OD", "OS"):
        names |= {name for name, value in (target.get(side) or {}).items() if value is not None}
    return names


_INTRO = """# Training set datasheet

Pairs of (the GPU worker's user prompt, the answer as the flattened extraction schema's JSON). The prompt is built by
the LLM tier's own request builder: the regex tier's device hint, allow-list redaction, and the identifier proof; an
example whose prompt or answer still holds the truth's patient or a PHI pattern is never written (`skipped`).
The split is by document sha256 (the first 32 bits), so no document is in both splits; a document found in two
sources counts once, in the first of reviewed, accepted, synthetic. `exam_date` in the answers is the placeholder
(`[date-2]`) the redaction shows for the printed exam date: the model points at a date it never sees.

## weights (a loss multiplier per example)
"""
