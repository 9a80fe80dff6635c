"""Two numbers OCR read as one word across the rule marks between them are set apart; any other word stays."""

from __future__ import annotations

import pytest

from biometry.document import Word
from biometry.extract.ruled_numbers import with_ruled_numbers_apart


def _apart(text: str) -> list[str]:
    return [w.text for w in with_ruled_numbers_apart([Word(text, (0.5, 0.1, 0.7, 0.12), confidence=0.1)])]


def test_a_row_read_as_one_word_across_its_column_rule_is_its_two_cells() -> None:
    # held-out 300-dpi rescan (seed 213): an IOLMaster 700 box's last row `+20,50 | +0,71` over the rule under it
    assert _apart("_|___+20,50___+0,71") == ["+20,50", "+0,71"]


def test_a_minus_after_the_rule_stays_the_second_numbers_sign() -> None:
    assert _apart("22.50_|_-0.66") == ["22.50", "-0.66"]


@pytest.mark.parametrize("text", ["+20,50", "+20,50-0,71", "42.60/7.92@", "_+21,00_", "K1:41,45D", "+20,50__x0,71"])
def test_a_word_that_is_no_two_numbers_glued_by_rule_marks_stays_as_read(text: str) -> None:
    assert _apart(text) == [text]


def test_each_number_is_boxed_over_its_share_of_the_words_characters() -> None:
    first, second = with_ruled_numbers_apart([Word("+20,50__+0,71", (0.0, 0.1, 1.3, 0.12))])
    assert (first.bbox[0], first.bbox[2]) == pytest.approx((0.0, 0.6))
    assert (second.bbox[0], second.bbox[2]) == pytest.approx((0.8, 1.3))
    assert first.bbox[1::2] == second.bbox[1::2] == (0.1, 0.12)
