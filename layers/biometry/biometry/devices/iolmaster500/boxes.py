"""IOLMaster 500 lens boxes as printed: split a box column into boxes, then read constants, rows and emmetropia.

A box prints a caption (`OptA119.1MA60AC`: lens and A constant fused, or a formula name on the multi-formula page),
constants lines (`A const: 119.10`, `A0 const: -0.705`), the `IOL (D)  REF (D)` header, seven rows of which the
selected one is printed bold, and `Emme. IOL: 22.10`. The bold row is told from the measured ink (OCR) or the font
(text layer), never guessed from the refraction.
"""

from __future__ import annotations

import difflib
import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from biometry import formulas
from biometry.devices.iolmaster500.constant_places import Placed, named_by_place
from biometry.devices.measurements import Token, tokens_of
from biometry.document import DOUBTFUL_NUMBER, Line, Word, union_bbox
from biometry.models import IolCalculation, IolRow, Issue
from biometry.normalize import canonical, decimals, ocr_cell_number, parse_number
from biometry.rules import power_at_zero_refraction

POWER_PROBLEM = "the emmetropia power"  # how a box's problem with its `Emme. IOL:` power begins (`emme_copies`)
# Constants each formula's box prints, with their printed decimals.
CONSTANTS: dict[str, dict[str, int]] = {
    "Haigis": {"a0": 3, "a1": 3, "a2": 3},
    "SRK II": {"a_constant": 2},
    "Holladay 1": {"sf": 2},
    "SRK/T": {"a_constant": 2},
    "Hoffer Q": {"pacd": 2},
}
# The printed label of each single-constant formula's constant (letters and digits, lower case), and how close a
# garbled label must come to it to name it.
PRINTED_CONSTANT_LABEL = {"a_constant": "aconst", "sf": "sfconst", "pacd": "pacdconst"}
GARBLED_LABEL_SIMILARITY = 0.75
OCR_REFRACTION_STEP_SPREAD_D = 0.04
OCR_EMMETROPIA_TOLERANCE_D = 0.05
# SRK II and Hoffer Q print refractions to 0.1 D: rounding alone moves a step by up to 0.1 D and the interpolated
# emmetropia power by about 0.06 D, so their checks allow that much more (a sign or tens-digit misread still fails).
COARSE_REFRACTION_STEP_SPREAD_D = 0.24
COARSE_EMMETROPIA_TOLERANCE_D = 0.12
REFRACTION_DECIMALS = {"SRK II": 1, "Hoffer Q": 1, "SRK/T": 2, "Haigis": 2}  # as the real printout prints them
# OCR of a scanned Courier minus before a refraction: `19.50 “1.13` or `20.0 =1.3` is a minus (with the other garbled
# cells: normalize.ocr_cell_number). Repaired only where the even refraction steps of at least three rows can prove
# the sign (a sign error of 0.10 D or more breaks them).
OCR_MINUS_MIN_D = 0.10
OCR_MINUS_MIN_ROWS = 3
TABLE_ROWS = 7  # a lens box prints seven rows
_CUT_AT_MARK = re.compile(r"^[+-]?\d{1,2}[.,]$")  # a table number OCR cut after its decimal mark
_DECIMALS_ALONE = re.compile(r"^\d{1,2}$")
EMME = re.compile(r"^\s*Em+e(?!t)", re.IGNORECASE)  # not the IOLMaster 700's `Emmetropia`: its pages are no 500's
# `Emme.` as OCR reads the device's Courier `mm` (stems merged into one blot at 140 dpi): `Eume.`, `Eame.`, `Eeme.`,
# `fame.`, `mume.`, `Home.`, a rule glyph before it (`JEmme.`). A word of its own ending in `e.` (never `Emmetropia`).
# `jemme.`: the rule read j, E read e; an m's stems kept somewhere (`meee.`: specks in a photo, not a box line).
# Two glyphs at least between the first and `e.`: `mm` leaves two (a rescan's A-scan axis read `ene.` is no box).
_EMME_OCR = re.compile(r"^[|lIjJ\[({—_-]*[EFHfme](?=[a-z]*[mnuw])[mnuaeorw]{2,3}e\.$")
# The box's left rule and the E read together as up to four glyphs of any kind before a hinted `mme.` (`jumme.`,
# `J#mme.`, `jJZEmme.`, `lIZ-mme.`): the device frames' boxes that touch the eye block's frame; a speck glued after
# the point read as a comma (`jkmme.,`, a 300-dpi rescan).
_EMME_RULE_GARBLED = re.compile(r"^\S{0,4}mme\.,?$")
UNIT_GAP_HEIGHTS = 3.0  # a unit follows its number ~1.5 type heights on (one Courier space); a box's label 5 or more
_NUMBER = re.compile(r"^[+-]?\d+[.,]\d+$")
# `IOL (D)  REF (D)`, also with the first unit garbled or lost (`IOL A. REF (D)`, `IOL REF (D)`: the box would run
# into the next one), the last unit closed as OCR closes it (`TOL (D) REF (D}`: a box's own header, its `IOL` garbled)
_TABLE_HEADER = re.compile(r"IOL\s*\(D\).*REF|\(D\).*\(D[)}\]]|^IOL\s+(?:\S{1,4}\s+)?REF\b", re.IGNORECASE)
# A box's left rule read as a glyph glued to the first word of a line: `|Opt`, `lA const:`, `(OPT`, `ISRK®`.
_RULE_GLYPH = re.compile(r"^[|lIijJ/(\[{—_-]+(?=Opt|OPT|A\b|Aconst|A[0-9O?l]|pACD|Emme|SRK|Haigis|Hoffer|Holladay)")
_INNER_RULE = re.compile(r"_*\|_*")  # a rule between two boxes inside one OCR word, with the table's underscores
_RULE_ALONE = re.compile(r"^[|lIijJ/(\[{\]}]+$")  # a rule read as a word of its own (`|`, `|]`)
_UNDERLINE = re.compile(r"^[_—]+$")  # a horizontal rule's remains read as a word of its own
_CONSTANT_LINE = re.compile(r"[A-Za-z].*:\s*[+-]?\d")
# The `IOL:` of `Emme. IOL:` as OCR reads the Courier (`LOL:`, `TOL:`): after the table, before a number, it marks the
# box's emmetropia line where the `Emme.` word is lost
_EMME_VALUE_LABEL = re.compile(r"^[IL1lT|]OL:$")
EMME_LABEL_GAP = 0.03  # page widths between an `Emme.` word and its `IOL:` label (0.014 on the device frames)

