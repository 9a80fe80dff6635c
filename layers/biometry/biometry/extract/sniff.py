"""Recognise an input by its magic bytes and reject what cannot be read, in bounded time and memory."""

from __future__ import annotations

import io
import re
import warnings
from typing import TYPE_CHECKING

from biometry.errors import UnreadableInputError

if TYPE_CHECKING:
    import pypdfium2 as pdfium
    from PIL import Image

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
WEBP = "image/webp"  # a phone's or a messenger's photo (Pillow decodes it)
DICOM = "application/dicom"
CSV = "text/csv"  # device exports (extract.exports)
XML = "application/xml"
IMAGE_TYPES = frozenset({PNG, JPEG, TIFF, WEBP})

MAX_PAGES = 60
MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_IMAGE_BYTES = 50 * 1024 * 1024
MAX_IMAGE_PIXELS = 60_000_000

_PDF_HEADER_WINDOW = 1024  # the PDF spec tolerates junk before "%PDF-"
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)
# ISO base media file brands of HEIF/HEIC/AVIF stills (`....ftyp<brand>`): an iPhone's default photo format.
_HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1", b"avif"}
)
_PDFIUM_PASSWORD_ERROR = 4
# pdfium refuses a PDF with no pages without setting an error code (the last one stays): look for it
_EMPTY_PAGE_TREE = re.compile(rb"/Count\s*0\b")
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def sniff_media_type(data: bytes) -> str:
    """The media type of `data` from its first bytes (never from a file name); rejects empty or unknown input."""
    if not data:
        raise UnreadableInputError("empty_file", "The file is empty.")
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:
        return PDF
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        raise UnreadableInputError(
            "unsupported_media_type",
            "The file is an HEIC/HEIF/AVIF photo (an iPhone's default format), which is not decoded here: send it as "
            "JPEG (iPhone: Settings > Camera > Formats > Most Compatible, or share or export it as JPEG).",
        )
    raise UnreadableInputError(
        "unsupported_media_type",
        "The file is not a PDF, PNG, JPEG, TIFF, WebP or device export (checked from its content).",
    )


def check_file_size(data: bytes, media_type: str) -> None:
    """Reject a file larger than the limit for its type, before anything parses it."""
    limit = MAX_PDF_BYTES if media_type == PDF else MAX_IMAGE_BYTES
    if len(data) > limit:
        code = "file_too_large" if media_type == PDF else "image_too_large"
        raise UnreadableInputError(code, f"The file is {len(data)} bytes; the limit is {limit} bytes.")


def open_pdf(data: bytes, *, max_pages: int = MAX_PAGES) -> pdfium.PdfDocument:
    """Open a PDF without touching its pages; rejects corrupt, encrypted, empty and over-long documents."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _pdf_error(data, getattr(exc, "err_code", None)) from None
    pages = len(pdf)
    if pages == 0:
        pdf.close()
        raise UnreadableInputError("no_pages", "The PDF has no pages.")
    if pages > max_pages:
        pdf.close()
        raise UnreadableInputError("too_many_pages", f"The PDF has {pages} pages; the limit is {max_pages}.")
    return pdf


def _pdf_error(data: bytes, err_code: int | None) -> UnreadableInputError:
    """Name why pdfium refused a PDF (its error code alone can be stale)."""
    if _EMPTY_PAGE_TREE.search(data) and not _PAGE_OBJECT.search(data):
        return UnreadableInputError("no_pages", "The PDF has no pages.")
    if err_code == _PDFIUM_PASSWORD_ERROR and b"/Encrypt" in data:
        return UnreadableInputError("encrypted_pdf", "The PDF is protected by a password.")
    return UnreadableInputError("corrupt_pdf", "The PDF is damaged or truncated and cannot be read.")


def open_image(data: bytes, *, max_pixels: int = MAX_IMAGE_PIXELS, max_frames: int = MAX_PAGES) -> Image.Image:
    """Open an image lazily (header only) and reject any frame over the pixel limit before decoding it."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():  # the pixel check below replaces Pillow's warning
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        _check_frames(image, max_pixels, max_frames)
    except Image.DecompressionBombError:
        raise _too_large(max_pixels) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise UnreadableInputError("corrupt_image", "The image is damaged and cannot be read.") from None
    return image


def _check_frames(image: Image.Image, max_pixels: int, max_frames: int) -> None:
    frames = getattr(image, "n_frames", 1)
    if frames > max_frames:
        raise UnreadableInputError("too_many_pages", f"The image has {frames} pages; the limit is {max_frames}.")
    for index in range(frames):
        image.seek(index)
        width, height = image.size
        if width * height > max_pixels:
            raise _too_large(max_pixels)
    image.seek(0)


def _too_large(max_pixels: int) -> UnreadableInputError:
    return UnreadableInputError("image_too_large", f"The image has more than {max_pixels} pixels.")
