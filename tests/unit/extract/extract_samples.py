"""Tiny PDFs and images built in memory for the extraction tests (a helper module, not a conftest)."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable

from reportlab.pdfgen import canvas

PAGE_SIZE_PT = (600.0, 800.0)
Draw = Callable[[canvas.Canvas], None]


def make_pdf(*pages: Draw, encrypt: str | None = None) -> bytes:
    """A PDF of 600 x 800 pt pages, each drawn by one callback."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=PAGE_SIZE_PT, encrypt=encrypt)
    for draw in pages:
        draw(pdf)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def text_page(*lines: tuple[float, float, str], font: str = "Helvetica", size: float = 10) -> Draw:
    """A page with each (x, y, text) drawn once, y measured upwards from the bottom as in PDF."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont(font, size)
        for x, y, text in lines:
            pdf.drawString(x, y, text)

    return draw


def overprinted_page(x: float, y: float, text: str, *, copies: int = 4, offset_pt: float = 0.2) -> Draw:
    """A page with `text` faked bold the IOLMaster 700 way: drawn `copies` times, `offset_pt` apart."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica", 10)
        pdf.drawString(50, 750, "Header line with enough plain text to count as a text page")
        for k in range(copies):
            pdf.drawString(x + k * offset_pt, y + (k % 2) * offset_pt, text)

    return draw


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares `width` x `height` pixels but holds almost no data: cheap to make."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def report_pdf() -> bytes:
    """One text page shaped like a biometry block: labels, decimal-comma values, units, a bold row."""
    lines = [
        (50, 700, "AL:"),
        (90, 700, "23,41"),
        (130, 700, "mm"),
        (50, 680, "CCT:"),
        (90, 680, "541"),
        (130, 680, "µm"),
    ]
    plain = text_page(*lines)

    def draw(pdf: canvas.Canvas) -> None:
        plain(pdf)
        overprinted_page(50, 650, "+21,50")(pdf)

    return make_pdf(draw)
