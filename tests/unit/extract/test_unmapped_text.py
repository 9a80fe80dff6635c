"""A text layer of glyph codes without their letters (fonts stripped of their ToUnicode maps) is not read as text."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from biometry.extract import load_document
from biometry.extract.unmapped_text import mostly_unmapped
from tests.real_reports import real_report
from tests.renditions import without_unicode_maps


@pytest.fixture(scope="module")
def printout() -> bytes:
    return real_report("iolmaster700-ptbr.pdf")[0]


def _unmapped_pages(data: bytes) -> list[bool]:
    return [mostly_unmapped(page.get_textpage()) for page in pdfium.PdfDocument(data)]


def test_the_real_printouts_text_layer_maps_its_glyphs_but_for_a_few(printout: bytes) -> None:
    assert _unmapped_pages(printout) == [False] * 13  # its Δ glyphs alone are unmapped: 2-4 a page


def test_the_printout_without_its_fonts_maps_is_unmapped_on_every_page(printout: bytes) -> None:
    assert _unmapped_pages(without_unicode_maps(printout)) == [True] * 13


def test_pages_without_their_fonts_maps_are_left_to_ocr(printout: bytes) -> None:
    document = load_document(without_unicode_maps(printout), "reprinted.pdf", ocr=False)
    assert {(page.source, len(page.words)) for page in document.pages} == {("ocr", 0)}
