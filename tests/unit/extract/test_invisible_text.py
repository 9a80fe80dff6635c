"""A searchable scan's hidden OCR layer is not a text layer: the page is read from its image like any scan."""

from __future__ import annotations

import pypdfium2 as pdfium

from biometry.extract import load_document
from biometry.extract.invisible_text import drawn_invisibly
from biometry.synth.image import with_hidden_text
from tests.unit.extract.extract_samples import make_pdf, report_pdf, text_page

HIDDEN_LINES = ["AL: 99,99 mm  K1: 11,11 D  K2: 12,12 D", "ACD: 9,99 mm  LT: 9,99 mm  WTW: 19,9 mm"] * 3


def _first_textpage(data: bytes) -> pdfium.PdfTextPage:
    return pdfium.PdfDocument(data)[0].get_textpage()


def _image_only_pdf() -> bytes:
    return make_pdf(lambda pdf: pdf.rect(50, 50, 400, 600, fill=1))


def test_text_drawn_on_the_page_is_visible() -> None:
    assert not drawn_invisibly(_first_textpage(report_pdf()))


def test_text_laid_invisibly_under_a_page_image_is_hidden() -> None:
    assert drawn_invisibly(_first_textpage(with_hidden_text(_image_only_pdf(), [HIDDEN_LINES])))


def test_a_few_invisible_words_on_a_printed_page_leave_it_a_text_layer() -> None:
    printed = make_pdf(text_page(*[(50, 750 - 14 * row, f"AL: 23,{row:02d} mm  K1: 42,30 D") for row in range(30)]))
    assert not drawn_invisibly(_first_textpage(with_hidden_text(printed, [["scanner note"]])))


def test_a_page_whose_text_is_hidden_is_left_to_ocr() -> None:
    document = load_document(with_hidden_text(_image_only_pdf(), [HIDDEN_LINES]), "searchable.pdf", ocr=False)
    assert [(page.source, page.words) for page in document.pages] == [("ocr", [])]
