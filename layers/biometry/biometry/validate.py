"""The one validator every extraction path uses: ranges, cross-field checks, grounding, confidence and status."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from biometry.completeness import check_complete, printed_in
from biometry.devices.exports.dicom_checks import CONTAINER_CODES, container_issues
from biometry.document import Document
from biometry.grounding import GroundingIndex
from biometry.models import BiometryResult, Eye, EyeSide, IolCalculation, Issue, Provenance
from biometry.patients import patient_issues
from biometry.rules import (
    PRINTED_DECIMALS,
    check_constants_agree,
    check_copies_agree,
    check_eye,
    check_eye_read,
    check_formula_fit,
    check_inter_eye,
    check_iol,
)

_DECIMALS = re.compile(r"\d[.,](\d+)")  # the decimals of every number in a word (`44,006D`, `44.00/7.67@`)
ACCEPT_THRESHOLD_ENV = "BIOMETRY_ACCEPT_THRESHOLD"
DEFAULT_ACCEPT_THRESHOLD = 0.85
WARNING_PENALTY = 0.03
LLM_METHODS = frozenset({"gpu_llm", "bedrock"})  # values a model wrote: checked as OCR's readings are
# Issue codes this module owns: re-validating a result replaces them instead of piling them up.
VALIDATOR_CODES = frozenset(
    {
        "out_of_range",
        "k_radius_mismatch",
        "k_order",
        "axes_not_orthogonal",
        "mean_k_mismatch",
        "acd_mismatch",
        "flag_without_value",
        "value_flagged",
        "iol_steps",
        "iol_rows_missing",
        "iol_unknown_constant",
        "iol_model_unverified",
        "iol_manufacturer_unverified",
        "iol_unknown_formula",
        "iol_monotonic",
        "iol_refraction_curve",
        "iol_formula_mismatch",
        "index_unverified",
        "tk_far_from_k",
        "iol_selected_row",
        "iol_emmetropia",
        "iol_calculations_repeated",
        "iol_constants_differ",
        "iol_copies_differ",
        "inter_eye_al",
        "inter_eye_k",
        "ungrounded",
        "ocr_extra_digit",
        "no_measurements",
        "printed_value_unread",
        "low_confidence",
        "patients_differ",
        *CONTAINER_CODES,
    }
)


def accept_threshold() -> float:
    """The confidence a result needs to be accepted (environment `BIOMETRY_ACCEPT_THRESHOLD`)."""
    return float(os.environ.get(ACCEPT_THRESHOLD_ENV, DEFAULT_ACCEPT_THRESHOLD))


def validate(result: BiometryResult, document: Document | None) -> BiometryResult:
    """Check every value; return the result with issues, provenance, confidence and status set.

    Without a document (e.g. a structured export already grounded by its parser) grounding is taken from the
    provenance the parser recorded; a value with neither provenance nor document is ungrounded.
    """
    issues = [i for i in result.extraction.issues if i.code not in VALIDATOR_CODES]
    provenance = dict(result.extraction.provenance)
    issues += _value_issues(result)
    grounding = GroundingIndex(document) if document is not None else None
    issues += _grounding_issues(result, grounding, provenance)
    issues += _repeated_calculations(result, provenance)
    if result.source.text_source == "ocr":
        issues += _precision_issues(provenance)
    printed = printed_in(document) if document is not None else None
    if printed is not None:
        issues += check_complete(result, printed)
    if document is not None:
        issues += container_issues(result, document) + patient_issues(document)
    if result.eyes.OD is None and result.eyes.OS is None and not result.iol_calculations:
        issues.append(_error("no_measurements", "No measurement of either eye was found."))
    confidence = _confidence(issues, grounding, provenance)
    blocked = any(i.severity == "error" for i in issues)
    if not blocked and confidence < accept_threshold():
        issues.append(
            Issue(
                code="low_confidence",
                severity="error",
                message=f"Confidence {confidence:.2f} is below the acceptance threshold {accept_threshold():.2f}.",
            )
        )
        blocked = True
    extraction = result.extraction.model_copy(
        update={"issues": issues, "provenance": provenance, "confidence": round(confidence, 3)}
    )
    return result.model_copy(update={"extraction": extraction, "status": "needs_review" if blocked else "accepted"})


def _value_issues(result: BiometryResult) -> list[Issue]:
    issues: list[Issue] = []
    ocr = result.source.text_source == "ocr"
    maybe_misread = ocr or result.extraction.method in LLM_METHODS
    for side, eye in _eyes(result):
        issues += check_eye(side, eye) + (check_eye_read(side, eye) if maybe_misread else [])
    model = result.device.model if result.device else None
    for index, calculation in enumerate(result.iol_calculations):
        issues += check_iol(index, calculation, ocr=ocr, device_model=model)
        if maybe_misread:
            issues += check_formula_fit(index, calculation, getattr(result.eyes, calculation.eye), model)
    issues += check_constants_agree(result.iol_calculations) + check_copies_agree(result.iol_calculations)
    if result.eyes.OD is not None and result.eyes.OS is not None:
        issues += check_inter_eye(result.eyes.OD, result.eyes.OS)
    return issues


def _grounding_issues(
    result: BiometryResult, grounding: GroundingIndex | None, provenance: dict[str, Provenance]
) -> list[Issue]:
    issues: list[Issue] = []
    for path, value in _grounded_values(result):
        known = provenance.get(path)
        if grounding is None:
            ok = known is not None
        elif known is not None:
            ok = grounding.confirms(known, value)
        else:
            found = grounding.find(value)
            ok = found is not None
            if found is not None:
                provenance[path] = found
        if not ok:
            issues.append(
                Issue(
                    code="ungrounded",
                    severity="error",
                    field=path,
                    message=f"{path} = {value} does not appear in the source document.",
                )
            )
    return issues


def _repeated_calculations(result: BiometryResult, provenance: dict[str, Provenance]) -> list[Issue]:
    """A page whose calculations repeat another page's in order, each to the last row: a page printed or scanned twice.

    One calculation may recur on another page (a lens's formula page and a formula's lens page print it alike) and a
    device may print one box twice on a page (the real Eyestar 900 does); a whole page of them never recurs.
    """
    by_page: dict[int, list[str]] = {}
    for index, page in sorted(_calculation_pages(provenance).items()):
        if index < len(result.iol_calculations):
            by_page.setdefault(page, []).append(result.iol_calculations[index].model_dump_json())
    first_page: dict[tuple[str, ...], int] = {}
    issues = []
    for page, calculations in sorted(by_page.items()):
        earlier = first_page.setdefault(tuple(calculations), page)
        if earlier != page:
            message = (
                f"Page {page} repeats the {len(calculations)} calculation(s) of page {earlier}, every one to the last "
                "row: a page printed or scanned twice? Check the document."
            )
            issues.append(_error("iol_calculations_repeated", message))
    return issues


def _calculation_pages(provenance: dict[str, Provenance]) -> dict[int, int]:
    """Each calculation's index -> the page its values were read on."""
    pages: dict[int, int] = {}
    for path, where in provenance.items():
        if path.startswith("iol_calculations["):
            pages.setdefault(int(path[len("iol_calculations[") : path.index("]")]), where.page)
    return pages


