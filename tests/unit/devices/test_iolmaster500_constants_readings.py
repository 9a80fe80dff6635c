"""IOLMaster 500 constants lines on the device frames: a Haigis label OCR garbled is named by its line's place when the
other two are read, and a line reading outvoted by the page pass and the value cell gives way."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from biometry.devices.iolmaster500.box_heads import _settled, unless_contradicted
from biometry.devices.iolmaster500.boxes import constants
from biometry.document import Line, Word
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL
from biometry.synth.fonts import font_path


def _line(text: str, y: float) -> Line:
    return Line(tuple(Word(t, (0.1 + 0.06 * i, y, 0.15 + 0.06 * i, y + 0.01)) for i, t in enumerate(text.split())))


def _haigis(*texts: str) -> tuple[dict[str, float | None], list[str]]:
    problems: list[str] = []
    found = constants([_line(text, 0.4 + 0.02 * i) for i, text in enumerate(texts)], "Haigis", problems)
    return {name: token.number for name, token in found.items()}, problems


@pytest.mark.parametrize("garbled", ["A? const:", "A const:"])
def test_a_haigis_label_ocr_garbled_on_the_last_line_is_a2_by_its_place(garbled: str) -> None:
    found, problems = _haigis("AO const: -0.323", "Al const: 0.213", f"{garbled} 0.208")
    assert (found, problems) == ({"a0": -0.323, "a1": 0.213, "a2": 0.208}, [])


def test_a_haigis_label_ocr_garbled_on_the_middle_line_is_a1_by_its_place() -> None:
    found, problems = _haigis("A0 const: -0.323", "A? const: 0.213", "A2 const: 0.208")
    assert (found, problems) == ({"a0": -0.323, "a1": 0.213, "a2": 0.208}, [])


def test_two_haigis_labels_ocr_garbled_name_no_constant() -> None:
    _, problems = _haigis("A0 const: -0.323", "A? const: 0.213", "A? const: 0.208")
    assert problems


def test_a_garbled_haigis_label_is_not_named_where_another_label_stands_out_of_its_place() -> None:
    _, problems = _haigis("A1 const: 0.213", "A0 const: -0.323", "A? const: 0.208")
    assert problems


def test_a_haigis_label_garbled_past_the_shape_of_an_indexed_label_is_not_named() -> None:
    _, problems = _haigis("A0 const: -0.323", "A1 const: 0.213", "pACD const: 0.208")
    assert problems


def _value_cell(value: str) -> tuple[Image.Image, Box, tuple[float, float, float, float]]:
    """A 300-dpi grey crop of a constants line's value, its ink box in pixels and as a page fraction."""
    image = Image.new("L", (400, 80), 255)
    ImageDraw.Draw(image).text((60, 20), value, font=ImageFont.truetype(str(font_path("DejaVuSans.ttf")), 36), fill=0)
    ink = np.asarray(image) < INK_LEVEL
    ys, xs = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    cell = Box(int(xs[0]), int(ys[0]), int(xs[-1]) + 1, int(ys[-1]) + 1)
    return image, cell, (cell.x0 / 400, cell.y0 / 80, cell.x1 / 400, cell.y1 / 80)


def test_a_line_reading_against_the_digits_the_page_pass_and_the_value_cell_read_gives_way() -> None:
    image, cell, box = _value_cell("118.70")
    assert _settled(image, Word("118.76", box), [Word("118.70", box)], cell).text == "118.70"


def test_a_line_reading_against_a_page_pass_the_value_cell_does_not_confirm_stays_in_doubt() -> None:
    image, cell, box = _value_cell("118.70")
    assert _settled(image, Word("118.76", box), [Word("118.79", box)], cell).text == "?"


def test_a_page_pass_that_read_the_minus_as_a_digit_does_not_contradict_a_signed_re_read() -> None:
    box = (0.5, 0.5, 0.6, 0.51)
    assert unless_contradicted(Word("-0.323", box), [Word("40.323", box)]).text == "-0.323"


def test_a_page_pass_with_other_digits_after_the_minus_read_as_a_digit_contradicts_the_re_read() -> None:
    box = (0.5, 0.5, 0.6, 0.51)
    assert unless_contradicted(Word("-0.323", box), [Word("40.328", box)]).text == "?"
