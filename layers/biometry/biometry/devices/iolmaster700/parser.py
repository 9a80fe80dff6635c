"""ZEISS IOLMaster 700 printouts (software 1.x): analysis pages (one eye each) and IOL calculation pages (OD | OS).

Layout facts from report-formats.md: the footer names the device on every page; measurement labels are the same in
every UI language; analysis pages carry one big `OD`/`OS` label; calculation pages put OD in the left half and OS in
the right half, each with a status block, a compact biometry block and a 2x2 grid of result boxes.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence

from biometry import formulas
from biometry.completeness import Printed
from biometry.devices.collect import MIN_VOTES, EyeCollector
from biometry.devices.header import LENS_STATUS, find_exam_date, lens_status, report_patient
from biometry.devices.iolmaster700 import printed as iom700_printed
from biometry.devices.iolmaster700 import score as device_score
from biometry.devices.iolmaster700.boxes import EMMETROPIA as _EMMETROPIA
from biometry.devices.iolmaster700.boxes import (
    TABLE_DECIMALS,
    UNSIGNED_CONSTANT,
    IolBox,
    calculation_halves,
    emmetropia_labels,
    flat_height,
    formula_name,
    is_calculation_page,
    is_caption,
    is_caption_row,
    lens_heading,
    line_constants,
    one_edit_apart,
    read_box,
    restore_signs,
    room_in_heading,
    split_lens_heading,
    with_spilled_constant,
    without_spilled_constant,
)
from biometry.devices.iolmaster700.constant_copies import constants_from_copies, srkt_constants_by_numbers
from biometry.devices.iolmaster700.constant_lines import printed_form
from biometry.devices.iolmaster700.copies import copy_line, labelled_like_copy
from biometry.devices.iolmaster700.cylinder import (
    CylinderCollector,
    axis_readings,
    check_cylinders,
    check_wild_axes,
)
from biometry.devices.iolmaster700.flat_axis import flat_axes_from_cylinders
from biometry.devices.iolmaster700.formula_check import settle_captions_by_numbers
from biometry.devices.iolmaster700.lens_names import (
    complete_truncated_manufacturers,
    confirm_garbled_headings,
    headings_from_copies,
)
from biometry.devices.iolmaster700.mean_k import settle_mean_k
from biometry.devices.iolmaster700.null_mark import formula_prints_null, null_by_width, null_doubted
from biometry.devices.iolmaster700.offset_rows import pupil_by_offsets
from biometry.devices.iolmaster700.order import labelled_by_order
from biometry.devices.iolmaster700.precision import decimals_unprinted, with_decimal_mark
from biometry.devices.iolmaster700.slots import FIELDS_OF_LABEL
from biometry.devices.iolmaster700.steep_axis import steep_axes_from_flat, store_garbled_axes
from biometry.devices.iolmaster700.values import garbled_values_unread, without_colons_read_as_digits
from biometry.devices.layout import LEFT_HALF, RIGHT_HALF, Region, eye_label, lines_in, split_columns
from biometry.devices.measurements import Reading, Token, is_signed, read_labels, split_at_mark, tokens_of
from biometry.document import Document, Line, Page, PageSource, Word, has_alnum, union_bbox
from biometry.grounding import provenance_of
from biometry.lens_catalogue import one_word_short
from biometry.models import (
    BiometryResult,
    Device,
    Extraction,
    Eye,
    EyeSide,
    IolCalculation,
    IolRow,
    Issue,
    Provenance,
    Source,
)
from biometry.normalize import MISSING_MARKERS, canonical, decimals

_VERSION = re.compile(r"(?:Version|Versão|Versión|Vers\.)\s*:?\s*(\d+(?:\.\d+){1,3})", re.IGNORECASE)
# label -> (field, kind): kind "k" reads a keratometry triple (D, radius, axis).
LABELS: dict[str, tuple[str, str]] = {
    "AL:": ("axial_length_mm", "value"),
    "CCT:": ("cct_um", "value"),
    "ACD:": ("acd_mm", "value"),
    "LT:": ("lens_thickness_mm", "value"),
    "WTW:": ("wtw_mm", "value"),
    "P:": ("pupil_mm", "value"),
    "SE:": ("mean_k_d", "value"),
    "K1:": ("k1", "k"),
    "K2:": ("k2", "k"),
    "TK1:": ("tk1", "k"),
    "TK2:": ("tk2", "k"),
    "ΔK:": ("delta_k", "cyl"),
    "TSE:": ("total_mean_k", "ignore"),
    "ΔTK:": ("delta_tk", "tcyl"),
    "n:": ("keratometric_index", "value"),
    "CVD:": ("cvd", "ignore"),
}
LABEL_SET = frozenset(LABELS)
_INDEX_LABEL = re.compile(r"^n[:;.e]?$")  # `n: 1,3375` with its colon as OCR reads it
INDEX = "keratometric_index"
_INDEX_FORM = re.compile(r"^1[.,]3\d{3}$")  # the index as printed, one digit and four decimals
_MAY_HOLD_INDEX = re.compile(r"1\D?3")  # a line without it holds no index reading (`1,3375`, `13375`, `1:3375`)
ROWS_PER_BOX = 5
MIN_PRINTED_CHARS = 3  # `A1:`, `(D)`, `+0,52`: the shortest words a result box prints


class IolMaster700:
    """Coordinate-based parser for IOLMaster 700 PDF printouts and their scans."""

    name = "iolmaster700"
    version = "1.0"

    def score(self, document: Document) -> float:
        """The package's score (the footer): the registry asks it without importing this module."""
        return device_score(document)

    def printed(self, document: Document) -> Printed:
        """Labelled eye values, result tables and targets per eye (see `printed`)."""
        return iom700_printed.printed(document)

    def parse(self, document: Document, source: Source) -> BiometryResult:
        collector = CylinderCollector()
        boxes: list[tuple[EyeSide, IolBox, Token | None]] = []
        for page in document.pages:
            if is_calculation_page(page):
                boxes += _read_calculation_page(page, collector)
            elif any(iom700_printed.holds_label(line) for line in page.lines):  # labels OCR lost: any other will do
                _read_analysis_page(page, collector)
        _apply_index(document, collector)
        if document.text_source == "ocr":
            collector.outvote_misreads()
            settle_mean_k(collector)
            for side in collector.sides():
                _agree_on_axes(collector, side)
                _resolve_ocr_axes(collector, side)
            flat_axes_from_cylinders(collector)
            steep_axes_from_flat(collector)
        check_cylinders(collector)
        check_wild_axes(collector)
        _set_aside_unread(collector)
        nulls = _nulls_by_formula([box for _, box, _ in boxes]) if document.text_source == "ocr" else []
        eyes = collector.eyes()
        named = settle_captions_by_numbers([(box, getattr(eyes, side)) for side, box, _ in boxes])
        if document.text_source == "ocr":
            named += headings_from_copies([(side, box) for side, box, _ in boxes])
            named += constants_from_copies([box for _, box, _ in boxes])
            named += srkt_constants_by_numbers([(box, getattr(eyes, side)) for side, box, _ in boxes])
        calculations, iol_provenance, iol_issues = _calculations(boxes, document)
        return BiometryResult(
            document_id=document.sha256,
            source=source,
            device=Device(manufacturer="ZEISS", model="IOLMaster 700", software_version=_version(document)),
            exam_date=_iso(find_exam_date(document)),
            patient=report_patient(document),
            eyes=eyes,
            iol_calculations=calculations,
            status="needs_review",
            extraction=Extraction(
                method="regex",
                parser=f"{self.name}@{self.version}",
                confidence=1.0,
                issues=[*collector.issues, *iol_issues, *nulls, *named],
                provenance={**collector.provenance, **iol_provenance},
            ),
        )


