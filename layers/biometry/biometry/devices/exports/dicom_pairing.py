"""One study, several DICOM objects: an encapsulated printout and measurement objects must agree, or go to review.

Objects pair by `StudyInstanceUID` (the `dicom.study_uid` fact). Every eye value both results hold must be equal
(both come from the device's own numbers: the printout prints them, the objects store them), and every calculation of
the same eye, formula and lens must have the same rows. A disagreement is an error issue on each result of the pair.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from biometry.document import Document
from biometry.lens_catalogue import ocr_fold
from biometry.models import EYE_VALUE_FIELDS, BiometryResult, IolCalculation, Issue

STUDY_DISAGREES = "dicom_study_disagrees"
STUDY_UID = "dicom.study_uid"


def pair_by_study(parsed: list[tuple[Document, BiometryResult]]) -> list[BiometryResult]:
    """The results in input order, each result of a study with a disagreeing partner sent to review."""
    studies: dict[str, list[int]] = defaultdict(list)
    for index, (document, _) in enumerate(parsed):
        if STUDY_UID in document.facts:
            studies[document.facts[STUDY_UID]].append(index)
    issues: dict[int, list[Issue]] = defaultdict(list)
    for members in studies.values():
        for a, b in combinations(members, 2):
            found = disagreements(parsed[a][1], parsed[b][1])
            issues[a] += found
            issues[b] += found
    return [_with_issues(result, issues[index]) for index, (_, result) in enumerate(parsed)]


def disagreements(first: BiometryResult, second: BiometryResult) -> list[Issue]:
    """Every value two results of one study both hold and state differently."""
    found = []
    for side in ("OD", "OS"):
        eye_a, eye_b = getattr(first.eyes, side), getattr(second.eyes, side)
        if eye_a is None or eye_b is None:
            continue
        for name in EYE_VALUE_FIELDS:
            a, b = getattr(eye_a, name), getattr(eye_b, name)
            if a is not None and b is not None and a != b:
                found.append(_issue(f"{side} {name} is {a} in one object of the study and {b} in another.", side))
    for calc_a in first.iol_calculations:
        for calc_b in second.iol_calculations:
            if _same_calculation(calc_a, calc_b) and _rows(calc_a) != _rows(calc_b):
                message = f"{calc_a.eye} {calc_a.formula} {calc_a.iol_model}: the objects of the study list other rows."
                found.append(_issue(message, calc_a.eye))
    return found


def _same_calculation(a: IolCalculation, b: IolCalculation) -> bool:
    return (a.eye, a.formula, ocr_fold(a.iol_model)) == (b.eye, b.formula, ocr_fold(b.iol_model))


def _rows(calculation: IolCalculation) -> list[tuple[float, float]]:
    return [(row.iol_power_d, row.refraction_d) for row in calculation.rows]


def _issue(message: str, side: str) -> Issue:
    return Issue.model_validate({"code": STUDY_DISAGREES, "severity": "error", "eye": side, "message": message})


def _with_issues(result: BiometryResult, issues: list[Issue]) -> BiometryResult:
    if not issues:
        return result
    extraction = result.extraction.model_copy(update={"issues": [*result.extraction.issues, *issues]})
    return result.model_copy(update={"extraction": extraction, "status": "needs_review"})
