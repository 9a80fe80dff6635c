"""The IOLMaster 700 generator draws what the real printout shows: labels, block geometry, font and overprint traits.

Compared on structure, never on values: a calculation page of the real pt-BR printout against a generated pt-BR
calculation page. A failure here means the generator drifted from the device.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from biometry.devices.iolmaster700.boxes import EMMETROPIA, is_caption
from biometry.devices.iolmaster700.slots import FIELDS_OF_LABEL
from biometry.devices.layout import LEFT_HALF, lines_in
from biometry.document import Page
from biometry.extract.pdf_text import text_layer_page
from biometry.extract.pdfium_raw import read_text_objects
from biometry.synth.case import make_plan
from biometry.synth.iolmaster700.report import Case, render, render_text_pdf
from biometry.synth.l10n import LANGUAGES, Language
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


@pytest.mark.parametrize("page, label, side_word", [(0, "OD", "direita"), (1, "OS", "esquerda")])
def test_the_generated_analysis_pages_eye_label_and_side_word_sit_where_the_real_ones_do(
    real: pdfium.PdfDocument, generated_analysis: pdfium.PdfDocument, page: int, label: str, side_word: str
) -> None:
    # the real printout prints OD's big label in the band's left and OS's in its right, the side word centred under
    def centres(pdf: pdfium.PdfDocument) -> tuple[float, float]:
        words = text_layer_page(pdf, page).words
        big = max((w for w in words if w.text == label), key=lambda w: w.height)
        return big.x_center, next(w.x_center for w in words if w.text == side_word)

    (real_label, real_word), (label_x, word_x) = centres(real), centres(generated_analysis)
    assert abs(label_x - real_label) <= GEOMETRY_TOLERANCE, f"{label} at {label_x:.3f}, real at {real_label:.3f}"
    assert abs(word_x - real_word) <= GEOMETRY_TOLERANCE, f"{side_word} at {word_x:.3f}, real at {real_word:.3f}"


# The result boxes (lens heading, `- Formula -`, constants, `IOL (D)  Ref (D)`, five rows, emmetropia line), read from
# the page's drawing operators. The real pt-BR printout, page 3 (Letter, 612 x 792 pt): rows and the emmetropia power
# in 9.96 pt type, 11.04 pt apart (1.27 glyph heights); heading, caption, header and `Emetropia` in 8.04 pt, the
# constants in 6.96 pt; the emmetropia power right-aligned under the IOL column and `Emetropia` under the Ref column,
# the line ruled above and below; the selected row on a light grey band across the box.
TYPE_TOLERANCE = 0.10  # of the real type size (the printouts' papers differ: Letter here, A4 generated)
COLUMN_TOLERANCE = 0.5  # of the rows' glyph height: right edges of one column
_CELL = re.compile(r"^[+-]\d{1,2}[.,]\d\d$")
_CAPTION_TEXT = re.compile(r"^- .+ -$")


@dataclass(frozen=True, slots=True)
class _Drawn:
    """A text object as drawn: its text, its font size and its glyphs' box (points, from the page's top left)."""

    text: str
    size: float
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _drawn_texts(pdf: pdfium.PdfDocument, index: int) -> list[_Drawn]:
    """The page's text objects, one per overprinted stack (the device draws a highlighted value four times)."""
    page = pdf[index]
    height, textpage, found = page.get_size()[1], page.get_textpage(), []
    for obj in page.get_objects(max_depth=5):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        count = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
        buffer = (ctypes.c_ushort * count)()
        pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, count)
        text = bytes(buffer).decode("utf-16-le").rstrip("\x00").strip()
        size = ctypes.c_float()
        pdfium_c.FPDFTextObj_GetFontSize(obj.raw, ctypes.byref(size))
        left, bottom, right, top = obj.get_bounds()
        drawn = _Drawn(text, size.value * obj.get_matrix().d, left, height - top, right, height - bottom)
        if text and not any(d.text == text and _stacked(d, drawn) for d in found):
            found.append(drawn)
    return found


def _stacked(a: _Drawn, b: _Drawn) -> bool:
    """Two copies of one overprinted text: within half a point of each other."""
    return abs(a.left - b.left) <= 0.5 and abs(a.top - b.top) <= 0.5


def _paths(pdf: pdfium.PdfDocument, index: int) -> list[tuple[tuple[float, float, float, float], int | None]]:
    """The page's path objects: box (left, top, right, bottom in points from the top left) and the fill's grey
    level (None for a path only stroked)."""
    page = pdf[index]
    height, out = page.get_size()[1], []
    for obj in page.get_objects(max_depth=5):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill_mode), ctypes.byref(stroke))
        rgba = [ctypes.c_uint() for _ in range(4)]
        pdfium_c.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(c) for c in rgba))
        left, bottom, right, top = obj.get_bounds()
        out.append(((left, height - top, right, height - bottom), rgba[0].value if fill_mode.value else None))
    return out


