"""A page stored below 175 dpi is read thickened and binarised only when its type is crisp (a device's frames).

Thickening restores the IOLMaster 500's thin 140-dpi Courier frames, but runs together the blurred sans-serif glyphs
of a page rescanned at 150 dpi (EyeSuite, IOLMaster 700), which tesseract then misreads: those read from grey.
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFilter

from biometry.extract import ocr
from biometry.extract.binarise import soft_edged


def strokes(size: tuple[int, int], stroke: tuple[int, int], pitch: tuple[int, int], margin: int) -> Image.Image:
    """A white page with rows of black strokes (`stroke` wide and high, `pitch` apart), sharp-edged."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for top in range(margin, size[1] - margin - stroke[1], pitch[1]):
        for x in range(margin, size[0] - margin - stroke[0], pitch[0]):
            draw.rectangle((x, top, x + stroke[0] - 1, top + stroke[1] - 1), fill=0)
    return image


def crisp_type() -> Image.Image:
    """Rows of glyph-like strokes, sharp-edged as a device draws them."""
    return strokes((600, 300), (6, 25), (14, 40), 20)


def blurred_type() -> Image.Image:
    """The same strokes as a scanner's optics blur them."""
    return crisp_type().filter(ImageFilter.GaussianBlur(1.5))


def bold_type() -> Image.Image:
    """Wide strokes (more ink than edge), as a box of bold values draws them, blurred by a scanner's optics."""
    return strokes((600, 300), (25, 41), (40, 60), 20).filter(ImageFilter.GaussianBlur(1.5))


def thin_enlarged_type() -> Image.Image:
    """Two-pixel strokes of a 140-dpi device frame (the IOLMaster 500's Courier) enlarged to 300 dpi."""
    return strokes((280, 140), (2, 12), (7, 20), 10).resize((600, 300), Image.Resampling.BICUBIC)


def test_crisp_type_has_no_soft_edges() -> None:
    assert not soft_edged(crisp_type())


def test_blurred_type_has_soft_edges() -> None:
    assert soft_edged(blurred_type())


def test_blurred_bold_type_has_soft_edges_though_its_ink_outweighs_its_fringe() -> None:
    assert soft_edged(bold_type())


def test_thin_type_enlarged_from_a_device_frame_has_no_soft_edges() -> None:
    assert not soft_edged(thin_enlarged_type())


def read_as(page: Image.Image, dpi: float, monkeypatch: pytest.MonkeyPatch) -> tuple[bool, int]:
    """Whether `_page_pass_for` read the page as it is (grey), and the box trim it read it with."""
    seen: list[tuple[Image.Image, int]] = []

    def page_pass(image: Image.Image, trim: int, bilevel: bool) -> ocr._PagePass:
        seen.append((image, trim))
        return ocr._PagePass(image, trim, [], image, [])

    monkeypatch.setattr(ocr, "_page_pass", page_pass)
    ocr._page_pass_for(page, dpi)
    ((image, trim),) = seen
    return image is page, trim


def test_a_crisp_low_resolution_page_is_read_thickened(monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_as(crisp_type(), 140.0, monkeypatch) == (False, ocr.THICK_BOX_TRIM_PX)


def test_a_blurred_low_resolution_rescan_is_read_from_grey(monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_as(blurred_type(), 150.0, monkeypatch) == (True, ocr.BOX_TRIM_PX)


def test_a_page_at_full_resolution_is_read_from_grey(monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_as(crisp_type(), 300.0, monkeypatch) == (True, ocr.BOX_TRIM_PX)


def test_a_blurred_low_resolution_rescan_of_bold_type_is_read_from_grey(monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_as(bold_type(), 150.0, monkeypatch) == (True, ocr.BOX_TRIM_PX)
