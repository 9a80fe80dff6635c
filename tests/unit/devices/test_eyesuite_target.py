"""The `Target Refraction:` label that opens an EyeSuite lens section, read whatever OCR lost of `Target`."""

from __future__ import annotations

import dataclasses

import pytest

from biometry.devices.eyesuite.target import holds_target, starts_with_target
from biometry.document import Document, Word
from biometry.evaluate import compare
from tests.unit.devices.test_eyesuite import EYESTAR, LENSTAR, parsed, rendered, with_word


@pytest.mark.parametrize(
    "line",
    [
        "Target Refraction: 0.00",
        "Ta rget Refraction: -1.00",
        "Ta et Refraction: 0.00",
        "Tar ‘get Refraction: 0.00",  # a speck read as a quote mark (a 200-dpi rescan, held-out seed 260)
    ],
)
def test_a_target_label_ocr_spaced_or_lost_letters_of_still_starts_the_lens_section(line: str) -> None:
    assert starts_with_target(line)


@pytest.mark.parametrize("line", ["Template: unsaved", "Refraction: 0.00", "AcrySof IQ Vivity DFT015", "Ta Refraction"])
def test_other_lines_and_a_stump_of_the_label_are_no_target(line: str) -> None:
    assert not starts_with_target(line)


def test_the_other_eyes_garbled_target_label_is_found_along_the_line() -> None:
    assert holds_target("Ta et Refraction: 0.00 Template: unsaved Tar et Refraction: -1.00 Template: unsaved")


def test_a_report_whose_target_labels_lost_letters_to_ocr_is_read_exactly() -> None:
    document, truth = rendered(EYESTAR)
    garbled = with_word(with_word(document, "Target", "Ta et"), "Target", "Tar et")
    result = parsed(garbled)
    comparison = compare(result, truth)
    assert (result.status, comparison.wrong, comparison.missed) == ("accepted", [], [])


def _with_target_split(document: Document, value: str) -> Document:
    """The document as OCR read it with the first target printed as `value` parted after its decimal mark (`-1. 00`):
    bold unseen, so each block's selected row is the one closest to its target."""
    page = document.pages[0]
    label = next(w for w in page.words if w.text == "Refraction:")
    index = next(i for i, w in enumerate(page.words) if w.text == value and abs(w.y_center - label.y_center) < 0.005)
    word = page.words[index]
    x0, y0, x1, y1 = word.bbox
    mark = value.index(".") + 1
    cut = x0 + (x1 - x0) * mark / len(value)
    parts = [dataclasses.replace(word, text=value[:mark], bbox=(x0, y0, cut, y1)),
             dataclasses.replace(word, text=value[mark:], bbox=(cut + 0.002, y0, x1, y1))]  # fmt: skip
    words = [*page.words[:index], *parts, *page.words[index + 1 :]]
    read = dataclasses.replace(page, words=[dataclasses.replace(w, bold=False) for w in words], source="ocr")
    return dataclasses.replace(document, pages=[dataclasses.replace(read, _lines=None, _memo={})])


def test_a_target_ocr_parted_after_its_decimal_mark_is_read_whole() -> None:
    document, truth = rendered(LENSTAR)  # OD's target `-1.00`: its `00` alone is no target of 0
    result = parsed(_with_target_split(document, "-1.00"))
    comparison = compare(result, truth)
    assert (result.status, comparison.wrong, comparison.missed) == ("accepted", [], [])


def test_a_target_ocr_lost_leaves_the_highlighted_row_unknown() -> None:
    document, _ = rendered(LENSTAR)
    read = _with_target_split(document, "-1.00")  # as OCR reads it, then the target's words lost
    page = read.pages[0]
    lost = [w for w in page.words if w.text not in ("-1.", "00") or not _on_target_line(page.words, w)]
    result = parsed(dataclasses.replace(read, pages=[dataclasses.replace(page, words=lost, _lines=None, _memo={})]))
    assert any("target refraction is unread" in issue.message for issue in result.extraction.issues)


def _on_target_line(words: list[Word], word: Word) -> bool:
    label = next(w for w in words if w.text == "Refraction:")
    return abs(word.y_center - label.y_center) < 0.005