RowTokens = tuple[Token, Token, bool]  # power, refraction, printed bold


@dataclass(slots=True)
class Box:
    """One lens box as read: the lines above its table, its row lines and its emmetropia line."""

    head: list[Line]
    rows: list[Line] = field(default_factory=list)
    emmetropia: Line | None = None


def boxes(lines: list[Line]) -> list[Box]:
    """Split a box column's lines into boxes: head lines, the `IOL (D)  REF (D)` header, rows, `Emme. IOL:`."""
    found: list[Box] = []
    pending: list[Line] = []
    current: Box | None = None
    for line in (without_rule_glyph(line) for line in lines if not _rule_only(line)):
        text = canonical(line.text)
        if _TABLE_HEADER.search(text):
            current = Box(head=pending)
            pending = []
        elif (EMME.search(text) or is_emmetropia(line.words[0]) or _emme_lost(line)) and current is not None:
            current.emmetropia = line
            found.append(current)
            current = None
        elif current is not None:
            current.rows.append(line)
        else:
            pending.append(line)
    if current is not None:
        found.append(current)
    return found


def _emme_lost(line: Line) -> bool:
    """True for a box's `Emme. IOL: 19.62` line whose `Emme.` OCR lost or garbled past recognition (`- IOL: 19.62`,
    `|/Zmme . IOL: 19.62` on 150-dpi rescans of the real page): its `IOL:` label before a number, which no table row
    prints."""
    return any(
        _EMME_VALUE_LABEL.match(word.text) and parse_number(after.text) is not None
        for word, after in itertools.pairwise(line.words)
    )


def emme_lost_labels(words: list[Word]) -> list[Word]:
    """The `IOL:` labels of `Emme. IOL:` lines whose `Emme.` word is lost (none of the words just left of the label
    at its height is one): each is a box's emmetropia line the `Emme.` words do not count."""
    labels = [w for w in words if _EMME_VALUE_LABEL.match(w.text)]
    return [label for label in labels if not any(_emme_before(w, label) for w in words)]


def _emme_before(word: Word, label: Word) -> bool:
    """True for an `Emme.` word (or a line of it) just left of `label` at its height; their boxes may overlap a little
    (a line read again alone places its words by their characters: `Emme.` ending 0.003 page widths right of where
    `IOL:` starts)."""
    left = word.x_center < label.x_center and label.bbox[0] - word.bbox[2] <= EMME_LABEL_GAP
    beside = label.bbox[1] <= word.y_center <= label.bbox[3] and left
    return beside and (is_emmetropia(word) or bool(EMME.search(word.text)))


