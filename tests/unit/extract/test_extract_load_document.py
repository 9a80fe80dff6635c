"""`load_document`: any supported input to one Document, text layer first, OCR only where needed."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys

import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from biometry.errors import UnreadableInputError
from biometry.extract import load_document
from tests.unit.extract.extract_samples import make_pdf, report_pdf, text_page


def _image_only_page(pdf: canvas.Canvas) -> None:
    pdf.rect(50, 50, 400, 600, fill=1)


def _tiff(frames: int) -> bytes:
    buffer = io.BytesIO()
    images = [Image.new("L", (60, 80), 255) for _ in range(frames)]
    images[0].save(buffer, "TIFF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def test_document_id_is_the_sha256_of_the_bytes() -> None:
    data = report_pdf()
    assert load_document(data, "r.pdf").sha256 == hashlib.sha256(data).hexdigest()


def test_media_type_comes_from_the_bytes_not_the_file_name() -> None:
    assert load_document(report_pdf(), "report.png").media_type == "application/pdf"


def test_text_pdf_is_read_from_its_text_layer() -> None:
    document = load_document(report_pdf(), "r.pdf")
    assert document.text_source == "text-layer"


def test_image_only_pdf_page_without_ocr_is_kept_empty_as_ocr() -> None:
    document = load_document(
        make_pdf(text_page((50, 700, "A text page with plenty of characters")), _image_only_page), "r.pdf", ocr=False
    )
    assert [(p.source, len(p.words) > 0) for p in document.pages] == [("text-layer", True), ("ocr", False)]


def test_every_tiff_frame_becomes_a_page() -> None:
    document = load_document(_tiff(frames=3), "scan.tif", ocr=False)
    assert [p.number for p in document.pages] == [1, 2, 3]


def test_image_page_size_comes_from_its_resolution() -> None:
    buffer = io.BytesIO()
    Image.new("L", (300, 600), 255).save(buffer, "PNG", dpi=(150, 150))
    page = load_document(buffer.getvalue(), "a.png", ocr=False).pages[0]
    assert (page.width_pt, page.height_pt) == pytest.approx((144.0, 288.0), abs=0.1)  # PNG stores dots per metre


def test_unreadable_input_raises_a_named_error() -> None:
    with pytest.raises(UnreadableInputError):
        load_document(b"plain text, not a report", "report.pdf")


def test_importing_the_package_loads_neither_pdfium_nor_pillow_nor_tesseract() -> None:
    code = "import sys, biometry.extract; print(sorted({'pypdfium2', 'PIL', 'pytesseract', 'trp'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
