"""Which local OCR readings the fast path sends to Textract: those in review for a reason a better reading removes."""

from __future__ import annotations

import pytest

from biometry.models import BiometryResult, Extraction, Issue, Source, Status
from biometry.pipeline.fallback import NOT_READING_ISSUES, only_a_person_helps, textract_may_help


def _result(*codes: str, status: Status = "needs_review", media_type: str = "application/pdf") -> BiometryResult:
    issues = [Issue(code=code, severity="error", message=code) for code in codes]
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
