"""A lens name OCR read one word short (`ZCB00` for `TECNIS ZCB00`, `AcrySof Vivity DFT015` for `AcrySof IQ Vivity
DFT015`) is another catalogue name: accepted, it named the wrong lens. Where the line leaves room for the lost word
(before its first word, or between two), the document goes to review; a manufacturer read as another's name less
its last word (`Johnson & Johnson`), where no gap can show it, goes to review as read."""

from __future__ import annotations

import dataclasses

from biometry.devices.layout import room_for_a_word
from biometry.document import Document, Word
from biometry.extract import load_document
from biometry.lens_catalogue import maker_one_word_short, one_word_short
from biometry.models import BiometryResult
from biometry.parse import parse_document
from biometry.synth.eyesuite.report import EyesuiteCase
from biometry.synth.eyesuite.report import render as render_eyesuite
from biometry.synth.iolmaster700.report import Case
from biometry.synth.iolmaster700.report import render as render_iolmaster700

_EYESUITE = EyesuiteCase(seed=7)  # OD's first lens `TECNIS ZCB00` over `Johnson & Johnson Vision`
_IOLMASTER700 = Case(seed=7, layout="calc_only")  # `Alcon -- AcrySof IQ Vivity DFT015`
_WRAPPED = Case(seed=9, layout="calc_only")  # `Johnson & Johnson Vision --` over `TECNIS ZCB00`, centred in the box


def _word(text: str, x0: float, x1: float) -> Word:
    return Word(text, (x0, 0.50, x1, 0.51))


def test_a_catalogue_name_one_word_short_of_another_is_known_so() -> None:
    assert one_word_short("ZCB00") and one_word_short("AcrySof Vivity DFT015")
    assert not one_word_short("TECNIS 1 ZCB00") and not one_word_short("CT ASPHINA 409MP")
    assert maker_one_word_short("Johnson & Johnson") and not maker_one_word_short("Johnson & Johnson Vision")


def test_words_one_space_apart_leave_no_room_and_a_gap_a_word_wide_does() -> None:
    assert not room_for_a_word([_word("AcrySof", 0.100, 0.150), _word("SN60WF", 0.153, 0.190)])
    assert room_for_a_word([_word("AcrySof", 0.100, 0.150), _word("SN60WF", 0.170, 0.207)])


def test_a_name_starting_a_word_right_of_its_column_leaves_room_before_it() -> None:
    assert room_for_a_word([_word("ZCB00", 0.140, 0.175)], start=0.100)
    assert not room_for_a_word([_word("ZCB00", 0.100, 0.135)], start=0.100)


def _read_by_ocr(document: Document, lost: str | None) -> Document:
    """The document as OCR reads it (bold unseen), the first page's first word `lost` not read at all."""
    pages = []
    for page in document.pages:
        words = [dataclasses.replace(w, bold=False) for w in page.words]
        if lost is not None and not pages:
            words.pop(next(k for k, w in enumerate(words) if w.text == lost))
        pages.append(dataclasses.replace(page, words=words, source="ocr", _lines=None, _memo={}))
    return dataclasses.replace(document, pages=pages)


def _eyesuite(lost: str | None) -> BiometryResult:
    pdf, _ = render_eyesuite(_EYESUITE)
    return parse_document(_read_by_ocr(load_document(pdf, _EYESUITE.filename), lost))


def _iolmaster700(lost: str | None, case: Case = _IOLMASTER700) -> BiometryResult:
    pdf, _ = render_iolmaster700(case)
    return parse_document(_read_by_ocr(load_document(pdf, case.filename), lost))


def _room_for_a_word(result: BiometryResult) -> bool:
    return any("leaves room for a word OCR lost" in issue.message for issue in result.extraction.issues)


def test_eyesuite_lens_names_read_whole_by_ocr_are_accepted() -> None:
    assert _eyesuite(None).status == "accepted"


def test_an_eyesuite_model_line_that_lost_its_first_word_goes_to_review() -> None:
    result = _eyesuite("TECNIS")
    assert result.status == "needs_review" and _room_for_a_word(result)


def test_a_manufacturer_that_lost_its_last_word_to_ocr_goes_to_review() -> None:
    result = _eyesuite("Vision")  # `Johnson & Johnson`: a known name, and another's less a word
    assert result.status == "needs_review"
    assert any(issue.code == "iol_manufacturer_unverified" for issue in result.extraction.issues)


def test_iolmaster700_lens_headings_read_whole_by_ocr_are_accepted() -> None:
    assert _iolmaster700(None).status == "accepted"


def test_an_iolmaster700_heading_that_lost_a_word_inside_its_name_goes_to_review() -> None:
    result = _iolmaster700("IQ")
    assert result.status == "needs_review" and _room_for_a_word(result)


def test_an_iolmaster700_wrapped_model_read_whole_by_ocr_is_accepted() -> None:
    assert _iolmaster700(None, _WRAPPED).status == "accepted"


def test_an_iolmaster700_wrapped_model_that_lost_its_first_word_goes_to_review() -> None:
    result = _iolmaster700("TECNIS", _WRAPPED)  # `ZCB00` alone, off the box's centre
    assert result.status == "needs_review" and _room_for_a_word(result)
