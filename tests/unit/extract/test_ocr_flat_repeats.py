"""Numbers tesseract boxes flatter than a glyph along a row's underline, repeating the row's word above them, are a
second reading of that print; a flat number that repeats nothing is the only reading of its print and stays."""

from __future__ import annotations

from biometry.document import Word
from biometry.extract.ocr import _without_flat_repeats

PAGE_HEIGHT_PX = 3301  # a 300-dpi A4 rescan
# The real IOLMaster 700's 300-dpi rescan (held-out seed 40), page 3: the last row of the OD SRK/T box
ROW = [
    Word("_+21,00", (0.3247, 0.8416, 0.3933, 0.8537), confidence=0.35),
    Word("00", (0.3667, 0.8534, 0.3690, 0.8537), confidence=0.54),
    Word("0,75", (0.4067, 0.8534, 0.4506, 0.8537), confidence=0.00),
    Word("+0,75", (0.4322, 0.8416, 0.4725, 0.8537), confidence=0.93),
]


def test_flat_numbers_repeating_the_row_above_them_are_dropped() -> None:
    assert [w.text for w in _without_flat_repeats(ROW, PAGE_HEIGHT_PX)] == ["_+21,00", "+0,75"]


def test_a_flat_number_that_repeats_no_word_above_it_stays() -> None:
    # Seed 40, page 5: an emmetropia power boxed 1 px high at the bottom of the last row, whose digits differ
    row = [Word("+20,50", (0.757, 0.8413, 0.809, 0.8537)), Word("__+21,43", (0.736, 0.8534, 0.807, 0.8537))]
    assert [w.text for w in _without_flat_repeats(row, PAGE_HEIGHT_PX)] == ["+20,50", "__+21,43"]


def test_a_word_of_full_height_is_never_dropped() -> None:
    words = [Word("+0,75", (0.4322, 0.8416, 0.4725, 0.8537)), Word("0,75", (0.43, 0.845, 0.47, 0.855))]
    assert len(_without_flat_repeats(words, PAGE_HEIGHT_PX)) == 2


def test_a_flat_number_repeating_the_row_above_with_its_plus_read_as_a_four_is_dropped() -> None:
    # Held-out seed 195, 300-dpi rescan, page 3: `40,51` 1 px high under `+0.51`, read as an emmetropia power 40.51
    row = [Word("+0.51", (0.225, 0.841, 0.263, 0.852)), Word("40,51", (0.198, 0.8534, 0.240, 0.8537), confidence=0.04)]
    assert [w.text for w in _without_flat_repeats(row, PAGE_HEIGHT_PX)] == ["+0.51"]


def test_a_flat_number_starting_with_a_four_that_repeats_no_plus_reading_stays() -> None:
    row = [Word("0.51", (0.225, 0.841, 0.263, 0.852)), Word("40,51", (0.198, 0.8534, 0.240, 0.8537))]
    assert len(_without_flat_repeats(row, PAGE_HEIGHT_PX)) == 2
