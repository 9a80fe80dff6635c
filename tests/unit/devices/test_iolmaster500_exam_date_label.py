"""IOLMaster 500 exam date: the header label `Examination date:` prints a date; one OCR split is unread, not absent."""

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