def _rule_only(line: Line) -> bool:
    """True for a line OCR read as box rules only (`|`: the rule between two boxes beside an `Emme.` line above the
    next box's caption, read as a line of its own; it took the multi-formula page's `HofferQ` caption's place; `_`
    under a table header). A row it might hide shows in the row count (`rows`)."""
    return all(_RULE_ALONE.match(word.text) or _UNDERLINE.match(word.text) for word in line.words)


def without_rule_glyph(line: Line) -> Line:
    """The line with a box rule read as a leading glyph (`|Opt`, `lA`) taken off its first word."""
    words = list(line.words)
    while len(words) > 1 and _RULE_ALONE.match(words[0].text):
        words.pop(0)
    if _RULE_GLYPH.match(words[0].text):
        words[0] = replace(words[0], text=_RULE_GLYPH.sub("", words[0].text))
    return Line(tuple(words))


def split_at_rules(words: list[Word]) -> list[Word]:
    """Words with a box rule read inside them (`__119.00__|A`: a value, the rule between two boxes, the next label)
    cut at the rule into the words on either side, each with its share of the box (by characters)."""
    found: list[Word] = []
    for word in words:
        text = word.text.strip("_")
        parts = _INNER_RULE.split(text)
        if len(parts) < 2 or not all(parts):
            found.append(word)
            continue
        x0, y0, x1, y1 = word.bbox
        per_char, start = (x1 - x0) / max(len(word.text), 1), word.text.index(text)
        for part in parts:
            start = word.text.index(part, start)
            found.append(
                replace(word, text=part, bbox=(x0 + per_char * start, y0, x0 + per_char * (start + len(part)), y1))
            )
            start += len(part)
    return found


def is_table_header(line: Line) -> bool:
    """True for a box's `IOL (D)  REF (D)` line (one line may cross several boxes)."""
    return bool(_TABLE_HEADER.search(canonical(line.text)))


def is_emmetropia(word: Word) -> bool:
    """True for the `Emme.` word that starts a box's `Emme. IOL:` line (a rule glyph before it allowed), also as OCR
    garbles its `mm` (`_EMME_OCR`)."""
    text = word.text
    return bool(EMME.search(_RULE_GLYPH.sub("", text)) or _EMME_OCR.match(text) or _EMME_RULE_GARBLED.match(text))


def emmetropia_words(words: Sequence[Word]) -> list[Word]:
    """The `Emme.` words among `words` (`is_emmetropia`), but for a number's unit OCR garbled into one."""
    found = [word for word in words if is_emmetropia(word)]
    if not found:
        return found
    type_height = statistics.median(w.height for w in words)
    return [word for word in found if not _unit_of_a_number(word, words, type_height)]


def _unit_of_a_number(word: Word, words: Sequence[Word], type_height: float) -> bool:
    """Whether a word follows a number on its line at a space's gap, as a unit does: an AL reading's `mm` garbled
    into an `Emme.` (`23.47 mame.`, held-out seed 385, photo of page 1) is no lens box's label. A unit stands ~1.5
    type heights (the words' median) past its number; the next box's `Emme.` 5 and more past the power ending the box
    before it (a number's own box may be taller: a speck glued on)."""
    return any(
        _NUMBER.match(w.text)
        and abs(w.y_center - word.y_center) < w.height / 2
        and 0 <= word.bbox[0] - w.bbox[2] < UNIT_GAP_HEIGHTS * type_height
        for w in words
    )


def head_parts(box: Box) -> tuple[str, list[Line], list[Line]]:
    """A box head as caption text, the lines between caption and constants (a manufacturer), the constants lines."""
    if not box.head:
        return "", [], []
    constants = [line for line in box.head[1:] if _CONSTANT_LINE.search(canonical(line.text))]
    middle = [line for line in box.head[1:] if line not in constants]
    return box.head[0].text, middle, constants


def constants(lines: list[Line], formula: str, problems: list[str]) -> dict[str, Token]:
    """`a0: -0.769  a1: 0.234  a2: 0.217`, `SF: 1.84`, `A const: 118.70`, `pACD: 5.64` -> contract keys; one Haigis
    label OCR garbled is named by its line's place (`constant_places`)."""
    expected = CONSTANTS[formula]
    placed, tokens = _labelled_values(lines, expected)
    renamed = named_by_place(placed, list(expected))
    found = {renamed.get(i, name): token for i, ((_, name, _), token) in enumerate(zip(placed, tokens, strict=True))}
    if set(found) != set(expected) or any(decimals(found[k].text) != expected[k] for k in found):
        problems.append(f"the constants read ({', '.join(sorted(found)) or 'none'}) are not the {formula} ones")
    return found


