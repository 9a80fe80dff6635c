"""IOLMaster 500 exam date: every page's header box prints `Examination date:` and a date; one OCR split, or lost
with its label, is unread, not absent."""

from __future__ import annotations

from biometry.models import BiometryResult
from tests.unit.devices.test_iolmaster500_layout import _page, _parse


def _measurement(header: str) -> BiometryResult:
    return _parse(_page([(0.10, 0.12, header), (0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)")]))


def _unread(result: BiometryResult) -> set[str | None]:
    return {i.field for i in result.extraction.issues if i.code == "printed_value_unread"}


def test_a_date_ocr_split_after_its_label_is_printed_and_unread() -> None:
    result = _measurement("Examination date: 03/3 1/2023")
    assert result.exam_date is None
    assert "exam_date" in _unread(result)


def test_a_date_read_after_its_label_is_not_unread() -> None:
    assert "exam_date" not in _unread(_measurement("Examination date: 03/31/2023"))


def test_a_header_ocr_lost_whole_leaves_the_date_printed_and_unread() -> None:
    """A photo's page pass lost the whole header box (name, ID, birth date, examination date)."""
    result = _measurement("Pre-op Assessment Clinic, IOL Master 500 No 2")
    assert "exam_date" in _unread(result)