@dataclass(frozen=True, slots=True)
class _Boxes:
    """A calculation page's result boxes as drawn: the page width, table cells, emmetropia lines and other roles."""

    width: float
    cells: list[_Drawn]
    labels: list[_Drawn]  # `Emmetropia`
    powers: list[_Drawn]  # the emmetropia power (or `---`) on each label's line
    roles: dict[str, list[_Drawn]]


def _boxes(pdf: pdfium.PdfDocument, index: int) -> _Boxes:
    drawn = _drawn_texts(pdf, index)
    labels = [d for d in drawn if EMMETROPIA.search(d.text)]
    powers = [_power_of(label, drawn) for label in labels]
    captions = [d for d in drawn if _CAPTION_TEXT.match(d.text)]
    roles = {
        "lens heading": [_next_to(c, drawn, above=True) for c in captions],
        "formula caption": captions,
        "constants": [_next_to(c, drawn, above=False) for c in captions],
        "table header": [d for d in drawn if "(D)" in d.text],
        "emmetropia label": labels,
    }
    cells = [d for d in drawn if _CELL.match(d.text) and d not in powers]
    return _Boxes(pdf[index].get_size()[0], cells, labels, powers, roles)


def _power_of(label: _Drawn, drawn: list[_Drawn]) -> _Drawn:
    """The text nearest left of an emmetropia label on its line: its power; the label itself where one text holds
    both."""
    left = [d for d in drawn if _level(d, label) and d.right <= label.left]
    return max(left, key=lambda d: d.right, default=label)


def _level(a: _Drawn, b: _Drawn) -> bool:
    return a.top < b.bottom and b.top < a.bottom


def _next_to(caption: _Drawn, drawn: list[_Drawn], above: bool) -> _Drawn:
    """The text nearest above (the lens heading) or below (the constants) a caption, over it; longer than a letter
    (the heading's `K` icon)."""
    over = [d for d in drawn if d.left < caption.right and caption.left < d.right and len(d.text) > 2]
    if above:
        return max((d for d in over if d.bottom <= caption.top), key=lambda d: d.bottom)
    return min((d for d in over if d.top >= caption.bottom), key=lambda d: d.top)


def _median(values: list[float]) -> float:
    return statistics.median(values)


@pytest.fixture(scope="module")
def real_boxes(real: pdfium.PdfDocument) -> _Boxes:
    return _boxes(real, REAL_CALC_PAGE)


@pytest.fixture(scope="module")
def generated_boxes(generated: pdfium.PdfDocument) -> _Boxes:
    return _boxes(generated, _calc_page(generated)[0])


@pytest.mark.parametrize(
    "role", ["table cells", "lens heading", "formula caption", "constants", "table header", "emmetropia label"]
)
def test_generated_result_boxes_print_in_the_real_type_sizes(
    real_boxes: _Boxes, generated_boxes: _Boxes, role: str
) -> None:
    def size(boxes: _Boxes) -> float:  # of the page width: both papers are about as wide (612 and 595 pt)
        drawn = boxes.cells if role == "table cells" else boxes.roles[role]
        return _median([d.size for d in drawn]) / boxes.width

    want, got = size(real_boxes), size(generated_boxes)
    assert abs(got - want) <= TYPE_TOLERANCE * want, f"{role}: {got * 612:.2f} pt on Letter, real {want * 612:.2f}"


def _row_pitch_in_glyphs(boxes: _Boxes) -> float:
    """The distance between a box's rows over their glyph height: a column's cells one under the next."""
    steps = []
    for cell in boxes.cells:
        below = [c for c in boxes.cells if abs(c.right - cell.right) < 1 and 0 < c.top - cell.top < 4 * cell.height]
        steps.extend(min(c.top for c in below) - cell.top for _ in below[:1])
    return _median(steps) / _median([c.height for c in boxes.cells])


def test_generated_result_rows_are_as_close_as_the_real_ones(real_boxes: _Boxes, generated_boxes: _Boxes) -> None:
    want, got = _row_pitch_in_glyphs(real_boxes), _row_pitch_in_glyphs(generated_boxes)
    assert abs(got - want) <= TYPE_TOLERANCE * want, f"rows {got:.2f} glyph heights apart, real {want:.2f}"


def _column_edges(boxes: _Boxes, label: _Drawn) -> tuple[float, float]:
    """The right edges of the power (IOL) and refraction (Ref) columns over the label, from the cells of its box:
    the rows above it, within one and a half label widths."""
    reach = 1.5 * (label.right - label.left)  # within its own box: the boxes stand edge to edge
    near = [c for c in boxes.cells if label.left - reach <= c.left and c.right <= label.right + reach]
    above = [c for c in near if 0 < label.top - c.top < 8 * c.height]
    middle = (min(c.right for c in above) + max(c.right for c in above)) / 2
    iol, ref = [c.right for c in above if c.right < middle], [c.right for c in above if c.right >= middle]
    return _median(iol), _median(ref)