def _read_analysis_page(page: Page, collector: CylinderCollector) -> None:
    """One eye per page, named by its big label (or the side word beside it); a page with both eyes is read half by
    half."""
    side = iom700_printed.analysis_eye(page)
    if side is not None:
        _read_eye_block(page.lines, side, page.number, collector)
        return
    halves = [(region, eye_label([w for w in page.words if region.holds(w)])) for region in (LEFT_HALF, RIGHT_HALF)]
    if not all(found for _, found in halves):
        collector.issue("eye_unknown", f"Page {page.number} shows measurements but no OD/OS label.")
        return
    for region, found in halves:
        _read_eye_block(lines_in(page.words, region), found[0], page.number, collector)  # type: ignore[index]


def _boxes_end(page: Page) -> float:
    """Where a calculation page's result boxes end: the bottom of its last emmetropia line (the page's foot where
    none was read). The legend under them (`(!) Valor-limite  (*) ...  --- nenhum valor medido`) spans the page: its
    `---` lies in the right half of a page that prints OD alone."""
    return max((w.bbox[3] for w in page.words if _EMMETROPIA.search(w.text)), default=1.01)


def _status_top(page: Page) -> float:
    """Where a calculation page's status block starts: the top of its first line holding a status label (the page's
    top where none was read). The header above it prints the patient and the keratometric index for both eyes; a speck
    read `-` there (a rescan, fresh corpus seed 5151) is no eye's value, nor a null of one."""
    return min((line.bbox[1] for line in page.lines if iom700_printed.holds_status_label(line)), default=0.0)


def _read_eye_block(lines: list[Line], side: EyeSide, page: int, collector: CylinderCollector) -> None:
    collector.saw(side)
    rows = labelled_by_order([iom700_printed.in_vocabulary(tokens_of(line.words)) for line in lines], LABEL_SET)
    for tokens in pupil_by_offsets(rows):
        _store_readings(_readings(tokens), side, page, collector)
        store_garbled_axes(tokens, side, page, collector)
    _store_lens_status(lines, side, collector)


