"""Haag-Streit EyeSuite IOL printouts of the Eyestar 900 and the Lenstar LS 900 (EyeSuite IOL 4.x).

Layout, as the real Eyestar 900 printout (EyeSuite IOL 4.12, ../shared/real) prints it: OD in the left half and OS in
the right half of a vertical rule, each headed by a big `OD`/`OS` (`right eye`/`left eye` under it, see
eyesuite.heading) and the lens status; per eye the A-scan block (AL, CCT, AD, ACD, LT) beside the anterior-cornea
block (K1, K2, K, +AST, Q, `(n=1.3375)`), white-to-white beside the posterior cornea, numbered warnings, then
`Target Refraction` and lens blocks two a row (see eyesuite.iol). Rows are split by the label vocabulary (see
eyesuite.values). Every page repeats both eyes' biometry: repeats must agree. The measurement line `ES 900 Sep 27,
2024 - 0` names the device and the exam date (see eyesuite.header). Decimal point and US dates throughout.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import defaultdict
from collections.abc import Callable

from biometry import formulas
from biometry.completeness import Printed
from biometry.devices.collect import EyeCollector
from biometry.devices.eyesuite import printed as eyesuite_printed
from biometry.devices.eyesuite import score as device_score
from biometry.devices.eyesuite.axes import DegreeMisreads
from biometry.devices.eyesuite.glued import GluedCopies
from biometry.devices.eyesuite.halves import Half, halves, split_doubts
from biometry.devices.eyesuite.header import (
    Dates,
    device_model,
    exam_date,
    measurement_line,
    patient,
    software_version,
)
from biometry.devices.eyesuite.heading import eye_heading
from biometry.devices.eyesuite.iol import (
    LensBlock,
    column_anchors,
    constant_problems,
    read_blocks,
    resolve_signs,
    row_problems,
)
from biometry.devices.eyesuite.mirrored import with_mirrored_labels
from biometry.devices.eyesuite.target import starts_with_target
from biometry.devices.eyesuite.values import (
    Row,
    RowReader,
    check_anterior_chamber,
    index_token,
    labels_in,
    rows_of,
    value_text,
    value_under_wtw_heading,
)
from biometry.devices.header import lens_status
from biometry.devices.layout import Region, lines_in, room_for_a_word, split_columns
from biometry.devices.measurements import Token, split_at_mark, tokens_of
from biometry.document import Document, Line, Page, Word, group_lines, union_bbox
from biometry.grounding import provenance_of
from biometry.lens_catalogue import catalogue_name, is_known_manufacturer, one_word_short
from biometry.models import BiometryResult, Device, Extraction, EyeSide, IolCalculation, IolRow, Issue, Source
from biometry.normalize import canonical, decimals, is_missing, parse_number

_IOL_TITLE = re.compile(r"calculation", re.IGNORECASE)
# A toric plot beside a table, or across the next column, prints `No appropriate lens model found`.
_PLOT_WORDS = frozenset({"no", "appropriate", "lens", "model", "found"})
_ANCHOR = "appropriate"  # the plot's word nothing else prints
_PLOT_GLYPHS = str.maketrans("!|", "ll", ".,:;")  # `mode!` for `model` (a 150-dpi rescan), a stop glued on
_PLOT_REACH_HEIGHTS = 3.0  # the plot's words lie within this many word heights of its `appropriate`
_INVENTED_WORD_CONFIDENCE = 0.4  # OCR's words over a gap or a space (`ss`, `ited`, `utes`) read below this
TARGET_DECIMALS = 2  # `Target Refraction: -1.00`
# A word at a lens line's end this many times as tall as the line's other words spans the line under it too: OCR
# boxed specks over the manufacturer line and the table header (`AMO se`, a phone photo of the real Eyestar's page 1)
_SPANNING_WORD_HEIGHTS = 1.8
_GLUED_SPECKS = ".,:;'\"`‘’~_=-"  # what OCR reads a speck glued to a lens line's first or last letter as
# A mark without a letter or digit read below this (`~*`, `-` at 0.00 on a 150-dpi rescan) is a speck: grouped into
# lines first, it split the row beside it in two (`CCT 484 - K2 104` apart from its `43.61/7.74@`)
SPECK_CONFIDENCE = 0.1
SHORT_MARK_SHARE = 0.6  # of the values' height: a mark shorter than this beside the measurements is an icon's remains
_KEPT_MARKS = "@-—–_"  # an axis's `@`, a dash (`---`: not measured; a sign): never an icon's remains
# A word this many times the type's median height is a rule or an icon OCR read as a glyph, no text of a block
TALL_GLYPH_HEIGHTS = 2.5
# A word without digits boxed this many times wider per character than the type's median is a smear: OCR ran a table
# header into the next block's rule (`Eye [D]` and a `|` read `fe]` 4.7 times, `(DJ.` 2.7 times, on real rescans;
# the widest type there, `AMO` and `SYNERGY`, 1.7 times)
SMEAR_ADVANCES = 2.5


class Eyesuite:
    """Coordinate-based parser for EyeSuite IOL reports (text layer or OCR)."""

    name = "eyesuite"
    version = "1.0"

    def score(self, document: Document) -> float:
        """The package's score (measurement line, labels): the registry asks it without importing this module."""
        return device_score(document)

    def printed(self, document: Document) -> Printed:
        """What the pages print, counted from labels, table headers and target lines (see eyesuite.printed)."""
        return eyesuite_printed.printed(document)

    def parse(self, document: Document, source: Source) -> BiometryResult:
        collector = EyeCollector()
        calculations: list[tuple[IolCalculation, dict[str, Token], int]] = []
        dates: Dates = defaultdict(set)
        axes, glued = DegreeMisreads(), GluedCopies()
        for page in document.pages:
            on_page: set[EyeSide] = set()
            for doubt in split_doubts(page, halves(page)):
                collector.issue("eye_halves_unsplit", f"Page {page.number}: {doubt}; the OD | OS split is unsure.")
            for half in with_mirrored_labels(page, halves(page)):
                calculations += _read_half(page, half, collector, dates, on_page, (axes, glued))
        collector.outvote_misreads()  # every page repeats the biometry: a copy the others outvote is a misread
        collector.outvote_unreadable()
        axes.settle(collector)
        glued.settle(collector)
        check_anterior_chamber(collector)
        provenance = dict(collector.provenance)
        for index, (_, tokens, page_number) in enumerate(calculations):
            for key, token in tokens.items():
                provenance[f"iol_calculations[{index}].{key}"] = provenance_of(page_number, token.word)
        return BiometryResult(
            document_id=document.sha256,
            source=source,
            device=Device(
                manufacturer="Haag-Streit",
                model=device_model(dates, collector),
                software_version=software_version(document),
            ),
            exam_date=exam_date(dates, collector),
            patient=patient(document),
            eyes=collector.eyes(),
            iol_calculations=[calculation for calculation, _, _ in calculations],
            status="needs_review",
            extraction=Extraction(
                method="regex",
                parser=f"{self.name}@{self.version}",
                confidence=1.0,
                issues=collector.issues,
                provenance=provenance,
            ),
        )


