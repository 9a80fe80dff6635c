"""IOLMaster 500 lengths and the index are read as printed, also where OCR garbled the label or split the value."""

from __future__ import annotations

from dataclasses import replace

import pytest

from biometry.document import Word
from tests.unit.devices.test_iolmaster500_layout import LINE_H, Cell, _errors, _page, _parse


def test_a_length_read_without_its_decimals_goes_to_review_not_into_the_result() -> None:
    result = _parse(_page([(0.10, 0.30, "ACD: 3.38 mm"), (0.53, 0.30, "ACD: 3 3.73 mm")]))
    assert result.eyes.OS is not None and result.eyes.OS.acd_mm is None
    assert "length_unreadable" in {i.code for i in result.extraction.issues}


def test_a_digit_ocr_boxed_across_two_lines_of_type_is_no_word_of_the_line() -> None:
    # a phone photo of the real measurement page (seed 3): a `3` boxed over the OS `ACD:` line and the readings row
    # under it, set between label and value (`ACD: 3 3.73 mm`)
    page = _page([(0.10, 0.30, "ACD: 3.38 mm"), (0.53, 0.30, "ACD: 3.73 mm")])
    tall = Word("3", (0.563, 0.297, 0.569, 0.297 + 2.5 * LINE_H), confidence=0.66)
    result = _parse(replace(page, words=[*page.words, tall]))
    assert result.eyes.OS is not None and result.eyes.OS.acd_mm == 3.73


def test_a_value_ocr_boxed_across_two_lines_with_a_speck_stays_a_word_of_its_line() -> None:
    # seed-177 scan 0035: the OD `R/SE: 8.22 mm/ (41.09 D` with `(41.09` boxed three lines tall
    k1, k2 = (0.10, 0.24, "K1: 41.21 D / 8.19 mm @ 11°"), (0.10, 0.26, "K2: 41.60 D / 8.11 mm @ 101°")
    page = _page([k1, k2, (0.10, 0.28, "R/SE: 8.15 mm/       D")])  # the power's place left blank
    tall = Word("(41.40", (0.22, 0.27, 0.265, 0.27 + 3 * LINE_H), confidence=0.81)
    result = _parse(replace(page, words=[*page.words, tall]))
    assert result.eyes.OD is not None and result.eyes.OD.mean_k_d == 41.40


def test_a_missing_mark_ocr_boxed_across_two_lines_stays_a_word_of_its_line() -> None:
    page = _page([(0.10, 0.30, "ACD: 3.38 mm"), (0.53, 0.30, "ACD:")])
    tall = Word("--", (0.58, 0.297, 0.596, 0.297 + 2.5 * LINE_H), confidence=0.5)
    result = _parse(replace(page, words=[*page.words, tall]))
    assert result.eyes.OS is not None and result.eyes.OS.acd_mm is None
    assert result.eyes.OS.flags.get("acd_mm") == ["not_measured"]


def _acd_section(os_line: str, os_readings: str) -> list[Cell]:
    return [
        (0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)"),
        (0.53, 0.34, "Comp. AL: 23.45 mm (SNR = 134.5)"),
        (0.37, 0.65, "Anterior chamber depth values"),
        (0.09, 0.67, "ACD: 3.31 mm"),
        (0.10, 0.68, "3.32 mm 3.31 mm 3.31 mm 3.31 mm 3.31 mm"),
        (0.53, 0.67, os_line),
        (0.53, 0.68, os_readings),
        (0.41, 0.70, "White-to-white values"),
    ]


def test_an_acd_whose_label_ocr_garbled_is_read_by_its_place_within_its_readings() -> None:
    result = _parse(_page(_acd_section("lee 3.21 om", "3.20 mm 3.21 mm 3.20 mm 3.21 mm 3.21 mm")))
    assert result.eyes.OS is not None and result.eyes.OS.acd_mm == 3.21


def test_an_unlabelled_length_outside_its_readings_is_no_acd() -> None:
    result = _parse(_page(_acd_section("lee 3.91 om", "3.20 mm 3.21 mm 3.20 mm 3.21 mm 3.21 mm")))
    assert result.eyes.OS is not None and result.eyes.OS.acd_mm is None


