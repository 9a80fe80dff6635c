"""The IOLMaster 500 generator draws what the real printout shows: page frames, ruled block geometry, the bold row,
and (slow, by OCR) the label vocabulary in the real order.

Compared on structure, never on values: the pages of ../shared/real/iolmaster500-exam1.pdf against the same kinds of
page in a generated printout (measurement, white-to-white, formula and multi-formula pages). A failure here means
the generator drifted from the device.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections import Counter
from io import BytesIO

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from biometry.devices.iolmaster500.boxes import is_emmetropia
from biometry.devices.layout import LEFT_HALF, lines_in
from biometry.document import Page
from biometry.extract.ocr import ocr_pdf_page
from biometry.normalize import canonical
from biometry.synth.iolmaster500.plan import Plan500, make_plan
from biometry.synth.iolmaster500.report import Iom500Case, render, render_frames
from tests.real_reports import real_report

REAL_PAGES = {"measurement": 0, "white-to-white": 3, "formula": 4, "multi-formula": 5}
GEOMETRY_TOLERANCE = 0.02  # of the page height (or width)
FULL_RULE = 0.6  # a horizontal rule spans this share of the page width (text rows never do)
COLUMN_RULE = 0.25  # a vertical rule spans this share of the page height
BREAK_PX = 8  # a gap in a rule narrower than this is a break where it meets a crossing rule (frame pixels)
TABLE_PT = (89.0, 95.0)  # header rule to `Emme.` rule of a lens box: the header and seven rows
BOLD_INK_RATIO = 1.25
INK_LEVEL = 128
PAPER_LEVEL, BLACK_LEVEL = 192, 64  # grey levels: lighter is paper (or JPEG ringing), darker is black ink
WORD_GAP_PX = 6  # a gap this wide between glyph columns ends a word (Courier's glyph gaps are 2-4 px)
X_ZONE_PX, STEM_SHARE = 9, 0.7  # the x-height zone's lowest rows, and the share of them a stem's column inks
LABEL_WIDTH_TOLERANCE_PX = 3  # glyph advances rounded by the device's hinting, not by ours
PAGE_H_PT, LEFT_PT, LABEL_RIGHT_PT = 863.0, 52.4, 134.6  # the real frame: page height, outer rule, header colons
HEADER_FIRST_BASELINE_PT, HEADER_ROW_PT = 75.3, 12.6
GREY_EDGE_TOLERANCE = 0.1  # of a table's dark pixels (the real frames: none; anti-aliased type: about 60 %)
# the real formula page's lens captions by model (OD and OS alike), and the texts its header prints
REAL_CAPTIONS = {"MA60AC": "OptA119.1MA60AC", "SN60WF": "Opt A119.0SN60WF", "SA60AT": "Opt A118.7SA60AT",
                 "MTA3U0": "OPT 115.54 MTA3U0"}  # fmt: skip
REAL_CLINIC, REAL_SURGEON, REAL_NAME = (
    "Pre-op Assessment Clinic, IOL Master 500 No 2",
    "Optical IOLMASTER",
    "Toby, Toby",
)
REAL_ID, REAL_BIRTH, REAL_EXAM = "99999990", dt.date(2001, 1, 1), dt.date(2015, 9, 9)  # printed day first
CAPTION_GAP_PT = (39.0, 43.0)  # a formula page's box top rule to its caption rule
RULE_ACROSS = 0.9  # a rule crosses a type region: rows or columns inked over more of it are rules
STEM_ROWS = 3  # a run of ink at the same columns in this many rows running is a vertical stem
CAPTION_INK_TOLERANCE = 0.05  # of the real caption's ink (pdfium's unhinted Times Bold: 11-16 % more)
CAPTION_EXTENT_TOLERANCE_PX = 2
# ink share of other type against the real frame's, and where it lies on the real frames (pt: left, top, right,
# bottom) with its page; the generator's Times and Arial are clones of the device's faces, shaped a little apart
TYPE_INK_TOLERANCE = {"bold": 0.05, "other": 0.10}
TYPE_REGIONS = {
    "clinic title (Times bold 12.2 pt)": ("formula", (50.0, 28.0, 420.0, 45.0), "bold"),
    "surgeon (Times bold 12 pt)": ("formula", (138.0, 115.0, 300.0, 129.0), "bold"),
    "header labels (Times 10.6 pt)": ("measurement", (54.0, 64.0, 135.0, 117.0), "other"),
    "section title (Arial bold 11.9 pt)": ("measurement", (200.0, 200.0, 420.0, 215.0), "other"),
    "keratometer title (Arial bold 11.9 pt)": ("measurement", (250.0, 431.0, 365.0, 446.0), "other"),
}
VOCABULARY = ("name", "id", "examination", "surgeon", "lens", "al", "k1", "k2", "se", "cyl", "acd", "refraction",
              "status", "const", "iol", "emme")  # fmt: skip


def _wanted(plan: Plan500) -> bool:
    """A plan with every kind of page the real report prints, four lenses on its SRK/T page as on the real one."""
    formula_pages = [p for p in plan.iol_pages if p.formula is not None]
    lens_pages = [p for p in plan.iol_pages if p.lens is not None]
    first = formula_pages[0] if formula_pages else None
    full = first is not None and first.formula == "SRK/T" and len(first.boxes.get("OD", [])) == 4
    return plan.has_mmt and plan.wtw_page and not plan.al_pages and full and bool(lens_pages) and len(plan.eyes) == 2


@pytest.fixture(scope="module")
def real() -> pdfium.PdfDocument:
    return pdfium.PdfDocument(real_report("iolmaster500-exam1.pdf")[0])


@pytest.fixture(scope="module")
def generated() -> tuple[pdfium.PdfDocument, dict[str, int]]:
    case = next(c for c in (Iom500Case(seed=s, missing_rate=0.0) for s in range(500)) if _wanted(make_plan(c)))
    plan = make_plan(case)
    formula = next(i for i, p in enumerate(plan.iol_pages) if p.formula is not None)
    lens = next(i for i, p in enumerate(plan.iol_pages) if p.lens is not None)
    return pdfium.PdfDocument(render(case)[0]), {"measurement": 0, "white-to-white": 1, "formula": 2 + formula,
                                                  "multi-formula": 2 + lens}  # fmt: skip


def _frame(pdf: pdfium.PdfDocument, index: int) -> pdfium.PdfImage:
    """The page's one image object: the device frame."""
    return next(o for o in pdf[index].get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)


