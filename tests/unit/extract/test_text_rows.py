"""A low box is read as one framed line only when its ink holds one text row."""

from __future__ import annotations

import numpy as np

from biometry.extract.text_rows import text_rows


def _ink(*bands: tuple[int, int], height: int = 90) -> np.ndarray:
    """A box's ink with these (first, past-last) rows inked."""
    ink = np.zeros((height, 200), dtype=bool)
    for top, bottom in bands:
        ink[top:bottom, 10:150] = True
    return ink


def test_one_line_of_type_is_one_row() -> None:
    assert text_rows(_ink((30, 55))) == 1


def test_two_lines_of_type_are_two_rows() -> None:
    assert text_rows(_ink((10, 35), (50, 75))) == 2


def test_a_speck_or_a_rule_remnant_is_no_row() -> None:
    assert text_rows(_ink((30, 55), (80, 83))) == 1


def test_an_empty_box_has_no_row() -> None:
    assert text_rows(_ink()) == 0
