"""A calculation page's half is the eye its big label names, or its side word where OCR lost the label; else none."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from biometry.devices.iolmaster700.boxes import calculation_halves
from biometry.devices.iolmaster700.printed import calculation_half_eye, holds_status_label
from biometry.document import Page
from biometry.extract.pdf_text import text_layer_page
from tests.real_reports import real_report

CALCULATION_PAGE = 2  # 0-based: the real printout's page 3


@pytest.fixture(scope="module")
def page() -> Page:
    return text_layer_page(pdfium.PdfDocument(real_report("iolmaster700-ptbr.pdf")[0]), CALCULATION_PAGE)


def _eyes_without(page: Page, *lost: str) -> list[str | None]:
    kept = Page(page.number, page.width_pt, page.height_pt, page.source, [w for w in page.words if w.text not in lost])
    return [calculation_half_eye(half) for half in calculation_halves(kept, holds_status_label)]


def test_each_half_is_the_eye_its_big_label_names(page: Page) -> None:
    assert _eyes_without(page) == ["OD", "OS"]


def test_a_half_whose_big_label_was_lost_is_named_by_its_side_word(page: Page) -> None:
    assert _eyes_without(page, "OS") == ["OD", "OS"]


def test_a_half_that_names_no_eye_is_no_eye_for_its_place_alone(page: Page) -> None:
    assert _eyes_without(page, "OS", "esquerda") == ["OD", None]