def _emmetropia_layout(boxes: _Boxes) -> list[tuple[bool, bool, bool]]:
    """Per emmetropia line: its power ends at the IOL column's right edge, its label at the Ref column's, and the
    label is printed smaller than the power."""
    out, tolerance = [], COLUMN_TOLERANCE * _median([c.height for c in boxes.cells])
    for label, power in zip(boxes.labels, boxes.powers, strict=True):
        iol, ref = _column_edges(boxes, label)
        out.append((abs(power.right - iol) <= tolerance, abs(label.right - ref) <= tolerance, label.size < power.size))
    return out


def test_real_emmetropia_lines_print_the_power_under_iol_and_the_label_under_ref(real_boxes: _Boxes) -> None:
    assert len(real_boxes.labels) == len(real_boxes.powers) == 8
    assert set(_emmetropia_layout(real_boxes)) == {(True, True, True)}


def test_generated_emmetropia_lines_are_laid_out_as_the_real_ones(generated_boxes: _Boxes) -> None:
    assert len(generated_boxes.labels) == len(generated_boxes.powers) == 8
    assert set(_emmetropia_layout(generated_boxes)) == {(True, True, True)}


def _ruled_lines(pdf: pdfium.PdfDocument, index: int, boxes: _Boxes) -> int:
    """Emmetropia lines with a thin horizontal rule within a row's pitch above them and another below, each across
    the line's power and label."""
    rules = [box for box, _ in _paths(pdf, index) if box[3] - box[1] < 1.5]
    ruled = 0
    for label, power in zip(boxes.labels, boxes.powers, strict=True):
        top, bottom = min(label.top, power.top), max(label.bottom, power.bottom)
        pitch = bottom - top
        across = [r for r in rules if r[0] <= power.left and r[2] >= label.right]
        above = any(0 <= top - r[3] <= pitch for r in across)
        below = any(0 <= r[1] - bottom <= pitch for r in across)
        ruled += above and below
    return ruled


def test_generated_emmetropia_lines_are_ruled_above_and_below_as_the_real_ones(
    real: pdfium.PdfDocument, generated: pdfium.PdfDocument, real_boxes: _Boxes, generated_boxes: _Boxes
) -> None:
    assert _ruled_lines(real, REAL_CALC_PAGE, real_boxes) == len(real_boxes.labels)
    assert _ruled_lines(generated, _calc_page(generated)[0], generated_boxes) == len(generated_boxes.labels)


def _shaded_rows(pdf: pdfium.PdfDocument, index: int, boxes: _Boxes) -> int:
    """Light grey bands (fill 200-254) holding two cells of a row: the selected rows."""
    bands = [box for box, grey in _paths(pdf, index) if grey is not None and 200 <= grey < 255]
    return sum(sum(b[0] <= c.left and c.right <= b[2] and b[1] <= c.top and c.bottom <= b[3] for c in boxes.cells) == 2
               for b in bands)  # fmt: skip


def test_generated_selected_rows_are_shaded_as_on_the_real_printout(
    real: pdfium.PdfDocument, generated: pdfium.PdfDocument, real_boxes: _Boxes, generated_boxes: _Boxes
) -> None:
    assert _shaded_rows(real, REAL_CALC_PAGE, real_boxes) == len(real_boxes.labels)
    assert _shaded_rows(generated, _calc_page(generated)[0], generated_boxes) == len(generated_boxes.labels)


# The type of the labelled values, by part of the page. The real pt-BR printout prints every label (`AL:`, `LS:`,
# `SD:`, `Data da medição:`) in 8.04 pt and the value after it larger: 9.96 pt in the eye blocks and status blocks of
# both kinds of page, 9.00 pt in the header (the patient's birth date and ID 9.96).
_TYPE_PARTS = ("header", "status and biometry")


def _labels_and_values(pdf: pdfium.PdfDocument, index: int, part: str) -> tuple[list[_Drawn], list[_Drawn]]:
    """The labels of one part of a page (a text ending in a colon; in the status and biometry part, the OD half's
    from under the big eye label to the first result box) and, for each, the text drawn next right of it on its line."""
    drawn = _drawn_texts(pdf, index)
    width, height = pdf[index].get_size()
    eye_label = min((d for d in drawn if d.size >= 20 and d.text in ("OD", "OS")), key=lambda d: d.top)
    captions = [d.top for d in drawn if _CAPTION_TEXT.match(d.text)]
    if part == "header":
        area = [d for d in drawn if d.bottom < eye_label.top and d.size < 20]
    else:
        bottom = min(captions, default=0.9 * height)
        area = [d for d in drawn if eye_label.bottom < d.top < bottom and d.left < width / 2 and d.size < 20]
    labels = [d for d in area if d.text.endswith(":") and len(d.text) > 1]
    values = []
    for label in labels:
        right = [d for d in area if _level(d, label) and d.left >= label.right - 0.5 and not d.text.endswith(":")]
        values += [min(right, key=lambda d: d.left)] if right else []
    return labels, values


