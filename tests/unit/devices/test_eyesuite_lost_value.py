"""EyeSuite prints a value or `---` beside every measurement label. A value OCR did not read at all (`AL [mm]` and
nothing after it) was neither read nor counted as printed: the eye was accepted without it. It is printed all the
same: review, never accepted."""

from __future__ import annotations

import dataclasses

import pytest

from biometry.document import Document
from biometry.evaluate import compare
from biometry.synth.eyesuite.plan import EyesuiteCase
from tests.unit.devices.test_eyesuite import EYESTAR, parsed, rendered


def _read_by_ocr(document: Document, lost: str | None) -> Document:
    """The one-page document as OCR reads it (bold unseen), the first word printed as `lost` not read at all."""
    page = document.pages[0]
    words = [dataclasses.replace(w, bold=False) for w in page.words]
    if lost is not None:
        words.pop(next(k for k, w in enumerate(words) if w.text == lost))
    read = dataclasses.replace(page, words=words, source="ocr", _lines=None, _memo={})
    return dataclasses.replace(document, pages=[read])


def test_the_report_read_by_ocr_as_printed_is_accepted_with_its_not_measured_rows_null() -> None:
    document, truth = rendered(EYESTAR)  # OS prints `WTW [mm] ---`
    result = parsed(_read_by_ocr(document, None))
    comparison = compare(result, truth)
    assert (result.status, comparison.wrong, comparison.missed) == ("accepted", [], [])


@pytest.mark.parametrize(("lost", "field"), [("24.37", "axial_length_mm"), ("43.52/7.75", "mean_k_d")])
def test_a_value_ocr_lost_beside_its_label_goes_to_review(lost: str, field: str) -> None:
    document, _ = rendered(EYESTAR)
    result = parsed(_read_by_ocr(document, lost))
    assert result.status == "needs_review"
    assert any(i.code == "printed_value_unread" and i.field == f"OD.{field}" for i in result.extraction.issues)


def test_a_lens_status_ocr_lost_under_its_eye_heading_goes_to_review() -> None:
    document, _ = rendered(EYESTAR)  # `OD right eye` over `Phakic`
    result = parsed(_read_by_ocr(document, "Phakic"))
    assert result.status == "needs_review"
    assert any(i.code == "printed_value_unread" and i.field == "OD.lens_status" for i in result.extraction.issues)


def test_a_wtw_row_ocr_lost_whole_under_its_heading_goes_to_review() -> None:
    document, _ = rendered(EYESTAR)  # OD: `White-to-White` over `WTW [mm] 11.90`
    page = _read_by_ocr(document, None).pages[0]
    label = next(w for w in page.words if w.text == "WTW")
    row = [w for w in page.words if abs(w.y_center - label.y_center) < label.height / 2 and w.bbox[0] < 0.4]
    read = dataclasses.replace(page, words=[w for w in page.words if w not in row], _lines=None, _memo={})
    result = parsed(dataclasses.replace(document, pages=[read]))
    assert result.status == "needs_review"
    assert any(i.code == "printed_value_unread" and i.field == "OD.wtw_mm" for i in result.extraction.issues)


def test_a_label_ocr_lost_beside_its_value_where_the_other_eye_prints_its_null_goes_to_review() -> None:
    document, _ = rendered(EyesuiteCase(seed=7))  # OD: `LT [mm] 4.20`, OS: `LT [mm] ---`
    result = parsed(_read_by_ocr(document, "LT"))
    assert result.status == "needs_review"
    assert any(i.code == "printed_value_unread" and i.field == "OD.lens_thickness_mm" for i in result.extraction.issues)
