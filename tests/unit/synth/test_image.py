"""Image-only variants: same pages, no text layer, truth says OCR."""

from __future__ import annotations

from io import BytesIO

import pypdfium2 as pdfium
import pytest
from PIL import Image

from biometry.errors import UnreadableInputError
from biometry.synth import Case, render, render_image_pdf, render_png
from biometry.synth.image import SCAN_DPIS, photo_like, scan_like
from tests.unit.synth.helpers import page_texts


@pytest.fixture(scope="module")
def text_pdf() -> bytes:
    return render(Case(seed=11, layout="short"))[0]


def test_image_pdf_has_no_text_layer(text_pdf: bytes) -> None:
    assert all(t.strip() == "" for t in page_texts(render_image_pdf(text_pdf, dpi=150, seed=1)))


def test_image_pdf_keeps_page_count_and_a4_size(text_pdf: bytes) -> None:
    document = pdfium.PdfDocument(render_image_pdf(text_pdf, dpi=150, seed=1))
    assert len(document) == 2 and all(abs(w - 595.3) < 1 and abs(h - 841.9) < 1 for w, h in
                                      (p.get_size() for p in document))  # fmt: skip


def test_image_pdf_is_deterministic_by_seed(text_pdf: bytes) -> None:
    assert render_image_pdf(text_pdf, dpi=150, seed=2) == render_image_pdf(text_pdf, dpi=150, seed=2)


def test_png_has_the_requested_resolution(text_pdf: bytes) -> None:
    image = Image.open(BytesIO(render_png(text_pdf, page_index=1, dpi=100, seed=3)))
    assert (image.format, image.width) == ("PNG", round(595.28 * 100 / 72))


def test_png_of_a_missing_page_is_a_named_error(text_pdf: bytes) -> None:
    with pytest.raises(UnreadableInputError):
        render_png(text_pdf, page_index=5)


def test_garbage_is_a_named_error_not_a_traceback() -> None:
    with pytest.raises(UnreadableInputError):
        render_image_pdf(b"not a pdf")


def test_image_case_truth_says_ocr_and_matches_text_case_values() -> None:
    _, scanned = render(Case(seed=12, image_only=True))
    _, text = render(Case(seed=12))
    assert scanned["source"]["text_source"] == "ocr" and scanned["eyes"] == text["eyes"]


def test_scan_like_pdf_has_no_text_layer_and_keeps_page_count(text_pdf: bytes) -> None:
    texts = page_texts(scan_like(text_pdf, seed=4, dpi=150))
    assert len(texts) == 2 and all(t.strip() == "" for t in texts)


def test_scan_like_is_deterministic_by_seed(text_pdf: bytes) -> None:
    assert scan_like(text_pdf, seed=5, dpi=150) == scan_like(text_pdf, seed=5, dpi=150)


def test_scan_like_draws_its_resolution_from_the_seed_when_not_given(text_pdf: bytes) -> None:
    document = pdfium.PdfDocument(scan_like(text_pdf, seed=6))
    image = document[0].get_objects().__next__().get_bitmap().to_pil()  # type: ignore[attr-defined]
    assert round(image.width * 72 / 595.28) in SCAN_DPIS


def test_photo_like_is_a_jpeg_by_default_and_png_on_request(text_pdf: bytes) -> None:
    jpeg = Image.open(BytesIO(photo_like(text_pdf, seed=1)))
    png = Image.open(BytesIO(photo_like(text_pdf, seed=1, image_format="PNG")))
    assert (jpeg.format, png.format) == ("JPEG", "PNG")


def test_photo_like_shows_the_page_on_a_darker_desk(text_pdf: bytes) -> None:
    photo = Image.open(BytesIO(photo_like(text_pdf, seed=2, page=1))).convert("L")
    middle = photo.crop((photo.width // 3, photo.height // 2, photo.width // 2, photo.height // 2 + 40))
    corner, centre = photo.getpixel((3, 3)), middle.resize((1, 1)).getpixel((0, 0))
    assert corner < 130 < centre  # type: ignore[operator]


def test_photo_like_is_deterministic_by_seed(text_pdf: bytes) -> None:
    assert photo_like(text_pdf, seed=3, page=1) == photo_like(text_pdf, seed=3, page=1)


def test_photo_of_a_missing_page_is_a_named_error(text_pdf: bytes) -> None:
    with pytest.raises(UnreadableInputError):
        photo_like(text_pdf, seed=1, page=9)


def test_black_and_white_scan_stores_one_bit_pages_as_a_fax_does(text_pdf: bytes) -> None:
    document = pdfium.PdfDocument(scan_like(text_pdf, seed=7, dpi=200, black_and_white=True))
    image = document[0].get_objects().__next__().get_bitmap().to_pil()  # type: ignore[attr-defined]
    assert set(image.convert("L").getdata()) == {0, 255}


def test_black_and_white_scan_is_deterministic_by_seed(text_pdf: bytes) -> None:
    assert scan_like(text_pdf, seed=8, dpi=150, black_and_white=True) == scan_like(
        text_pdf, seed=8, dpi=150, black_and_white=True
    )