def _read_calculation_page(page: Page, collector: CylinderCollector) -> list[tuple[EyeSide, IolBox, Token | None]]:
    found = []
    halves = calculation_halves(page, iom700_printed.holds_status_label)
    read = [_boxes_in_half(half.words, half.boxes, half.lines) for half in halves]
    _mirror_formulas(read[0][0], read[1][0])
    status = [lines_in(half.words, y1=top) for half, (_, top) in zip(halves, read, strict=True)]
    in_vocabulary = iom700_printed.in_vocabulary
    vocabulary = [[in_vocabulary(tokens_of(line.words)) for line in lines] for lines in status]  # read once
    rows = _status_rows(status, vocabulary)
    if any(_labels_twice(tokens) for tokens_of_half in vocabulary for tokens in tokens_of_half):
        message = f"Page {page.number}: one half holds both eyes' copies of a status line; the OD | OS split is unsure."
        collector.issue("eye_halves_unsplit", message)
    labels = [eye_label(half.words) for half in halves]
    if _boxes_in_one_labelled_half(labels, [boxes for boxes, _ in read]):
        message = (
            f"Page {page.number}: both eyes are labelled, one half holds every result box; the OD | OS split is unsure."
        )
        collector.issue("eye_halves_unsplit", message)
    boxes_end = _boxes_end(page)  # the legend under the boxes prints `---` in OS's half, OS printed or not
    status_top = _status_top(page)  # the header above spans both halves, whichever eyes are printed
    shown = [any(w.text.startswith(("AL:", "K1:", "-")) and status_top <= w.y_center < boxes_end for w in half.words)
             for half in halves]  # fmt: skip
    if all(shown) and _boxes_unpaired([boxes for boxes, _ in read], page.source):
        counts = " and ".join(str(len(boxes)) for boxes, _ in read)
        message = f"Page {page.number}: the two eyes' halves hold {counts} result boxes; a box was lost to OCR."
        collector.issue("iol_box_lost", message)
    for k, (half, (boxes, top)) in enumerate(zip(halves, read, strict=True)):
        lines = _emmetropia_lines(half.words, top)
        if shown[k] and lines > len(boxes):
            message = (
                f"Page {page.number}, half {k + 1}: {lines} emmetropia lines printed, {len(boxes)} result boxes read."
            )
            collector.issue("iol_box_lost", message)
    for k, half in enumerate(halves):
        if not shown[k]:
            continue
        side = iom700_printed.calculation_half_eye(half)
        if side is None:
            message = f"Page {page.number}: the {('left', 'right')[k]} half shows values but no OD/OS label."
            collector.issue("eye_unknown", message)
            continue
        collector.saw(side)
        for tokens in rows[k]:
            _store_readings(_readings(tokens), side, page.number, collector)
            store_garbled_axes(tokens, side, page.number, collector)
        _store_lens_status(status[k], side, collector)
        target = _target(status[k])
        found += [(side, box, target) for box in read[k][0]]
    _complete_headings([box for _, box, _ in found])
    collector.issues += complete_truncated_manufacturers([box for _, box, _ in found])
    collector.issues += confirm_garbled_headings([(side, box) for side, box, _ in found])
    return found


def _boxes_in_one_labelled_half(labels: Sequence[tuple[str, Word] | None], boxes: list[list[IolBox]]) -> bool:
    """Whether each half names another eye and only one of them holds result boxes: a page printing both eyes prints
    both grids, so the split put one eye's boxes in the other's half (a margin glyph once moved it to the page's
    edge, and every OD box was read as OS)."""
    named = [label[0] for label in labels if label is not None]
    return len(set(named)) == len(labels) == 2 and sum(bool(b) for b in boxes) == 1


def _boxes_unpaired(boxes: list[list[IolBox]], source: PageSource) -> bool:
    """Whether the two halves of a page read by OCR, printing both eyes, hold unlike numbers of result boxes, both
    some: the printout lays both eyes' grids alike, box for box, so one half lost a box whole (its heading, caption
    and header unread on a rescan, the parse then lost or misplaced its rows); one half without any box is
    `eye_halves_unsplit`'s where both halves are labelled. A text layer loses no box, and its eyes may hold different
    lens choices: unlike counts there are what the device printed."""
    return source != "text-layer" and all(boxes) and len(boxes[0]) != len(boxes[1])


def _emmetropia_lines(words: list[Word], top: float) -> int:
    """The `Emmetropia` labels a half's box grid shows (below `top`, its first caption): every result box prints one,
    so more labels than boxes read means a box was lost whole (its heading, caption and table header unread on a
    rescan; its rows then read into no box, or into a neighbour's place). A label boxed as flat as a rule is a second
    reading of one (`boxes.emmetropia_labels`)."""
    return len(emmetropia_labels([w for w in words if w.y_center > top]))


def _mirror_formulas(left: list[IolBox], right: list[IolBox]) -> None:
    """Each box's `mirror`: the box at the same place in the other eye's grid (the printout lays both eyes'
    calculations out alike, box for box), where both halves hold as many boxes."""
    if len(left) != len(right):
        return
    for one, other in zip(left, right, strict=True):
        one.mirror, other.mirror = other, one


def _nulls_by_formula(boxes: list[IolBox]) -> list[Issue]:
    """An emmetropia line OCR read without a digit (`ce` for `---`; a lone speck digit aside: a printed power has four)
    or lost whole (label and all: nothing read where it stands) in a box of a formula whose every other box on the
    printout reads the null or no digit either (Holladay 2 gives no emmetropia power), at least MIN_VOTES nulls and
    none a power, is the null: a printed power has digits; with fewer boxes, a mark as narrow as the null is
    (`null_mark`). Else it stays unread (review). A null read in a box of a formula whose every other box reads a
    power is unread too (`null_mark.null_doubted`)."""
    settled = [(box, _null_reason(box, boxes)) for box in boxes]  # all judged before any is settled
    for box in [box for box in boxes if null_doubted(box, boxes)]:
        box.emmetropia_unread = True  # the null read where the formula's other boxes print powers: review
    notes = []
    for box, reason in settled:
        if reason is None:
            continue
        box.emmetropia_unread = False
        message = f"{box.formula}: an emmetropia line read without a digit (or lost) is the null: {reason}."
        notes.append(Issue(code="ocr_null_by_formula", severity="info", message=message))
    return notes


def _null_reason(box: IolBox, boxes: list[IolBox]) -> str | None:
    """Why a digitless emmetropia line is the null (the vote across boxes, else the width of its mark on a page with
    too few boxes of the formula: `null_mark`), or None."""
    if (box.emmetropia_digitless or box.emmetropia_lost) and formula_prints_null(box, boxes, min_nulls=MIN_VOTES):
        return "every other box of the formula prints it"
    if null_by_width(box, boxes):
        return "its mark is as narrow as the `---` the formula's other box prints"
    return None