def _labelled_values(lines: list[Line], expected: dict[str, int]) -> tuple[list[Placed], list[Token]]:
    """Each value of the constants lines with the line it stands on, the constant its label names and the label as
    read (letters and digits, lower case); a label runs from the previous value to this one."""
    placed: list[Placed] = []
    values: list[Token] = []
    label: list[str] = []
    for index, line in enumerate(lines):
        for token in tokens_of(line.words):
            if token.number is not None and label:
                name = re.sub(r"[^a-z0-9]", "", "".join(label).lower())
                placed.append((index, _constant_of_label(name, expected), name))
                values.append(token)
                label = []
            elif token.number is None:
                label.append(token.text)
    return placed, values


def _constant_of_label(name: str, expected: dict[str, int]) -> str:
    """The constant a printed label names; a label OCR garbled past the vocabulary (`InACTD const:` for `pACD
    const:`) names the formula's one constant when it is close to that constant's printed label. Only where the
    formula prints one constant: Haigis' `A0`/`A1`/`A2 const:` differ by a glyph and are never guessed."""
    known = formulas.constant_name(name)
    if known in expected or len(expected) != 1:
        return known
    (only,) = expected
    similarity = difflib.SequenceMatcher(None, name, PRINTED_CONSTANT_LABEL[only]).ratio()
    return only if "con" in name and similarity >= GARBLED_LABEL_SIMILARITY else known


def unsigned_constants(found: dict[str, Token]) -> list[str]:
    """Haigis' a0 is printed negative for most lenses and positive for some (`A0 const: -0.705`): read by OCR
    without a sign it may have lost its minus, and nothing on the page checks it (a1 and a2 are positive)."""
    token = found.get("a0")
    if token is None or token.text.startswith(("-", "+")):
        return []
    return [f"its a0 constant `{token.text}` is read without a sign (OCR loses a minus)"]


def rows(lines: list[Line], problems: list[str], *, ocr: bool = False) -> list[RowTokens]:
    """Every line under the table header must be one `power  refraction` row (on OCR, `“1.13` reads `-1.13`)."""
    found = []
    for line in lines:
        tokens = [_ocr_number(t) for t in _joined_at_mark(tokens_of(line.words))] if ocr else tokens_of(line.words)
        if len(tokens) == 2 and all(t.number is not None for t in tokens):
            found.append((tokens[0], tokens[1], all(t.word.bold for t in tokens)))  # a speck makes one word bold
        else:
            problems.append(f"the table line `{line.text}` is not a row")
    if not found:
        problems.append("no table rows")
    elif ocr and len(found) != TABLE_ROWS:
        problems.append(f"{len(found)} table rows are read, the device prints {TABLE_ROWS}")
    elif len(found) < OCR_MINUS_MIN_ROWS and any(t.text != t.word.text for row in found for t in row[:2]):
        problems.append("a number OCR garbled cannot be checked against enough rows")
    return found


def _joined_at_mark(tokens: list[Token]) -> list[Token]:
    """The tokens with a number OCR split after its decimal mark joined again (`-0.` `86` for `-0.86`, a generated
    frame): a number ending in its mark, then its decimals alone, less than one Courier character apart."""
    joined: list[Token] = []
    for token in tokens:
        last = joined[-1] if joined else None
        if last is not None and _CUT_AT_MARK.match(last.text) and _DECIMALS_ALONE.match(token.text):
            pitch = (last.word.bbox[2] - last.word.bbox[0]) / len(last.word.text)
            if 0 <= token.word.bbox[0] - last.word.bbox[2] < pitch:
                box = union_bbox([last.word.bbox, token.word.bbox])
                word = Word(f"{last.word.text} {token.word.text}", box, bold=last.word.bold and token.word.bold,
                            confidence=min(last.word.confidence, token.word.confidence))  # fmt: skip
                joined[-1] = Token(last.text + token.text, word)
                continue
        joined.append(token)
    return joined


def _ocr_number(token: Token) -> Token:
    """A cell OCR garbled (`“1.13`, `~1.60`, `-l.l`, `Q.3`, `L7.5`) as printed, for the step, emmetropia and power
    checks to confirm; a sign only when the number is large enough for the step check to catch a wrong one."""
    fixed = ocr_cell_number(token.text)
    if fixed is None or (fixed.startswith("-") != token.text.startswith("-") and abs(float(fixed)) < OCR_MINUS_MIN_D):
        return token
    return Token(fixed, token.word)


