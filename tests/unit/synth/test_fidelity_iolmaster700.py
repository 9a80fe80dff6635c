"""The IOLMaster 700 generator draws what the real printout shows: labels, block geometry, font and overprint traits.

Compared on structure, never on values: a calculation page of the real pt-BR printout against a generated pt-BR
calculation page. A failure here means the generator drifted from the device.
"""

from __future__ import annotations

import re
from collections import Counter

import pypdfium2 as pdfium
import pytest

from biometry.devices.iolmaster700.boxes import EMMETROPIA, is_caption
from biometry.devices.iolmaster700.printed import FIELDS_OF_LABEL
from biometry.devices.layout import LEFT_HALF, lines_in
from biometry.document import Page
from biometry.extract.pdf_text import text_layer_page
from biometry.extract.pdfium_raw import read_text_objects
from biometry.synth.iolmaster700.report import Case, render
from tests.real_reports import real_report

REAL_CALC_PAGE = 2  # 0-based: page 3, the first IOL calculation page
GEOMETRY_TOLERANCE = 0.03  # of the page height
_LABEL = re.compile("|".join(re.escape(label) for label in sorted(FIELDS_OF_LABEL, key=len, reverse=True)))


@pytest.fixture(scope="module")
def real() -> pdfium.PdfDocument:
    data, _ = real_report("iolmaster700-ptbr.pdf")
    return pdfium.PdfDocument(data)


@pytest.fixture(scope="module")
def generated() -> pdfium.PdfDocument:
    pdf, _ = render(Case(seed=5, language="pt", decimal="comma", layout="calc_only", missing_rate=0.0))
    return pdfium.PdfDocument(pdf)


def _calc_page(pdf: pdfium.PdfDocument) -> tuple[int, Page]:
    for index in range(len(pdf)):
        page = text_layer_page(pdf, index)
        if any(is_caption(line) for line in page.lines):
            return index, page
    raise AssertionError("no calculation page")


def _labels_in_reading_order(page: Page) -> list[str]:
    """The measurement labels of the OD half above the result boxes, line by line, left to right."""
    words = [w for w in page.words if LEFT_HALF.holds(w)]
    first_caption = min(line.bbox[1] for line in lines_in(words) if is_caption(line))
    lines = lines_in(words, y1=first_caption)
    return [m.group(0) for line in lines for w in line.words for m in _LABEL.finditer(w.text.replace("˂", "Δ"))]


def _anchors(page: Page) -> dict[str, float]:
    """Where the blocks are, as fractions of the page height."""
    lines = page.lines
    return {
        "biometry": next(line.bbox[1] for line in lines if line.text.startswith("AL:")),
        "first caption": next(line.bbox[1] for line in lines if is_caption(line)),
        "first table header": next(line.bbox[1] for line in lines if "(D)" in line.text),
        "last emmetropia": max(line.bbox[1] for line in lines if EMMETROPIA.search(line.text)),
        "footer": max(line.bbox[1] for line in lines if "IOLMaster" in line.text),
    }


def _overprint_copies(pdf: pdfium.PdfDocument, index: int) -> Counter[int]:
    """For each text object, how many objects are drawn within 0.5 pt of it: 1 plain, 4 for a highlighted value."""
    corners = [(o.bounds[0], o.bounds[3]) for o in read_text_objects(pdf[index])]
    return Counter(sum(abs(x - a) <= 0.5 and abs(y - b) <= 0.5 for a, b in corners) for x, y in corners)


def test_generated_labels_come_in_the_real_order(real: pdfium.PdfDocument, generated: pdfium.PdfDocument) -> None:
    assert _labels_in_reading_order(_calc_page(generated)[1]) == _labels_in_reading_order(_calc_page(real)[1])


@pytest.mark.parametrize("anchor", ["biometry", "first caption", "first table header", "last emmetropia", "footer"])
def test_generated_blocks_sit_where_the_real_ones_do(
    real: pdfium.PdfDocument, generated: pdfium.PdfDocument, anchor: str
) -> None:
    want, got = _anchors(_calc_page(real)[1])[anchor], _anchors(_calc_page(generated)[1])[anchor]
    assert abs(got - want) <= GEOMETRY_TOLERANCE, f"{anchor}: generated at {got:.3f}, real at {want:.3f}"


def test_generated_font_claims_bold_for_nearly_every_glyph(generated: pdfium.PdfDocument) -> None:
    objects = read_text_objects(generated[_calc_page(generated)[0]])
    assert sum(o.bold_font for o in objects) >= 0.9 * len(objects)  # the real printout: 384 of 397


def test_real_font_claims_bold_for_nearly_every_glyph(real: pdfium.PdfDocument) -> None:
    objects = read_text_objects(real[REAL_CALC_PAGE])
    assert sum(o.bold_font for o in objects) >= 0.9 * len(objects)


def test_highlights_are_drawn_four_times_as_on_the_real_printout(
    real: pdfium.PdfDocument, generated: pdfium.PdfDocument
) -> None:
    real_copies = _overprint_copies(real, REAL_CALC_PAGE)
    generated_copies = _overprint_copies(generated, _calc_page(generated)[0])
    assert max(real_copies) == max(generated_copies) == 4


def test_the_text_page_keeps_one_copy_of_a_highlighted_value(generated: pdfium.PdfDocument) -> None:
    page = _calc_page(generated)[1]
    selected = [w for w in page.words if w.bold and re.fullmatch(r"[+-]\d+,\d\d", w.text)]
    assert selected and len({(w.text, round(w.bbox[0], 3), round(w.bbox[1], 3)) for w in selected}) == len(selected)


REAL_ANALYSIS_PAGE = 0  # 0-based: page 1, OD's analysis page


@pytest.fixture(scope="module")
def generated_analysis() -> pdfium.PdfDocument:
    pdf, _ = render(Case(seed=5, language="pt", decimal="comma", layout="analysis_only", missing_rate=0.0))
    return pdfium.PdfDocument(pdf)


def _status_layout(page: Page) -> list[tuple[str, ...]]:
    """The analysis page's status block and what follows, line by line: each line's labels from `LS:` down to the
    first biometry line."""
    lines = page.lines
    first = next(k for k, line in enumerate(lines) if line.text.startswith("LS:"))
    last = next(k for k, line in enumerate(lines) if line.text.startswith("AL:"))
    return [tuple(w.text for w in line.words if w.text in ("LS:", "VS:", "Ref:", "VA:", "AL:")) for line in
            lines[first : last + 1]]  # fmt: skip


def test_the_generated_analysis_page_lays_out_its_status_block_as_the_real_one(
    real: pdfium.PdfDocument, generated_analysis: pdfium.PdfDocument
) -> None:
    # `LS:` | `VS:` on one line, `Ref:` | `VA:` on the next, then the centred section heading and the biometry lines
    real_page = text_layer_page(real, REAL_ANALYSIS_PAGE)
    assert _status_layout(text_layer_page(generated_analysis, 0)) == _status_layout(real_page)


def test_the_generated_analysis_pages_status_block_sits_where_the_real_one_does(
    real: pdfium.PdfDocument, generated_analysis: pdfium.PdfDocument
) -> None:
    def status_top(page: Page) -> float:
        return next(line.bbox[1] for line in page.lines if line.text.startswith("LS:"))

    real_top = status_top(text_layer_page(real, REAL_ANALYSIS_PAGE))
    assert abs(status_top(text_layer_page(generated_analysis, 0)) - real_top) <= GEOMETRY_TOLERANCE