def _complete_headings(boxes: list[IolBox]) -> None:
    """A box whose lens heading lost its manufacturer to OCR (`Ik] CT ASPHINA 409MP`) takes the heading of a box on
    the same page that prints the same model with its manufacturer (`ZEISS CT ASPHINA 409MP`)."""
    named: dict[str, list[Line]] = {}
    for box in boxes:
        manufacturer, model = split_lens_heading(box.lens_heading) if box.lens_heading else (None, "")
        if manufacturer is not None and model:
            named.setdefault(model, box.lens_heading)
    for box in boxes:
        manufacturer, model = split_lens_heading(box.lens_heading) if box.lens_heading else (None, "")
        if manufacturer is None and model in named:
            box.lens_heading = named[model]


def _labels_twice(tokens: list[Token]) -> bool:
    """Whether a half's status line (its tokens in the label vocabulary, `printed.in_vocabulary`) prints an eye's
    label twice (`LS:`, `Refr.-alvo:`, `AL:`): each eye prints it once per line, so the other eye's copy fell in this
    half (labels OCR lost in that copy misplaced the split)."""
    labels = [t.text for t in tokens]
    printed = [t for t in labels if t in FIELDS_OF_LABEL or t == "LS:" or iom700_printed.TARGET_LABEL.match(t)]
    return len(printed) != len(set(printed))


def _status_rows(status: list[list[Line]], vocabulary: list[list[list[Token]]]) -> list[list[list[Token]]]:
    """Each half's status lines as tokens in the label vocabulary (`vocabulary`: each line's `printed.in_vocabulary`
    tokens): a row whose label OCR garbled in both copies read by the order of the block's rows, then a label lost or
    garbled in one copy taken from the other eye's copy."""
    ordered = [labelled_by_order(tokens, LABEL_SET) for tokens in vocabulary]
    rows: list[list[list[Token]]] = []
    for k, lines in enumerate(status):
        copies = status[1 - k]
        half = []
        for line, tokens in zip(lines, ordered[k], strict=True):
            copy = copy_line(line, copies)
            if copy is None:
                half.append(tokens)
                continue
            copy_tokens = ordered[1 - k][[id(c) for c in copies].index(id(copy))]
            half.append(labelled_like_copy(tokens, copy_tokens, iom700_printed.is_vocabulary, LABEL_SET))
        rows.append(half)
    return rows


def _boxes_in_half(words: list[Word], half: Region, lines: list[Line]) -> tuple[list[IolBox], float]:
    """Result boxes of one half (`lines`: its words' lines) in reading order (row-major), and the y where the first
    box starts."""
    captions = [line for line in lines if is_caption(line) or is_caption_row(line)]
    anchors = [w for line in captions for w in line.words if w.text not in ("-", "—")]
    boxes: list[tuple[float, float, IolBox]] = []
    top = 1.01
    below = [w for w in _box_area_words(words, captions) if _is_printed_text(w)]
    columns = []
    for column in split_columns(anchors, _with_labelled_values(below, lines), half):
        column_lines = [line for line in lines_in(words, column) if _holds_text(line)]
        columns.append((column, column_lines, _box_starts(column_lines)))
    read_captions = [lines[i] for _, lines, starts in columns for i, body in starts if body > i]
    for column, column_lines, starts in columns:
        for n, (i, body) in enumerate(starts):
            above = _lettered(column_lines[:i])
            if i == body:  # a box whose caption OCR garbled past reading: that line is no part of its lens heading
                above = [line for line in above if not _level_with_any(line, read_captions)]
            heading = lens_heading(_below_labels(above[-2:]))
            end = _heading_start(column_lines, i, starts[n + 1][0]) if n + 1 < len(starts) else None
            caption, spilled = without_spilled_constant(column_lines[i]) if body > i else (None, [])
            lines_of_box = with_spilled_constant(spilled, column_lines[body:end])
            box = read_box(formula_name(column_lines[i]) or "", heading, lines_of_box)
            box.caption = caption
            y = (heading[0] if heading else column_lines[i]).bbox[1]
            top = min(top, y)
            boxes.append((round(y, 2), column.x0, box))
    return [b for _, _, b in sorted(boxes, key=lambda b: (b[0], b[1]))], top


def _level_with_any(line: Line, captions: list[Line]) -> bool:
    """Whether a line lies level with a formula caption read in another column of the half: the captions of a row of
    boxes share their line, so a line there is a caption OCR garbled (`. F`, `é`), never a lens heading."""
    middle = (line.bbox[1] + line.bbox[3]) / 2
    return any(caption.bbox[1] <= middle <= caption.bbox[3] for caption in captions)


def _box_starts(column_lines: list[Line]) -> list[tuple[int, int]]:
    """Where each box of a column starts: (its caption's line, its body's first line). A box whose caption OCR lost
    whole (`. .`, no letter) starts at its constants line, the body's first: a line holding a labelled constant right
    over a table header, in no box whose table is still to come. Its formula is then unknown (`formula_check` may name
    it by its numbers)."""
    starts: list[tuple[int, int]] = []
    awaiting_table = False
    for k, line in enumerate(column_lines):
        if formula_name(line):
            starts.append((k, k + 1))
            awaiting_table = True
        elif _is_table_header(line):
            awaiting_table = False
        elif not awaiting_table and _opens_uncaptioned_box(column_lines, k):
            starts.append((k, k))
            awaiting_table = True
    return starts


def _opens_uncaptioned_box(column_lines: list[Line], k: int) -> bool:
    """Whether the line at `k` prints a labelled constant right over a table header."""
    return k + 1 < len(column_lines) and _is_table_header(column_lines[k + 1]) and bool(line_constants(column_lines[k]))