def _read_half(
    page: Page,
    half: Half,
    collector: EyeCollector,
    dates: Dates,
    on_page: set[EyeSide],
    settled_later: tuple[DegreeMisreads, GluedCopies],
) -> list[tuple[IolCalculation, dict[str, Token], int]]:
    """One eye's half of a page: its label decides the eye; measurements above the IOL section, lens blocks below.

    Every page repeats both eyes' biometry: the collector checks that the repeats agree (a conflict goes to review).
    """
    words = [w for w in half.words if not _is_speck(w)]
    label = eye_heading(words)
    if label is None:
        if any(rows_of(line) for line in lines_in(words)):
            collector.issue("eye_unknown", f"Page {page.number}: measurements in a half without an OD/OS label.")
        return []
    side, label_word = label
    if side in on_page:
        collector.issue("eye_repeated", f"{side} is printed in both halves of page {page.number}.", side=side)
        return []
    on_page.add(side)
    collector.saw(side)
    top = label_word.bbox[1] - label_word.height
    lines = lines_in(words, y0=top)
    iol_top = next((ln.bbox[1] for ln in lines if _IOL_TITLE.search(ln.text) or _is_target(ln)), 1.01)
    measured = _without_short_marks([ln for ln in lines if ln.bbox[1] < iol_top])
    _read_measurements(measured, side, page.number, collector, dates, settled_later)
    if iol_top > 1.0:
        return []
    return _read_iol(page, half, side, [w for w in words if w.y_center > iol_top], collector)


