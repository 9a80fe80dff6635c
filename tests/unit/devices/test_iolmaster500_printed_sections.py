"""An IOLMaster 500 eye block prints its keratometer and ACD results wherever it prints numbers in their sections:
counted from the section titles also where a photo's OCR garbled them, so a result line garbled past its label is
unread (review), never omitted from an accepted result."""

from __future__ import annotations

import pytest

from biometry.models import BiometryResult
from tests.unit.devices.test_iolmaster500_layout import _page, _parse


def _photo(keratometer_title: str, acd_title: str) -> BiometryResult:
    """Page 1 whose OS `MV:` and `ACD:` labels OCR garbled past the vocabulary."""
    return _parse(_page([
        (0.10, 0.34, "Comp. AL: 23.74 mm (SNR = 70.8)"), (0.53, 0.34, "Comp. AL: 23.70 mm (SNR = 53.2)"),
        (0.42, 0.50, keratometer_title),
        (0.10, 0.52, "MV: 43.32/44.06 D"), (0.53, 0.52, "*NW 43.55/44.47 D"),
        (0.10, 0.53, "K1: 43.32 D x 179° 7.79 mm"), (0.53, 0.53, "K1: 43.55 D x 6° 7.75 mm"),
        (0.37, 0.65, acd_title),
        (0.10, 0.67, "ACD: 2.68 mm"), (0.53, 0.67, "ES 2.77 mm"),
        (0.10, 0.68, "2.68 mm 2.68 mm 2.67 mm"), (0.53, 0.68, "2.77 mm 2.77 mm 2.76 mm"),
    ]))  # fmt: skip


TITLES = [
    ("Keratometer values", "Anterior chamber depth values"),
    ("Keratome ‘er values", "Anterior chamk depth values"),
]


@pytest.mark.parametrize(("keratometer", "acd"), TITLES)
def test_means_garbled_past_their_label_are_unread_whatever_ocr_made_of_the_title(keratometer: str, acd: str) -> None:
    result = _photo(keratometer, acd)
    unread = {i.field for i in result.extraction.issues if i.code == "printed_value_unread"}
    assert result.status == "needs_review" and {"OS.k1_d", "OS.k2_d"} <= unread


@pytest.mark.parametrize(("keratometer", "acd"), TITLES)
def test_an_acd_garbled_past_its_label_is_read_by_its_place_whatever_ocr_made_of_the_title(
    keratometer: str, acd: str
) -> None:
    result = _photo(keratometer, acd)
    assert result.eyes.OS is not None and result.eyes.OS.acd_mm == 2.77


def test_a_composite_al_its_readings_doubted_is_printed_but_unread() -> None:
    result = _parse(_page([(0.10, 0.24, "Comp. AL: ? mm (SNR = 1.6!)")]))
    assert "OD.axial_length_mm" in {i.field for i in result.extraction.issues if i.code == "printed_value_unread"}
