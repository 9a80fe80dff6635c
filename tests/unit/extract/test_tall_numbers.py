"""A number the page pass boxed taller than its type is boxed again to its own ink; other words stay as read."""

from __future__ import annotations

from biometry.document import Word, group_lines
from biometry.extract.tall_numbers import with_numbers_boxed_to_their_ink
from tests.unit.devices.rendered_words import rendered

# two rows of a result table, as the real IOLMaster 700 prints them (power, refraction)
TABLE = (("+21,50", 20.0, 30.0), ("+0,37", 70.0, 30.0), ("+21,00", 20.0, 42.0), ("+0,69", 70.0, 42.0))


def _boxed_up_to_the_row_above(words: list[Word], text: str) -> list[Word]:
    """The words with `text` boxed from the middle of the row above down to its own bottom (a rescan, seed 314)."""
    above = next(w for w in words if w.text == "+21,50")
    return [
        Word(w.text, (w.bbox[0], (above.bbox[1] + above.bbox[3]) / 2, w.bbox[2], w.bbox[3]), confidence=0.81)
        if w.text == text
        else w
        for w in words
    ]


def test_a_number_boxed_over_the_row_above_is_boxed_to_its_own_ink_and_stays_in_its_row() -> None:
    # a 300-dpi rescan (held-out seed 314) boxed `+21,00` over the glyph ends of `+21,50`: its row was grouped with the
    # row above, and the table lost its last two rows
    image, words = rendered(TABLE)
    fixed = with_numbers_boxed_to_their_ink(image, _boxed_up_to_the_row_above(words, "+21,00"))
    assert [line.text for line in group_lines(fixed)] == ["+21,50 +0,37", "+21,00 +0,69"]


def test_a_word_that_is_no_number_keeps_its_box() -> None:
    image, words = rendered((*TABLE, ("Emetropia", 40.0, 54.0)))
    tall = [
        Word(w.text, (w.bbox[0], w.bbox[1] - 0.1, w.bbox[2], w.bbox[3])) if w.text == "Emetropia" else w for w in words
    ]
    assert with_numbers_boxed_to_their_ink(image, tall) == tall