@pytest.mark.parametrize("part", _TYPE_PARTS)
@pytest.mark.parametrize("page", ["analysis", "calculation"])
def test_generated_labels_and_their_values_print_in_the_real_type_sizes(
    real: pdfium.PdfDocument, generated: pdfium.PdfDocument, generated_analysis: pdfium.PdfDocument, part: str,
    page: str
) -> None:  # fmt: skip
    real_index = REAL_ANALYSIS_PAGE if page == "analysis" else REAL_CALC_PAGE
    ours, our_index = (generated_analysis, 0) if page == "analysis" else (generated, _calc_page(generated)[0])
    for kind, real_drawn, our_drawn in zip(
        ("labels", "values"),
        _labels_and_values(real, real_index, part),
        _labels_and_values(ours, our_index, part),
        strict=True,
    ):
        want = _median([d.size for d in real_drawn]) / real[real_index].get_size()[0]
        got = _median([d.size for d in our_drawn]) / ours[our_index].get_size()[0]
        assert abs(got - want) <= TYPE_TOLERANCE * want, (
            f"{page} {part} {kind}: {got * 612:.2f} pt on Letter, real {want * 612:.2f}"
        )


# The analysis page as the real pt-BR printout's page 1 draws it (Letter; every position a fraction of the page
# height): the labels of the framed analysis block line by line (`LS:  VS:  LVC:`, `Ref:  VA:`, `AL:  SD:  WTW:  Ix:
# Iy:`, `CCT:  SD:  P:  CW-Chord:`, `ACD:  SD:`, `LT:  SD:`, then the keratometry in one column with the total
# keratometry right of a vertical rule on the same lines: `SE:  SD:  TSE:` ... `ΔK:  ΔTK:`), the blocks' anchors, and
# the legend line under the frame. Labels are never localised: every UI language prints the same ones.
_FIELD_LABEL = re.compile(r"^[A-Za-zΔ][\w.-]*:$")
_K_LINES = (("SE:", "TSE:"), ("K1:", "TK1:"), ("K2:", "TK2:"), ("ΔK:", "ΔTK:"))


def _analysis_block(page: Page) -> list[list[str]]:
    """The texts of each line from under the big eye label down to the legend line (or the footer)."""
    lines = [[w.text.replace("˂", "Δ") for w in line.words] for line in page.lines]
    first = next(k for k, texts in enumerate(lines) if texts[0] in ("OD", "OS"))
    last = next(k for k, texts in enumerate(lines) if k > first and ("(*)" in texts or "IOLMaster" in texts))
    return lines[first + 1 : last]


def _analysis_labels(page: Page) -> list[list[str]]:
    """Every `Label:` word of the analysis block in reading order, line by line (lines without one left out)."""
    labelled = [[t for t in texts if _FIELD_LABEL.match(t)] for texts in _analysis_block(page)]
    return [labels for labels in labelled if labels]


def _analysis_page_without_tk(language: Language) -> Page:
    """A generated analysis page whose total keratometry was not measured, as on the real page 1 (`TK1: ---`)."""
    plan = make_plan(Case(seed=5, language=language, decimal="comma", layout="analysis_only", missing_rate=0.0))
    plan.eyes["OD"].missing = frozenset({"tk"})
    return text_layer_page(pdfium.PdfDocument(render_text_pdf(plan)), 0)


def test_real_analysis_page_prints_its_labels_in_these_lines(real: pdfium.PdfDocument) -> None:
    assert _analysis_labels(text_layer_page(real, REAL_ANALYSIS_PAGE)) == [
        ["LS:", "VS:", "LVC:"], ["Ref:", "VA:"], ["AL:", "SD:", "WTW:", "Ix:", "Iy:"],
        ["CCT:", "SD:", "P:", "CW-Chord:"], ["ACD:", "SD:"], ["LT:", "SD:"], ["SE:", "SD:", "TSE:"],
        ["K1:", "SD:", "TK1:"], ["K2:", "SD:", "TK2:"], ["ΔK:", "ΔTK:"],
    ]  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_analysis_page_prints_the_real_labels_line_by_line(
    real: pdfium.PdfDocument, language: Language
) -> None:
    want = _analysis_labels(text_layer_page(real, REAL_ANALYSIS_PAGE))
    assert _analysis_labels(_analysis_page_without_tk(language)) == want


def _k_layout(page: Page) -> list[bool]:
    """Per keratometry label (`SE:` ... `ΔK:`): its total keratometry label on its line, right of the page's middle
    (the vertical rule) and right of everything the K reading prints."""
    out = []
    for k_label, tk_label in _K_LINES:
        line = next(line for line in page.lines if any(w.text.replace("˂", "Δ") == k_label for w in line.words))
        tk = [w for w in line.words if w.text.replace("˂", "Δ") == tk_label]
        k_side = [w for w in line.words if tk and w.bbox[0] < tk[0].bbox[0]]
        out.append(bool(tk) and tk[0].bbox[0] > 0.5 and max(w.bbox[2] for w in k_side) < tk[0].bbox[0])
    return out


def test_real_analysis_page_prints_the_total_keratometry_beside_the_keratometry(real: pdfium.PdfDocument) -> None:
    assert _k_layout(text_layer_page(real, REAL_ANALYSIS_PAGE)) == [True] * 4


