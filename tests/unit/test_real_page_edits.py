"""The real IOLMaster 700 printout as viewers, merges and scanner feeds change it: pages reordered, turned, one twice.

Pages in another order or turned by a viewer's rotate-and-save are read exactly (eyes and boxes come from each page's
own layout); a page twice is review, never a result holding its calculations twice; a page cropped to one eye's half
is review, never that eye's values given to the other eye by their place.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from biometry.parse import parse_bytes
from tests.real_reports import compared, real_report
from tests.renditions import rearranged, saved

NAME = "iolmaster700-ptbr.pdf"


def test_the_pages_in_reverse_order_are_read_exactly() -> None:
    data, truth = real_report(NAME)
    pages = len(pdfium.PdfDocument(data))
    result = parse_bytes(rearranged(data, list(range(pages))[::-1]), NAME)
    comparison = compared(result, truth)
    assert (result.status, comparison.wrong, comparison.missed) == ("accepted", [], [])


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_pages_turned_in_a_viewer_are_read_exactly(rotation: int) -> None:
    data, truth = real_report(NAME)
    result = parse_bytes(rearranged(data, rotation=rotation), NAME)
    comparison = compared(result, truth)
    assert (result.status, comparison.wrong, comparison.missed) == ("accepted", [], [])


def test_a_calculation_page_printed_twice_goes_to_review_as_repeated() -> None:
    data, _ = real_report(NAME)
    pages = list(range(len(pdfium.PdfDocument(data))))
    result = parse_bytes(rearranged(data, [*pages[:7], 6, *pages[7:]]), NAME)
    assert result.status == "needs_review"
    assert "iol_calculations_repeated" in {issue.code for issue in result.extraction.issues}


def test_a_calculation_page_cropped_to_os_half_names_no_eye_by_place() -> None:
    # the crop shows OS's block from the page's left edge, its `OS` label in the page's right half: the left half is
    # no eye for its place alone
    data, _ = real_report(NAME)
    cropped = pdfium.PdfDocument(rearranged(data, [2]))
    width, height = cropped[0].get_size()
    cropped[0].set_cropbox(width / 2, 0, width, height)
    result = parse_bytes(saved(cropped), NAME)
    assert result.status == "needs_review"
    assert "eye_unknown" in {issue.code for issue in result.extraction.issues}
    assert result.eyes.OD is None or result.eyes.OD.axial_length_mm is None