def _without_short_marks(lines: list[Line]) -> list[Line]:
    """The measurement lines grouped again without the marks shorter than SHORT_MARK_SHARE of the values' height
    (`~`, `~~`, `;`: an icon's remains between the blocks, read at any confidence): grouped first, such a mark split
    the row beside it in two (`484 ~ K2 ... 98` apart from `CCT [um] ... 43.98/7.67@`). A dash is kept (`---`, not
    measured; a sign); lines without a short mark are kept as grouped."""
    heights = [w.height for line in lines for w in line.words if any(c.isdigit() for c in w.text)]
    if not heights:
        return lines
    body = statistics.median(heights)
    short = {id(w) for line in lines for w in line.words if _is_short_mark(w, body)}
    if not short:
        return lines
    return group_lines([w for line in lines for w in line.words if id(w) not in short])


def _is_short_mark(word: Word, body: float) -> bool:
    text = canonical(word.text)
    marks = not any(c.isalnum() or c in _KEPT_MARKS for c in text)
    return marks and not is_missing(text) and word.height < SHORT_MARK_SHARE * body


def _is_speck(word: Word) -> bool:
    """A mark read with almost no confidence that is no value (no digit) and no `---` (not measured), no axis `@`."""
    text = canonical(word.text)
    marks = not any(c.isalnum() or c == "@" for c in text)
    return word.confidence < SPECK_CONFIDENCE and marks and not is_missing(text)


def _read_measurements(
    lines: list[Line],
    side: EyeSide,
    page: int,
    collector: EyeCollector,
    dates: Dates,
    settled_later: tuple[DegreeMisreads, GluedCopies],
) -> None:
    reader = RowReader(collector, side, page, *settled_later)
    for line in lines:
        for row in rows_of(line):
            reader.read(row)
        index = index_token(line)
        if index is not None:
            collector.set_number(side, "keratometric_index", index, page)
        measured = measurement_line(canonical(line.text))
        if measured is not None:
            dates[side].add(measured)
    wtw = value_under_wtw_heading(lines) if not any("WTW" in labels_in(line) for line in lines) else None
    if wtw is not None:  # its label lost: the row's place names it (the inventory counts it printed so)
        reader.read(Row("WTW", (Token(value_text(wtw.text), wtw),)))
    reader.finish()
    status = lens_status(" ".join(line.text for line in lines[:4]))
    if status:
        collector.set_text(side, "lens_status", status)


def _read_iol(
    page: Page, half: Half, side: EyeSide, words: list[Word], collector: EyeCollector
) -> list[tuple[IolCalculation, dict[str, Token], int]]:
    lines = lines_in(words)
    target = _target(lines)
    below = [w for w in words if (not lines or _target_bottom(lines) < w.y_center < half.footer_top)]
    area = _without_plots(below, side, collector)
    calculations = []
    columns = _lens_columns(area, half.lens_region)
    for word in _across_columns(area, columns):
        where = f"page {page.number}: {canonical(word.text)!r}"
        collector.issue("iol_columns_unsplit", f"{side} lens blocks, {where} crosses a column edge.", side=side)
    for column in columns:
        for block in read_blocks(lines_in(area, column)):
            calculation = _calculation(block, side, target, page.source != "text-layer", collector)
            if calculation is not None:
                calculations.append((calculation, _tokens(block, target), page.number))
    return calculations