def _is_table_header(line: Line) -> bool:
    """`IOL (D)  Ref (D)`, whatever OCR makes of `IOL`."""
    return "(D)" in line.text and sum("(D)" in w.text for w in line.words) >= 2


def _with_labelled_values(words: list[Word], lines: list[Line]) -> list[Word]:
    """The words and, as one word more, each label with the value right after it (`AO: -0,769`): a column boundary
    never falls between a constant's label and its value (the boundary avoids every word; OCR's tight gap between
    them had passed for the gap between two boxes)."""
    kept = {id(w) for w in words}
    return words + [
        Word(f"{a.text} {b.text}", union_bbox([a.bbox, b.bbox]))
        for line in lines
        for a, b in itertools.pairwise(line.words)
        if id(a) in kept and id(b) in kept and a.text.endswith(":") and 0 <= b.bbox[0] - a.bbox[2] <= a.height
    ]


def _lettered(lines: list[Line]) -> list[Line]:
    """The lines holding a letter in a box of type: a line of specks or of one digit (the copyright printed up the
    margin), one of a lone character (a speck read `J` under a heading, a black-and-white rescan: the heading was read
    as `J`), or one boxed as flat as a rule (`boxes.flat_height` of the lines' words: the lens icon's lower edge read
    `i` between a heading's two lines), between a lens heading's two lines or under it separates nothing."""
    flat = flat_height([w.height for line in lines for w in line.words])
    return [
        line
        for line in lines
        if _lettered_text(line.text, len(line.words)) and any(w.bbox[3] - w.bbox[1] >= flat for w in line.words)
    ]


@functools.lru_cache(maxsize=16384)
def _lettered_text(line_text: str, words: int) -> bool:
    """Whether a line's text (its `words` joined by spaces) holds a letter and more than one character."""
    return any(ch.isalpha() for ch in line_text) and len(line_text) - (words - 1) > 1


def _heading_start(column_lines: list[Line], caption: int, next_caption: int) -> int:
    """Where the box of the caption at `caption` ends: at the first line of the next box's lens heading."""
    heading = lens_heading(column_lines[caption:next_caption])
    return next(k for k in range(caption, next_caption) if column_lines[k] is heading[0]) if heading else next_caption


def _is_printed_text(word: Word) -> bool:
    """A word of three characters or more with a letter or digit: specks and rule remnants that OCR reads in the gap
    between two boxes (`|`, `—`, `ae`) do not decide where one box ends and the next begins."""
    return len(word.text) >= MIN_PRINTED_CHARS and has_alnum(word.text)


def _holds_text(line: Line) -> bool:
    """Whether a line holds a letter or a digit, or the null mark `---` the device prints for a value it does not
    give: a speck's line (`:` in the margin) stands between no two lines, but an emmetropia line's `---` that OCR
    boxed lower than its label (the hairline rule under it read with the dashes) makes a line of its own in the box's
    column, and is the box's emmetropia null (`boxes.emmetropia_words` takes it level with the label)."""
    return has_alnum(line.text) or any(w.text in MISSING_MARKERS for w in line.words)


def _below_labels(lines: list[Line]) -> list[Line]:
    """The lines after the last one holding a measurement label: a lens heading is never at or above it."""
    labelled = [k for k, line in enumerate(lines) if iom700_printed.holds_label(line)]
    return lines[labelled[-1] + 1 :] if labelled else lines


def _box_area_words(half_words: list[Word], captions: list[Line]) -> list[Word]:
    """The words of a half from its first formula caption down to its last emmetropia line (footer excluded)."""
    if not captions:
        return []
    words = [w for w in half_words if w.y_center >= captions[0].bbox[1]]
    end = max((w.bbox[3] for w in words if w.text[:1] in "Ee" and _EMMETROPIA.search(w.text)), default=None)
    return [w for w in words if end is None or w.y_center <= end]


def _store_readings(readings: list[Reading], side: EyeSide, page: int, collector: CylinderCollector) -> None:
    for reading in readings:
        field, kind = LABELS[reading.label]
        if kind == "ignore":
            continue
        if kind in ("cyl", "tcyl"):
            flat = "k1_axis_deg" if kind == "cyl" else "tk1_axis_deg"
            collector.flat_axes[side].setdefault(flat, []).append((reading, page))
            if kind == "cyl":
                collector.cylinders[side].append(reading)
            continue
        target = f"{field}_d" if kind == "k" else field
        for flag in reading.flags:
            collector.flag(side, target, flag)  # type: ignore[arg-type]
        if reading.missing:
            collector.flag(side, target, "not_measured")
            continue
        value = _as_printed(reading.value, side, target, collector) if reading.value is not None else None
        if value is not None:
            collector.set_number(side, target, value, page)
        if kind == "k":
            _store_keratometry(reading, field, side, page, collector)


def _readings(tokens: list[Token]) -> list[Reading]:
    """The labelled readings of one row's tokens; a value OCR garbled stays unread (`values.garbled_values_unread`),
    and a label whose value OCR lost reads nothing past the next label of the printout (`P: Ix: +0,3 mm`: the
    offset is no pupil)."""
    kept = garbled_values_unread(without_colons_read_as_digits(tokens, LABEL_SET), LABEL_SET)
    others = frozenset(t.text for t in kept if t.text != "SD:" and iom700_printed.is_other_label(t.text))
    return [r for r in read_labels(kept, LABEL_SET | others) if r.label in LABEL_SET]


