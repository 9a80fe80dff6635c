"""Rules are found at the page's own ink level: a rescan's grey grid is still a grid, grey fills are still paper."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from biometry.extract.boxes import MAX_RULE_LEVEL, find_boxes, rule_ink_level

PAGE = (1240, 600)
MIN_LENGTH = 75  # 6 % of the page width, as find_boxes looks for rules
RESCAN_GREY = 130  # a thin black rule of the print, blurred by a rescan


def grid(grey: int) -> Image.Image:
    """A table of three rows by two cells, ruled 2 px wide in `grey`."""
    image = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 170, 240, 310):
        draw.line((100, y, 700, y), fill=grey, width=2)
    for x in (100, 400, 700):
        draw.line((x, 100, x, 310), fill=grey, width=2)
    return image


def test_a_grid_blurred_to_grey_by_a_rescan_is_still_found_row_by_row() -> None:
    assert len(find_boxes(grid(RESCAN_GREY))) >= 3


def test_the_level_sits_above_the_grey_of_the_page_s_thin_rules() -> None:
    assert RESCAN_GREY < rule_ink_level(np.asarray(grid(RESCAN_GREY)), MIN_LENGTH) <= MAX_RULE_LEVEL


def test_a_page_with_black_rules_keeps_the_text_level() -> None:
    assert rule_ink_level(np.asarray(grid(0)), MIN_LENGTH) == rule_ink_level(np.asarray(grid(60)), MIN_LENGTH)


def test_a_grey_fill_is_not_a_thin_rule_and_does_not_raise_the_level() -> None:
    image = Image.new("L", PAGE, 255)
    ImageDraw.Draw(image).rectangle((100, 100, 900, 300), fill=150)
    assert rule_ink_level(np.asarray(image), MIN_LENGTH) == rule_ink_level(np.asarray(grid(0)), MIN_LENGTH)


def staircase_grid() -> Image.Image:
    """The table ruled 1 px wide in black, each horizontal rule stepping one pixel row down every 50 px: a thin rule of
    a black-and-white scan, tilted, after the page's deskew."""
    image = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 170, 240, 310):
        for step, x in enumerate(range(100, 700, 50)):
            draw.line((x, y + step % 2, x + 49, y + step % 2), fill=0)
    for x in (100, 400, 700):
        draw.line((x, 100, x, 311), fill=0)
    return image


def test_a_black_and_white_pages_staircase_rules_are_found_over_two_pixel_rows() -> None:
    assert len(find_boxes(staircase_grid(), bilevel=True)) >= 3


def test_a_grey_pages_rules_are_looked_for_row_by_row_as_before() -> None:
    assert find_boxes(staircase_grid()) == []
