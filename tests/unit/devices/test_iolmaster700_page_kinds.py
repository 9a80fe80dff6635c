"""IOLMaster 700 page kinds: a calculation page prints result tables (and formula captions under both eyes' labels);
a one-eye analysis page stays one whatever OCR reads in its pictures."""

from __future__ import annotations

from biometry.devices.iolmaster700.boxes import is_calculation_page
from biometry.document import Page, Word

BODY = 0.008  # a line of body type, page fractions high
BIG = 0.026  # the big `OD` / `OS` label


def _word(text: str, x: float, y: float, height: float = BODY) -> Word:
    return Word(text, (x, y, x + 0.006 * len(text), y + height), confidence=0.9)


def _page(words: list[Word]) -> Page:
    return Page(number=1, width_pt=595.0, height_pt=842.0, source="ocr", words=words)


ANALYSIS = [_word("OS", 0.82, 0.28, BIG), _word("Análise", 0.47, 0.30), _word("AL:", 0.11, 0.40),
            _word("23,77", 0.14, 0.40), _word("mm", 0.19, 0.40)]  # fmt: skip
# Real 200-dpi rescan (held-out seed 53), page 2: the B-scan picture read as a line between dashes
PICTURE_AS_CAPTION = [_word("~", 0.217, 0.607), _word("§", 0.225, 0.607), _word("“ee", 0.27, 0.607),
                      _word("=", 0.304, 0.607)]  # fmt: skip
CALCULATION = [_word("OD", 0.12, 0.28, BIG), _word("OS", 0.82, 0.28, BIG), _word("-", 0.14, 0.59),
               _word("Haigis", 0.15, 0.59), _word("-", 0.20, 0.59), _word("IOL", 0.10, 0.62), _word("(D)", 0.13, 0.62),
               _word("Ref", 0.18, 0.62), _word("(D)", 0.21, 0.62)]  # fmt: skip


def test_a_page_with_captions_under_both_eyes_labels_is_a_calculation_page() -> None:
    assert is_calculation_page(_page(CALCULATION))


def test_a_one_eye_analysis_page_whose_picture_reads_as_a_caption_is_no_calculation_page() -> None:
    assert not is_calculation_page(_page([*ANALYSIS, *PICTURE_AS_CAPTION]))


def test_a_one_eye_page_with_captions_and_a_result_table_is_a_calculation_page() -> None:
    one_eye = [w for w in CALCULATION if w.text != "OD"]
    assert is_calculation_page(_page(one_eye))


def test_a_page_without_captions_is_no_calculation_page() -> None:
    assert not is_calculation_page(_page(ANALYSIS))


def test_a_page_of_result_tables_whose_captions_ocr_garbled_is_a_calculation_page() -> None:
    # Real 150-dpi rescan (tuning seed 12), page 5: `- Haigis - - Barrett Universal Il - ° :`, no caption read
    garbled = [w for w in CALCULATION if w.text not in ("-", "Haigis")] + [
        _word("°", 0.20, 0.59),
        _word(":", 0.21, 0.59),
    ]
    assert is_calculation_page(_page([_word("OD:", 0.10, 0.21), *garbled]))