@dataclass(frozen=True, slots=True)
class BoxDoubt:
    """A box whose only doubt a copy of it elsewhere may settle (its emmetropia power, `emme_copies`; a constants line
    OCR lost, `constants_from_copies`): its index and the issues that hold it."""

    index: int
    issues: list[Issue]


def emmetropia(line: Line | None, problems: list[str]) -> Token | None:
    """The first number of the `Emme. IOL: 21.34` line. A power OCR read unsure (below `DOUBTFUL_NUMBER` after its
    re-read alone, no cell re-read settling it) is in doubt: the device computes it apart from its rounded rows, up to
    0.05 D off their line, so a last digit misread passes every check (a phone photo's `16.39` at 0.37 for 16.37)."""
    tokens = tokens_of(line.words) if line is not None else []
    found = next((t for t in tokens if t.number is not None), None)
    if found is None:
        problems.append(f"{POWER_PROBLEM} is not readable")
    elif found.word.confidence < DOUBTFUL_NUMBER:
        problems.append(f"{POWER_PROBLEM} {found.text} was read unsure (OCR confidence {found.word.confidence:.2f})")
    return found


def coarse(found: list[RowTokens]) -> bool:
    """True when every refraction of the table is printed with one decimal (`-1.2`)."""
    return bool(found) and all(decimals(r.text) == 1 for _, r, _ in found)


def iol_rows(found: list[RowTokens], problems: list[str]) -> list[IolRow]:
    """Rows as printed; the selected row is the one printed bold, and there must be exactly one."""
    built = [IolRow(iol_power_d=p.number or 0.0, refraction_d=r.number or 0.0, selected=b) for p, r, b in found]
    if built and sum(row.selected for row in built) != 1:
        problems.append(f"{sum(row.selected for row in built)} rows are printed bold, not one")
    return built


def _precision_problems(formula: str, *, coarse: bool) -> list[str]:
    """The device prints each formula's refractions to its own precision: a table of the other precision belongs to
    another formula (a title OCR garbled into the wrong name: `SRK®/T` and `SRK® II` differ by a stroke)."""
    printed = REFRACTION_DECIMALS.get(formula)
    if printed is None or coarse == (printed == 1):
        return []
    return [f"{formula} prints its refractions to {printed} decimals, these rows do not"]


def ocr_consistency(calculation: IolCalculation, *, coarse: bool = False) -> list[str]:
    """OCR checks a text layer does not need: even refraction steps, emmetropia where the rows cross zero.

    `coarse`: the refractions are printed to one decimal, and the tolerances allow for that rounding.
    """
    table = calculation.rows
    problems = _precision_problems(calculation.formula, coarse=coarse) if table else []
    tolerance = emmetropia_tolerance(coarse=coarse)
    if not refraction_steps_even([row.refraction_d for row in table], coarse=coarse):
        problems.append("the refraction steps are uneven (an OCR misread?)")
    power = calculation.emmetropia_power_d
    expected = expected_emmetropia([(row.iol_power_d, row.refraction_d) for row in table])
    if power is not None and expected is not None and abs(expected - power) > tolerance:
        problems.append(f"{POWER_PROBLEM} {power} does not fit the rows ({expected:.2f})")
    return problems


def refraction_steps_even(refractions: list[float], *, coarse: bool) -> bool:
    """Whether a table's refractions rise in steps that differ by no more than OCR-read printouts allow (`coarse`:
    printed to one decimal, whose rounding moves a step further)."""
    steps = [b - a for a, b in itertools.pairwise(refractions)]
    spread = COARSE_REFRACTION_STEP_SPREAD_D if coarse else OCR_REFRACTION_STEP_SPREAD_D
    return not steps or max(steps) - min(steps) <= spread


def expected_emmetropia(table: list[tuple[float, float]]) -> float | None:
    """The power on the line through the two neighbouring rows (power, refraction) that lie closest about zero
    refraction, where the device's emmetropia power lies; None without two rows of different refractions."""
    if len(table) < 2:
        return None
    return power_at_zero_refraction(*min(itertools.pairwise(table), key=lambda pair: abs(pair[0][1] + pair[1][1])))


def emmetropia_tolerance(*, coarse: bool) -> float:
    """How far an OCR-read emmetropia power may lie from the rows' line (`expected_emmetropia`)."""
    return COARSE_EMMETROPIA_TOLERANCE_D if coarse else OCR_EMMETROPIA_TOLERANCE_D
