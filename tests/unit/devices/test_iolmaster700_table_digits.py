"""The IOLMaster 700 prints every table refraction and its target with two decimals (`-0.91`, `Target ref.: -0.25 D`).
Read by OCR with a digit lost (`-0.9`, `-0.2`) or the target not read at all, a value is wrong or missing, and the
row closest to the target, taken as the highlighted one, may be another: review, never accepted."""

from __future__ import annotations

import dataclasses

from biometry.document import Document
from biometry.extract import load_document
from biometry.models import BiometryResult
from biometry.parse import parse_document
from biometry.synth.iolmaster700.report import Case, render

_CASE = Case(seed=7, language="en", decimal="point", layout="calc_only")  # OD: target `-0.25`, first row `-1.02`


def _read_by_ocr(document: Document, printed: str, read: str | None) -> Document:
    """The document as OCR reads it (bold unseen), the first page's first word `printed` read as `read` (None: lost)."""
    pages = []
    for page in document.pages:
        words = [dataclasses.replace(w, bold=False) for w in page.words]
        if not pages:
            k = next(k for k, w in enumerate(words) if w.text == printed)
            words[k : k + 1] = [] if read is None else [dataclasses.replace(words[k], text=read)]
        pages.append(dataclasses.replace(page, words=words, source="ocr", _lines=None, _memo={}))
    return dataclasses.replace(document, pages=pages)


def _parsed(printed: str, read: str | None) -> BiometryResult:
    pdf, _ = render(_CASE)
    return parse_document(_read_by_ocr(load_document(pdf, _CASE.filename), printed, read))


def _messages(result: BiometryResult) -> list[str]:
    return [issue.message for issue in result.extraction.issues if issue.code == "iol_table_unreadable"]


def test_the_printout_read_by_ocr_as_printed_is_accepted() -> None:
    assert _parsed("-1.02", "-1.02").status == "accepted"


def test_a_refraction_read_with_a_decimal_lost_goes_to_review() -> None:
    result = _parsed("-1.02", "-1.0")
    assert result.status == "needs_review"
    assert any("'-1.0', not in its printed form" in message for message in _messages(result))


def test_a_target_read_with_a_decimal_lost_goes_to_review() -> None:
    result = _parsed("-0.25", "-0.2")
    assert result.status == "needs_review"
    assert any("target read as '-0.2', not in its printed form" in message for message in _messages(result))


def test_a_target_not_read_at_all_goes_to_review() -> None:
    result = _parsed("-0.25", None)
    assert result.status == "needs_review"
    assert any("target refraction is unread" in message for message in _messages(result))
