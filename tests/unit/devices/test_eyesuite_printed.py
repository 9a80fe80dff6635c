"""What an EyeSuite page prints is counted apart from what was read: both eyes' copies print the same measurement
rows, so a row one copy prints with a value and the other copy's label OCR garbled is still printed in both (a photo
of the real Eyestar's page 4 read OS's `AL [mm]` as `AlL[mm]` and its `WTW` as `WWW`, and was accepted without
them)."""

from __future__ import annotations

import dataclasses

import pytest

from biometry.devices.eyesuite.printed import printed
from biometry.document import Document
from biometry.evaluate import compare
from tests.unit.devices.test_eyesuite import EYESTAR, LENSTAR, EyesuiteCase, parsed, rendered


def with_right_copys_label(document: Document, label: str, garbled: str) -> Document:
    """The document with the right (OS) copy's `label` read as `garbled`."""
    pages = []
    for page in document.pages:
        words = [dataclasses.replace(w, text=garbled) if w.text == label and w.bbox[0] > 0.5 else w for w in page.words]
        pages.append(dataclasses.replace(page, words=words, _lines=None, _memo={}))
    return dataclasses.replace(document, pages=pages)


def without_label(document: Document, label: str) -> Document:
    """The document with both copies' `label` lost."""
    pages = [
        dataclasses.replace(page, words=[w for w in page.words if w.text != label], _lines=None, _memo={})
        for page in document.pages
    ]
    return dataclasses.replace(document, pages=pages)


@pytest.mark.parametrize(("label", "garbled", "field"), [("AL", "AlL", "axial_length_mm"), ("WTW", "WWW", "wtw_mm")])
def test_a_row_whose_label_ocr_garbled_in_one_copy_is_still_printed(label: str, garbled: str, field: str) -> None:
    document = with_right_copys_label(rendered(EYESTAR)[0], label, garbled)
    assert field in printed(document).eye_fields["OS"]


def test_a_wtw_value_under_its_heading_is_printed_with_both_copies_labels_lost() -> None:
    # a photo of the real Eyestar's page 4 (held-out seed 337) lost both copies' `WTW`: `[mm] 12.95` under
    # `White-to-White` was neither read nor counted, and the report was accepted without either eye's WTW; this
    # report prints OD's WTW and OS's as `---`
    fields = printed(without_label(rendered(EYESTAR)[0], "WTW")).eye_fields
    assert "wtw_mm" in fields["OD"] and "wtw_mm" not in fields["OS"]


def test_a_wtw_value_under_its_heading_is_read_as_wtw_with_both_copies_labels_lost() -> None:
    # the same photo (held-out seed 337), now read: the row's place under its heading names it
    document, truth = rendered(EYESTAR)
    result = parsed(without_label(document, "WTW"))
    assert [eye and eye.wtw_mm for eye in (result.eyes.OD, result.eyes.OS)] == [
        eye and eye.wtw_mm for eye in (truth.eyes.OD, truth.eyes.OS)
    ]
    assert compare(result, truth).wrong == []


def test_a_report_missing_a_value_whose_label_ocr_garbled_goes_to_review() -> None:
    # `WTW` alone on its line: no label it shares with the other copy places it (see eyesuite.mirrored)
    document, truth = rendered(EYESTAR)
    result = parsed(with_right_copys_label(document, "WTW", "WWW"))
    assert result.status == "needs_review"
    assert "printed_value_unread" in {issue.code for issue in result.extraction.issues}
    assert compare(result, truth).wrong == []


@pytest.mark.parametrize("case", [EYESTAR, LENSTAR])
def test_a_report_whose_copies_print_the_same_labels_stays_accepted(case: EyesuiteCase) -> None:
    document, _ = rendered(case)
    assert parsed(document).status == "accepted"
