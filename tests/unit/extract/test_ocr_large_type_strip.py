"""A scan's edge shadow is a tall narrow strip of ink that OCR takes for large type: it is no two rows of text, so it
is never read as a block (which made a column of specks beside every line of a rescanned IOLMaster 700 page)."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from biometry.document import Word
from biometry.extract import ocr
from biometry.extract.boxes import Box

STRIP = Box(120, 40, 152, 290)  # 32 px wide, 250 px tall: the margin shadow of a 300-dpi rescan


def test_a_tall_narrow_strip_with_rows_of_ink_is_not_read_as_two_rows_of_text(monkeypatch: pytest.MonkeyPatch) -> None:
    image = Image.new("L", (400, 320), 255)
    draw = ImageDraw.Draw(image)
    for top in range(50, 280, 60):
        draw.rectangle((124, top, 148, top + 25), fill=0)
    configs: list[str] = []

    def record(image: Image.Image, region: Box, config: str, *, shrink: int = 1) -> list[Word]:
        configs.append(config)
        return []

    monkeypatch.setattr(ocr, "_read_region", record)
    ocr._read_large_type(image, STRIP, 28.0)
    assert configs == [ocr.LARGE_TYPE_CONFIG]
