"""A number cell is read alone, as one line of digits, sign and point, and only when two preparations agree."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pypdfium2 as pdfium
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from biometry.extract.boxes import Box
from biometry.extract.cells import read_number_cell

RENDER_DPI = 300


def _printed(text: str, *, underline_pt: float | None = None) -> tuple[Image.Image, Box]:
    """A small page with one Courier word on it, rendered at 300 dpi, and the box around the word's ink
    (`underline_pt`: a rule across the page that far below the baseline, not part of the box)."""
    image = _rendered(text, None)
    ink = np.asarray(image.convert("L")) < 128
    if underline_pt is not None:
        image = _rendered(text, underline_pt)
    ys, xs = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return image.convert("L"), Box(int(xs[0]), int(ys[0]), int(xs[-1]) + 1, int(ys[-1]) + 1)


def _rendered(text: str, underline_pt: float | None) -> Image.Image:
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(144, 36))
    canvas.setFont("Courier", 8)
    canvas.drawString(20, 14, text)
    if underline_pt is not None:
        canvas.setLineWidth(0.6)
        canvas.line(0, 14 - underline_pt, 144, 14 - underline_pt)
    canvas.save()
    return pdfium.PdfDocument(buffer.getvalue())[0].render(scale=RENDER_DPI / 72, grayscale=True).to_pil()


def test_a_signed_refraction_reads_as_printed() -> None:
    image, cell = _printed("-0.72")
    word = read_number_cell(image, cell)
    assert word is not None and word.text == "-0.72"


def test_a_cell_of_words_is_no_number() -> None:
    image, cell = _printed("IOL (D)")
    assert read_number_cell(image, cell) is None


def test_a_rule_just_under_a_cell_is_no_part_of_its_number() -> None:
    image, cell = _printed("21.50", underline_pt=0.5)
    word = read_number_cell(image, cell)
    assert word is not None and word.text == "21.50"
