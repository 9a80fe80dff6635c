"""Image-only variants of a text PDF: mild scans (corpus), real-world scans and phone photos, deterministic by seed."""

from __future__ import annotations

import ctypes
import math
import random
import time
from collections.abc import Mapping, Sequence
from io import BytesIO

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageFilter

from biometry.errors import UnreadableInputError
from biometry.extract.preprocess import perspective_coefficients

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


def with_hidden_text(pdf_bytes: bytes, lines_per_page: Sequence[Sequence[str]], *, size_pt: float = 9.0) -> bytes:
    """The PDF with lines of invisible text (render mode 3) laid on its pages from the top left, as a scanner's or an
    OCR tool's searchable-PDF layer lies under the page image; the page looks the same."""
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        for page, lines in zip(document, lines_per_page, strict=False):
            top = page.get_height() - 4 * size_pt
            for row, line in enumerate(lines):
                page.insert_obj(_invisible_line(document, line, size_pt, top - row * 1.4 * size_pt))
            page.gen_content()
        buffer = BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    finally:
        document.close()


def _invisible_line(document: pdfium.PdfDocument, line: str, size_pt: float, baseline: float) -> pdfium.PdfObject:
    handle = pdfium_c.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(size_pt))
    text = ctypes.create_string_buffer((line + "\x00").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(handle, ctypes.cast(text, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFTextObj_SetTextRenderMode(handle, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
    pdfium_c.FPDFPageObj_Transform(handle, 1, 0, 0, 1, 4 * size_pt, baseline)
    return pdfium.PdfObject(handle)


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


# --- real-world variants: scans and phone photos --------------------------------------------------

SCAN_DPIS = (150, 200, 240, 300)
MAX_SCAN_TILT_DEG = 3.0
BLACK_AND_WHITE_THRESHOLDS = (110, 170)  # grey levels a text-mode scan splits black from white at
PHOTO_PAGE_DPI = 170  # the page spans ~1400 px: a 12 MP phone photo of an A4 sheet, downsized
_A4_WIDTH_IN = 8.27


def scan_like(pdf_bytes: bytes, *, seed: int, dpi: int | None = None, turns: Mapping[int, int] | None = None,
              black_and_white: bool = False) -> bytes:  # fmt: skip
    """An image-only PDF as from an office scanner: 150-300 dpi, tilt up to 3°, blur, noise, JPEG artefacts;
    `turns`: pages fed turned (0-based page index: degrees counter-clockwise, 90/180/270); `black_and_white`: the
    scanner's text mode, each pixel black or white at the scanner's threshold, stored CCITT G4 (no JPEG)."""
    rng = random.Random(f"scan:{seed}")
    dpi = dpi or rng.choice(SCAN_DPIS)
    fed = [page.rotate((turns or {}).get(i, 0), expand=True) for i, page in enumerate(_pages(pdf_bytes, dpi))]
    scanned = _scanned_black_and_white if black_and_white else _scanned
    pages = [scanned(page, dpi, random.Random(f"scan:{seed}:{i}")) for i, page in enumerate(fed)]
    buffer = BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi),
                  creationDate=_FIXED_DATE, modDate=_FIXED_DATE)  # fmt: skip
    return buffer.getvalue()


def photo_like(pdf_bytes: bytes, *, seed: int, page: int = 0, image_format: str = "JPEG") -> bytes:
    """One page as a phone photo: on a desk, perspective, tilt, uneven light, sensor noise; JPEG or PNG bytes."""
    pages = _pages(pdf_bytes, PHOTO_PAGE_DPI)
    if not 0 <= page < len(pages):
        raise UnreadableInputError("page_out_of_range", f"page {page} of {len(pages)}")
    rng = random.Random(f"photo:{seed}:{page}")
    photo = _uneven_light(_on_desk(pages[page], rng), rng).filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    photo = _with_noise(photo.convert("RGB"), rng, 0.02, 0.05)
    buffer = BytesIO()
    if image_format.upper() == "PNG":
        photo.save(buffer, "PNG")
    else:
        photo.save(buffer, "JPEG", quality=rng.randint(70, 90))
    return buffer.getvalue()


def _scanned(image: Image.Image, dpi: int, rng: random.Random) -> Image.Image:
    """The scanner's sensor image (`_sensed`), paper white clipped, then one JPEG round trip at quality 40-80."""
    clipped = _sensed(image, dpi, rng).point(lambda v: 255 if v > PAPER_WHITE else v)
    return _jpeg_round_trip(clipped, rng.randint(40, 80))


def _scanned_black_and_white(image: Image.Image, dpi: int, rng: random.Random) -> Image.Image:
    """The scanner's sensor image (`_sensed`), each pixel black or white at a threshold of 110-170 (the scanner's
    darkness setting): grey type and rules come out thinner, broken or dotted."""
    sensed = _sensed(image, dpi, rng)
    threshold = rng.randint(BLACK_AND_WHITE_THRESHOLDS[0], BLACK_AND_WHITE_THRESHOLDS[1])
    return sensed.point(lambda v: 255 if v > threshold else 0).convert("1")


def _sensed(image: Image.Image, dpi: int, rng: random.Random) -> Image.Image:
    """A page as an office scanner's sensor sees it: tilted up to 3°, blurred by the optics, with sensor noise."""
    tilted = image.rotate(rng.uniform(-MAX_SCAN_TILT_DEG, MAX_SCAN_TILT_DEG), resample=Image.Resampling.BICUBIC,
                          fillcolor=255)  # fmt: skip
    blurred = tilted.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8) * dpi / 200))
    return _with_noise(blurred, rng, 0.03, 0.07)