def _precision_issues(provenance: dict[str, Provenance]) -> list[Issue]:
    """Eye values read with more decimals than any printout shows: OCR added a digit."""
    issues = []
    for path, where in provenance.items():
        side, _, name = path.partition(".")
        most = PRINTED_DECIMALS.get(name)
        shown = max((len(digits) for digits in _DECIMALS.findall(where.text)), default=0)
        if side in ("OD", "OS") and most is not None and shown > most:
            message = f"{path} was read as {where.text!r}: printouts show at most {most} decimals."
            issues.append(Issue(code="ocr_extra_digit", severity="error", field=path, message=message))
    return issues


def _grounded_values(result: BiometryResult) -> Iterator[tuple[str, float | str]]:
    """Every value that must appear in the source, with its provenance key."""
    for side, eye in _eyes(result):
        for name, value in eye.model_dump(exclude={"flags", "lens_status"}).items():
            if value is not None:
                yield f"{side}.{name}", value
    for index, calculation in enumerate(result.iol_calculations):
        yield from _iol_values(index, calculation)


def _iol_values(index: int, calculation: IolCalculation) -> Iterator[tuple[str, float | str]]:
    prefix = f"iol_calculations[{index}]"
    yield f"{prefix}.iol_model", calculation.iol_model
    if calculation.iol_manufacturer is not None:
        yield f"{prefix}.iol_manufacturer", calculation.iol_manufacturer
    for name, value in calculation.constants.items():
        yield f"{prefix}.constants.{name}", value
    if calculation.target_refraction_d is not None:
        yield f"{prefix}.target_refraction_d", calculation.target_refraction_d
    if calculation.emmetropia_power_d is not None:
        yield f"{prefix}.emmetropia_power_d", calculation.emmetropia_power_d
    for row_index, row in enumerate(calculation.rows):
        yield f"{prefix}.rows[{row_index}].iol_power_d", row.iol_power_d
        yield f"{prefix}.rows[{row_index}].refraction_d", row.refraction_d


def _confidence(issues: list[Issue], grounding: GroundingIndex | None, provenance: dict[str, Provenance]) -> float:
    warnings = sum(1 for i in issues if i.severity == "warning")
    score = 1.0 - WARNING_PENALTY * warnings
    if grounding is not None:
        score *= grounding.mean_confidence(provenance.values())
    return max(0.0, min(1.0, score))


def _eyes(result: BiometryResult) -> Iterator[tuple[EyeSide, Eye]]:
    if result.eyes.OD is not None:
        yield "OD", result.eyes.OD
    if result.eyes.OS is not None:
        yield "OS", result.eyes.OS


def _error(code: str, message: str) -> Issue:
    return Issue(code=code, severity="error", message=message)
