"""The reviewer's result through the one validator as `manual`: what a note vouches for and what still blocks."""

from __future__ import annotations

from datetime import date

import pytest

from biometry.models import BiometryResult, Eye, Eyes, Issue
from biometry.pipeline.manual_result import ResolutionRejected, parse_reviewed, validate_manual
from tests.integration.conftest import PDF, fake_load_document, make_result

DOCUMENT = fake_load_document(PDF, "report.pdf")
EXAM_DATE = date(2024, 3, 21)


def _reviewed(axial_length_mm: float, *issues: Issue) -> BiometryResult:
    """The pipeline's needs_review result as a reviewer saves it: one value typed in, the given issues."""
    result = make_result(DOCUMENT, "needs_review")
    eyes = Eyes(OD=Eye(axial_length_mm=axial_length_mm))
    extraction = result.extraction.model_copy(update={"issues": list(issues)})
    return result.model_copy(update={"eyes": eyes, "exam_date": EXAM_DATE, "extraction": extraction})


def _note(message: str = "re-measured", **where: str) -> Issue:
    return Issue(code="reviewer_note", severity="info", message=message, **where)  # type: ignore[arg-type]


def test_a_grounded_manual_result_is_accepted_as_manual() -> None:
    checked = validate_manual(_reviewed(23.41), DOCUMENT)
    assert (checked.status, checked.extraction.method) == ("accepted", "manual")


def test_a_note_naming_eye_and_field_vouches_for_an_ungrounded_value() -> None:
    checked = validate_manual(_reviewed(24.02, _note(eye="OD", field="axial_length_mm")), DOCUMENT)
    vouched = [i.severity for i in checked.extraction.issues if i.code == "ungrounded"]
    assert (checked.status, vouched) == ("accepted", ["info"])


def test_an_empty_note_vouches_for_nothing() -> None:
    with pytest.raises(ResolutionRejected, match="does not appear in the source document"):
        validate_manual(_reviewed(24.02, _note(message=" ", field="OD.axial_length_mm")), DOCUMENT)


def test_a_note_does_not_excuse_an_implausible_value() -> None:
    document = fake_load_document(PDF.replace(b"23,41", b"45,00"), "report.pdf")
    reviewed = _reviewed(45.0, _note(field="OD.axial_length_mm")).model_copy(update={"document_id": document.sha256})
    with pytest.raises(ResolutionRejected, match="out_of_range"):
        validate_manual(reviewed, document)


def test_the_pipelines_old_issues_are_dropped_from_a_manual_result() -> None:
    old = Issue(code="unknown_device", severity="error", message="No device parser recognises this report.")
    checked = validate_manual(_reviewed(23.41, old), DOCUMENT)
    assert [i.code for i in checked.extraction.issues] == []


def test_a_result_with_the_wrong_type_names_the_field() -> None:
    with pytest.raises(ResolutionRejected, match=r"at status: "):
        parse_reviewed(b'{"document_id": "x", "source": {}, "status": 3, "extraction": {}}')
