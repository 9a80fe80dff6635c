"""Field-aware comparison of a result with ground truth: wrong values, silent errors, OD/OS swaps."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from biometry.models import EYE_VALUE_FIELDS, BiometryResult, IolCalculation

TOLERANCE = 1e-6
PATIENT_FIELDS = ("name", "id", "birth_date", "sex")  # PHI: compared, never printed by the evaluation


@dataclass(slots=True)
class Comparison:
    """How one result compares with its truth, field by field (`OD.axial_length_mm`, `iol[3].rows`, ...)."""

    correct: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # a non-null value that differs from the truth
    missed: list[str] = field(default_factory=list)  # null where the truth has a value
    swapped: bool = False

    def silent_errors(self, result: BiometryResult) -> list[str]:
        """Wrong non-null measurement values in an accepted result: the one kind of error this product must never
        make. (The patient block is counted apart: `patient_errors`.)"""
        return _measured(self.wrong) if result.status == "accepted" else []

    def silent_omissions(self, result: BiometryResult) -> list[str]:
        """Printed values an accepted result lacks: "accepted" means complete, so this must be empty too."""
        return _measured(self.missed) if result.status == "accepted" else []

    def patient_errors(self, result: BiometryResult) -> list[str]:
        """Patient fields (PHI) an accepted result reads wrong or lacks: `patient.name` read by OCR without the
        accents the page prints, a birth date not read, ..."""
        if result.status != "accepted":
            return []
        return [name for name in (*self.wrong, *self.missed) if name.startswith(_PATIENT)]


_PATIENT = "patient."


def _measured(names: list[str]) -> list[str]:
    return [name for name in names if not name.startswith(_PATIENT)]


def compare(result: BiometryResult, truth: BiometryResult, optional: frozenset[int] = frozenset()) -> Comparison:
    """Compare every eye value, the exam date, the device, the patient block (where the truth has one) and the IOL
    calculations.

    `optional` truth calculations (printed boxes without result rows) may be missing from the result.
    """
    comparison = Comparison()
    for name, got, want in _pairs(result, truth, optional):
        _score(comparison, name, got, want)
    comparison.swapped = _looks_swapped(result, truth)
    return comparison


def _pairs(result: BiometryResult, truth: BiometryResult, optional: frozenset[int]) -> Iterator[tuple[str, Any, Any]]:
    yield "device.model", _get(result.device, "model"), _get(truth.device, "model")
    yield "exam_date", result.exam_date, truth.exam_date
    if truth.patient is not None:  # a truth without a patient block does not annotate it
        for name in PATIENT_FIELDS:
            yield f"{_PATIENT}{name}", _get(result.patient, name), _get(truth.patient, name)
    for side in ("OD", "OS"):
        got_eye, want_eye = getattr(result.eyes, side), getattr(truth.eyes, side)
        for name in (*EYE_VALUE_FIELDS, "lens_status"):
            yield f"{side}.{name}", _get(got_eye, name), _get(want_eye, name)
    got_iols: dict[tuple[str, str, str], list[IolCalculation]] = {}
    for calculation in result.iol_calculations:
        got_iols.setdefault(_iol_key(calculation), []).append(calculation)
    for index, want in enumerate(truth.iol_calculations):
        same_key = got_iols.get(_iol_key(want))
        got = same_key.pop(0) if same_key else None
        if got is None and index in optional:
            continue
        yield f"iol[{index}].rows", _rows(got), _rows(want) or None
        yield f"iol[{index}].emmetropia_power_d", _get(got, "emmetropia_power_d"), want.emmetropia_power_d
        yield f"iol[{index}].constants", _get(got, "constants") or None, want.constants or None
        yield f"iol[{index}].iol_manufacturer", _get(got, "iol_manufacturer"), want.iol_manufacturer
        yield f"iol[{index}].target_refraction_d", _get(got, "target_refraction_d"), want.target_refraction_d
    leftovers = [calc for calcs in got_iols.values() for calc in calcs]
    for index, calc in enumerate(leftovers):  # a calculation the truth does not have: a wrong lens/formula/eye
        yield f"iol_unmatched[{index}]", _iol_key(calc), None


def _score(comparison: Comparison, name: str, got: Any, want: Any) -> None:
    if got is None and want is None:
        return
    if want is None:
        comparison.wrong.append(name)
    elif got is None:
        comparison.missed.append(name)
    elif _equal(name, got, want):
        comparison.correct.append(name)
    else:
        comparison.wrong.append(name)


def _equal(name: str, got: Any, want: Any) -> bool:
    if isinstance(got, float | int) and isinstance(want, float | int):
        if name.endswith("_axis_deg"):
            return int(got) % 180 == int(want) % 180
        return abs(got - want) <= TOLERANCE
    return bool(got == want)


def _looks_swapped(result: BiometryResult, truth: BiometryResult) -> bool:
    """OD and OS exchanged: each eye's axial length equals the other eye's truth (and the eyes differ)."""
    got = (_get(result.eyes.OD, "axial_length_mm"), _get(result.eyes.OS, "axial_length_mm"))
    want = (_get(truth.eyes.OD, "axial_length_mm"), _get(truth.eyes.OS, "axial_length_mm"))
    return None not in got + want and got != want and got == want[::-1]


def _iol_key(calculation: IolCalculation) -> tuple[str, str, str]:
    return calculation.eye, calculation.formula, calculation.iol_model


def _rows(calculation: IolCalculation | None) -> list[tuple[float, float, bool]] | None:
    if calculation is None or not calculation.rows:
        return None
    return [(r.iol_power_d, r.refraction_d, r.selected) for r in calculation.rows]


def _get(obj: object, name: str) -> Any:
    return None if obj is None else getattr(obj, name)


_TRUTH_ANNOTATIONS = ("page", "formula_as_printed", "iol_model_as_printed", "optional")
# What a truth file may leave out: it describes the printed values, not how they were extracted.
_TRUTH_DEFAULTS: dict[str, Any] = {
    "status": "accepted",
    "extraction": {"method": "manual", "parser": "truth@1", "confidence": 1.0},
}


@dataclass(frozen=True, slots=True)
class Truth:
    """A truth file: the expected result, and the calculations a result may omit (printed boxes without rows)."""

    result: BiometryResult
    optional: frozenset[int]  # indices into result.iol_calculations


def load_truth(path: str | os.PathLike[str]) -> Truth:
    """Read a truth JSON (`{file, sha256, kind, notes, result}` or a bare result) without its matching annotations."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    result = {**_TRUTH_DEFAULTS, "document_id": raw.get("sha256", ""), **raw.get("result", raw)}
    calculations = result.get("iol_calculations") or []
    optional = frozenset(i for i, calc in enumerate(calculations) if calc.get("optional"))
    result["iol_calculations"] = [
        {k: v for k, v in calc.items() if k not in _TRUTH_ANNOTATIONS} for calc in calculations
    ]
    return Truth(result=BiometryResult.model_validate(result), optional=optional)