@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_analysis_page_prints_the_measured_total_keratometry_beside_the_keratometry(
    language: Language,
) -> None:
    pdf, _ = render(Case(seed=5, language=language, decimal="comma", layout="analysis_only", missing_rate=0.0))
    assert _k_layout(text_layer_page(pdfium.PdfDocument(pdf), 0)) == [True] * 4


def _analysis_anchors(page: Page) -> dict[str, float]:
    """Where the analysis page's blocks start, as fractions of the page height."""
    lines = page.lines

    def top(starts: tuple[str, ...]) -> float:
        return next(line.bbox[1] for line in lines if line.words[0].text.replace("˂", "Δ") in starts)

    eye = next(k for k, line in enumerate(lines) if line.words[0].text in ("OD", "OS"))
    headings = [line.bbox[1] for line in lines[eye + 1 :] if not any(_FIELD_LABEL.match(w.text) for w in line.words)]
    return {
        "eye label": lines[eye].bbox[1],
        "status heading": headings[0],
        "status": top(("LS:",)),
        "biometric heading": max(h for h in headings if h < top(("AL:",))),
        "biometry": top(("AL:",)),
        "keratometry": top(("SE:",)),
        "legend": next((line.bbox[1] for line in lines if "(*)" in line.text), 1.0),
        "footer": max(line.bbox[1] for line in lines if "IOLMaster" in line.text),
    }


@pytest.mark.parametrize(
    "anchor", ["eye label", "status heading", "status", "biometric heading", "biometry", "keratometry", "legend",
               "footer"]
)  # fmt: skip
def test_generated_analysis_blocks_sit_where_the_real_ones_do(
    real: pdfium.PdfDocument, generated_analysis: pdfium.PdfDocument, anchor: str
) -> None:
    want = _analysis_anchors(text_layer_page(real, REAL_ANALYSIS_PAGE))[anchor]
    got = _analysis_anchors(text_layer_page(generated_analysis, 0))[anchor]
    assert abs(got - want) <= GEOMETRY_TOLERANCE, f"{anchor}: generated at {got:.3f}, real at {want:.3f}"


# The header, the same on every page of the real pt-BR printout: `Paciente` and the name, the birth date, the patient
# ID, physician and operator, then the calibration and measurement dates, each line at the real fraction of the page.
_HEADER_LINES = {"patient": "Paciente", "birth date": "Data de nascim.", "patient ID": "ID de paciente",
                 "staff": "Médico", "calibration": "Data de verific.", "measured": "Data da medição:"}  # fmt: skip


def _header_anchors(page: Page) -> dict[str, float]:
    return {name: next(line.bbox[1] for line in page.lines if line.text.startswith(start))
            for name, start in _HEADER_LINES.items()}  # fmt: skip


@pytest.mark.parametrize("anchor", list(_HEADER_LINES))
@pytest.mark.parametrize("page", ["analysis", "calculation"])
def test_generated_header_lines_sit_where_the_real_ones_do(
    real: pdfium.PdfDocument, generated: pdfium.PdfDocument, generated_analysis: pdfium.PdfDocument, anchor: str,
    page: str
) -> None:  # fmt: skip
    real_page = text_layer_page(real, REAL_ANALYSIS_PAGE if page == "analysis" else REAL_CALC_PAGE)
    ours = text_layer_page(generated_analysis, 0) if page == "analysis" else _calc_page(generated)[1]
    want, got = _header_anchors(real_page)[anchor], _header_anchors(ours)[anchor]
    assert abs(got - want) <= GEOMETRY_TOLERANCE, f"{anchor}: generated at {got:.3f}, real at {want:.3f}"


# The footer, the warning band and the header's sex, as the real pt-BR printout prints them on every page:
# `IOLMaster 700  Versão 1.90.12.05  Gerado em: 01/02/2023 13:20, por Administrator.  Página 1 de 1`, the warnings in
# the UI language (`OD: Cilindro: -2,79 D. Nota: astigmatismo elevado`), and `Sexo Masculino` beside the birth date.
# Every UI language prints the same parts in its own words.
_FOOTER_WORDS = {"en": ("Version", "by"), "de": ("Version", "von"), "fr": ("Version", "par"), "es": ("Versión", "por"),
                 "pt": ("Versão", "por")}  # fmt: skip
_SEX_WORDS = {"en": ("Sex", {"Male", "Female"}), "de": ("Geschlecht", {"Männlich", "Weiblich"}),
              "fr": ("Sexe", {"Masculin", "Féminin"}), "es": ("Sexo", {"Masculino", "Femenino"}),
              "pt": ("Sexo", {"Masculino", "Feminino"})}  # fmt: skip
_WARNING_PLAN = {"seed": 22, "decimal": "comma", "layout": "calc_only"}  # a plan whose eyes both warn of astigmatism


def _shape(words: list[str]) -> list[str]:
    """Words with every run of digits as `9`: the printed shape without the values."""
    return [re.sub(r"\d+", "9", word) for word in words]


