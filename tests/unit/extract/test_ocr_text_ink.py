"""Which ink of a box can be text: a box with only a logo or a rule is not sent to tesseract."""

from __future__ import annotations

import numpy as np
from PIL import Image

from biometry.extract.boxes import Box
from biometry.extract.ocr import _text_ink

WHOLE = Box(0, 0, 200, 100)


def _page(paint: tuple[slice, slice]) -> Image.Image:
    pixels = np.full((100, 200), 255, dtype=np.uint8)
    pixels[paint] = 0
    return Image.fromarray(pixels, mode="L")


def test_a_filled_area_is_not_text_ink() -> None:
    assert not _text_ink(_page((slice(20, 60), slice(20, 120))), WHOLE).any()


def test_a_vertical_rule_through_the_box_is_not_text_ink() -> None:
    assert not _text_ink(_page((slice(0, 100), slice(99, 101))), WHOLE).any()


def test_glyph_strokes_are_text_ink() -> None:
    assert _text_ink(_page((slice(40, 60), slice(50, 53))), WHOLE).sum() == 20 * 3