def _as_printed(token: Token, side: EyeSide, field: str, collector: EyeCollector) -> Token | None:
    """The value token, with the decimal mark OCR lost put back where the field's printed digits allow (a note);
    None for a reading with other decimals than the device prints (`45,006`, `7`): a misread, left for another
    copy of the value to give, else completeness sends the document to review."""
    restored = with_decimal_mark(token, field)
    if restored is not None:
        message = (
            f"{side} {field} read as {token.text!r} without its decimal mark: {restored.text} by its printed digits."
        )
        collector.issues.append(
            Issue(code="ocr_decimal_restored", severity="info", eye=side, field=field, message=message)
        )
        return restored
    if decimals_unprinted(token.text, field):
        message = f"{side} {field} read as {token.text!r}: the device prints other decimals; reading set aside."
        collector.issues.append(Issue(code="ocr_digit_count", severity="info", eye=side, field=field, message=message))
        return None
    return token


def _set_aside_unread(collector: EyeCollector) -> None:
    """A value read after its label but set aside for its digits (`ocr_digit_count`: `LT: 4 4,87 mm` read `4`) that no
    other copy gives, where no copy prints the null either, is printed and unread: the set-aside becomes an error, so
    the document goes to review whatever the inventory made of the row (its label garbled in both copies)."""
    eyes = collector.eyes()
    unread = {
        (issue.eye, issue.field)
        for issue in collector.issues
        if issue.code == "ocr_digit_count"
        and (eye := getattr(eyes, issue.eye or "", None)) is not None
        and getattr(eye, issue.field or "", 0) is None
        and "not_measured" not in eye.flags.get(issue.field or "", [])
    }
    collector.issues = [
        issue.model_copy(update={"severity": "error"}) if (issue.eye, issue.field) in unread else issue
        for issue in collector.issues
    ]


def _store_keratometry(reading: Reading, field: str, side: EyeSide, page: int, collector: CylinderCollector) -> None:
    radius = f"{field}_radius_mm"  # the contract has radii for K1 and K2, not for TK1 and TK2
    plausible = reading.radius is not None and reading.radius.number is not None and reading.radius.number < 15
    if plausible and radius in Eye.model_fields:
        collector.set_number(side, radius, reading.radius, page)  # type: ignore[arg-type]
    if reading.axis is None or reading.axis.number is None:
        return
    if 0 <= reading.axis.number <= 180:
        collector.set_number(side, f"{field}_axis_deg", reading.axis, page, as_int=True)
    else:
        collector.wild_axes.append((side, f"{field}_axis_deg", reading.axis))  # judged once every page is read


def _resolve_ocr_axes(collector: EyeCollector, side: EyeSide) -> None:
    """OCR reads `@16°` as `@162`: an axis printed without its degree sign and ending in 2 or 9 has two readings.

    The one pair of K1/K2 (or TK1/TK2) readings that is 90° apart is taken; with no partner axis, or none or several
    such pairs, the document goes to review (`axis_ambiguous`) — an axis is never guessed.
    """
    for first, second in (("k1_axis_deg", "k2_axis_deg"), ("tk1_axis_deg", "tk2_axis_deg")):
        readings = {name: _readings_of(collector, side, name) for name in (first, second)}
        if all(len(r) <= 1 for r in readings.values()):
            continue
        near = {(x, y) for x in readings[first] for y in readings[second] if _orthogonal(x, y)}
        exact = {(x, y) for x, y in near if abs(x - y) % 180 == 90}
        pairs = exact or near  # the device prints principal meridians 90° apart: an exact pair beats a near one
        if len(pairs) != 1:
            collector.issue(
                "axis_ambiguous",
                f"{side} {first.split('_')[0].upper()} axes: OCR may have read the degree sign as a digit.",
                side=side,
                field=first,
            )
            continue
        x, y = pairs.pop()
        collector.correct(side, first, x)
        collector.correct(side, second, y)


def _agree_on_axes(collector: EyeCollector, side: EyeSide) -> None:
    """Pages that read an axis differently (`@92` and `@9°`; `@112` and `@119` for 11°: the degree sign read as
    another digit on each page) agree on the one value every reading allows, counting a last digit as the degree
    sign; it is taken only with the partner axis (K1 with K2, TK1 with TK2) exactly 90° away, both settled that way.
    Else the conflict stays (review)."""
    for pair in (("k1_axis_deg", "k2_axis_deg"), ("tk1_axis_deg", "tk2_axis_deg")):
        readings = {name: collector.readings(side, name) for name in pair}
        if all(len({value for value, _ in found}) <= 1 for found in readings.values()):
            continue
        common = [_common_axis(found) for found in readings.values()]
        pairs = {(x, y) for x in common[0] for y in common[1] if abs(x - y) % 180 == 90}
        if len(pairs) != 1:
            continue
        for name, value in zip(pair, pairs.pop(), strict=True):
            collector.correct(side, name, value)
            collector.withdraw("conflicting_values", side, name)
        message = f"{side} {pair[0]}/{pair[1]}: OCR readings agree only with the degree sign read as a digit."
        collector.issues.append(
            Issue(code="ocr_axis_agreed", severity="info", eye=side, field=pair[0], message=message)
        )


def _common_axis(readings: list[tuple[float | int, Provenance]]) -> set[int]:
    """The axes every reading allows (as read, or without a last digit that is the degree sign)."""
    allowed = [axis_readings(int(value), where.text) for value, where in readings]
    return set.intersection(*allowed) if allowed else set()


def _readings_of(collector: EyeCollector, side: EyeSide, field: str) -> set[int]:
    value, provenance = collector.value(side, field), collector.provenance.get(f"{side}.{field}")
    if not isinstance(value, int) or provenance is None:
        return set()
    return axis_readings(value, provenance.text)