def _lens_columns(words: list[Word], region: Region) -> list[Region]:
    """The lens blocks' columns, split in the free strips between the words of the type's height: a table rule's
    piece OCR read as a glyph several lines tall (`7` at a table's corner) bridged the strip between two blocks, the
    split fell at the anchors' midpoint, inside a manufacturer line, and `Johnson & Johnson Vision` | `ZEISS` were
    read `Johnson & Johnson` | `Vision ZEISS` (a generated 300-dpi rescan, seed 186)."""
    return split_columns(column_anchors(words), _typed(words), region)


def _across_columns(words: list[Word], columns: list[Region]) -> list[Word]:
    """Words with a letter or digit that a column edge cuts through (the split is unsure: review), tall glyphs and
    smears aside."""
    edges = [c.x0 for c in columns[1:]]
    typed = [w for w in _typed(words) if any(c.isalnum() for c in w.text)]
    return [w for w in typed for edge in edges if w.bbox[0] < edge < w.bbox[2]]


def _typed(words: list[Word]) -> list[Word]:
    """The words that are type: no glyph TALL_GLYPH_HEIGHTS of the median height (a rule, an icon), no word without
    digits SMEAR_ADVANCES of the median width per character (a header run into a rule): neither bounds a column."""
    if not words:
        return []
    body = statistics.median(w.height for w in words)
    advance = statistics.median(w.width / max(1, len(w.text)) for w in words)
    return [
        w
        for w in words
        if w.height <= TALL_GLYPH_HEIGHTS * body
        and (any(c.isdigit() for c in w.text) or w.width <= SMEAR_ADVANCES * advance * max(1, len(w.text)))
    ]


def _without_plots(words: list[Word], side: EyeSide, collector: EyeCollector) -> list[Word]:
    """The words without the `No appropriate lens model found` of toric plots, which sit beside or across blocks."""
    plot: set[int] = set()
    for anchor, pieces in _appropriate(words):
        reach = _PLOT_REACH_HEIGHTS * anchor.height
        plot |= {id(w) for w in pieces} | {
            id(w)
            for w in words
            if _plot_text(w) in _PLOT_WORDS
            and abs(w.y_center - anchor.y_center) <= reach
            and anchor.bbox[0] - 2 * reach <= w.x_center <= anchor.bbox[2] + 2 * reach
        }
        collector.issues.append(_info("iol_no_lens_model", f"{side}: a toric plot: `No appropriate lens model found`."))
    return [w for w in words if id(w) not in plot]


def _appropriate(words: list[Word]) -> list[tuple[Word, list[Word]]]:
    """Each toric plot's `appropriate` (anchor, its words): one word, or two OCR split it into (`ap` `propriate`, a
    150-dpi rescan), level and closer than a word height."""
    whole = [(w, [w]) for w in words if _plot_text(w) == _ANCHOR]
    starts = [w for w in words if 2 <= len(_plot_text(w)) < len(_ANCHOR) and _ANCHOR.startswith(_plot_text(w))]
    split = [
        (Word(_ANCHOR, union_bbox([first.bbox, rest.bbox])), [first, rest])
        for first in starts
        for rest in words
        if _plot_text(first) + _plot_text(rest) == _ANCHOR and _level_and_close(first, rest)
    ]
    found = whole + split
    return found + [lost for lost in _lost_anchors(words) if not any(_near(lost[0], a) for a, _ in found)]


def _lost_anchors(words: list[Word]) -> list[tuple[Word, list[Word]]]:
    """Each toric plot whose `appropriate` OCR lost or garbled (`No ee lens`, a 150-dpi rescan): its `model found`,
    level and closer than a word height, under a `No` ... `lens` line, with what OCR read between those two."""
    anchors = []
    texts = {id(w): _plot_text(w) for w in words}
    models, founds = ([w for w in words if texts[id(w)] == text] for text in ("model", "found"))
    for model, found in itertools.product(models, founds):
        if not _level_and_close(model, found):
            continue
        above = [w for w in words if 0 < model.y_center - w.y_center <= 2 * model.height]
        no = [w for w in above if texts[id(w)] == "no"]
        lens = [w for w in above if texts[id(w)] == "lens"]
        if len(no) == 1 and len(lens) == 1 and no[0].bbox[2] < model.bbox[0] < lens[0].bbox[0]:
            between = [w for w in above if no[0].bbox[2] <= w.x_center <= lens[0].bbox[0]]
            anchors.append((Word(_ANCHOR, union_bbox([model.bbox, found.bbox])), [model, found, *between]))
    return anchors


