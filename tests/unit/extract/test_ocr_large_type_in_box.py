"""Large type inside a framed cell (an IOLMaster 700 analysis page's big `OD`, read as a box) is read again alone when
the box's read keeps a large word but drops a glyph beside it (`D` without its `O`)."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from biometry.document import Word
from biometry.extract import ocr
from biometry.extract.boxes import Box
from biometry.extract.large_type import dropped_label_letters

SIZE = (800, 400)
CELL = Box(50, 50, 750, 250)  # the framed cell, frame drawn on its edges
BODY_PX = 20.0
TRIM = 4
INSIDE = Box(CELL.x0 + TRIM, CELL.y0 + TRIM, CELL.x1 - TRIM, CELL.y1 - TRIM)


def page() -> Image.Image:
    """A framed cell holding a big ring (the `O` the box's read dropped) left of a big `D`, and a big blob outside."""
    image = Image.new("L", SIZE, 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((CELL.x0, CELL.y0, CELL.x1, CELL.y1), outline=0, width=3)
    draw.ellipse((100, 100, 160, 170), outline=0, width=8)  # the O: 70 px tall, 3.5 body heights
    draw.rectangle((180, 100, 230, 170), outline=0, width=8)  # the D
    draw.rectangle((300, 300, 360, 370), fill=0)  # large ink outside the cell
    return image


def _word(text: str, box: tuple[int, int, int, int]) -> Word:
    x0, y0, x1, y1 = box
    return Word(text, (x0 / SIZE[0], y0 / SIZE[1], x1 / SIZE[0], y1 / SIZE[1]), confidence=0.9)


D = _word("D", (180, 100, 231, 171))
BODY = _word("Analysis", (400, 120, 520, 140))


def test_the_ink_of_a_glyph_dropped_in_a_cell_joins_the_large_word_beside_it() -> None:
    (region,) = dropped_label_letters(page(), [D, BODY], BODY_PX, INSIDE)
    assert region.x0 <= 100 and region.x1 >= 230 and region.y1 < CELL.y1  # O and D, not the ink outside the cell


def test_a_cell_whose_large_word_was_read_whole_dropped_nothing() -> None:
    assert dropped_label_letters(page(), [_word("OD", (100, 100, 231, 171)), BODY], BODY_PX, INSIDE) == []


def test_a_cell_whose_read_holds_a_large_word_reads_its_large_type_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def read_label(image: Image.Image, region: Box, body: float) -> list[Word]:
        return [_word("OD", (100, 100, 231, 171))]

    monkeypatch.setattr(ocr, "_read_large_type", read_label)
    words = ocr._with_large_type_in_box(page(), CELL, TRIM, [D, BODY], BODY_PX)
    assert sorted(w.text for w in words) == ["Analysis", "OD"]


def test_a_cell_whose_read_kept_no_large_word_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(image: Image.Image, region: Box, body: float) -> list[Word]:
        raise AssertionError("read again")

    monkeypatch.setattr(ocr, "_read_large_type", fail)
    assert ocr._with_large_type_in_box(page(), CELL, TRIM, [BODY], BODY_PX) == [BODY]
