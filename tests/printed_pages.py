"""Small printed pages for page-refiner tests: words drawn at their places, rendered at 300 dpi, with the words as a
page pass reads them (boxes in page fractions, from the font's metrics)."""

from __future__ import annotations

from io import BytesIO
from typing import Literal

import pypdfium2 as pdfium
from PIL import Image
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from biometry.document import Word

RENDER_DPI = 300


def printed_page(
    printed: list[tuple[str, float, float]],
    page_pt: tuple[float, float],
    *,
    align: Literal["left", "right"] = "right",
    font: str = "Helvetica",
    size_pt: float = 9.0,
) -> tuple[Image.Image, list[Word]]:
    """A page printing each `(text, x, baseline)` (points; baseline from the top; x the right edge, or the left edge
    with `align="left"`), rendered grey at RENDER_DPI, and its words."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=page_pt)
    canvas.setFont(font, size_pt)
    width_pt, height_pt = page_pt
    words = []
    for text, x, baseline in printed:
        width = stringWidth(text, font, size_pt)
        left = x - width if align == "right" else x
        canvas.drawString(left, height_pt - baseline, text)
        box = (left / width_pt, (baseline - size_pt) / height_pt, (left + width) / width_pt, (baseline + 2) / height_pt)
        words.append(Word(text, box, confidence=0.9))
    canvas.save()
    image = pdfium.PdfDocument(buffer.getvalue())[0].render(scale=RENDER_DPI / 72, grayscale=True).to_pil()
    return image.convert("L"), words