def _level_and_close(first: Word, rest: Word) -> bool:
    return first.bbox[1] <= rest.y_center <= first.bbox[3] and 0 <= rest.bbox[0] - first.bbox[2] <= first.height


def _near(anchor: Word, other: Word) -> bool:
    reach = _PLOT_REACH_HEIGHTS * other.height
    return abs(anchor.y_center - other.y_center) <= reach and abs(anchor.x_center - other.x_center) <= 2 * reach


def _plot_text(word: Word) -> str:
    return canonical(word.text).lower().translate(_PLOT_GLYPHS)


def _info(code: str, message: str) -> Issue:
    return Issue(code=code, severity="info", message=message)


def _tokens(block: LensBlock, target: Token | None) -> dict[str, Token]:
    """Where each value of a calculation is printed (its provenance)."""
    tokens = {f"constants.{k}": t for k, t in block.constants.items()}
    for i, (power, refraction, _) in enumerate(block.rows):
        tokens[f"rows[{i}].iol_power_d"], tokens[f"rows[{i}].refraction_d"] = power, refraction
    return {**tokens, "target_refraction_d": target} if target is not None else tokens


def _is_target(line: Line) -> bool:
    return starts_with_target(line.text)


def _target(lines: list[Line]) -> Token | None:
    """The half's target refraction as printed (`-1.00`: two decimals), also where OCR split it after its decimal mark
    (`-1. 00`: its `00` alone had been read as a target of 0, and the row closest to it taken as the one selected:
    fresh corpus seed 5252); None where it is not read so."""
    for line in lines:
        if _is_target(line):
            split = split_at_mark(tokens_of(line.words), TARGET_DECIMALS)
            numbers = [w for w in line.words if parse_number(canonical(w.text)) is not None]
            read = split or (Token(canonical(numbers[0].text), numbers[0]) if len(numbers) == 1 else None)
            return read if read is not None and decimals(read.text) == TARGET_DECIMALS else None
    return None


def _target_bottom(lines: list[Line]) -> float:
    return next((ln.bbox[3] for ln in lines if _is_target(ln)), lines[0].bbox[3])


def _calculation(
    block: LensBlock, side: EyeSide, target: Token | None, infer: bool, collector: EyeCollector
) -> IolCalculation | None:
    """The block's calculation; None (with an issue where it matters) for a no-lens block or an unreadable one."""
    where = f"{side} lens block {' / '.join(ln.text for ln in block.lens_lines[:1]) or '?'}"
    if block.caption is not None and not block.header and not block.rows and not block.problems:
        collector.issues.append(_info("iol_box_without_rows", f"{where}: a result box without rows, skipped."))
        return None
    resolve_signs(block)
    problems = block.problems + row_problems(block.rows) + constant_problems(block.constants)
    missing = formulas.missing_constants(block.formula, block.constants) if infer else []
    problems += [f"constant(s) {', '.join(missing)} not read"] if missing else []
    aim = target.number if target is not None else None
    best = _inferred_selection(block, aim)
    tied = infer and len(block.rows) > 1 and best is None
    problems += ["two rows are as close to the target and the ink does not tell which is bold"] if tied else []
    unread = infer and bool(block.rows) and aim is None  # `.00` for `0.00`: the row closest to it is unknown
    problems += ["the target refraction is unread, and the highlighted row is the one closest to it"] if unread else []
    problems += _lens_word_lost(block) if infer else []
    if block.formula is None or len(block.lens_lines) != 2 or problems:
        details = "; ".join(problems) or "no formula caption or lens lines"
        collector.issue("iol_block_unreadable", f"{where}: {details}.", side=side)
        return None
    rows = [IolRow(iol_power_d=p.number or 0.0, refraction_d=r.number or 0.0, selected=b) for p, r, b in block.rows]
    if infer:
        collector.issues.append(_info("selected_row_inferred", f"{where}: the row closest to the target."))
        rows = [row.model_copy(update={"selected": i == best}) for i, row in enumerate(rows)]
    return IolCalculation(
        eye=side,
        formula=block.formula,
        iol_model=_sure_lens_text(block.lens_lines[0], _is_catalogue_model),
        iol_manufacturer=_sure_lens_text(block.lens_lines[1], is_known_manufacturer),
        constants={k: t.number for k, t in block.constants.items() if t.number is not None},
        target_refraction_d=aim,
        rows=rows,
    )