def _footer(page: Page) -> list[str]:
    return [w.text for w in max(page.lines, key=lambda line: line.bbox[1]).words]


def _generated_page(language: Language) -> Page:
    pdf, _ = render(Case(language=language, **_WARNING_PLAN))  # type: ignore[arg-type]
    return text_layer_page(pdfium.PdfDocument(pdf), 0)


def test_generated_footer_has_the_real_ones_shape(real: pdfium.PdfDocument) -> None:
    want = _shape(_footer(text_layer_page(real, REAL_CALC_PAGE)))
    assert want == ["IOLMaster", "9", "Versão", "9.9.9.9", "Gerado", "em:", "9/9/9", "9:9,", "por", "Administrator.",
                    "Página", "9", "de", "9"]  # fmt: skip
    assert _shape(_footer(_generated_page("pt"))) == want


@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_footer_names_the_version_and_who_printed_it_in_the_ui_language(language: Language) -> None:
    words = _footer(_generated_page(language))
    version, by = _FOOTER_WORDS[language]
    assert words[2] == version and re.fullmatch(r"\d+(\.\d+)+", words[3])
    by_at = words.index("Administrator.") - 1
    assert words[by_at] == by and words[by_at - 1].endswith(",")  # `13:20, por` / `1:20 PM, by`


def _warnings(page: Page) -> list[str]:
    return [line.text for line in page.lines if line.words[0].text in ("OD:", "OS:", "OD/OS:")]


def test_generated_warnings_are_worded_as_the_real_ones(real: pdfium.PdfDocument) -> None:
    want = _shape(_warnings(text_layer_page(real, REAL_CALC_PAGE)))
    assert want == ["OD: Cilindro: -9,9 D. Nota: astigmatismo elevado"]
    assert _shape(_warnings(_generated_page("pt")))[:1] == want


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_generated_warnings_are_not_left_in_english(language: Language) -> None:
    texts = _warnings(_generated_page(language))
    assert texts and not any(word in text for text in texts for word in ("Cylinder", "Note", "difference"))


def _sex_line(page: Page) -> list[tuple[str, float]]:
    """The birth date's line: each word with its left edge as a fraction of the page width."""
    line = next(line for line in page.lines if DATE_WORD.search(line.text) and line.bbox[1] < 0.15)
    return [(w.text, w.bbox[0]) for w in line.words]


DATE_WORD = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{4}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_header_prints_the_sex_beside_the_birth_date_where_the_real_does(
    real: pdfium.PdfDocument, language: Language
) -> None:
    real_line = _sex_line(text_layer_page(real, REAL_CALC_PAGE))
    assert [text for text, _ in real_line[-2:]] == ["Sexo", "Masculino"]
    label, values = _SEX_WORDS[language]
    ours = _sex_line(_generated_page(language))
    assert ours[-2][0] == label and ours[-1][0] in values
    assert abs(ours[-2][1] - real_line[-2][1]) <= GEOMETRY_TOLERANCE
    assert abs(ours[-1][1] - real_line[-1][1]) <= 2 * GEOMETRY_TOLERANCE  # a long label pushes its value right


# The calculation page as the real pt-BR printout's pages 3-13 draw it (Letter; positions as fractions of the page):
# one frame holds the big `OD` and `OS` with `Cálculo IOL` between them, `Status de olho` over both halves' status
# lines (`LS:  VS:`, `Ref:  VA:`, `LVC:  Modo LVC:`, `Refr.-alvo:  SIA:`), `Valores biométricos` over AL, ACD, LT (with
# SDs), WTW and the keratometry two by two, then the result boxes edge to edge; the legend line under the frame.
_CALC_STATUS = (("LS:", "VS:"), ("Ref:", "VA:"), ("LVC:", "LVC:"), ("Refr.-alvo:", "SIA:"))
_STATUS_AND_BIOMETRY = [["LS:", "VS:"], ["Ref:", "VA:"], ["LVC:", "LVC:"], ["Refr.-alvo:", "SIA:"], ["AL:", "SD:"],
                        ["ACD:", "SD:"], ["LT:", "SD:"], ["WTW:"], ["SE:", "SD:", "K1:"], ["ΔK:", "K2:"],
                        ["TSE:", "TK1:"], ["ΔTK:", "TK2:"]]  # fmt: skip


def _calc_half_labels(page: Page) -> list[list[str]]:
    """The OD half's `Label:` words line by line, from under the big eye label to the first result box."""
    words = [w for w in page.words if LEFT_HALF.holds(w)]
    eye = min(w.bbox[3] for w in page.words if w.text in ("OD", "OS") and w.bbox[3] - w.bbox[1] > 0.02)
    first_caption = min(line.bbox[1] for line in lines_in(words) if is_caption(line))
    lines = [line for line in lines_in(words, y1=first_caption) if line.bbox[1] > eye]
    labelled = [[w.text.replace("˂", "Δ") for w in line.words if _FIELD_LABEL.match(w.text.replace("˂", "Δ"))]
                for line in lines]  # fmt: skip
    return [labels for labels in labelled if labels]


