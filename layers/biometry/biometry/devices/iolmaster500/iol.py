"""IOLMaster 500 IOL pages: formula, lens and target of a page, and every lens box of an eye block.

The IOL page names its formula and target in the header (`Formula: SRK®/T`, `Target ref.: plano`) and captions
each box with its lens (`OptA119.1MA60AC`: model MA60AC, its A constant printed again as `A const: 119.10`). The
multi-formula page names one lens in the header (`Lens: OPT 115.54 MTA3U0`) and captions each box with its formula.
Box columns are found from the boxes' own `Emme. IOL:` lines, boxes top to bottom by their table headers.
"""

from __future__ import annotations

import difflib
import itertools
import re

from biometry import formulas
from biometry.devices.collect import EyeCollector
from biometry.devices.iolmaster500 import boxes as box_reader
from biometry.devices.iolmaster500.boxes import Box, BoxDoubt, RowTokens
from biometry.devices.iolmaster500.columns import Column
from biometry.devices.iolmaster500.constants_from_copies import lost_lines_only, with_constants_from_copies
from biometry.devices.iolmaster500.emme_copies import with_powers_from_copies
from biometry.devices.iolmaster500.model_copies import BoxPlace
from biometry.devices.layout import Region, lines_in
from biometry.devices.measurements import Token, tokens_of
from biometry.document import Line, Page, Word
from biometry.grounding import provenance_of
from biometry.lens_catalogue import catalogue_name, is_known_model, without_specks_between_letters
from biometry.models import EyeSide, IolCalculation, Issue, Provenance
from biometry.normalize import canonical, decimals

BOX_COLUMN_GAP = 0.08  # `Emme.` words further apart than this (page fraction) start different box columns
TARGET_LABEL_SIMILARITY = 0.8  # `Tacget` for `Target`: one letter of six misread
BOX_EDGE_MARGIN = 0.01  # a box column starts this far left of its `Emme.` words (a rule glyph may lead them)
_FORMULA_TITLE = re.compile(r"Formula\s*:?\s*(.+)$", re.IGNORECASE)
_FORMULA_TITLE_OCR = re.compile(r"\bF[a-z]{4,6}a\s*:\s*(.+)$")  # `Formnula: Haigis`: a letter doubled or garbled
# `Lens: OPT 115.54 MTA3U0`, its colon also read as a semicolon (`Lens;`: a 150-dpi rescan, held-out seed 289)
_LENS_TITLE = re.compile(r"^Lens\s*[:;]\s*(.+)$", re.IGNORECASE)
# `OptA119.1MA60AC`, `Opt A119.0SN60WF`, `OPT 115.54 MTA3U0`: a prefix, the A constant, then the lens model.
_CAPTION = re.compile(r"^[A-Za-z]{0,4}\s*A?\s*(?P<constant>\d{2,3}[.,]\s?\d{1,2})\s*(?P<model>[A-Z0-9][A-Za-z0-9-]*)$")
# The same with the constant's digits as OCR reads the bold Times (`OptAl15.5MTA3U0`, `Opt A119. 1IMA60AC`, `Opt Al
# 19.0SN60WF`, `OptA! 19.0SN60WF`, `Opt A119. MA60AC`: a 1 read as `l` or `!`, a stroke doubled, a space inside the
# number, a decimal lost), up to its decimals; what follows gives the model only when it is a catalogue name.
_OCR_DIGIT = "0123456789lLIOS|!"
_CAPTION_OCR = re.compile(r"^[A-Za-z]{0,4}\s*A?\s*[\dlLIOS|!](?:\s?[\dlLIOS|!]){1,3}[.,]\s?(?P<rest>.+)$")
_MAX_DECIMALS = 2
_CAPTION_EDGES = re.compile(r"^[^A-Za-z0-9]+|\s+[^A-Za-z0-9]{1,2}$")  # a rule or dash beside it: `|}OPT`, `MA60AC =`
_TRAILING_SPECKS = re.compile(r"\s+\S{1,2}$")  # `SRK@/T a`, `SRK@/T P|`: a speck OCR read after a title
_SRK_II_OCR = re.compile(r"^SRK\W{0,2}\s*[I1lTt|!]{1,2}$")
# `SRK®`, `SRK@`: its `II` or `/T` lost to the rule beside it, or garbled into a glyph to three (`SRK® 0`, `SRK® IIT`)
_SRK_ALONE = re.compile(r"^SRK\W{0,2}(?:\s*\S{1,3})?$")
_HOFFER_Q_OCR = re.compile(r"^Hoffer\s*[OQ0]{1,2}$")  # `HofferOQ`: the Q's tail read as a letter of its own
_PLANO = re.compile(r"^plan[o0]$", re.IGNORECASE)
TABLE_UNIT = re.compile(r"\(D[)}\]]{1,2}$")  # `(D)` as OCR closes it: `(D}`, `(D)}` (a rule glyph glued on)
_SUMMARY = re.compile(r"^(?:AL:|K[12l]:|SE:|Cyl|ACD:|Refraction|Status|Target)")


