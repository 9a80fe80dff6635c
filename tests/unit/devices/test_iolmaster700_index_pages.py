"""Every IOLMaster 700 page's header prints the keratometric index (`n: 1.3375`). Pages that read it differently
conflict as any value's copies do; the first page's reading alone had been taken (`1.3376` misread on page 1,
accepted against the calculation page's `1.3375`)."""

from __future__ import annotations

import dataclasses

from biometry.document import Document
from biometry.extract import load_document
from biometry.models import BiometryResult
from biometry.parse import parse_document
from biometry.synth.iolmaster700.report import Case, render

_CASE = Case(seed=7)  # two pages: OD's analysis page and a calculation page, each header `n: 1.3375`


def _read_by_ocr(document: Document, first_page_index: str) -> Document:
    """The document as OCR reads it (bold unseen), the first page's index read as `first_page_index`."""
    pages = []
    for page in document.pages:
        words = [dataclasses.replace(w, bold=False) for w in page.words]
        if not pages:
            words = [dataclasses.replace(w, text=first_page_index) if w.text == "1.3375" else w for w in words]
        pages.append(dataclasses.replace(page, words=words, source="ocr", _lines=None, _memo={}))
    return dataclasses.replace(document, pages=pages)


def _parsed(first_page_index: str) -> BiometryResult:
    pdf, _ = render(_CASE)
    return parse_document(_read_by_ocr(load_document(pdf, _CASE.filename), first_page_index))


def test_pages_reading_the_index_alike_give_it() -> None:
    result = _parsed("1.3375")
    assert result.status == "accepted"
    assert result.eyes.OD is not None and result.eyes.OD.keratometric_index == 1.3375


def test_pages_reading_the_index_differently_conflict() -> None:
    result = _parsed("1.3376")
    assert result.status == "needs_review"
    assert any(i.code == "conflicting_values" and i.field == "keratometric_index" for i in result.extraction.issues)
