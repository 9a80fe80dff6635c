"""Real reports degraded as clinics send them (rescans at 150-300 dpi, black-and-white rescans, pages fed turned, phone
photos, photos of part of a page, screenshots): never a silent error.

Slow (OCR of up to 13 pages per rendition): `make test-slow`. Acceptance rates are measured, not asserted:
`benchmarks/real_renditions.py` prints them.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest

from biometry.parse import parse_bytes
from biometry.synth.image import scan_like, with_hidden_text
from tests.real_reports import compared, real_report
from tests.renditions import REAL_PDFS, printed_on_page, rearranged, renditions, silent_errors

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", REAL_PDFS)
def test_degraded_real_report_is_never_accepted_with_a_wrong_value(name: str) -> None:
    data, truth = real_report(name)
    for rendition in renditions(name, data, dpis=(150, 300)):
        result = parse_bytes(rendition.data, rendition.filename)
        assert silent_errors(result, truth) == [], rendition.filename


@pytest.mark.parametrize("name", REAL_PDFS)
def test_photographed_page_is_never_accepted_without_a_value_it_prints(name: str) -> None:
    data, truth = real_report(name)
    printed = printed_on_page(data, 0, truth)
    for rendition in renditions(name, data, dpis=()):
        result = parse_bytes(rendition.data, rendition.filename)
        assert set(compared(result, truth).silent_omissions(result)) & printed == set(), rendition.filename


@pytest.mark.parametrize("name", REAL_PDFS)
def test_black_and_white_rescan_is_never_accepted_with_a_wrong_value(name: str) -> None:
    data, truth = real_report(name)
    for rendition in renditions(name, data, dpis=(), photo_pages=(), black_and_white_dpis=(300, 200)):
        result = parse_bytes(rendition.data, rendition.filename)
        assert silent_errors(result, truth) == [], rendition.filename


def test_black_and_white_rescan_whose_rules_came_out_as_staircases_is_read_exactly() -> None:
    """The IOLMaster 700 printout scanned in a scanner's text mode at 200 dpi (seed 1): its boxes' thin rules, tilted,
    came out as staircases that no pixel row holds whole; a box's table header read `IOL (B)` (review before)."""
    data, truth = real_report("iolmaster700-ptbr.pdf")
    result = parse_bytes(scan_like(data, seed=1, dpi=200, black_and_white=True), "bw.pdf")
    comparison = compared(result, truth)
    assert (result.status, comparison.wrong, comparison.missed) == ("accepted", [], [])


def test_real_scan_with_pages_fed_turned_reads_like_the_upright_scan() -> None:
    data, truth = real_report("eyestar900-scan.pdf")
    upright = parse_bytes(scan_like(data, seed=1, dpi=300), "upright.pdf")
    turned = parse_bytes(scan_like(data, seed=1, dpi=300, turns={1: 180, 2: 90, 3: 270}), "turned.pdf")
    assert (turned.status, compared(turned, truth)) == (upright.status, compared(upright, truth))


@pytest.mark.parametrize("degrees", [180, 90])
def test_real_page_images_turned_are_read_exactly(degrees: int) -> None:
    """The IOLMaster 500 printout with every frame turned (a viewer's rotate-and-save). Upside down, OCR lost the
    white-to-white page's OD label and the OS block of that stacked page took the OD values (a silent error, before);
    sideways, the frames' resolution was measured across the turned page and read as a 300-dpi scan (review)."""
    data, truth = real_report("iolmaster500-exam1.pdf")
    result = parse_bytes(rearranged(data, rotation=degrees), "turned.pdf")
    comparison = compared(result, truth)
    assert (result.status, comparison.wrong, comparison.missed) == ("accepted", [], [])


def test_searchable_scan_is_read_from_its_image_not_from_its_hidden_ocr_layer() -> None:
    data, truth = real_report("iolmaster700-ptbr.pdf")
    scan = scan_like(data, seed=1, dpi=300)
    searchable = parse_bytes(with_hidden_text(scan, _misread_text(data)), "searchable.pdf")
    comparison = compared(searchable, truth)
    assert (searchable.status, comparison.wrong, comparison.missed) == ("accepted", [], [])


def _misread_text(data: bytes) -> list[list[str]]:
    """Each page's own text with every digit misread (as a scanner's OCR layer could hold it)."""
    misread = str.maketrans("0123456789", "1234567890")
    pages = [page.get_textpage().get_text_range() for page in pdfium.PdfDocument(data)]
    return [[line.translate(misread) for line in text.splitlines() if line.strip()] for text in pages]


@pytest.mark.parametrize("span", [(0.0, 0.5), (0.5, 1.0), (0.0, 0.62), (0.38, 1.0)])
def test_a_photo_of_part_of_a_calculation_page_gives_no_eye_the_other_eyes_values(span: tuple[float, float]) -> None:
    # the picture's midline is no longer the page's: a half without its own OD/OS label is no eye by its place
    data, truth = real_report("iolmaster700-ptbr.pdf")
    page = pdfium.PdfDocument(data)[2].render(scale=200 / 72).to_pil()
    width, height = page.size
    part = page.crop((int(width * span[0]), 0, int(width * span[1]), height))
    picture = io.BytesIO()
    part.save(picture, format="PNG", dpi=(200, 200))
    result = parse_bytes(picture.getvalue(), "part.png")
    assert [field for field in compared(result, truth).wrong if field.startswith(("OD.", "OS."))] == []


@pytest.mark.parametrize("name", ["iolmaster700-ptbr.pdf", "eyestar900-scan.pdf"])
@pytest.mark.parametrize("pixels_per_inch", [96, 144])
def test_a_screenshot_of_a_page_is_never_accepted_with_a_wrong_or_a_lost_value(name: str, pixels_per_inch: int) -> None:
    # a PNG of the page as a viewer shows it, with no resolution stored: read as an image of unknown size
    data, truth = real_report(name)
    page = 2 if name.startswith("iolmaster700") else 0
    shot = io.BytesIO()
    pdfium.PdfDocument(data)[page].render(scale=pixels_per_inch / 72).to_pil().save(shot, format="PNG")
    result = parse_bytes(shot.getvalue(), "screenshot.png")
    printed = printed_on_page(data, page, truth)
    assert silent_errors(result, truth) == []
    assert set(compared(result, truth).silent_omissions(result)) & printed == set()