def _grey(pdf: pdfium.PdfDocument, index: int) -> np.ndarray:
    """The page's frame in grey levels."""
    return np.asarray(_frame(pdf, index).get_bitmap().to_pil().convert("L"))


def _ink(pdf: pdfium.PdfDocument, index: int) -> np.ndarray:
    """The page's frame as a dark-pixel mask."""
    return _grey(pdf, index) < INK_LEVEL


def _runs(profile: np.ndarray, share: float) -> list[float]:
    """Centres of the runs where the profile exceeds `share`, as fractions of its length."""
    hits = [int(i) for i in np.flatnonzero(profile > share)]
    groups: list[list[int]] = []
    for i in hits:
        if groups and i - groups[-1][-1] <= 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    return [float(np.mean(g)) / len(profile) for g in groups]


def _rules(pdf: pdfium.PdfDocument, index: int) -> tuple[list[float], list[float]]:
    ink = _ink(pdf, index)
    return _runs(ink.mean(axis=1), FULL_RULE), _runs(ink.mean(axis=0), COLUMN_RULE)


def _unmatched(want: list[float], got: list[float]) -> list[float]:
    return [round(w, 3) for w in want if not any(abs(w - g) <= GEOMETRY_TOLERANCE for g in got)]


def test_generated_pages_are_frames_of_the_real_size_and_resolution(
    real: pdfium.PdfDocument, generated: tuple[pdfium.PdfDocument, dict[str, int]]
) -> None:
    pdf, _ = generated
    assert {tuple(round(v) for v in page.get_size()) for page in pdf} == {tuple(round(v) for v in real[0].get_size())}
    assert {_ink(pdf, i).shape for i in range(len(pdf))} == {_ink(real, 0).shape}


