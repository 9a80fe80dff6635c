"""A page that prints an IOLMaster 500 eye's K results prints the keratometric index in its header (`n: 1.3375`):
counted as printed also where OCR lost all of it, so the index is read or the document is reviewed, never omitted."""

from __future__ import annotations

from biometry.models import BiometryResult
from tests.unit.devices.test_iolmaster500_layout import _page, _parse


def _measurement(header: str) -> BiometryResult:
    return _parse(_page([(0.10, 0.12, header), (0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)"),
                         (0.10, 0.52, "MV: 42.51/43.77 D")]))  # fmt: skip


def _unread(result: BiometryResult) -> set[str | None]:
    return {i.field for i in result.extraction.issues if i.code == "printed_value_unread"}


def test_the_index_in_the_header_of_a_page_with_k_results_is_read() -> None:
    result = _measurement("Examination date: 05/08/2023 n: 1.3375")
    assert result.eyes.OD is not None and result.eyes.OD.keratometric_index == 1.3375
    assert "OD.keratometric_index" not in _unread(result)


def test_an_index_ocr_lost_from_the_header_of_a_page_with_k_results_is_unread() -> None:
    assert "OD.keratometric_index" in _unread(_measurement("Examination date: 05/08/2023 _ aa"))