def _orthogonal(a: int, b: int) -> bool:
    return abs(abs(a - b) % 180 - 90) <= 2


def _store_lens_status(lines: list[Line], side: EyeSide, collector: EyeCollector) -> None:
    text = " ".join(line.text for line in lines)
    status = lens_status(text) or _lens_status_one_letter_off(text)
    if status:
        collector.set_text(side, "lens_status", status)


def _lens_status_one_letter_off(text: str) -> str | None:
    """The lens status after `LS:` spelled with one letter OCR misread, added or lost (`Faéquico`), when that word is
    that close to the spellings of one status only (`phakic` and `aphakic` are one letter apart: never guessed)."""
    words = canonical(text).split()
    after = [b.strip(".,;").lower() for a, b in itertools.pairwise(words) if a.upper() in ("LS:", "LS;")]
    near = {
        status
        for word in after
        for status, spellings in LENS_STATUS.items()
        if any(one_edit_apart(word, spelling) for spelling in spellings)
    }
    return near.pop() if len(near) == 1 else None


def _target(lines: list[Line]) -> Token | None:
    for line in lines:
        tokens = tokens_of(line.words)
        for i, token in enumerate(tokens):
            split = split_at_mark(tokens[i + 1 : i + 4], TABLE_DECIMALS)  # `+0, 00D`: its `00` is no value
            value = split or next((t for t in tokens[i + 1 : i + 3] if t.number is not None), None)
            if iom700_printed.TARGET_LABEL.match(token.text) and value is not None:
                return value
    return None


def _apply_index(document: Document, collector: EyeCollector) -> None:
    """The keratometric index `n: 1,3375` is printed in every page's header and holds for both eyes: every page's
    reading of it under its label (also read `n;`, `ne`) gives it, else every number in its printed form where OCR
    lost the label (`01/02/2023 1,3375 CVD:`): nothing else on the printout prints one digit and four decimals. Pages
    that read it differently conflict, as any value's copies do (`EyeCollector`: a misread outvoted by enough pages,
    else review); the first page's reading alone had been taken, `1,3376` on page 1 against `1,3375` on the rest."""
    readings = list(_index_readings(document))
    labelled = [(page, value) for page, label, value in readings if _INDEX_LABEL.match(label.text)]
    unlabelled = [(page, value) for page, _, value in readings if _INDEX_FORM.match(value.text)]
    for page, value in labelled or unlabelled:
        for side in collector.sides():
            collector.set_number(side, INDEX, value, page)


def _index_readings(document: Document) -> Iterator[tuple[int, Token, Token]]:
    """(page, token before, value) for every value read as a keratometric index (`n: 13375`: its mark put back)."""
    for page in document.pages:
        for line in (line for line in page.lines if _MAY_HOLD_INDEX.search(canonical(line.text))):
            for label, read in itertools.pairwise(tokens_of(line.words)):
                value = with_decimal_mark(read, INDEX) or read  # `n: 13375`
                if value.number and 1.3 < value.number < 1.4 and not decimals_unprinted(value.text, INDEX):
                    yield page.number, label, value


def _calculations(
    boxes: list[tuple[EyeSide, IolBox, Token | None]], document: Document
) -> tuple[list[IolCalculation], dict[str, Provenance], list[Issue]]:
    inferred = document.text_source != "text-layer"
    calculations: list[IolCalculation] = []
    provenance: dict[str, Provenance] = {}
    issues: list[Issue] = []
    page_of = {id(w): p.number for p in document.pages for w in p.words}
    for side, box, target in boxes:
        prefix = f"iol_calculations[{len(calculations)}]"
        if not box.lens_heading or split_lens_heading(box.lens_heading)[0] is None:
            message = f"{side} {box.formula}: no lens heading `Manufacturer Model` above the formula caption."
            issues.append(Issue(code="iol_lens_unread", severity="error", field=prefix, message=message))
        for problem in _ocr_problems(box, target) if inferred else []:
            where = f"{side} {box.formula}"
            issues.append(
                Issue(code="iol_table_unreadable", severity="error", field=prefix, message=f"{where}: {problem}.")
            )
        calculation, records = _calculation(side, box, target, inferred)
        calculations.append(calculation)
        for key, token in records.items():
            page = page_of.get(id(token.word)) or _page_holding(document, token.word)
            provenance[f"{prefix}.{key}"] = provenance_of(page, token.word)
    if inferred and calculations:
        issues.append(
            Issue(
                code="selected_row_inferred",
                severity="info",
                message="Bold is not visible to OCR: the highlighted IOL row is the one closest to the target.",
            )
        )
    return calculations, provenance, issues


def _page_holding(document: Document, joined: Word) -> int:
    """The page of a word joined from words OCR split (`+22 21`): the page whose words inside its box are its parts."""
    x0, y0, x1, y1 = joined.bbox
    for page in document.pages:
        inside = [w for w in page.words if w.bbox[0] >= x0 and w.bbox[1] >= y0 and w.bbox[2] <= x1 and w.bbox[3] <= y1]
        if [w.text for w in sorted(inside, key=lambda w: w.bbox[0])] == joined.text.split():
            return page.number
    return 0


def _ocr_problems(box: IolBox, target: Token | None) -> list[str]:
    """What OCR may have lost or misread of a result box, its target and its lens name (`restore_signs` mends the
    signs it can: on OCR pages only)."""
    return [*_ocr_table_problems(box), *_target_problems(target, box), *_lens_word_lost(box)]


