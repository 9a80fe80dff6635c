"""A tall word that holds two rows of text is two body-text lines set close: read as a block, not as one line."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from biometry.document import Word
from biometry.extract import ocr
from biometry.extract.boxes import Box

REGION = Box(100, 100, 250, 168)
BODY_PX = 28.0


def reads(image: Image.Image, monkeypatch: pytest.MonkeyPatch) -> tuple[str, int]:
    """The tesseract mode and the shrink `_read_large_type` reads the region with."""
    calls: list[tuple[str, int]] = []

    def record(image: Image.Image, region: Box, config: str, *, shrink: int = 1) -> list[Word]:
        calls.append((config, shrink))
        return []

    monkeypatch.setattr(ocr, "_read_region", record)
    ocr._read_large_type(image, REGION, BODY_PX)
    (call,) = calls
    return call


def page_with_ink(*bands: tuple[int, int]) -> Image.Image:
    """A white page with glyph-like ink in the region in these pixel rows (top, bottom)."""
    image = Image.new("L", (400, 300), 255)
    draw = ImageDraw.Draw(image)
    for top, bottom in bands:
        for x in range(110, 240, 12):
            draw.rectangle((x, top, x + 7, bottom), fill=0)
    return image


def test_two_stacked_rows_of_body_text_are_read_as_a_block_at_full_size(monkeypatch: pytest.MonkeyPatch) -> None:
    assert reads(page_with_ink((104, 130), (136, 162)), monkeypatch) == (ocr.BOX_REREAD_CONFIG, 1)


def test_one_row_of_large_type_is_read_as_a_line_scaled_down(monkeypatch: pytest.MonkeyPatch) -> None:
    config, shrink = reads(page_with_ink((104, 162)), monkeypatch)
    assert (config, shrink) == (ocr.LARGE_TYPE_CONFIG, 2)
