"""Image-only variants: rasterise a PDF, add mild scan noise, blur and tilt, re-wrap as image pages."""

from __future__ import annotations

import random
import time
from io import BytesIO

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from biometry.errors import UnreadableInputError

MAX_TILT_DEG = 1.0
PAPER_WHITE = 232
_FIXED_DATE = time.gmtime(946684800)  # byte-identical output for a seed


def render_image_pdf(pdf_bytes: bytes, dpi: int = 200, seed: int = 0) -> bytes:
    """An image-only PDF of the same pages (no text layer), as from a scanner."""
    images = [_scan(page, dpi, random.Random(f"{seed}:{i}")) for i, page in enumerate(_pages(pdf_bytes, dpi))]
    buffer = BytesIO()
    images[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=float(dpi),
        creationDate=_FIXED_DATE,
        modDate=_FIXED_DATE,
    )
    return buffer.getvalue()


def render_png(pdf_bytes: bytes, page_index: int = 0, dpi: int = 200, seed: int = 0) -> bytes:
    """One page as a scanned-looking PNG (a phone/scan image of the report)."""
    pages = _pages(pdf_bytes, dpi)
    if not 0 <= page_index < len(pages):
        raise UnreadableInputError("page_out_of_range", f"page {page_index} of {len(pages)}")
    buffer = BytesIO()
    _scan(pages[page_index], dpi, random.Random(f"{seed}:{page_index}")).save(buffer, "PNG")
    return buffer.getvalue()


def _pages(pdf_bytes: bytes, dpi: int) -> list[Image.Image]:
    try:
        document = pdfium.PdfDocument(pdf_bytes)
    except pdfium.PdfiumError as exc:
        raise UnreadableInputError("unreadable_pdf", "cannot open the PDF to rasterise it") from exc
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]
    finally:
        document.close()


def _scan(image: Image.Image, dpi: int, rng: random.Random) -> Image.Image:
    """Grey page, a tilt of at most 1 degree, a little blur and sensor noise on the print."""
    tilted = image.rotate(rng.uniform(-MAX_TILT_DEG, MAX_TILT_DEG), resample=Image.Resampling.BICUBIC,
                          fillcolor=255)  # fmt: skip
    blurred = tilted.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.6) * dpi / 200))
    noise = Image.frombytes("L", blurred.size, rng.randbytes(blurred.width * blurred.height))
    noisy = Image.blend(blurred, noise, rng.uniform(0.03, 0.06))
    return noisy.point(lambda v: 255 if v > PAPER_WHITE else v)  # scanners clip the paper to white