def _ocr_table_problems(box: IolBox) -> list[str]:
    """What OCR may have lost from a result box: a row, a constants line, a constant's sign, a refraction's sign."""
    unread = ["the emmetropia power is unreadable"] if box.emmetropia_unread else []
    return (
        _row_count(box)
        + _missing_constants(box)
        + _unsigned_constants(box)
        + _constants_unprinted(box)
        + restore_signs(box)
        + _cells_unprinted(box)
        + unread
    )


def _lens_word_lost(box: IolBox) -> list[str]:
    """A model one word short of another catalogue name (`AcrySof SN60WF`: `AcrySof IQ SN60WF`) read with room for
    that word in its heading: the word may be lost, and the name left is as valid as the printed one."""
    model = split_lens_heading(box.lens_heading)[1] if box.lens_heading else ""
    if not one_word_short(model) or not room_in_heading(box.lens_heading, model, box.caption):
        return []
    return [f"the lens read as {model!r} leaves room for a word OCR lost (the catalogue holds it with one more)"]


def _cells_unprinted(box: IolBox) -> list[str]:
    """Every power and refraction of a result table is printed with two decimals (`+21,50`, `-0,39`): one read with
    other decimals lost or gained a digit to OCR (`-0,9` for `-0,91`: a change the table's curve check cannot tell
    from rounding)."""
    return [
        f"the table cell read as {cell.text!r}, not in its printed form"
        for power, refraction, _ in box.rows
        for cell in (power, refraction)
        if cell.number is not None and decimals(cell.text) != TABLE_DECIMALS
    ]


def _target_problems(target: Token | None, box: IolBox) -> list[str]:
    """Every status block prints the target with its sign and two decimals (`Refr.-alvo: +0,00 D`, `-0,25 D`), and on
    an OCR page the row closest to it is taken as the highlighted one: a target read without its sign, with other
    decimals (`-0,2`: a digit lost) or not at all (its value lost, the row closest to 0 taken) may point at another
    row, and leaves the calculation's target wrong or missing."""
    if target is None or not target.text:
        return ["the target refraction is unread"] if box.rows else []
    if not is_signed(target):
        return [f"the target read as {target.text!r} without its printed sign"]
    if decimals(target.text) != TABLE_DECIMALS:
        return [f"the target read as {target.text!r}, not in its printed form"]
    return []


def _unsigned_constants(box: IolBox) -> list[str]:
    """Every constant but the A constant is printed with its sign (`A2: +0,217`): one read without it lost the sign
    to OCR (`40,217`: the `+` read as a 4)."""
    return [
        f"constant {name} read as {token.text!r} without its printed sign"
        for name, token in box.constants.items()
        if _unsigned(name, token)
    ]


def _unsigned(name: str, token: Token) -> bool:
    return name != UNSIGNED_CONSTANT and not is_signed(token)


def _constants_unprinted(box: IolBox) -> list[str]:
    """A constant read in another form than the device prints it (`+0,2` for `+0,210`: decimals lost or set apart)
    lost or gained a glyph to OCR: its value is not the printed one (`constant_lines.PRINTED_FORM`). One read
    without its sign is said once (`_unsigned_constants`)."""
    return [
        f"constant {name} read as {token.text!r}, not in its printed form"
        for name, token in box.constants.items()
        if not _unsigned(name, token) and not printed_form(name, token)
    ]


def _row_count(box: IolBox) -> list[str]:
    """Every result box prints five rows: fewer on an OCR page means a row was not read."""
    return [] if not box.rows or len(box.rows) == ROWS_PER_BOX else [f"{len(box.rows)} rows instead of {ROWS_PER_BOX}"]


def _missing_constants(box: IolBox) -> list[str]:
    """A result box always prints its formula's constants line: none of them read on an OCR page means the line was
    lost; so does no constant at all read under a formula whose constants the vocabulary does not name (`EVO`)."""
    missing = formulas.missing_constants(box.formula, box.constants)
    if missing:
        return [f"constant(s) {', '.join(missing)} not read"]
    return [] if box.constants else ["no constant read"]


def _calculation(
    side: EyeSide, box: IolBox, target: Token | None, infer_selected: bool
) -> tuple[IolCalculation, dict[str, Token]]:
    manufacturer, model = split_lens_heading(box.lens_heading) if box.lens_heading else (None, "")
    records: dict[str, Token] = {f"constants.{k}": t for k, t in box.constants.items()}
    rows = [IolRow(iol_power_d=p.number or 0.0, refraction_d=r.number or 0.0, selected=b) for p, r, b in box.rows]
    target_d = target.number if target is not None else None
    if infer_selected and rows:
        aim = target_d or 0.0
        best = min(range(len(rows)), key=lambda i: abs(rows[i].refraction_d - aim))
        rows = [row.model_copy(update={"selected": i == best}) for i, row in enumerate(rows)]
    for i, (power, refraction, _) in enumerate(box.rows):
        records[f"rows[{i}].iol_power_d"] = power
        records[f"rows[{i}].refraction_d"] = refraction
    if target is not None:
        records["target_refraction_d"] = target
    if box.emmetropia is not None:
        records["emmetropia_power_d"] = box.emmetropia
    calculation = IolCalculation(
        eye=side,
        formula=box.formula,
        iol_model=model,
        iol_manufacturer=manufacturer,
        constants={k: t.number for k, t in box.constants.items() if t.number is not None},
        target_refraction_d=target_d,
        rows=rows,
        emmetropia_power_d=box.emmetropia.number if box.emmetropia else None,
    )
    return calculation, records


def _version(document: Document) -> str | None:
    for page in document.pages:
        match = _VERSION.search(page.text)
        if match:
            return match.group(1)
    return None


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]
