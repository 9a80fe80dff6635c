"""The worker's answers against the examples' targets: schema validity, exact answers, field accuracy, invented
values (a value where the report prints none), tokens and seconds per document."""

from __future__ import annotations

import json
import statistics
from typing import Any

from biometry.llm.schema import extraction_schema, field_names


def score(answers: list[dict[str, Any]], examples: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures for the model card; an answer that failed (no `output`) counts as wrong everywhere."""
    import jsonschema

    targets = {e["id"]: json.loads(e["completion"]) for e in examples}
    validator = jsonschema.Draft202012Validator(extraction_schema())
    outputs = [(a.get("output"), targets[a["id"]]) for a in answers]
    right = total = invented = 0
    for output, target in outputs:
        r, t, i = _field_tally(output if isinstance(output, dict) else {}, target)
        right, total, invented = right + r, total + t, invented + i
    usage = [a.get("usage") or {} for a in answers]
    return {
        "examples": len(answers),
        "schema_valid": sum(isinstance(o, dict) and validator.is_valid(o) for o, _ in outputs),
        "exact_answers": sum(o == t for o, t in outputs),
        "field_accuracy": round(right / total, 4) if total else 0.0,
        "invented_values": invented,
        "iol_rows_exact": sum(_rows(o) == _rows(t) for o, t in outputs if _rows(t)),
        "documents_with_iol_rows": sum(bool(_rows(t)) for _, t in outputs),
        "mean_prompt_tokens": _mean([u.get("prompt_tokens", 0) for u in usage]),
        "mean_completion_tokens": _mean([u.get("completion_tokens", 0) for u in usage]),
        "median_seconds": round(statistics.median(a["seconds"] for a in answers), 3) if answers else 0.0,
    }


def _field_tally(output: dict[str, Any], target: dict[str, Any]) -> tuple[int, int, int]:
    """(right, printed values, invented values) over both eyes' fields."""
    right = total = invented = 0
    for side in ("OD", "OS"):
        got, want = output.get(side) or {}, target.get(side) or {}
        for name in field_names():
            if want.get(name) is None:
                invented += got.get(name) is not None
                continue
            total += 1
            right += got.get(name) == want[name]
    return right, total, invented


def _rows(answer: Any) -> list[Any]:
    calculations = answer.get("iol_calculations") if isinstance(answer, dict) else None
    return [c.get("rows") for c in calculations or [] if isinstance(c, dict)]


def _mean(values: list[float]) -> float:
    return round(statistics.fmean(values), 1) if values else 0.0