def test_the_keratometric_index_label_as_ocr_reads_it() -> None:
    cells: list[Cell] = [(0.64, 0.12, "ni: 1.3375"), (0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)")]
    result = _parse(_page(cells))
    assert result.eyes.OD is not None and result.eyes.OD.keratometric_index == 1.3375


@pytest.mark.parametrize("header", ["ni 1.3375", "n: 13375", "nm: 1.3375"])  # colon lost; point lost; label garbled
def test_the_keratometric_index_read_without_its_colon_or_its_point(header: str) -> None:
    cells: list[Cell] = [(0.64, 0.12, header), (0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)")]
    result = _parse(_page(cells))
    assert result.eyes.OD is not None and result.eyes.OD.keratometric_index == 1.3375


def test_an_axial_length_whose_value_ocr_set_apart_is_printed_and_unread() -> None:
    cells: list[Cell] = [(0.42, 0.231, "Axial length values l a,"), (0.11, 0.338, "Comp. AL: mm (SNR ="),
                         (0.53, 0.369, "24.55 mm 8.3"), (0.11, 0.369, "24.61 mm 9.0")]  # fmt: skip
    result = _parse(_page(cells))
    assert "printed_value_unread" in _errors(result)


def test_a_keratometric_index_ocr_garbled_past_reading_is_still_printed() -> None:
    # label and point both lost: not read as the index (`_index_label`), yet printed by its digits (completeness)
    cells: list[Cell] = [(0.64, 0.12, "rm 13375"), (0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)")]
    result = _parse(_page(cells))
    assert result.status == "needs_review"
    assert ("printed_value_unread", "OD.keratometric_index") in {(i.code, i.field) for i in result.extraction.issues}


def test_an_axial_length_whose_label_ocr_lost_is_printed_by_its_snr() -> None:
    """`AL: 25.49 mm (SNR = 1.8)` read `: 25-49 mm (SNR = 1.8)` on a rescan's IOL-page summary (its label lost and its
    point read as a hyphen): nothing else prints `(SNR =`, so the AL counts as printed, and a result without it goes to
    review (it was accepted without)."""
    cells: list[Cell] = [(0.64, 0.12, "n: 1.3375"), (0.28, 0.24, ": 25-49 mm (SNR = 1.8)"),
                         (0.10, 0.30, "ACD: 3.38 mm"), (0.53, 0.24, "AL: 25.57 mm (SNR = 40.0)"),
                         (0.53, 0.30, "ACD: 3.40 mm")]  # fmt: skip
    result = _parse(_page(cells))
    assert ("printed_value_unread", "OD.axial_length_mm") in {(i.code, i.field) for i in result.extraction.issues}


def test_an_axial_length_whose_label_ocr_lost_is_read_before_its_snr() -> None:
    # seed-171 photo 0022: the IOL page's `AL: 23.11 mm (SNR = 1.9)` read `: 23.11 mm (SNR = 1.9)`
    result = _parse(_page(_summaries(": 23.11 mm (SNR = 1.9)")))
    assert result.eyes.OD is not None and result.eyes.OD.axial_length_mm == 23.11
    assert result.eyes.OD.flags.get("axial_length_mm") == ["borderline"]


def test_a_length_with_no_snr_after_it_is_no_axial_length() -> None:
    result = _parse(_page(_summaries("23.44 mm 13.5")))
    assert result.eyes.OD is not None and result.eyes.OD.axial_length_mm is None


def _summaries(od_line: str) -> list[Cell]:
    """Both eyes' IOL-page summaries (AL and ACD), the OD AL line as given."""
    return [(0.64, 0.12, "n: 1.3375"), (0.28, 0.24, od_line), (0.10, 0.30, "ACD: 3.38 mm"),
            (0.53, 0.24, "AL: 23.14 mm (SNR = 34.9)"), (0.53, 0.30, "ACD: 3.40 mm")]  # fmt: skip


def test_a_length_copy_read_without_its_decimals_casts_no_doubt_where_another_page_reads_it() -> None:
    # real 150-dpi rescan seed 6: one page's OD `ACD: 3.38 mm` read `3`, the other pages' copies `3.38`
    first = _page([(0.10, 0.30, "ACD: 3 mm"), (0.53, 0.30, "ACD: 3.73 mm")])
    second = _page([(0.10, 0.30, "ACD: 3.38 mm"), (0.53, 0.30, "ACD: 3.73 mm")], number=2)
    result = _parse(first, second)
    assert result.eyes.OD is not None and result.eyes.OD.acd_mm == 3.38
    assert "length_unreadable" not in _errors(result)


@pytest.mark.parametrize("header", ["fn: 13375", "ne 1.3375", "ny 1.3375"])  # seed-173 rescans: a letter more
def test_the_keratometric_index_after_a_label_with_a_letter_more_in_its_printed_form(header: str) -> None:
    cells: list[Cell] = [(0.64, 0.12, header), (0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)")]
    result = _parse(_page(cells))
    assert result.eyes.OD is not None and result.eyes.OD.keratometric_index == 1.3375


def test_the_keratometric_index_printed_whole_after_a_label_garbled_past_reading() -> None:
    # seed-172 rescan: `n:` read `fi?)`, the index `1.3375` whole
    cells: list[Cell] = [(0.64, 0.12, "fi?) 1.3375"), (0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)")]
    result = _parse(_page(cells))
    assert result.eyes.OD is not None and result.eyes.OD.keratometric_index == 1.3375


@pytest.mark.parametrize("header", ["fi?) 13375", "fi?) 1.34", "7) 1.3375"])
def test_a_garbled_label_counts_only_before_the_index_printed_whole(header: str) -> None:
    cells: list[Cell] = [(0.64, 0.12, header), (0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)")]
    result = _parse(_page(cells))
    assert result.eyes.OD is not None and result.eyes.OD.keratometric_index is None


def test_a_number_after_a_label_with_a_letter_more_is_no_index_unless_printed_so() -> None:
    cells: list[Cell] = [(0.64, 0.12, "on: 1.34"), (0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)")]
    result = _parse(_page(cells))
    assert result.eyes.OD is not None and result.eyes.OD.keratometric_index is None
