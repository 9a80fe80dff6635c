"""Where a regex result in review goes next: Textract for a reason a reading removes, a person for one none does."""

from __future__ import annotations

import pytest

from biometry.models import BiometryResult, Extraction, Issue, Source, Status
from biometry.pipeline.fallback import (
    NOT_READING_ISSUES,
    only_a_person_helps,
    only_the_patient_unread,
    textract_may_help,
)
from biometry.pipeline.payload import OcrRoute
from biometry.pipeline.steps import _next_stage


def _result(
    *codes: str, status: Status = "needs_review", media_type: str = "application/pdf", field: str | None = None
) -> BiometryResult:
    issues = [Issue(code=code, severity="error", field=field, message=code) for code in codes]
    return BiometryResult(
        document_id="d",
        source=Source(filename="scan.pdf", media_type=media_type, pages=1, text_source="ocr"),
        status=status,
        extraction=Extraction(method="regex", parser="test@1", confidence=0.5, issues=issues),
    )


@pytest.mark.parametrize("code", ["printed_value_unread", "ocr_extra_digit", "k_radius_mismatch", "low_confidence"])
def test_a_reading_reason_sends_the_scan_to_textract(code: str) -> None:
    assert textract_may_help(_result(code))


@pytest.mark.parametrize("code", sorted(NOT_READING_ISSUES))
def test_a_reason_no_reader_changes_keeps_textract_out(code: str) -> None:
    assert not textract_may_help(_result("printed_value_unread", code))


def test_an_accepted_result_never_goes_to_textract() -> None:
    assert not textract_may_help(_result(status="accepted"))


def test_a_review_without_a_blocking_issue_never_goes_to_textract() -> None:
    assert not textract_may_help(_result())


def test_a_dicom_reading_never_goes_to_textract() -> None:
    assert not textract_may_help(_result("printed_value_unread", media_type="application/dicom"))


def test_pages_naming_two_patients_need_a_person() -> None:
    assert only_a_person_helps(_result("printed_value_unread", "patients_differ"))


@pytest.mark.parametrize("code", ["printed_value_unread", "unknown_device", "inter_eye_al"])
def test_a_reason_a_reader_may_remove_leaves_the_readers_their_turn(code: str) -> None:
    assert not only_a_person_helps(_result(code))


def test_an_accepted_result_never_needs_a_person() -> None:
    assert not only_a_person_helps(_result(status="accepted"))


def test_a_patient_field_unread_is_for_a_person_the_llm_tier_answers_without_patient_data() -> None:
    assert only_the_patient_unread(_result("printed_value_unread", field="patient.id"))


def test_an_eye_value_unread_leaves_the_llm_tier_its_turn() -> None:
    assert not only_the_patient_unread(_result("printed_value_unread", field="OD.axial_length_mm"))


@pytest.mark.parametrize(
    ("ocr", "stage"), [("local", "textract_fallback"), ("textract", "person_only"), (None, "person_only")]
)
def test_a_patient_field_unread_is_read_by_textract_once_then_goes_to_a_person(
    ocr: OcrRoute | None, stage: str
) -> None:
    assert _next_stage(_result("printed_value_unread", field="patient.name"), ocr) == stage