def _with_noise(image: Image.Image, rng: random.Random, low: float, high: float) -> Image.Image:
    noise = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height)).convert(image.mode)
    return Image.blend(image, noise, rng.uniform(low, high))


def _jpeg_round_trip(image: Image.Image, quality: int) -> Image.Image:
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert(image.mode)


def _on_desk(page: Image.Image, rng: random.Random) -> Image.Image:
    """The page on a darker desk, seen slightly from an angle: four corners jittered, then a small turn."""
    margin = 0.06 * page.width
    size = (round(page.width + 2 * margin), round(page.height + 2 * margin))
    angle = math.radians(rng.uniform(-MAX_SCAN_TILT_DEG, MAX_SCAN_TILT_DEG))
    jitter = 0.025 * page.width
    centre = (size[0] / 2, size[1] / 2)
    source = [(0.0, 0.0), (page.width, 0.0), (page.width, page.height), (0.0, page.height)]
    target = [
        _turned((x + margin + rng.uniform(-jitter, jitter), y + margin + rng.uniform(-jitter, jitter)), centre, angle)
        for x, y in source
    ]
    desk = rng.randint(60, 120)
    return page.transform(size, Image.Transform.PERSPECTIVE, perspective_coefficients(target, source),
                          resample=Image.Resampling.BICUBIC, fillcolor=desk)  # fmt: skip


def _turned(point: tuple[float, float], centre: tuple[float, float], angle: float) -> tuple[float, float]:
    dx, dy = point[0] - centre[0], point[1] - centre[1]
    return (
        centre[0] + dx * math.cos(angle) - dy * math.sin(angle),
        centre[1] + dx * math.sin(angle) + dy * math.cos(angle),
    )


def _uneven_light(image: Image.Image, rng: random.Random) -> Image.Image:
    """Light falling off across the sheet in a random direction, plus a vignette: up to ~45 % darker."""
    height, width = image.height, image.width
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    direction = rng.uniform(0, 2 * math.pi)
    ramp = (xs / width - 0.5) * math.cos(direction) + (ys / height - 0.5) * math.sin(direction)
    vignette = ((xs / width - 0.5) ** 2 + (ys / height - 0.5) ** 2) * 2
    light = 1.0 - rng.uniform(0.15, 0.35) * (ramp + 0.5) - rng.uniform(0.0, 0.15) * vignette
    lit = np.asarray(image, dtype=np.float32) * np.clip(light, 0.3, 1.0)
    return Image.fromarray(np.clip(lit, 0, 255).astype(np.uint8), mode="L")
