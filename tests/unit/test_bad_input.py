"""Bad input never raises: each kind gives a needs_review result with its own issue code."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable

import pytest
from reportlab.pdfgen import canvas

from biometry.parse import parse_bytes


def _pdf(pages: int = 1, text: str = "Hello", encrypt: str | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    for _ in range(pages):
        pdf.drawString(72, 720, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares a huge size (IHDR only plus a tiny IDAT): cheap to make, costly to decode."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))  # noqa: E731
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


BAD_INPUTS: dict[str, tuple[Callable[[], bytes], str]] = {
    "empty file": (lambda: b"", "empty_file"),
    "text named .pdf": (lambda: b"Dear colleague,\nplease find attached...\n" * 20, "unsupported_media_type"),
    "truncated pdf": (lambda: _pdf(text="AL: 23,41 mm")[:400], "corrupt_pdf"),
    "garbage after pdf magic": (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40, "corrupt_pdf"),
    "encrypted pdf": (lambda: _pdf(encrypt="secret"), "encrypted_pdf"),
    "500-page pdf": (lambda: _pdf(pages=500), "too_many_pages"),
    "huge image": (lambda: _png_header(20000, 20000), "image_too_large"),
    "not a biometry report": (
        lambda: _pdf(text="Invoice 2024-113: 3 x printer toner, total 129,90 EUR " * 2),
        "unknown_device",
    ),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_gives_needs_review_with_a_specific_code(name: str) -> None:
    make, code = BAD_INPUTS[name]
    result = parse_bytes(make(), "upload.pdf")
    assert result.status == "needs_review"
    assert [issue.code for issue in result.extraction.issues] == [code]


def test_oversized_image_file_is_rejected_before_decoding() -> None:
    data = _png_header(100, 100) + b"\0" * (51 * 1024 * 1024)
    result = parse_bytes(data, "photo.png")
    assert result.extraction.issues[0].code in {"file_too_large", "image_too_large"}