_LINES_LOST = "its lens and constants lines are not readable"
FLAT_SPECK_SHARE = 3  # a caption word less than a third as high as its tallest word is a flat mark, not type
FIELD_GAP_HEIGHTS = 3  # header words further apart than three type heights print different fields
SRK_BY_ROWS = "SRK"  # a page title naming an SRK formula whose `II` or `/T` OCR garbled


def formula_of(page: Page, collector: EyeCollector) -> str | None:
    """The formula an IOL page names in its title (`Formula: SRK(R)/T`), `SRK_BY_ROWS` where its `II` or `/T` is
    garbled; None on other pages."""
    for text in (canonical(phrase) for line in page.lines for phrase in header_phrases(line)):
        match = _FORMULA_TITLE.search(text) or _garbled_formula_title(text)
        if match:
            name = formula_name(match.group(1)) or formula_name(_TRAILING_SPECKS.sub("", match.group(1)))
            if name is not None:
                return name
            if _SRK_ALONE.match(match.group(1).strip()):
                return SRK_BY_ROWS  # `Formula: SRK@YT`: each box's rows name which SRK (`_srk_by_precision`)
            collector.issue("formula_unknown", f"Page {page.number}: the formula `{match.group(1)}` is not known.")
            return None
    return None


def header_phrases(line: Line) -> list[str]:
    """A header line's text parted where its words lie more than `FIELD_GAP_HEIGHTS` type heights apart: the header
    prints its fields side by side (`ID: 4691040` ... `Formula: HofferQ`), and a mark in the photo box at its right
    end may be read as a word of the same line (`Formula: HofferQ aie`, a rescan), which is no part of the title."""
    heights = sorted(w.bbox[3] - w.bbox[1] for w in line.words)
    widest = FIELD_GAP_HEIGHTS * heights[len(heights) // 2]
    phrases = [[line.words[0].text]]
    for left, right in itertools.pairwise(line.words):
        if right.bbox[0] - left.bbox[2] > widest:
            phrases.append([])
        phrases[-1].append(right.text)
    return [" ".join(phrase) for phrase in phrases]


def _garbled_formula_title(text: str) -> re.Match[str] | None:
    """A `Formula:` title OCR garbled (`Formnula: Haigis`), only where what follows names a formula."""
    match = _FORMULA_TITLE_OCR.search(text)
    named = match and (formula_name(match.group(1)) or formula_name(_TRAILING_SPECKS.sub("", match.group(1))))
    return match if named else None


def formula_name(printed: str) -> str | None:
    """The formula a title or caption names, with OCR's spellings of `SRK® II` (`SRK® IT`, `SRK@ TI`, `SRK® I`): upright
    strokes after `SRK` are the Roman two (the device offers no SRK I), `HofferOQ` is HofferQ (it offers no other
    Hoffer); a `/T` read as a stroke is caught by the printed precision (SRK/T prints 0.01 D, SRK II 0.1 D:
    boxes.REFRACTION_DECIMALS)."""
    if _HOFFER_Q_OCR.match(printed.strip()):
        return "Hoffer Q"
    return formulas.formula_name(printed) or ("SRK II" if _SRK_II_OCR.match(printed.strip()) else None)


def lens_of(page: Page) -> str | None:
    """The lens model a multi-formula page names in its header (`Lens: OPT 115.54 MTA3U0` -> `MTA3U0`)."""
    for line in page.lines:
        match = _LENS_TITLE.match(canonical(line.text))
        if match:
            return model_of(match.group(1))
    return None


def target_of(page: Page) -> tuple[float, Token | None] | None:
    """The target refraction the page header prints (`Target ref.: plano` -> 0.0), with its printed token."""
    for line in page.lines:
        tokens = tokens_of(line.words)
        for i in range(len(tokens)):
            if not _is_target_label(tokens, i):
                continue
            for after in tokens[i + 1 : i + 4]:
                if _PLANO.match(after.text):
                    return 0.0, after  # grounded as 0 D (grounding.numbers_in)
                if after.number is not None:
                    return after.number, after
    return None


def model_of(caption: str) -> str:
    """The lens model of a caption that fuses prefix, A constant and model; the caption itself otherwise.

    A rule or dash OCR read at either end is no part of the caption; the constant's digits as OCR garbles them
    (`_CAPTION_OCR`) give the model only when that model is a catalogue name (else the strict reading goes to review).
    """
    text = _CAPTION_EDGES.sub("", caption.strip()) or caption.strip()
    strict = _CAPTION.match(text)
    if strict and is_known_model(strict["model"]):
        return strict["model"]
    found = _catalogue_model_after_constant(text) or _catalogue_model_before_speck(text)
    return found or (strict["model"] if strict else text)


def _catalogue_model_before_speck(text: str) -> str | None:
    """The catalogue model of a caption followed by a speck OCR read as a word of its own (`OptA119.1IMA60AC a`: a
    mark in the blank band under it, read with the caption's line), only where the caption without it names one."""
    caption = _TRAILING_SPECKS.sub("", text)
    strict = _CAPTION.match(caption) if caption != text else None
    if strict and is_known_model(strict["model"]):
        return strict["model"]
    return _catalogue_model_after_constant(caption) if caption != text else None


def _catalogue_model_after_constant(text: str) -> str | None:
    """The catalogue model that follows a constant OCR garbled (`_CAPTION_OCR`), its decimals (none to two OCR
    digits) told from the model by the catalogue, spaces OCR set inside the model aside (`SA60A T`), and a point read
    between two of its letters (`Z.CB00`: the bold Z's foot before C, read so by every preparation); a model OCR
    spelled with O for 0 (`ZCBOO`) counts when it stands for one catalogue name (the parse then names it so); else
    None."""
    loose = _CAPTION_OCR.match(text)
    rest = loose["rest"] if loose else ""
    for names_a_model in (is_known_model, catalogue_name):  # spelled as printed first, then as OCR spells it
        for digits in range(min(_MAX_DECIMALS, len(rest)) + 1):
            model = without_specks_between_letters("".join(rest[digits:].split()))
            if all(c in _OCR_DIGIT for c in rest[:digits]) and model[:1].isalnum() and names_a_model(model):
                return model
    return None


def has_boxes(page: Page) -> bool:
    """True for a page that prints IOL result boxes (their `Emme. IOL:` lines)."""
    return bool(box_reader.emmetropia_words(page.words))


class IolReader:
    """Reads the lens boxes of IOL pages into calculations, with provenance and the issues found on the way."""

    def __init__(self, *, inferred: bool) -> None:
        self.inferred = inferred
        self.calculations: list[IolCalculation] = []
        self.provenance: dict[str, Provenance] = {}
        self.issues: list[Issue] = []
        self.unsigned_targets: list[int] = []  # calculations whose target OCR read without a sign, to settle
        self.power_doubts: list[BoxDoubt] = []  # boxes whose only doubt is the emmetropia power, to settle
        self.constants_doubts: list[BoxDoubt] = []  # boxes whose only doubt is a constants line lost
        self.clean: set[int] = set()  # boxes read without any doubt (copies for the doubts above)
        self.places: list[BoxPlace] = []  # where each calculation's box is printed

    def settle_target_signs(self) -> None:
        """A non-zero target read without its sign (`0.50 D` for `-0.50 D`: the serif minus is a few pixels) takes
        the sign under which every box of its page has its bold row closest to the target, as the device selects
        it; when both signs or neither fit, the boxes go to review."""
        indices, self.unsigned_targets = self.unsigned_targets, []
        if not indices:
            return
        read = self.calculations[indices[0]].target_refraction_d or 0.0
        fitting = [t for t in (-abs(read), abs(read)) if all(_selection_fits(self.calculations[i], t) for i in indices)]
        for i in indices:
            calculation = self.calculations[i]
            if len(fitting) == 1:
                self.calculations[i] = calculation.model_copy(update={"target_refraction_d": fitting[0]})
                continue
            message = f"{calculation.eye} {calculation.formula}: the target is read without a sign the rows can settle."
            self.issues.append(_error("iol_box_unreadable", message, calculation.eye, f"iol_calculations[{i}]"))

    def read_column(self, page: Page, column: Column, formula: str | None, lens: str | None) -> None:
        """Every box of one eye block: box columns side by side, boxes top to bottom."""
        lines = lines_in(column.words)
        target = _column_target(lines) or target_of(page)
        top = max((ln.bbox[3] for ln in lines if _SUMMARY.match(ln.words[0].text)), default=0.0)
        area = box_reader.split_at_rules([w for w in column.words if w.y_center > top])
        emme_words = box_reader.emmetropia_words(area)
        found = [
            box
            for y0, y1, sub in _box_cells(area, emme_words)
            for box in box_reader.boxes(lines_in(area, sub, y0=y0, y1=y1))
        ]

        for rank, box in enumerate(found):
            self.places.append(BoxPlace(page.number, column.side, rank, len(found)))
            self._add(page.number, column.side, box, formula, lens, target)
        printed = len(emme_words) + len(box_reader.emme_lost_labels(area))
        if printed != sum(1 for box in found if box.emmetropia is not None):
            message = f"Page {page.number}: {printed} lens boxes are printed, {len(found)} could be read."
            self.issues.append(_error("iol_box_unreadable", message, column.side, None))

    def _add(
        self,
        page: int,
        side: EyeSide,
        box: Box,
        page_formula: str | None,
        lens: str | None,
        target: tuple[float, Token | None] | None,
    ) -> None:
        prefix = f"iol_calculations[{len(self.calculations)}]"
        caption, _, constants_lines = box_reader.head_parts(box)  # no manufacturer: see below
        caption_formula = formula_name(caption) or _formula_without_flat_specks(box) or _srk_by_precision(caption, box)
        if page_formula == SRK_BY_ROWS:
            page_formula = _srk_by_precision(page_formula, box)
        formula = caption_formula or page_formula
        where = f"{side} {formula} box {len(self.calculations) + 1}"
        problems: list[str] = []
        if formula is None:
            problems.append(f"the formula of the box `{caption}` is not known")
            formula = caption
        records: dict[str, Token] = {}
        constant_problems: list[str] = []
        known = formula in box_reader.CONSTANTS
        constants = box_reader.constants(constants_lines, formula, constant_problems) if known else {}
        problems += constant_problems
        records |= {f"constants.{k}": t for k, t in constants.items()}
        rows = box_reader.rows(box.rows, problems, ocr=self.inferred)
        rows = _half_bold_selected(rows, target) if self.inferred else rows
        for i, (power, refraction, _) in enumerate(rows):
            records |= {f"rows[{i}].iol_power_d": power, f"rows[{i}].refraction_d": refraction}
        emmetropia = box_reader.emmetropia(box.emmetropia, problems)
        if emmetropia is not None:
            records["emmetropia_power_d"] = emmetropia
        if target is not None and target[1] is not None:
            records["target_refraction_d"] = target[1]
        model = lens if caption_formula is not None and lens is not None else model_of(caption)
        calculation = IolCalculation(
            eye=side,
            formula=formula,
            iol_model=model,
            # the 500 prints none (the real boxes: caption, a blank band, constants); specks OCR finds in the blank
            # band are no name
            iol_manufacturer=None,
            constants={k: t.number for k, t in constants.items() if t.number is not None},
            target_refraction_d=target[0] if target is not None else None,
            rows=box_reader.iol_rows(rows, problems),
            emmetropia_power_d=emmetropia.number if emmetropia is not None else None,
        )
        if self.inferred:
            problems += box_reader.ocr_consistency(calculation, coarse=box_reader.coarse(rows))
            problems += box_reader.unsigned_constants(constants)
            problems += _caption_constant_problems(caption, formula, constants)
        if not caption or not constants_lines:
            problems.append(_LINES_LOST)
        if self.inferred and _unsigned_target(target):
            self.unsigned_targets.append(len(self.calculations))
        issues = [_error("iol_box_unreadable", f"{where}: {problem}.", side, prefix) for problem in problems]
        self._hold(problems, issues, _lost_lines(constant_problems, caption, constants, formula))
        self.calculations.append(calculation)
        self.provenance |= {f"{prefix}.{key}": provenance_of(page, t.word) for key, t in records.items()}

    def _hold(self, problems: list[str], issues: list[Issue], lost_lines: set[str]) -> None:
        """A box's issues filed: a doubt a copy may settle (its emmetropia power; only `lost_lines`, a constants line
        OCR lost) held until every box is read, any other raised; a box without problems kept as a copy."""
        index = len(self.calculations)
        if problems and all(problem.startswith(box_reader.POWER_PROBLEM) for problem in problems):
            self.power_doubts.append(BoxDoubt(index, issues))  # a copy may settle it
        elif self.inferred and problems and set(problems) <= lost_lines:
            self.constants_doubts.append(BoxDoubt(index, issues))  # a copy may settle it
        else:
            self.issues += issues
        if not problems:
            self.clean.add(index)

    def settle_constants(self) -> None:
        """Each box's constants line OCR lost taken from the boxes of its lens and formula, else its doubt raised
        (`constants_from_copies`); before lens names are settled from other boxes, so only names read count."""
        doubts, self.constants_doubts = self.constants_doubts, []
        self.calculations, issues = with_constants_from_copies(self.calculations, doubts, self.clean, self.provenance)
        self.issues += issues

    def settle_powers(self) -> None:
        """Each emmetropia power in doubt taken from the copy of its box on another page, else its doubt raised
        (`emme_copies`); after the lens names are settled, as the copies are found by them."""
        doubts, self.power_doubts = self.power_doubts, []
        self.calculations, issues = with_powers_from_copies(self.calculations, doubts, self.provenance)
        self.issues += issues

    def check_constants(self) -> None:
        """The same lens and formula prints the same constants in every box (both eyes, every page)."""
        seen: dict[tuple[str, str, str], float] = {}
        for calculation in self.calculations:
            for name, value in calculation.constants.items():
                key = (calculation.formula, calculation.iol_model, name)
                if seen.setdefault(key, value) != value:
                    message = f"{calculation.iol_model} {calculation.formula} {name} is printed as two values."
                    self.issues.append(_error("iol_constants_conflict", message, calculation.eye, None))


def _lost_lines(problems: list[str], caption: str, constants: dict[str, Token], formula: str) -> set[str]:
    """The problems a box's constants `problems` and a missing constants line amount to when all it read of its
    constants is well-formed (printed decimals) and some of the formula's, not all: a line OCR lost, which a copy may
    settle (`constants_from_copies`); none otherwise (a box without its caption too)."""
    expected = box_reader.CONSTANTS.get(formula, {})
    numbers = {k: t.number for k, t in constants.items() if t.number is not None}
    printed = all(decimals(t.text) == expected.get(k) for k, t in constants.items())
    if not caption or len(numbers) != len(constants) or not printed or not lost_lines_only(formula, numbers):
        return set()
    return {*problems, _LINES_LOST}


def _box_cells(area: list[Word], emmetropia_words: list[Word]) -> list[tuple[float, float, Region]]:
    """The lens boxes of an eye block as (top, bottom, columns): row by row, each row split where its own table
    header's `IOL (D) REF (D)` groups part, so rows moved sideways against each other still read; a row reaches from
    the previous row's `Emme. IOL:` lines to its own. Without readable headers: columns from the `Emme.` words."""
    headers = [line for line in lines_in(area) if box_reader.is_table_header(line)]
    splits = [_header_splits(line) for line in headers]
    if not headers or any(s is None for s in splits):
        return [(0.0, 1.01, region) for region in _box_columns(emmetropia_words)]
    cells: list[tuple[float, float, Region]] = []
    top = 0.0
    for i, (line, cuts) in enumerate(zip(headers, splits, strict=True)):
        below = headers[i + 1].bbox[1] if i + 1 < len(headers) else 1.01
        ends = [w.bbox[3] for w in emmetropia_words if line.bbox[3] < w.y_center < below]
        bottom = max(ends) + 0.002 if ends else (line.bbox[3] + below) / 2
        edges = [-1.0, *(cuts or []), 1.01]
        cells += [(top, bottom, Region(a, b)) for a, b in itertools.pairwise(edges)]
        top = bottom
    return cells


def _header_splits(line: Line) -> list[float] | None:
    """Where a table header line parts between boxes: midway from one box's last `(D)` to the next box's first word.
    None when its `(D)` units (`TABLE_UNIT`) do not pair up (a unit lost by OCR)."""
    words = sorted(line.words, key=lambda w: w.bbox[0])
    units = [i for i, w in enumerate(words) if TABLE_UNIT.search(w.text)]
    if not units or len(units) % 2:
        return None
    cuts = []
    for k in range(2, len(units), 2):
        first = units[k] - 1 if units[k] - 1 > units[k - 1] else units[k]
        cuts.append((words[units[k - 1]].bbox[2] + words[first].bbox[0]) / 2)
    return cuts


def _box_columns(emmetropia_words: list[Word]) -> list[Region]:
    """The box columns of an eye block: each starts at the left edge of its boxes' `Emme. IOL:` lines."""
    edges: list[float] = []
    for x0 in sorted(w.bbox[0] for w in emmetropia_words):
        if not edges or x0 - edges[-1] > BOX_COLUMN_GAP:
            edges.append(x0)
    starts = [0.0, *(x0 - BOX_EDGE_MARGIN for x0 in edges[1:])]
    return [Region(a, b) for a, b in zip(starts, [*starts[1:], 1.01], strict=True)]


def _caption_constant_problems(caption: str, formula: str, constants: dict[str, Token]) -> list[str]:
    """On a formula page the caption prints the lens's A constant (`OptA119.1MA60AC`: 119.1), and an SRK/T box's
    `A const: 119.10` must say the same (to the caption's decimals): two readings of one number, one checks the other.
    Only a caption read in the device's form counts (an OCR-garbled constant proves nothing)."""
    token = constants.get("a_constant")
    match = _CAPTION.match(_CAPTION_EDGES.sub("", caption.strip())) if formula == "SRK/T" else None
    if token is None or token.number is None or match is None:
        return []
    printed = re.sub(r"\s", "", match.group("constant")).replace(",", ".")
    if round(token.number, decimals(printed)) == float(printed):
        return []
    return [f"its A constant {token.text} is not the {printed} its caption prints"]


def _column_target(lines: list[Line]) -> tuple[float, Token | None] | None:
    """A target printed inside the eye block (`Target ref.: -0.50 D`)."""
    for line in lines:
        tokens = tokens_of(line.words)
        for i in range(len(tokens)):
            if _is_target_label(tokens, i):
                found = next((t for t in tokens[i + 1 : i + 4] if t.number is not None), None)
                return (found.number, found) if found is not None and found.number is not None else None
    return None


def _is_target_label(tokens: list[Token], index: int) -> bool:
    """`Target ref.:`, also as OCR garbles the serif word (`Tacget ref.:`) when `ref` follows it."""
    word = tokens[index].text.lower()
    if word.startswith("target"):
        return True
    followed = index + 1 < len(tokens) and tokens[index + 1].text.lower().startswith("ref")
    return followed and difflib.SequenceMatcher(None, word, "target").ratio() >= TARGET_LABEL_SIMILARITY


def _selection_fits(calculation: IolCalculation, target: float) -> bool:
    """True when the one bold row of the box is (one of) the rows closest to `target`."""
    selected = [row.refraction_d for row in calculation.rows if row.selected]
    distances = [abs(row.refraction_d - target) for row in calculation.rows]
    return len(selected) == 1 and abs(selected[0] - target) <= min(distances) + 1e-9


def _srk_by_precision(caption: str, box: Box) -> str | None:
    """A caption OCR read as `SRK®` alone or with its `II` or `/T` garbled (`SRK® 0`; the multi-formula page's
    `SRK® II` or `SRK®/T`, beside a rule or in bold Times that fills): the device offers these two SRK formulas only
    and prints SRK II's refractions to 0.1 D, SRK/T's to 0.01 D (`boxes.REFRACTION_DECIMALS`), so every row's
    precision names it; None where the rows do not agree."""
    if not _SRK_ALONE.match(caption.strip()):
        return None
    printed = {decimals(refraction.text) for _, refraction, _ in box_reader.rows(box.rows, [], ocr=True)}
    named = [f for f in ("SRK II", "SRK/T") if {box_reader.REFRACTION_DECIMALS[f]} == printed]
    return named[0] if len(box.rows) == box_reader.TABLE_ROWS and named else None


def _half_bold_selected(rows: list[RowTokens], target: tuple[float, Token | None] | None) -> list[RowTokens]:
    """Where OCR measured no row bold in both numbers (`20.5` bold, `0.0` too short to measure), the one row with a
    bold number is the selected row when its refraction is (one of) the closest to the signed target, as the device
    selects it; otherwise the rows as measured (review: no bold row)."""
    if any(bold for _, _, bold in rows) or target is None or _unsigned_target(target):
        return rows
    half = [i for i, (power, refraction, _) in enumerate(rows) if power.word.bold or refraction.word.bold]
    if len(half) != 1:
        return rows
    distances = [abs((refraction.number or 0.0) - target[0]) for _, refraction, _ in rows]
    if distances[half[0]] > min(distances) + 1e-9:
        return rows
    return [(power, refraction, i == half[0]) for i, (power, refraction, _) in enumerate(rows)]


def _unsigned_target(target: tuple[float, Token | None] | None) -> bool:
    """True for a non-zero target read without a sign (`0.50 D`): the minus of the serif header is a few pixels OCR
    loses, so the sign is not known."""
    if target is None or target[1] is None or target[0] == 0:
        return False
    return target[1].text[:1].isdigit()


def _error(code: str, message: str, side: EyeSide | None, field: str | None) -> Issue:
    return Issue(code=code, severity="error", eye=side, field=field, message=message)


def _formula_without_flat_specks(box: Box) -> str | None:
    """The formula a box caption names once the flat marks OCR read beside it as words are left out (`Haigis a`: a
    rule's remains in the blank band under the caption, 0.0003 page high beside a 0.016 caption; a real 200-dpi
    rescan): a word less than a third as high as the caption's tallest is no type. A glyph of the caption's own size
    stays (`Haigis L` names no formula, never Haigis)."""
    if not box.head:
        return None
    words = box.head[0].words
    tallest = max(word.height for word in words)
    kept = [word.text for word in words if word.height * FLAT_SPECK_SHARE >= tallest]
    return formula_name(" ".join(kept)) if 0 < len(kept) < len(words) else None
