"""EyeSuite axes whose degree sign OCR reads as another glyph on each page (`104°` as `1040`, `1049`, `104ﾟ`)."""

from __future__ import annotations

import dataclasses

from biometry.devices.eyesuite.parser import Eyesuite
from biometry.document import Page
from biometry.grounding import numbers_in
from biometry.models import BiometryResult, Source
from biometry.validate import validate
from tests.unit.devices.test_eyesuite import LENSTAR, rendered


def with_axis_read_as(*readings: str) -> tuple[BiometryResult, int]:
    """The generated report with one OCR page per reading, each printing the OD K2 axis as that reading; the result
    and the printed axis."""
    document, truth = rendered(LENSTAR)
    assert truth.eyes.OD is not None and truth.eyes.OD.k2_axis_deg is not None
    axis = str(truth.eyes.OD.k2_axis_deg)
    pages = [_page_with(document.pages[0], axis, reading, number) for number, reading in enumerate(readings, 1)]
    scanned = dataclasses.replace(document, pages=pages, _memo={})
    source = Source(filename=document.filename, media_type="application/pdf", pages=len(pages), text_source="ocr")
    return validate(Eyesuite().parse(scanned, source), scanned), truth.eyes.OD.k2_axis_deg


def _page_with(page: Page, printed: str, reading: str, number: int) -> Page:
    """An OCR copy of the page whose first word printed as `printed` (the K2 axis) reads `reading`."""
    index = next(i for i, w in enumerate(page.words) if w.text == printed)
    words = [*page.words]
    words[index] = dataclasses.replace(words[index], text=reading)
    return dataclasses.replace(page, number=number, source="ocr", words=words, _lines=None, _memo={})


def axis_problems(result: BiometryResult) -> list[str]:
    """The errors raised about the OD K2 axis."""
    return [i.code for i in result.extraction.issues if i.severity == "error" and i.field == "k2_axis_deg"]


def test_an_axis_whose_degree_sign_each_page_misreads_differently_is_the_digits_the_pages_agree_on() -> None:
    _, truth = rendered(LENSTAR)
    assert truth.eyes.OD is not None
    axis = str(truth.eyes.OD.k2_axis_deg)
    result, printed = with_axis_read_as(f"{axis}0", f"{axis}9")
    assert result.eyes.OD is not None
    assert (result.eyes.OD.k2_axis_deg, axis_problems(result)) == (printed, [])


def test_an_axis_with_a_misread_degree_sign_on_one_page_only_is_unreadable() -> None:
    _, truth = rendered(LENSTAR)
    assert truth.eyes.OD is not None
    result, _ = with_axis_read_as(f"{truth.eyes.OD.k2_axis_deg}0")
    assert "unreadable_value" in axis_problems(result)


def test_pages_that_disagree_on_the_digits_before_a_misread_degree_sign_are_unreadable() -> None:
    _, truth = rendered(LENSTAR)
    assert truth.eyes.OD is not None and truth.eyes.OD.k2_axis_deg is not None
    other = (truth.eyes.OD.k2_axis_deg + 10) % 180
    result, _ = with_axis_read_as(f"{truth.eyes.OD.k2_axis_deg}0", f"{other}0")
    assert "unreadable_value" in axis_problems(result)


def test_a_letter_in_place_of_the_degree_sign_is_no_misread_degree_sign() -> None:
    _, truth = rendered(LENSTAR)
    assert truth.eyes.OD is not None
    axis = str(truth.eyes.OD.k2_axis_deg)
    result, _ = with_axis_read_as(f"{axis}O", f"{axis}O")
    assert result.eyes.OD is not None and result.eyes.OD.k2_axis_deg is None


def test_a_four_digit_axis_grounds_its_first_three_digits_on_ocr_pages() -> None:
    assert 104.0 in numbers_in("1040", ocr=True) and 104.0 in numbers_in("7.92@1040", ocr=True)


def test_a_four_digit_number_past_any_axis_grounds_nothing_else() -> None:
    assert numbers_in("2024", ocr=True) == [2024.0]