def _lens_word_lost(block: LensBlock) -> list[str]:
    """A model one word short of another catalogue name (`ZCB00`: `TECNIS ZCB00`) read with room for that word: before
    its first word, where the manufacturer line under it starts (the two are left-aligned), or between its words. The
    word may be lost, and the name left is as valid as the printed one."""
    if len(block.lens_lines) != 2:
        return []
    model_line, maker_line = block.lens_lines
    model = _sure_lens_text(model_line, _is_catalogue_model)
    if not one_word_short(model) or not room_for_a_word(model_line.words, start=maker_line.bbox[0]):
        return []
    return [f"the lens read as {model!r} leaves room for a word OCR lost (the catalogue holds it with one more)"]


def _sure_lens_text(line: Line, known: Callable[[str], bool]) -> str:
    """A lens model or manufacturer line as printed; when it names no known model (manufacturer) but does without
    the words OCR invented at its ends (read with almost no confidence over the gap between two blocks or over a
    word: `ss AcrySof IQ Vivity DFTO15`, `ZEISS a`; or boxed over this line and the next: `AMO se`), the reading
    without them. Any other reading stays as read, for
    the catalogue check to doubt (a word invented inside the name cannot be grounded either)."""
    printed = _lens_text(line.words)
    if known(printed):
        return printed
    words = list(line.words)
    while words and _invented(words[-1], words):
        words.pop()
    while words and _invented(words[0], words):
        words.pop(0)
    sure = _lens_text(tuple(words))
    return sure if sure and known(sure) else printed


def _invented(word: Word, line: list[Word]) -> bool:
    """A word OCR invented at a lens line's end: read with almost no confidence, or spanning the line under it too
    (far taller than the line's other words)."""
    others = [w.height for w in line if w is not word]
    tall = bool(others) and word.height > _SPANNING_WORD_HEIGHTS * statistics.median(others)
    return word.confidence < _INVENTED_WORD_CONFIDENCE or tall


def _is_catalogue_model(printed: str) -> bool:
    return catalogue_name(printed) is not None


def _lens_text(words: tuple[Word, ...]) -> str:
    """A lens line as printed, without the specks OCR reads at its ends, alone (`Johnson & Johnson Vision =`) or
    glued to its first or last letter (`AMO.`: a photo of the real Eyestar 900's first page, held-out seed 361): a
    lens or manufacturer name starts and ends with a letter, a digit or a bracket (`Vivinex Toric (asférica
    amarela)`)."""
    texts = canonical(" ".join(w.text for w in words)).split()
    while texts and not any(c.isalnum() for c in texts[-1]):
        texts.pop()
    while texts and not any(c.isalnum() for c in texts[0]):
        texts.pop(0)
    return " ".join(texts).strip(_GLUED_SPECKS)


def _inferred_selection(block: LensBlock, aim: float | None) -> int | None:
    """The row EyeSuite highlights, as an OCR page shows it: the row closest to the target; of rows equally close,
    the one the ink measured bold (both its numbers) when the other is not; None when nothing singles one out.

    Measured on the seed-7 image set: every selected row has both numbers measured bold, one in ten of the others too
    (so a table often has more than one bold row, but two rows equally close rarely both are)."""
    distances = [round(abs((r.number or 0.0) - (aim or 0.0)), 3) for _, r, _ in block.rows]
    closest = [i for i, distance in enumerate(distances) if distance == min(distances, default=0.0)]
    bold = [i for i in closest if block.rows[i][2]]
    if len(closest) == 1:
        return closest[0]
    return bold[0] if len(bold) == 1 else None