def test_real_calculation_page_prints_its_labels_in_these_lines(real: pdfium.PdfDocument) -> None:
    assert _calc_half_labels(text_layer_page(real, REAL_CALC_PAGE)) == _STATUS_AND_BIOMETRY


def test_generated_calculation_page_prints_the_real_labels_line_by_line(generated: pdfium.PdfDocument) -> None:
    assert _calc_half_labels(_calc_page(generated)[1]) == _STATUS_AND_BIOMETRY


@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_calculation_page_prints_the_four_status_lines_in_every_language(language: Language) -> None:
    pdf, _ = render(Case(seed=5, language=language, decimal="comma", layout="calc_only", missing_rate=0.0))
    labels = _calc_half_labels(_calc_page(pdfium.PdfDocument(pdf))[1])
    assert [line[:1] for line in labels[:3]] == [["LS:"], ["Ref:"], ["LVC:"]]
    assert labels[1][1:] == ["VA:"] and labels[3][-1] == "SIA:" and labels[4][0] == "AL:"


def _calc_anchors(page: Page) -> dict[str, float]:
    """Where the calculation page's blocks start, as fractions of the page height."""
    lines = page.lines

    def top(start: str) -> float:
        return next(line.bbox[1] for line in lines if line.words[0].text.replace("˂", "Δ") == start)

    eye = next(k for k, line in enumerate(lines) if line.words[0].text in ("OD", "OS"))
    headings = [line.bbox[1] for line in lines[eye + 1 :] if not any(_FIELD_LABEL.match(w.text) for w in line.words)]
    return {
        "eye label": lines[eye].bbox[1],
        "status heading": max(h for h in headings if h < top("LS:")),
        "status": top("LS:"),
        "lvc": top("LVC:"),
        "biometric heading": max(h for h in headings if h < top("AL:")),
        "keratometry": top("SE:"),
        "legend": next(line.bbox[1] for line in lines if "(*)" in line.text),
    }


@pytest.mark.parametrize(
    "anchor", ["eye label", "status heading", "status", "lvc", "biometric heading", "keratometry", "legend"]
)
def test_generated_calculation_blocks_sit_where_the_real_ones_do(
    real: pdfium.PdfDocument, generated: pdfium.PdfDocument, anchor: str
) -> None:
    want = _calc_anchors(text_layer_page(real, REAL_CALC_PAGE))[anchor]
    got = _calc_anchors(_calc_page(generated)[1])[anchor]
    assert abs(got - want) <= GEOMETRY_TOLERANCE, f"{anchor}: generated at {got:.3f}, real at {want:.3f}"


def _label_edges(page: Page, labels: tuple[str, ...]) -> list[float]:
    """The right edges (fractions of the page width) of the OD half's first copy of each label."""
    words = [w for w in page.words if LEFT_HALF.holds(w)]
    return [next(w.bbox[2] for w in words if w.text.replace("˂", "Δ") == label) for label in labels]


@pytest.mark.parametrize("column", [("LS:", "Ref:", "LVC:"), ("AL:", "ACD:", "LT:", "WTW:", "SE:", "ΔK:", "TSE:")])
def test_generated_calculation_labels_end_on_a_common_edge_as_the_real_ones(
    real: pdfium.PdfDocument, generated: pdfium.PdfDocument, column: tuple[str, ...]
) -> None:
    real_edges, edges = (
        _label_edges(text_layer_page(real, REAL_CALC_PAGE), column),
        _label_edges(_calc_page(generated)[1], column),
    )
    assert max(real_edges) - min(real_edges) < 0.002  # right-aligned
    assert max(edges) - min(edges) < 0.002
    assert abs(statistics.mean(edges) - statistics.mean(real_edges)) <= GEOMETRY_TOLERANCE


def _outlines(pdf: pdfium.PdfDocument, index: int) -> list[tuple[float, float, float, float]]:
    """The stroked rectangles' boxes as fractions of the page (left, top, right, bottom)."""
    width, height = pdf[index].get_size()
    return [(b[0] / width, b[1] / height, b[2] / width, b[3] / height) for b, grey in _paths(pdf, index)
            if grey is None and b[2] - b[0] > 0.1 * width and b[3] - b[1] > 0.1 * height]  # fmt: skip


def _result_boxes(pdf: pdfium.PdfDocument, index: int) -> list[tuple[float, float, float, float]]:
    """The result boxes' outlines (about a fifth of the page wide and a sixth high), top row first, left to right."""
    boxes = [b for b in _outlines(pdf, index) if 0.15 < b[2] - b[0] < 0.3 and 0.12 < b[3] - b[1] < 0.2]
    return sorted(boxes, key=lambda b: (round(b[1], 2), b[0]))