@pytest.mark.parametrize("kind", REAL_PAGES)
def test_generated_rules_sit_where_the_real_ones_do(
    real: pdfium.PdfDocument, generated: tuple[pdfium.PdfDocument, dict[str, int]], kind: str
) -> None:
    pdf, pages = generated
    (real_rows, real_columns), (rows, columns) = _rules(real, REAL_PAGES[kind]), _rules(pdf, pages[kind])
    assert (_unmatched(real_rows, rows), _unmatched(rows, real_rows)) == ([], [])
    assert (_unmatched(real_columns, columns), _unmatched(columns, real_columns)) == ([], [])


def _most_breaks(pdf: pdfium.PdfDocument, index: int) -> int:
    """The most short breaks in any full-width rule of the page (a rule stopping just short of a crossing rule)."""
    ink = _ink(pdf, index)
    found = [0]
    for row in ink[ink.mean(axis=1) > FULL_RULE]:
        edges = np.flatnonzero(np.diff(row.astype(np.int8)))
        found.append(sum(1 for end, start in zip(edges[1::2], edges[2::2], strict=False) if start - end < BREAK_PX))
    return max(found)


@pytest.mark.parametrize("kind", REAL_PAGES)
def test_generated_rules_run_through_their_crossings_as_the_real_ones_do(
    real: pdfium.PdfDocument, generated: tuple[pdfium.PdfDocument, dict[str, int]], kind: str
) -> None:
    """On the real frames a box's rules cross the column rules unbroken (only the double rule between the eyes
    parts them): rules stopping short of a crossing leave boxes open that the real device closes."""
    pdf, pages = generated
    assert _most_breaks(pdf, pages[kind]) == _most_breaks(real, REAL_PAGES[kind])


def _table(pdf: pdfium.PdfDocument, index: int) -> np.ndarray:
    """The grey levels of the header and the seven rows of the first OD lens box, inside its rules."""
    grey = _grey(pdf, index)
    height, width = grey.shape
    rows, columns = _rules(pdf, index)
    lo, hi = TABLE_PT[0] / 863 * height, TABLE_PT[1] / 863 * height
    top, bottom = next((a, b) for a, b in itertools.pairwise(r * height for r in rows) if lo <= b - a <= hi)
    right = next(c for c in columns if c > 0.15) * width
    return grey[round(top) + 2 : round(bottom) - 1, round(0.09 * width) : round(right) - 2]


def _row_ink(pdf: pdfium.PdfDocument, index: int) -> list[float]:
    """Ink of the header and the seven rows of the first OD lens box, band by band."""
    bands = np.array_split(_table(pdf, index) < INK_LEVEL, 8)
    return [float(band.sum()) for band in bands[1:]]


