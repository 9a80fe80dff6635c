"""A number cell is read alone, as one line of digits, sign and point, and only when two preparations agree."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pypdfium2 as pdfium
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from biometry.extract.boxes import Box
from biometry.extract.cells import line_rule_rows, read_number_cell, text_line_words

RENDER_DPI = 300


def _printed(text: str, *, underline_pt: float | None = None) -> tuple[Image.Image, Box]:
    """A small page with one Courier word on it, rendered at 300 dpi, and the box around the word's ink
    (`underline_pt`: a rule across the page that far below the baseline, not part of the box)."""
    image = _rendered(text, None)
    ink = np.asarray(image.convert("L")) < 128
    if underline_pt is not None:
        image = _rendered(text, underline_pt)
    ys, xs = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return image.convert("L"), Box(int(xs[0]), int(ys[0]), int(xs[-1]) + 1, int(ys[-1]) + 1)


def _rendered(text: str, underline_pt: float | None) -> Image.Image:
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(144, 36))
    canvas.setFont("Courier", 8)
    canvas.drawString(20, 14, text)
    if underline_pt is not None:
        canvas.setLineWidth(0.6)
        canvas.line(0, 14 - underline_pt, 144, 14 - underline_pt)
    canvas.save()
    return pdfium.PdfDocument(buffer.getvalue())[0].render(scale=RENDER_DPI / 72, grayscale=True).to_pil()


def test_a_signed_refraction_reads_as_printed() -> None:
    image, cell = _printed("-0.72")
    word = read_number_cell(image, cell)
    assert word is not None and word.text == "-0.72"


def test_a_cell_of_words_is_no_number() -> None:
    image, cell = _printed("IOL (D)")
    assert read_number_cell(image, cell) is None


def test_a_rule_just_under_a_cell_is_no_part_of_its_number() -> None:
    image, cell = _printed("21.50", underline_pt=0.5)
    word = read_number_cell(image, cell)
    assert word is not None and word.text == "21.50"


def test_a_cell_printed_with_a_decimal_comma_reads_as_its_number_where_the_report_prints_commas() -> None:
    # real page-4 photo (tuning seed 12): `+0,32` read `+032` as it is and enlarged, the comma no glyph of the list
    image, cell = _printed("+0,32")
    word = read_number_cell(image, cell, comma=True)
    assert word is not None and word.text == "+0.32"


def test_a_cell_with_two_marks_is_no_number() -> None:
    image, cell = _printed("+0,3.2")
    assert read_number_cell(image, cell, comma=True) is None


def _bold_heading_crop(*, rule_above: bool) -> np.ndarray:
    """The ink (bool) of a tight crop of a bold lens heading as a 150-dpi rescan shows it, with the frame's rule
    across the crop above it or not."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(110, 24))
    canvas.setFont("Helvetica-Bold", 10)
    canvas.drawString(2, 6, "Panoptix TFNT00")
    if rule_above:
        canvas.setLineWidth(1.2)
        canvas.line(0, 21, 110, 21)
    canvas.save()
    grey = np.asarray(pdfium.PdfDocument(buffer.getvalue())[0].render(scale=150 / 72, grayscale=True).to_pil())
    ink = grey.astype(int).min(axis=2) < 170 if grey.ndim == 3 else grey < 170
    columns = np.flatnonzero(ink[ink.shape[0] // 2 :].any(axis=0))  # the type's columns: cropped tight to them
    return ink[:, columns[0] : columns[-1] + 1]


def test_rows_of_bold_type_in_a_tight_crop_are_no_rule() -> None:
    ink = _bold_heading_crop(rule_above=False)
    assert (ink.mean(axis=1) >= 0.5).any()  # inked as densely as a rule: the old test whitened them
    assert not line_rule_rows(ink).any()


def test_the_rule_above_a_bold_heading_is_a_rule_and_its_type_is_not() -> None:
    ink = _bold_heading_crop(rule_above=True)
    rules = np.flatnonzero(line_rule_rows(ink))
    type_rows = np.flatnonzero(ink[rules.max() + 2 :].any(axis=1)) + rules.max() + 2 if rules.size else []
    assert rules.size and rules.max() < ink.shape[0] // 3  # the rule's rows, at the top
    assert len(type_rows) and not line_rule_rows(ink)[type_rows].any()


def test_every_preparation_of_a_line_places_its_words_where_the_line_is_printed() -> None:
    # the enlarged preparation reads a crop twice the size: its words are placed back at the page's scale
    image, box = _printed("+21,50")
    area = Box(box.x0 - 6, box.y0 - 6, box.x1 + 6, box.y1 + 6)
    readings = text_line_words(image, area)
    width, height = image.size
    assert len(readings) == 3
    for reading in readings:
        (word,) = reading
        x0, y0, x1, y1 = (round(v * size) for v, size in zip(word.bbox, (width, height, width, height), strict=True))
        assert max(abs(x0 - box.x0), abs(y0 - box.y0), abs(x1 - box.x1), abs(y1 - box.y1)) <= 3
