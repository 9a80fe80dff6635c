"""Input is recognised by its bytes, and unreadable input is rejected with a named code."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from PIL import Image

from biometry.errors import UnreadableInputError
from biometry.extract import read_document, sniff
from tests.unit.extract.extract_samples import make_pdf, png_header, text_page


def _code(call: object) -> str:
    with pytest.raises(UnreadableInputError) as caught:
        call()  # type: ignore[operator]
    return caught.value.code


def _png(width: int = 8, height: int = 8, frames: int = 1, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    images = [Image.new("L", (width, height), 255) for _ in range(frames)]
    images[0].save(buffer, fmt, save_all=frames > 1, append_images=images[1:])
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (b"%PDF-1.7\n...", sniff.PDF),
        (b"\x00\x00junk before the header %PDF-1.4\n", sniff.PDF),
        (b"\x89PNG\r\n\x1a\n....", sniff.PNG),
        (b"\xff\xd8\xff\xe0....", sniff.JPEG),
        (b"II*\x00....", sniff.TIFF),
        (b"MM\x00*....", sniff.TIFF),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ....", sniff.WEBP),
    ],
)
def test_media_type_comes_from_magic_bytes(data: bytes, media_type: str) -> None:
    assert sniff.sniff_media_type(data) == media_type


def test_a_webp_photo_is_read_as_an_image_page() -> None:
    document = read_document(_png(fmt="WEBP"), "photo.webp", ocr=False)
    assert (document.media_type, len(document.pages), document.pages[0].source) == (sniff.WEBP, 1, "ocr")


@pytest.mark.parametrize("brand", [b"heic", b"mif1", b"avif"])
def test_an_heic_photo_is_refused_with_how_to_send_it_instead(brand: bytes) -> None:
    with pytest.raises(UnreadableInputError) as caught:
        sniff.sniff_media_type(b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x00\x00mif1heic")
    assert (caught.value.code, "HEIC" in str(caught.value), "JPEG" in str(caught.value)) == (
        "unsupported_media_type",
        True,
        True,
    )


def test_empty_file_is_rejected_as_empty_file() -> None:
    assert _code(lambda: sniff.sniff_media_type(b"")) == "empty_file"


def test_text_file_named_pdf_is_unsupported_media_type() -> None:
    assert (
        _code(lambda: sniff.sniff_media_type(b"Dear colleague, the report is attached.\n")) == "unsupported_media_type"
    )


def test_truncated_pdf_is_corrupt_pdf() -> None:
    data = make_pdf(text_page((50, 700, "AL: 23,41 mm")))
    assert _code(lambda: sniff.open_pdf(data[: len(data) // 3])) == "corrupt_pdf"


def test_garbage_after_pdf_magic_is_corrupt_pdf() -> None:
    assert _code(lambda: sniff.open_pdf(b"%PDF-1.7\n" + bytes(range(256)) * 8)) == "corrupt_pdf"


def test_password_protected_pdf_is_encrypted_pdf() -> None:
    data = make_pdf(text_page((50, 700, "secret")), encrypt="password")
    assert _code(lambda: sniff.open_pdf(data)) == "encrypted_pdf"


def test_500_page_pdf_is_too_many_pages() -> None:
    data = make_pdf(*[text_page((50, 700, "page"))] * 500)
    assert _code(lambda: sniff.open_pdf(data)) == "too_many_pages"


def test_pdf_without_pages_is_no_pages() -> None:
    buffer = io.BytesIO()
    pdfium.PdfDocument.new().save(buffer)
    assert _code(lambda: sniff.open_pdf(buffer.getvalue())) == "no_pages"


def test_png_declaring_20000_by_20000_pixels_is_image_too_large() -> None:
    assert _code(lambda: sniff.open_image(png_header(20000, 20000))) == "image_too_large"


def test_image_just_over_the_pixel_limit_is_image_too_large() -> None:
    assert _code(lambda: sniff.open_image(png_header(9000, 9000))) == "image_too_large"


def test_image_file_over_the_size_limit_is_image_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sniff, "MAX_IMAGE_BYTES", 1000)
    assert _code(lambda: sniff.check_file_size(b"\x89PNG" + b"\0" * 1000, sniff.PNG)) == "image_too_large"


def test_pdf_file_over_the_size_limit_is_file_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sniff, "MAX_PDF_BYTES", 1000)
    assert _code(lambda: sniff.check_file_size(b"%PDF-" + b"\0" * 1000, sniff.PDF)) == "file_too_large"


def test_png_with_garbage_after_its_signature_is_corrupt_image() -> None:
    assert _code(lambda: sniff.open_image(b"\x89PNG\r\n\x1a\n" + b"\x13" * 64)) == "corrupt_image"


def test_tiff_with_more_frames_than_the_page_limit_is_too_many_pages() -> None:
    assert _code(lambda: sniff.open_image(_png(frames=3, fmt="TIFF"), max_frames=2)) == "too_many_pages"


def test_small_image_opens_without_decoding() -> None:
    assert sniff.open_image(_png(width=40, height=30)).size == (40, 30)