def test_generated_result_boxes_stand_edge_to_edge_where_the_real_ones_do(
    real: pdfium.PdfDocument, generated: pdfium.PdfDocument
) -> None:
    def grid(pdf: pdfium.PdfDocument, index: int) -> list[tuple[float, float]]:
        boxes = _result_boxes(pdf, index)
        assert len(boxes) == 8
        for a, b in itertools.pairwise(boxes[:4]):
            assert abs(b[0] - a[2]) < 0.005  # each starts where the one before it ends
        return [(b[0], b[1]) for b in boxes]

    for (x, y), (real_x, real_y) in zip(grid(generated, _calc_page(generated)[0]), grid(real, REAL_CALC_PAGE),
                                        strict=True):  # fmt: skip
        assert abs(x - real_x) <= GEOMETRY_TOLERANCE and abs(y - real_y) <= GEOMETRY_TOLERANCE


def test_generated_calculation_page_frames_the_eyes_and_the_boxes_as_the_real_one(
    real: pdfium.PdfDocument, generated: pdfium.PdfDocument
) -> None:
    def frame(pdf: pdfium.PdfDocument, index: int) -> tuple[float, float, float, float]:
        boxes = _result_boxes(pdf, index)
        page = text_layer_page(pdf, index)
        eye = max(w.bbox[3] for w in page.words if w.text in ("OD", "OS") and w.bbox[3] - w.bbox[1] > 0.02)
        around = [b for b in _outlines(pdf, index) if b[1] < eye and all(b[3] >= box[3] - 0.003 for box in boxes)]
        assert around, "no frame around the eye labels and the result boxes"
        return min(around, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))

    for got, want in zip(frame(generated, _calc_page(generated)[0]), frame(real, REAL_CALC_PAGE), strict=True):
        assert abs(got - want) <= GEOMETRY_TOLERANCE


def _constants_margin(pdf: pdfium.PdfDocument, index: int) -> float:
    """The least distance between a box's constants line and its sides, as a fraction of the box's width."""
    width, height = pdf[index].get_size()
    boxes = [(b[0] * width, b[1] * height, b[2] * width, b[3] * height) for b in _result_boxes(pdf, index)]
    margins = []
    for line in _boxes(pdf, index).roles["constants"]:
        centre = (line.left + line.right) / 2
        left, _, right, _ = next(b for b in boxes if b[0] <= centre <= b[2] and b[1] <= line.top <= b[3])
        margins.append(min(line.left - left, right - line.right) / (right - left))
    return min(margins)


def test_generated_constants_lines_stay_clear_of_the_box_sides_as_the_real_ones(real: pdfium.PdfDocument) -> None:
    # the real Haigis line `A0: +1,476 A1: +0,233 A2: +0,122` is the longest: 8.7 pt from the side of a 127.2 pt box
    plan = next(
        plan
        for seed in range(100)
        for plan in [make_plan(Case(seed=seed, language="pt", decimal="comma", layout="calc_only"))]
        if any(box.formula == "Haigis" for page in plan.pages if isinstance(page, dict) for box in page["OD"])
    )
    pdf = pdfium.PdfDocument(render_text_pdf(plan))
    assert _constants_margin(real, REAL_CALC_PAGE) > 0.06
    assert _constants_margin(pdf, 0) > 0.06


# Up the left margin of every page the real printout prints its template notice (`ZEISS | Versão de Template 0.1
# 05/2012 | - Copyright 2012 Todos os direitos reservados`, read upwards from the page's foot) as ink, not text: a scan
# shows it beside the result boxes, the text layer holds nothing there.
_MARGIN = (0.045, 0.062)  # of the page width: the notice's strip (the real: 30.4 to 36.0 pt of 612)


def _margin_ink_and_text(pdf: pdfium.PdfDocument, index: int) -> tuple[float, float, int]:
    """The strip's ink: the top and bottom of its dark rows (fractions of the page height), and its words."""
    image = pdf[index].render(scale=2).to_pil().convert("L")
    width, height = image.size
    strip = image.crop((int(_MARGIN[0] * width), 0, int(_MARGIN[1] * width) + 1, height))
    pixels = strip.tobytes()
    dark = [y for y in range(height) if min(pixels[y * strip.width : (y + 1) * strip.width]) < 128]
    words = [w for w in text_layer_page(pdf, index).words if w.bbox[0] < _MARGIN[1]]
    return dark[0] / height, dark[-1] / height, len(words)


@pytest.mark.parametrize("page", ["analysis", "calculation"])
def test_generated_pages_print_the_template_notice_up_the_margin_as_the_real_ones(
    real: pdfium.PdfDocument, generated: pdfium.PdfDocument, generated_analysis: pdfium.PdfDocument, page: str
) -> None:
    real_index = REAL_ANALYSIS_PAGE if page == "analysis" else REAL_CALC_PAGE
    ours, our_index = (generated_analysis, 0) if page == "analysis" else (generated, _calc_page(generated)[0])
    want, got = _margin_ink_and_text(real, real_index), _margin_ink_and_text(ours, our_index)
    assert want[2] == got[2] == 0  # no text
    assert abs(got[0] - want[0]) <= GEOMETRY_TOLERANCE and abs(got[1] - want[1]) <= GEOMETRY_TOLERANCE
