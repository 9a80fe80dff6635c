"""The IOLMaster 700 prints a value or `---` after every label of its eye block (`AL: 23.27 mm SD: 11 µm`). Where OCR
lost all of a row but its label, the label ends its line: the value is printed all the same, and was neither read nor
counted printed, so the eye was accepted without it. Review, never accepted."""

from __future__ import annotations

import dataclasses

from biometry.document import Document
from biometry.extract import load_document
from biometry.models import BiometryResult
from biometry.parse import parse_document
from biometry.synth.iolmaster700.report import Case, render

_CASE = Case(seed=7, language="en", decimal="point", layout="calc_only")  # OD: `AL: 23.27 mm SD: 11 µm`


def _read_by_ocr(document: Document, row_lost: str | None) -> Document:
    """The document as OCR reads it (bold unseen), on its first page the words of the row whose value is `row_lost`
    (value, unit, SD) lost, its label kept."""
    pages = []
    for page in document.pages:
        words = [dataclasses.replace(w, bold=False) for w in page.words]
        value = next((w for w in words if w.text == row_lost), None) if not pages else None
        if value is not None:
            words = [
                w for w in words if abs(w.y_center - value.y_center) > value.height / 2 or w.bbox[0] < value.bbox[0]
            ]
        pages.append(dataclasses.replace(page, words=words, source="ocr", _lines=None, _memo={}))
    return dataclasses.replace(document, pages=pages)


def _parsed(row_lost: str | None) -> BiometryResult:
    pdf, _ = render(_CASE)
    return parse_document(_read_by_ocr(load_document(pdf, _CASE.filename), row_lost))


def test_the_page_read_by_ocr_with_every_row_is_accepted() -> None:
    assert _parsed(None).status == "accepted"


def test_a_row_ocr_lost_but_for_its_label_goes_to_review() -> None:
    result = _parsed("23.27")
    assert result.status == "needs_review"
    assert any(i.code == "printed_value_unread" and i.field == "OD.axial_length_mm" for i in result.extraction.issues)
