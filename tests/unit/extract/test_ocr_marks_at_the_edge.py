"""Marks OCR read of the image's own edge (a photo's background beside the page, upright) are no words of the page."""

from __future__ import annotations

from PIL import Image

from biometry.document import Word
from biometry.extract import ocr

PAGE = Image.new("L", (1574, 2155), 250)
MODEL = Word("EYHANCE", (0.097, 0.476, 0.177, 0.486), confidence=0.91)
# a held-out photo of the real Eyestar's first page (seed 295): its left edge read as `|` and `:` on every line
EDGE_BAR = Word("|", (0.0, 0.473, 0.0006, 0.487), confidence=0.80)
EDGE_COLON = Word(":", (0.0, 0.301, 0.0003, 0.305), confidence=0.0)


def test_marks_boxed_against_the_images_left_or_right_edge_are_dropped() -> None:
    right = Word("|", (0.9995, 0.473, 1.0, 0.487), confidence=0.8)
    words = [EDGE_BAR, EDGE_COLON, MODEL, right]
    assert ocr._without_marks_at_the_edge(PAGE, words) == [MODEL]


def test_a_word_with_a_letter_or_digit_cut_by_the_edge_stays() -> None:
    cut = Word("|K1:", (0.0, 0.258, 0.02, 0.265), confidence=0.7)
    assert ocr._without_marks_at_the_edge(PAGE, [cut, MODEL]) == [cut, MODEL]


def test_a_nulls_dashes_at_the_edge_stay() -> None:
    null = Word("---", (0.0, 0.550, 0.016, 0.552), confidence=0.6)
    assert ocr._without_marks_at_the_edge(PAGE, [null]) == [null]


def test_a_mark_inside_the_page_stays() -> None:
    separator = Word("|", (0.189, 0.513, 0.190, 0.530), confidence=0.95)  # a lens table's column rule
    assert ocr._without_marks_at_the_edge(PAGE, [separator]) == [separator]
