"""A calculation page that prints one eye: the legend under the result boxes spans the page, and its `---` (no value
measured) lies in the other eye's half. It shows no eye there: the report has one eye."""

from __future__ import annotations

import pypdfium2 as pdfium

from biometry.devices.layout import RIGHT_HALF
from biometry.extract.pdf_text import text_layer_page
from biometry.parse import parse_bytes
from biometry.synth.iolmaster700.report import Case, render

_OD_ALONE = Case(seed=104, language="es", decimal="comma", layout="single_eye_OD")


def test_the_legend_prints_its_dashes_in_the_empty_half_of_a_page_with_od_alone() -> None:
    pdf, _ = render(_OD_ALONE)
    page = text_layer_page(pdfium.PdfDocument(pdf), 1)
    legend = next(line for line in page.lines if "(*)" in line.text)
    assert any(w.text == "---" and RIGHT_HALF.holds(w) for w in legend.words)


def test_a_page_with_od_alone_and_the_legend_under_it_shows_no_second_eye() -> None:
    pdf, _ = render(_OD_ALONE)
    result = parse_bytes(pdf, _OD_ALONE.filename)
    assert result.eyes.OD is not None and result.eyes.OD.keratometric_index == 1.3375
    assert result.eyes.OS is None
    assert not any(key.startswith("OS.") for key in result.extraction.provenance)
