"""What a DICOM container states (`Document.facts`) checked against what the parser read from the report inside.

Header facts (device, software version, study date) must agree with the printout's; the IOLMaster 500's verified
private values (extract/dicom/zeiss.py) must agree with the OCR readings to the printed precision. A disagreement is
an error issue (the document goes to review), never a silent choice; a fact the printout does not show is not used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from biometry.document import Document
from biometry.formulas import formula_name
from biometry.lens_catalogue import ocr_fold
from biometry.models import BiometryResult, Eye, IolCalculation, Issue

HEADER_DISAGREES = "dicom_header_disagrees"
PRIVATE_DISAGREES = "dicom_private_disagrees"
CONTAINER_CODES = frozenset({HEADER_DISAGREES, PRIVATE_DISAGREES})
BRANDS = {"zeiss": "ZEISS", "haag-streit": "Haag-Streit", "haag streit": "Haag-Streit"}
# Half a unit of the last printed decimal: a private float64 agrees with a printed value within this.
PRINTED_TOLERANCE: dict[str, float] = {
    "axial_length_mm": 0.005,
    "k1_radius_mm": 0.005,
    "k2_radius_mm": 0.005,
    "k1_d": 0.005,
    "k2_d": 0.005,
    "mean_k_d": 0.005,
    "keratometric_index": 0.00005,
    "acd_mm": 0.005,
    "wtw_mm": 0.05,
}
ROW_TOLERANCE_D = 0.005
_EPSILON = 1e-9


def container_issues(result: BiometryResult, document: Document) -> list[Issue]:
    """Every disagreement between the container's facts and the result (none for a plain upload)."""
    facts = document.facts
    if not facts:
        return []
    return [*_header_issues(result, facts), *_private_eye_issues(result, facts), *_private_iol_issues(result, facts)]


def _header_issues(result: BiometryResult, facts: dict[str, str]) -> Iterator[Issue]:
    device = result.device
    pairs = (
        ("manufacturer", brand(facts.get("dicom.manufacturer")), brand(device.manufacturer) if device else None),
        ("model", _squash(facts.get("dicom.model")), _squash(device.model) if device else None),
        ("exam_date", iso_date(facts.get("dicom.study_date")), result.exam_date),
    )
    for name, stated, printed in pairs:
        if stated and printed and stated != printed:
            yield _error(HEADER_DISAGREES, name, f"The DICOM header says {name} {stated!r}; the report, {printed!r}.")
    software = facts.get("dicom.software_version")
    printed_software = device.software_version if device else None
    if software and printed_software and not _same_version(software, printed_software):
        message = f"The DICOM header says software {software!r}; the report, {printed_software!r}."
        yield _error(HEADER_DISAGREES, "software_version", message)


def _private_eye_issues(result: BiometryResult, facts: dict[str, str]) -> Iterator[Issue]:
    for key, text in facts.items():
        parts = key.split(".")
        if len(parts) != 3 or parts[0] != "zeiss" or parts[2] not in PRINTED_TOLERANCE:
            continue
        eye: Eye | None = getattr(result.eyes, parts[1], None)
        read = getattr(eye, parts[2], None) if eye else None
        if read is not None and abs(read - float(text)) > PRINTED_TOLERANCE[parts[2]] + _EPSILON:
            message = f"{parts[1]} {parts[2]} was read as {read}; the device's private data holds {float(text):g}."
            yield _error(PRIVATE_DISAGREES, f"{parts[1]}.{parts[2]}", message, eye=parts[1])


def _private_iol_issues(result: BiometryResult, facts: dict[str, str]) -> Iterator[Issue]:
    for key, text in facts.items():
        parts = key.split(".")
        if len(parts) != 4 or parts[0] != "zeiss" or parts[2] != "iol":
            continue
        stored = json.loads(text)
        for calculation in _matching(result.iol_calculations, parts[1], stored):
            problem = _calculation_problem(calculation, stored)
            if problem:
                message = f"{parts[1]} {calculation.formula} {calculation.iol_model}: {problem}"
                yield _error(PRIVATE_DISAGREES, "iol_calculations", message, eye=parts[1])


def _matching(calculations: list[IolCalculation], side: str, stored: dict[str, Any]) -> Iterator[IolCalculation]:
    """The calculations of this eye, formula and lens (the model code inside the stored lens caption, O/0 folded)."""
    formula = same_formula_key(str(stored["formula"]))
    lens = ocr_fold(str(stored.get("lens") or ""))
    for calculation in calculations:
        model = ocr_fold(calculation.iol_model)
        if calculation.eye == side and same_formula_key(calculation.formula) == formula and model and model in lens:
            yield calculation


def same_formula_key(printed: str) -> str | None:
    """One key for a formula however it is spelled (`SRK®/T`, `SRK/T`; `SRK® II`, `SRK II`)."""
    return _squash(formula_name(printed) or printed)


def _calculation_problem(calculation: IolCalculation, stored: dict[str, Any]) -> str | None:
    rows = [(row.iol_power_d, row.refraction_d) for row in calculation.rows]
    expected = [(float(p), float(r)) for p, r in stored["rows"]]
    if len(rows) != len(expected) or any(
        p != q or abs(r - s) > ROW_TOLERANCE_D + _EPSILON for (p, r), (q, s) in zip(rows, expected, strict=True)
    ):
        return f"rows {rows} differ from the private rows {expected}."
    emmetropia = stored.get("emmetropia_power_d")
    read = calculation.emmetropia_power_d
    if emmetropia is not None and read is not None and abs(read - emmetropia) > ROW_TOLERANCE_D + _EPSILON:
        return f"emmetropia power {read} differs from the private {emmetropia}."
    return None


def brand(manufacturer: str | None) -> str | None:
    """`Carl Zeiss Meditec` -> `ZEISS`; an unknown manufacturer as written (None when absent)."""
    if not manufacturer:
        return None
    lowered = manufacturer.lower()
    return next((name for key, name in BRANDS.items() if key in lowered), manufacturer.strip())


def _same_version(stated: str, printed: str) -> bool:
    """`7.7.2.0242` and `7.7` agree: one is the other's leading dotted components."""
    a, b = stated.strip().split("."), printed.strip().split(".")
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def _squash(text: str | None) -> str | None:
    return re.sub(r"[^a-z0-9]", "", text.lower().replace("®", "")) or None if text else None


def iso_date(dicom_date: str | None) -> str | None:
    """DICOM DA `20150909` -> `2015-09-09` (None when absent or not a DA)."""
    if not dicom_date or not re.fullmatch(r"\d{8}", dicom_date.strip()):
        return None
    day = dicom_date.strip()
    return f"{day[:4]}-{day[4:6]}-{day[6:]}"


def _error(code: str, field: str, message: str, *, eye: str | None = None) -> Issue:
    return Issue.model_validate({"code": code, "severity": "error", "field": field, "eye": eye, "message": message})