@pytest.mark.parametrize("kind", ["formula", "multi-formula"])
def test_the_fourth_row_is_printed_bold_as_on_the_real_printout(
    real: pdfium.PdfDocument, generated: tuple[pdfium.PdfDocument, dict[str, int]], kind: str
) -> None:
    pdf, pages = generated
    for ink in (_row_ink(real, REAL_PAGES[kind]), _row_ink(pdf, pages[kind])):
        others = sorted(ink[:3] + ink[4:])
        assert ink.index(max(ink)) == 3 and ink[3] >= BOLD_INK_RATIO * others[len(others) // 2]


def _grey_edge_share(table: np.ndarray) -> float:
    """The share of a table's dark pixels that are grey: the anti-aliased edges of its type."""
    dark = table < PAPER_LEVEL
    return float((dark & (table >= BLACK_LEVEL)).sum() / max(int(dark.sum()), 1))


@pytest.mark.parametrize("kind", ["formula", "multi-formula"])
def test_generated_type_is_as_black_and_as_sharp_as_on_the_real_frames(
    real: pdfium.PdfDocument, generated: tuple[pdfium.PdfDocument, dict[str, int]], kind: str
) -> None:
    """The device draws its Courier without anti-aliasing: black one-pixel strokes, no grey edges (a grey-edged
    frame is thicker and greyer after the enlarging for OCR than anything the device delivers)."""
    pdf, pages = generated
    want = _grey_edge_share(_table(real, REAL_PAGES[kind]))
    assert abs(_grey_edge_share(_table(pdf, pages[kind])) - want) <= GREY_EDGE_TOLERANCE


def _runs_px(mask: np.ndarray) -> list[tuple[int, int]]:
    """Start and end of each run of True."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _digit_size_px(pdf: pdfium.PdfDocument, index: int) -> tuple[float, float]:
    """Median height and width in pixels of the glyphs of the first OD lens box's seven rows (the Courier digits;
    points and minus signs, shorter than half a row's ink, left out)."""
    sizes = []
    for band in np.array_split(_table(pdf, index) < INK_LEVEL, 8)[1:]:
        rows = _runs_px(band.any(axis=1))
        tall = max(end - start for start, end in rows)
        for start, end in _runs_px(band.any(axis=0)):
            ink_rows = np.flatnonzero(band[:, start:end].any(axis=1))
            height = int(ink_rows[-1] - ink_rows[0] + 1)
            if height > tall / 2:
                sizes.append((height, end - start))
    return float(np.median([h for h, _ in sizes])), float(np.median([w for _, w in sizes]))


@pytest.mark.parametrize("kind", ["formula", "multi-formula"])
def test_generated_table_digits_are_as_large_as_the_real_ones(
    real: pdfium.PdfDocument, generated: tuple[pdfium.PdfDocument, dict[str, int]], kind: str
) -> None:
    """The device's Courier New digits are 13 px high and 8 px wide in its frames; the generator drew them 12 x 7
    (Courier at 9.6 pt) until 2026-11-30: smaller type than the device prints makes the corpus harder than it is."""
    pdf, pages = generated
    assert _digit_size_px(pdf, pages[kind]) == _digit_size_px(real, REAL_PAGES[kind])


def _emme_stem_widths_px(pdf: pdfium.PdfDocument, index: int) -> list[int]:
    """Widths in pixels of the vertical stems in the x-height zone of the first OD lens box's `Emme.` word (E, the
    three stems of each m, e): columns inked over most of the zone, adjacent ones counted as one stem."""
    grey = _grey(pdf, index)
    height, width = grey.shape
    rows, _ = _rules(pdf, index)
    lo, hi = TABLE_PT[0] / 863 * height, TABLE_PT[1] / 863 * height
    bottom = next(b for a, b in itertools.pairwise(r * height for r in rows) if lo <= b - a <= hi)
    line = grey[round(bottom) + 2 : round(bottom) + 20, round(0.09 * width) : round(0.25 * width)] < INK_LEVEL
    glyphs = _runs_px(line.any(axis=0))
    end = next(b for (_, b), (c, _) in itertools.pairwise(glyphs) if c - b >= WORD_GAP_PX)
    word = line[:, glyphs[0][0] : end]
    base = int(np.flatnonzero(word.any(axis=1))[-1])
    zone = word[base - X_ZONE_PX + 1 : base + 1]
    return [b - a for a, b in _runs_px(zone.sum(axis=0) >= STEM_SHARE * X_ZONE_PX)]


@pytest.mark.parametrize("kind", ["formula", "multi-formula"])
def test_generated_courier_keeps_the_stems_of_mm_apart_as_the_device_hints_them(
    real: pdfium.PdfDocument, generated: tuple[pdfium.PdfDocument, dict[str, int]], kind: str
) -> None:
    """The device's Courier New is hinted: the `mm` of `Emme.` keeps three one-pixel stems per m at 140 dpi. The
    generator's unhinted Courier merged them into two-pixel stems, a blot OCR read as `Eume.`, `fame.` (until
    2026-11-30, I500f): the corpus was harder than the device on every `Emme.` and `mm`."""
    pdf, pages = generated
    assert _emme_stem_widths_px(pdf, pages[kind]) == _emme_stem_widths_px(real, REAL_PAGES[kind])


def _header_label_size_px(pdf: pdfium.PdfDocument) -> tuple[int, int]:
    """Height of the measurement page's header labels `ID:`, `Date of birth:`, `Examination date:` (Times capitals
    and ascenders, no descenders) and the width of the longest, right-aligned on their colons."""
    ink = _ink(pdf, REAL_PAGES["measurement"])
    scale = ink.shape[0] / PAGE_H_PT
    top, bottom = (round((HEADER_FIRST_BASELINE_PT + HEADER_ROW_PT * i) * scale) for i in (0.2, 3.2))
    region = ink[top:bottom, round(LEFT_PT * scale) + 4 : round(LABEL_RIGHT_PT * scale) + 2]
    heights = [end - start for start, end in _runs_px(region.any(axis=1))]
    columns = np.flatnonzero(region.any(axis=0))
    return max(heights), int(columns[-1] - columns[0] + 1)


def test_generated_header_labels_are_as_large_as_the_real_ones(
    real: pdfium.PdfDocument, generated: tuple[pdfium.PdfDocument, dict[str, int]]
) -> None:
    """The device's Times New Roman body type: ascenders 15 px high, `Examination date:` 150 px wide (the generator's
    10-pt Times: 13 and 142 px until 2026-11-30; now 14 and 149)."""
    (height, width), (real_height, real_width) = _header_label_size_px(generated[0]), _header_label_size_px(real)
    assert abs(height - real_height) <= 1 and abs(width - real_width) <= LABEL_WIDTH_TOLERANCE_PX


def _quantisation(pdf: pdfium.PdfDocument, index: int) -> list[tuple[int, ...]]:
    """The JPEG quantisation tables of a page's frame (its compression quality)."""
    stream = BytesIO()
    _frame(pdf, index).extract(stream)
    return [tuple(table) for table in Image.open(BytesIO(stream.getvalue())).quantization.values()]


def test_generated_frames_are_compressed_as_hard_as_the_real_ones(
    real: pdfium.PdfDocument, generated: tuple[pdfium.PdfDocument, dict[str, int]]
) -> None:
    pdf, _ = generated
    assert {tuple(_quantisation(pdf, i)) for i in range(len(pdf))} == {tuple(_quantisation(real, 0))}


def _folded(word: str) -> str:
    """OCR spellings of one label: `Kl:` is `K1:`, `R/SE:` (spaces lost) is `SE:`."""
    return re.sub(r"^r/", "", re.sub(r"^k[l|i]", "k1", word))


def _label_order(page: Page) -> list[str]:
    """The vocabulary's labels in the OD half, line by line (the first label of each line)."""
    found = []
    for line in lines_in([w for w in page.words if LEFT_HALF.holds(w)]):
        # `Eume.` is `Emme.` as the parser reads it (`boxes.is_emmetropia`: the frames' Courier `mm` merges into a blot)
        words = ["emme" if is_emmetropia(w) else _folded(canonical(w.text).lower().strip(":.|([{")) for w in line.words]
        label = next((w for w in words if w in VOCABULARY), None)
        if label is not None and (not found or found[-1] != label):
            found.append(label)
    return found


@pytest.mark.slow
@pytest.mark.parametrize(
    "kind",
    [
        # The header's `ID:` read `TD:` / `“DD:` while pdfium drew the header's Times unhinted, its `I` and `D` apart
        # (sixth session to 2026-12-01); the device's hinted Times New Roman, now drawn so (G500), reads `ID:`.
        "formula",
        "multi-formula",
        # Known drift, left: the generated white-to-white page's title line reads `IOL` (the clinic's `IOL Master`)
        # where the real page's does not, though both print it.
        pytest.param("white-to-white", marks=pytest.mark.xfail(strict=True, reason="generated title prints IOL")),
    ],
)
def test_generated_labels_come_in_the_real_order(
    real: pdfium.PdfDocument, generated: tuple[pdfium.PdfDocument, dict[str, int]], kind: str
) -> None:
    pdf, pages = generated
    want = _label_order(ocr_pdf_page(real, REAL_PAGES[kind]))
    assert _label_order(ocr_pdf_page(pdf, pages[kind])) == want


def _real_like_case(plan: Plan500) -> bool:
    """A `_wanted` plan whose formula page shows the real page's four lenses."""
    formula = next((p for p in plan.iol_pages if p.formula is not None), None)
    return _wanted(plan) and formula is not None and {b.lens.model for b in formula.boxes["OD"]} == set(REAL_CAPTIONS)


@pytest.fixture(scope="module")
def real_like() -> tuple[pdfium.PdfDocument, dict[str, int]]:
    """A generated printout that prints the real report's texts: its clinic, surgeon, patient name, ID and dates, and
    on the formula page its four lens captions in its order (so type is compared on the same words)."""
    plan = make_plan(next(c for c in (Iom500Case(seed=s, missing_rate=0.0) for s in range(2000))
                          if _real_like_case(make_plan(c))))  # fmt: skip
    plan.clinic, plan.surgeon = REAL_CLINIC, REAL_SURGEON
    plan.patient = dataclasses.replace(plan.patient, name=REAL_NAME, patient_id=REAL_ID, birth_date=REAL_BIRTH,
                                       exam_date=REAL_EXAM)  # fmt: skip
    plan.day_first = True
    formula = next(i for i, p in enumerate(plan.iol_pages) if p.formula is not None)
    for side, boxes in plan.iol_pages[formula].boxes.items():
        by_model = {box.lens.model: box for box in boxes}
        plan.iol_pages[formula].boxes[side] = [
            dataclasses.replace(box, lens=dataclasses.replace(box.lens, caption=REAL_CAPTIONS[model]))
            for model, box in ((m, by_model[m]) for m in REAL_CAPTIONS)
        ]
    return pdfium.PdfDocument(render_frames(plan)), {"measurement": 0, "formula": 2 + formula}


def _trimmed(ink: np.ndarray) -> np.ndarray:
    """The ink's bounding box."""
    rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return ink[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1]


def _captions(pdf: pdfium.PdfDocument, index: int) -> list[np.ndarray]:
    """The ink of the lens-box captions of a formula page, left to right, top to bottom: each box column between its
    column rules, each caption between its box's top rule and its caption rule."""
    ink = _ink(pdf, index)
    scale = ink.shape[0] / PAGE_H_PT
    low, high = (gap * scale for gap in CAPTION_GAP_PT)
    columns = [(a, b) for a, b in _runs_px(ink.mean(axis=0) <= COLUMN_RULE) if b - a > ink.shape[1] / 8]
    found = []
    for left, right in columns:
        column = ink[:, left:right]
        rules = _runs_px(column.mean(axis=1) > 0.9)
        for (_, top), (bottom, _) in itertools.pairwise(rules):
            if low <= bottom - top <= high:
                found.append((top, left, _trimmed(column[top:bottom, 2:-2])))
    return [caption for _, _, caption in sorted(found, key=lambda f: (f[0], f[1]))]


def _stem_widths(ink: np.ndarray) -> Counter[int]:
    """Widths of the vertical stems: runs of ink at the same columns in `STEM_ROWS` rows running or more."""
    row_runs = [set(_runs_px(row)) for row in ink]
    widths: Counter[int] = Counter()
    for top, runs in enumerate(row_runs):
        for start, end in runs:
            if top and (start, end) in row_runs[top - 1]:
                continue
            rows = next((n for n in range(1, len(row_runs) - top) if (start, end) not in row_runs[top + n]),
                        len(row_runs) - top)  # fmt: skip
            if rows >= STEM_ROWS:
                widths[end - start] += 1
    return widths


def test_generated_lens_captions_carry_the_real_captions_ink_at_their_extents(
    real: pdfium.PdfDocument, real_like: tuple[pdfium.PdfDocument, dict[str, int]]
) -> None:
    """The device's bold Times New Roman captions (`OptA119.1MA60AC`: 1083 px of ink over 206 x 21 px) against the
    same captions generated: pdfium's unhinted Times Bold carried 11-16 % more ink at the same extents (1244 px),
    its stems 4 px against the device's 3, and OCR read the captions' `F` as `E` (until 2026-12-01, G500)."""
    pdf, pages = real_like
    want, got = _captions(real, REAL_PAGES["formula"]), _captions(pdf, pages["formula"])
    assert len(got) == len(want) == 2 * len(REAL_CAPTIONS)
    for real_caption, caption in zip(want, got, strict=True):
        assert all(
            abs(a - b) <= CAPTION_EXTENT_TOLERANCE_PX for a, b in zip(caption.shape, real_caption.shape, strict=True)
        )
        assert abs(int(caption.sum()) / int(real_caption.sum()) - 1) <= CAPTION_INK_TOLERANCE


def test_generated_lens_captions_have_the_device_stem_width(
    real: pdfium.PdfDocument, real_like: tuple[pdfium.PdfDocument, dict[str, int]]
) -> None:
    """The device hints bold Times New Roman at 12.2 pt to 3-px stems (the `F`, the `1`); 4-px stems close the
    counters OCR tells `F` from `E` and `1` from `I` by."""
    pdf, pages = real_like
    want, got = (sum(map(_stem_widths, _captions(doc, index)), Counter[int]())
                 for doc, index in ((real, REAL_PAGES["formula"]), (pdf, pages["formula"])))  # fmt: skip
    assert got.most_common(1)[0][0] == want.most_common(1)[0][0]


def _type_region(pdf: pdfium.PdfDocument, index: int, box: tuple[float, float, float, float]) -> np.ndarray:
    """The ink of a region given in pt, rules (rows or columns inked across it) left out, trimmed."""
    ink = _ink(pdf, index)
    scale = ink.shape[0] / PAGE_H_PT
    left, top, right, bottom = (round(v * scale) for v in box)
    region = ink[top:bottom, left:right]
    region = region[:, region.mean(axis=0) <= RULE_ACROSS]
    return _trimmed(region[region.mean(axis=1) <= RULE_ACROSS])


@pytest.mark.parametrize("name", TYPE_REGIONS)
def test_generated_type_carries_the_real_type_ink(
    real: pdfium.PdfDocument, real_like: tuple[pdfium.PdfDocument, dict[str, int]], name: str
) -> None:
    """The same words against the real frame: their ink within a tolerance of the real ink, and the same stem width.
    Before 2026-12-01 (G500) pdfium drew the header's bold Times 10-13 % heavier, its Arial titles 8-15 %
    heavier, and its regular Times labels 13 % lighter (1-px stems where the device's are 2)."""
    pdf, pages = real_like
    kind, box, weight = TYPE_REGIONS[name]
    want, got = _type_region(real, REAL_PAGES[kind], box), _type_region(pdf, pages[kind], box)
    assert abs(int(got.sum()) / int(want.sum()) - 1) <= TYPE_INK_TOLERANCE[weight]
    assert _stem_widths(got).most_common(1)[0][0] == _stem_widths(want).most_common(1)[0][0]


# Digits the real formula page prints in Times New Roman, with where (pt: left, top, right, bottom): the header's ID,
# dates and `n:`, the boxes' constants (regular, 10.6 pt); the lens captions and the clinic's `500 No 2` (bold)
DIGIT_REGIONS = {
    "regular": (("99999990", (138.0, 79.0, 200.0, 90.0)), ("01/01/2001", (138.0, 91.5, 200.0, 102.5)),
                ("09/09/2015", (138.0, 104.0, 200.0, 115.0)), ("1.3375", (393.0, 104.0, 440.0, 115.0)),
                ("119.10", (118.0, 358.0, 175.0, 372.0)), ("119.00", (245.0, 358.0, 305.0, 372.0)),
                ("118.70", (118.0, 516.0, 175.0, 530.0)), ("115.54", (245.0, 516.0, 305.0, 530.0))),
    "bold": (("OptA119.1MA60AC", (53.5, 318.0, 178.0, 337.0)), ("OptA119.0SN60WF", (181.0, 318.0, 305.0, 337.0)),
             ("OptA118.7SA60AT", (53.5, 476.0, 178.0, 495.0)), ("115.54", (208.0, 476.0, 246.0, 495.0)),
             ("500No2", (257.0, 30.0, 310.0, 45.0))),
}  # fmt: skip
GLYPH_SHIFT_PX = 1  # glyphs are compared at their best alignment within this many pixels
# shape similarity (IoU) with the device's glyphs: the digits' mean, and floors for the glyphs the clones drew apart
# (until 2026-12-01, G501: mean regular 0.76 and bold 0.83; the regular `0` 0.71, the bold `1` 0.86; now 0.82 and 0.84;
# 0.86 and 0.92)
DIGIT_SHAPE_MEAN = {"regular": 0.80, "bold": 0.82}
DIGIT_SHAPE_FLOOR = {"regular": {"0": 0.80}, "bold": {"1": 0.90}}


def _glyph_spans(region: np.ndarray) -> list[tuple[int, int]]:
    """Column spans of the region's glyphs: its 8-connected pieces of ink, those sharing half the narrower one's
    columns (the dots of `:` and `i`) joined, left to right."""
    label = np.zeros(region.shape, dtype=np.int32)
    spans: list[list[int]] = []
    for y, x in zip(*np.nonzero(region), strict=True):
        if label[y, x]:
            continue
        spans.append([x, x + 1])
        label[y, x] = len(spans)
        stack = [(y, x)]
        while stack:
            cy, cx = stack.pop()
            spans[-1] = [min(spans[-1][0], cx), max(spans[-1][1], cx + 1)]
            for ny in range(max(cy - 1, 0), min(cy + 2, region.shape[0])):
                for nx in range(max(cx - 1, 0), min(cx + 2, region.shape[1])):
                    if region[ny, nx] and not label[ny, nx]:
                        label[ny, nx] = len(spans)
                        stack.append((ny, nx))
    joined: list[list[int]] = []
    for left, right in sorted(spans, key=sum):
        if joined and min(joined[-1][1], right) - max(joined[-1][0], left) >= min(joined[-1][1] - joined[-1][0],
                                                                                  right - left) / 2:  # fmt: skip
            joined[-1] = [min(joined[-1][0], left), max(joined[-1][1], right)]
        else:
            joined.append([left, right])
    return [(left, right) for left, right in joined]


def _glyphs(pdf: pdfium.PdfDocument, index: int, box: tuple[float, float, float, float]) -> list[np.ndarray]:
    """The ink of each glyph in a region given in pt (rules left out), left to right."""
    ink = _ink(pdf, index)
    scale = ink.shape[0] / PAGE_H_PT
    left, top, right, bottom = (round(v * scale) for v in box)
    region = ink[top:bottom, left:right].copy()
    region[region.mean(axis=1) > RULE_ACROSS] = False
    region[:, region.mean(axis=0) > RULE_ACROSS] = False
    return [_trimmed(region[:, a:b]) for a, b in _glyph_spans(region)]


def _shape_similarity(want: np.ndarray, got: np.ndarray) -> float:
    """Intersection over union of two glyphs' ink at their best alignment (`GLYPH_SHIFT_PX`)."""
    pad = GLYPH_SHIFT_PX
    height, width = max(want.shape[0], got.shape[0]) + 2 * pad, max(want.shape[1], got.shape[1]) + 2 * pad
    fixed = np.zeros((height, width), dtype=bool)
    fixed[pad : pad + want.shape[0], pad : pad + want.shape[1]] = want
    best = 0.0
    for dy, dx in itertools.product(range(2 * pad + 1), repeat=2):
        moved = np.zeros_like(fixed)
        moved[dy : dy + got.shape[0], dx : dx + got.shape[1]] = got
        best = max(best, float((fixed & moved).sum() / (fixed | moved).sum()))
    return best


def _digit_shapes(real: pdfium.PdfDocument, pdf: pdfium.PdfDocument, index: int, weight: str) -> dict[str, float]:
    """Each digit's mean shape similarity between the real formula page and the generated one (same texts)."""
    found: dict[str, list[float]] = {}
    for text, box in DIGIT_REGIONS[weight]:
        want, got = _glyphs(real, REAL_PAGES["formula"], box), _glyphs(pdf, index, box)
        assert len(want) == len(got) == len(text), f"{text}: glyphs apart on the real frame and the generated one"
        for char, real_glyph, glyph in zip(text, want, got, strict=True):
            if char.isdigit():
                found.setdefault(char, []).append(_shape_similarity(real_glyph, glyph))
    return {char: float(np.mean(values)) for char, values in sorted(found.items())}


@pytest.mark.parametrize("weight", DIGIT_REGIONS)
def test_generated_digits_have_the_device_glyph_shapes(
    real: pdfium.PdfDocument, real_like: tuple[pdfium.PdfDocument, dict[str, int]], weight: str
) -> None:
    """The same digits on the real frame and a generated one, glyph by glyph: apart as the device prints them (its
    advances: 11 px for a regular digit at 21 ppem, where the clones' hinted 10 px glued `/2` and `01`) and shaped
    like its glyphs. The clone's regular `0` hinted at 20.6 px leaned (OCR read it `6`: `118.96` for `118.90`); the
    clone's bold `1` had a narrow foot and a short flag (OCR read the captions `OptAlI9.1`, the real `OptA119.1`)."""
    pdf, pages = real_like
    shapes = _digit_shapes(real, pdf, pages["formula"], weight)
    assert np.mean(list(shapes.values())) >= DIGIT_SHAPE_MEAN[weight], shapes
    assert {char: shapes[char] >= floor for char, floor in DIGIT_SHAPE_FLOOR[weight].items()} == dict.fromkeys(
        DIGIT_SHAPE_FLOOR[weight], True
    ), shapes
