"""A document's pages OCR'd across cores: in page order, at once on several workers, the same words as one by one."""

from __future__ import annotations

import io
import os
import threading

import pytest
from PIL import Image, ImageDraw, ImageFont

from biometry.document import Page
from biometry.extract import load_document, ocr_pages
from biometry.extract.ocr_pages import PageImage, page_workers


def _pages(count: int) -> list[PageImage]:
    return [PageImage(Image.new("L", (10, 10), 255), number) for number in range(1, count + 1)]


def _fake_ocr(barrier: threading.Barrier | None, threads: list[str]) -> object:
    def read(image: Image.Image, *, number: int, size_pt: object, source_dpi: object, bilevel: object) -> Page:
        threads.append(threading.current_thread().name)
        if barrier is not None:
            barrier.wait(timeout=30)  # two pages at once, or this breaks
        return Page(number=number, width_pt=10.0, height_pt=10.0, source="ocr")

    return read


def test_pages_are_read_on_several_workers_at_once_and_come_back_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIOMETRY_OCR_WORKERS", "2")
    threads: list[str] = []
    monkeypatch.setattr(ocr_pages, "ocr_image", _fake_ocr(threading.Barrier(2), threads))
    pages = ocr_pages.ocr_pages(_pages(4))
    assert ([p.number for p in pages], len(set(threads))) == ([1, 2, 3, 4], 2)


def test_one_worker_reads_in_the_calling_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIOMETRY_OCR_WORKERS", "1")
    threads: list[str] = []
    monkeypatch.setattr(ocr_pages, "ocr_image", _fake_ocr(None, threads))
    ocr_pages.ocr_pages(_pages(3))
    assert set(threads) == {threading.current_thread().name}


def test_workers_are_the_usable_cores_unless_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BIOMETRY_OCR_WORKERS", raising=False)
    assert page_workers() == len(os.sched_getaffinity(0))


def _two_page_scan() -> bytes:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(500, 200))
    for text in ("AXIAL LENGTH 23.41 mm", "ACD 3.12 mm"):
        image = Image.new("L", (1000, 150), 255)
        ImageDraw.Draw(image).text((60, 40), text, fill=0, font=ImageFont.load_default(size=40))
        pdf.drawImage(ImageReader(image), 0, 50, width=500, height=75)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_scan_read_across_workers_has_the_words_of_one_page_after_another(monkeypatch: pytest.MonkeyPatch) -> None:
    scan = _two_page_scan()
    monkeypatch.setenv("BIOMETRY_OCR_WORKERS", "1")
    one_by_one = load_document(scan, "scan.pdf").pages
    monkeypatch.setenv("BIOMETRY_OCR_WORKERS", "2")
    across = load_document(scan, "scan.pdf").pages
    assert [[w.text for w in p.words] for p in across] == [["AXIAL", "LENGTH", "23.41", "mm"], ["ACD", "3.12", "mm"]]
    assert [p.words for p in across] == [p.words for p in one_by_one]


def test_a_blank_page_is_read_as_a_page_without_words() -> None:
    buffer = io.BytesIO()
    Image.new("L", (1240, 1754), 255).save(buffer, "PNG")
    (page,) = load_document(buffer.getvalue(), "blank.png").pages
    assert (page.source, page.words) == ("ocr", [])


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_a_page_image_has_the_resolution_it_was_stored_at_however_the_page_is_turned(rotation: int) -> None:
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(360, 504))  # 5 x 7 in
    pdf.drawImage(ImageReader(Image.new("L", (700, 980), 255)), 0, 0, width=360, height=504)  # 140 dpi
    pdf.save()
    document = pdfium.PdfDocument(buffer.getvalue())
    document[0].set_rotation(rotation)
    assert ocr_pages.rendered_page(document, 0, dpi=72).source_dpi == pytest.approx(140)


@pytest.mark.parametrize(("mode", "bilevel"), [("1", True), ("L", False)])
def test_a_page_image_stored_in_black_and_white_is_known_as_such(mode: str, bilevel: bool) -> None:
    import pypdfium2 as pdfium

    buffer = io.BytesIO()
    Image.new(mode, (700, 980), 255).save(buffer, "PDF", resolution=140.0)
    assert ocr_pages.rendered_page(pdfium.PdfDocument(buffer.getvalue()), 0, dpi=72).bilevel is bilevel


@pytest.mark.parametrize(("mode", "bilevel"), [("1", True), ("L", False)])
def test_an_image_frame_stored_in_black_and_white_is_known_as_such(mode: str, bilevel: bool) -> None:
    from biometry.extract.ocr import image_frames

    ((frame, found),) = image_frames(Image.new(mode, (70, 98), 255))
    assert (frame.mode, found) == ("L", bilevel)
