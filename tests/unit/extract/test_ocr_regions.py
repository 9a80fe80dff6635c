"""Regions read alone: ruled boxes (a framed selected row, a result box) and large type (the big OD/OS label)."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from biometry.document import Word
from biometry.extract import load_document
from biometry.extract.boxes import Box, find_boxes
from biometry.extract.large_type import large_type_regions, uncovered_shapes

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
PAGE = (1240, 600)  # width at 150 dpi of an A4 page, a strip of it


def _page() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("L", PAGE, 255)
    return image, ImageDraw.Draw(image)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(300, 300))
    return buffer.getvalue()


def _framed_rows() -> Image.Image:
    """Three table rows; the middle one bold and framed like a selected IOL row."""
    image, draw = _page()
    regular, bold = ImageFont.load_default(size=34), ImageFont.load_default(size=36)
    for k, (power, refraction) in enumerate((("20.50", "-0.74"), ("20.00", "-0.39"), ("19.50", "-0.04"))):
        y = 80 + 70 * k
        draw.text((140, y), power, fill=0, font=bold if k == 1 else regular, stroke_width=1 if k == 1 else 0)
        draw.text((420, y), refraction, fill=0, font=bold if k == 1 else regular, stroke_width=1 if k == 1 else 0)
    draw.rectangle((110, 138, 600, 212), outline=0, width=3)
    return image


def test_a_framed_row_is_a_box_with_its_frame_excluded() -> None:
    (box,) = find_boxes(_framed_rows())
    assert (110 < box.x0 < 120, 138 < box.y0 < 145, 590 < box.x1 < 600, 205 < box.y1 < 212) == (True,) * 4


def test_a_lone_rule_or_two_rules_without_sides_are_not_boxes() -> None:
    image, draw = _page()
    draw.line((100, 100, 900, 100), fill=0, width=3)
    draw.line((100, 160, 900, 160), fill=0, width=3)
    assert find_boxes(image) == []


def test_a_box_inside_another_comes_after_it() -> None:
    image, draw = _page()
    draw.rectangle((50, 50, 1000, 500), outline=0, width=3)
    draw.rectangle((100, 200, 700, 270), outline=0, width=3)
    outer, inner = find_boxes(image)
    assert outer.area > inner.area and outer.overlap(inner) == inner.area


@needs_tesseract
def test_a_framed_row_is_read_without_its_frame() -> None:
    page = load_document(_png(_framed_rows()), "scan.png").pages[0]
    assert [line.text for line in page.lines] == ["20.50 -0.74", "20.00 -0.39", "19.50 -0.04"]


def _labelled_page() -> Image.Image:
    """A big `OD` beside small text, as on an IOLMaster 700 analysis page."""
    image, draw = _page()
    draw.text((60, 60), "OD", fill=0, font=ImageFont.load_default(size=150))
    small = ImageFont.load_default(size=30)
    for k, text in enumerate(("LS: Phakic", "VS: Vitreous body", "AL: 23.41 mm")):
        draw.text((400, 70 + 50 * k), text, fill=0, font=small)
    draw.text((60, 400), "Biometric values", fill=0, font=small)
    return image


def test_large_type_no_word_covers_is_a_region() -> None:
    body = [Word("Biometric", (0.05, 0.66, 0.2, 0.71)), Word("values", (0.21, 0.66, 0.3, 0.71))]
    page = _labelled_page()
    (region,) = large_type_regions(page, body, uncovered_shapes(page, body))
    assert region.x0 < 80 and region.x1 > 250 and region.y1 - region.y0 > 80


def test_body_text_alone_has_no_large_type() -> None:
    image, draw = _page()
    draw.text((60, 60), "AL: 23.41 mm", fill=0, font=ImageFont.load_default(size=30))
    words = [Word("AL:", (0.05, 0.1, 0.1, 0.15))]
    assert large_type_regions(image, words, uncovered_shapes(image, words)) == []


@needs_tesseract
def test_the_big_eye_label_is_read_as_one_word() -> None:
    page = load_document(_png(_labelled_page()), "scan.png").pages[0]
    assert "OD" in [w.text for w in page.words]


def test_box_geometry() -> None:
    box = Box(10, 10, 20, 30)
    assert (box.area, box.contains(15, 20), box.contains(25, 20), box.overlap(Box(15, 0, 40, 15))) == (
        200,
        True,
        False,
        25,
    )
