"""Local OCR: a few large printed words read back with boxes and confidence; small skews found."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from biometry.extract import load_document
from biometry.extract.preprocess import estimate_skew_deg

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")


def _printed(lines: list[str], size: int = 40) -> Image.Image:
    image = Image.new("L", (1000, 80 + 70 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size)
    for k, line in enumerate(lines):
        draw.text((60, 40 + 70 * k), line, fill=0, font=font)
    return image


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def ocr_page() -> object:
    return load_document(_png(_printed(["AXIAL LENGTH 23.41 mm"])), "photo.png").pages[0]


@needs_tesseract
def test_printed_words_are_read(ocr_page: object) -> None:
    assert [w.text for w in ocr_page.words] == ["AXIAL", "LENGTH", "23.41", "mm"]  # type: ignore[attr-defined]


@needs_tesseract
def test_ocr_words_carry_a_confidence_fraction_and_no_bold(ocr_page: object) -> None:
    words = ocr_page.words  # type: ignore[attr-defined]
    assert all(0.5 < w.confidence <= 1.0 and not w.bold for w in words)


@needs_tesseract
def test_ocr_boxes_are_fractions_of_the_image(ocr_page: object) -> None:
    x0, y0, x1, y1 = ocr_page.words[0].bbox  # type: ignore[attr-defined]
    assert 0.05 < x0 < x1 < 0.5 and 0.2 < y0 < y1 < 0.9


def test_upright_text_has_no_skew() -> None:
    assert estimate_skew_deg(_printed(["AL: 23,41 mm   CCT: 541 um"] * 6, size=28)) == 0.0


def test_small_skew_is_found_with_the_angle_that_undoes_it() -> None:
    skewed = _printed(["AL: 23,41 mm   CCT: 541 um"] * 6, size=28).rotate(3, fillcolor=255, expand=True)
    assert estimate_skew_deg(skewed) == pytest.approx(-3.0, abs=0.5)


@needs_tesseract
def test_image_only_pdf_page_is_read_by_ocr() -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(500, 200))
    pdf.drawImage(ImageReader(_printed(["AXIAL LENGTH 23.41 mm"])), 0, 50, width=500, height=75)
    pdf.showPage()
    pdf.save()
    page = load_document(buffer.getvalue(), "scan.pdf").pages[0]
    assert (page.source, [w.text for w in page.words]) == ("ocr", ["AXIAL", "LENGTH", "23.41", "mm"])
