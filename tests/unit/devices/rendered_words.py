"""Words rendered at 300 dpi, and the words a page pass read of them: the test pages of the page refiners."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL
from biometry.synth.fonts import font_path

PAGE_PT = (300.0, 80.0)
FONT, SIZE_PT = "Helvetica", 9.0
CONFIDENCE = 0.96  # a page-pass word read sure
Printed = tuple[tuple[str, float, float], ...]  # each word's text, left edge and baseline, in points


def rendered(printed: Printed, read_as: dict[str, tuple[str, float]] | None = None, *,
             lost: frozenset[str] = frozenset()) -> tuple[Image.Image, list[Word]]:  # fmt: skip
    """The page image, and its words as the page pass read them: `read_as` maps a printed word to its reading and
    confidence (else read as printed, sure); the words in `lost` were not read at all."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_PT)
    canvas.setFont(FONT, SIZE_PT)
    words = []
    for text, left, baseline in printed:
        canvas.drawString(left, PAGE_PT[1] - baseline, text)
        if text not in lost:
            reading, confidence = (read_as or {}).get(text, (text, CONFIDENCE))
            words.append(Word(reading, word_box(text, left, baseline), confidence=confidence))
    canvas.save()
    image = pdfium.PdfDocument(buffer.getvalue())[0].render(scale=300 / 72, grayscale=True).to_pil()
    return image.convert("L"), words


def word_box(text: str, left: float, baseline: float) -> tuple[float, float, float, float]:
    """Where a word printed at `left` on `baseline` stands, in page fractions (cap height to descender)."""
    right = left + stringWidth(text, FONT, SIZE_PT)
    top, bottom = baseline - 0.75 * SIZE_PT, baseline + 0.2 * SIZE_PT
    return left / PAGE_PT[0], top / PAGE_PT[1], right / PAGE_PT[0], bottom / PAGE_PT[1]


def number_cell(printed: str) -> tuple[Image.Image, Box]:
    """A 300-dpi grey crop holding one printed number (a table cell), and its ink box in pixels."""
    image = Image.new("L", (300, 80), 255)
    ImageDraw.Draw(image).text((60, 20), printed, font=ImageFont.truetype(str(font_path("DejaVuSans.ttf")), 36), fill=0)
    ink = np.asarray(image) < INK_LEVEL
    ys, xs = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return image, Box(int(xs[0]), int(ys[0]), int(xs[-1]) + 1, int(ys[-1]) + 1)
