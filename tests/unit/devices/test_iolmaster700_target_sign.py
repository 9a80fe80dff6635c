"""The IOLMaster 700 prints its target refraction with a sign (`Refr.-alvo: +0,00 D`, `Target ref.: -0,25 D`). Read by
OCR without it, the sign was lost: the row closest to the target, taken as the highlighted one, may be another."""

from __future__ import annotations

import dataclasses

from biometry.devices.iolmaster700.printed import TARGET_LABEL
from biometry.document import Document
from biometry.extract import load_document
from biometry.parse import parse_document
from biometry.synth.iolmaster700.report import Case, render

_CASE = Case(seed=7, language="en", decimal="point", layout="calc_only")  # targets `-0.25`


def _read_by_ocr(document: Document, *, sign_lost: bool) -> Document:
    """The document as OCR reads it (bold unseen), with the first target's sign lost or not."""
    pages = []
    for page in document.pages:
        words = [dataclasses.replace(w, bold=False) for w in page.words]
        label = next((k for k, w in enumerate(words) if TARGET_LABEL.match(w.text)), None)
        if sign_lost and label is not None and not pages:
            words[label + 1] = dataclasses.replace(words[label + 1], text=words[label + 1].text.lstrip("+-"))
        pages.append(dataclasses.replace(page, words=words, source="ocr", _lines=None, _memo={}))
    return dataclasses.replace(document, pages=pages)


def test_a_signed_target_read_by_ocr_is_accepted() -> None:
    pdf, _ = render(_CASE)
    assert parse_document(_read_by_ocr(load_document(pdf, _CASE.filename), sign_lost=False)).status == "accepted"


def test_a_target_read_without_its_printed_sign_goes_to_review() -> None:
    pdf, _ = render(_CASE)
    result = parse_document(_read_by_ocr(load_document(pdf, _CASE.filename), sign_lost=True))
    assert any("without its printed sign" in issue.message for issue in result.extraction.issues)
