"""EyeSuite lens blocks: model line, manufacturer line, `IOL [D] | Eye [D]` rows, formula caption, constants.

Blocks sit in one or two columns per eye. A column is read top to bottom as a small state machine: text lines are
lens lines until the table header, then rows, then the caption and its constants line close the block. A box
printed without rows (a caption under an empty frame, often beside a toric plot saying `No appropriate lens model
found`) has no calculation and is skipped; icons and box rules that OCR reads as a glyph or two are decoration.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field

from biometry import formulas
from biometry.devices.iol_signs import restore_sign
from biometry.devices.measurements import Token
from biometry.document import Line, Word, group_lines, left_edge
from biometry.normalize import canonical, decimals, parse_number, with_one_decimal_mark

ROW_STEP_RATIO = (0.5, 1.6)  # each refraction step within this share of the median step
# Over five rows (2 D) refraction is nearly linear in power: consecutive steps differ by the rounding (up to 0.02 D)
# and a little curvature. A sign lost on a value near zero (-0.03 read as 0.03) changes two steps by twice the value.
ROW_STEP_CHANGE_D = 0.03
# `IOL [D] | Eye [D]`, also as OCR reads its brackets and its D: `1OL [D} | Eye [D)`, `Lio} Eye (0)`, `IOL [0] Fye [D]`
# (not `IOL EyeSuite`)
TABLE_HEADER = re.compile(r"\[[D0][\]})].*\[[D0][\]})]|OL\b.*\bEye\b|\bEye\s*[\[({][D0]", re.IGNORECASE)
_NO_LENS = re.compile(r"no\s+appropriate", re.IGNORECASE)
_ROW_NUMBER = re.compile(r"^[+-]?\d{1,2}\.\d{2}$")
_FRAME = "|[]{}()_~="  # the box around the selected row, as OCR reads it
# `--0.52`, `-_-0.60`, `_-0.09`: box edge glued on, a minus maybe inside; `'20.00`, `‘21.50`: the table's left rule
# read as a quote on a rescan (a quote may also be OCR's minus: the refraction's sign is left to the neighbours)
_BOX_EDGE = re.compile(r"^[-_'‘’`]+(?=\d)")
_TRAILING_EDGE = re.compile(r"^(\d{1,2}\.\d{2})[1l]$")  # `0.011` on a boxed row: the right box edge read as `1`
_MISREAD_POINT = re.compile(r"^([+-]?\d{1,2})[,:](\d{2})$")  # `17,50`, `0:23`: OCR's reading of a decimal point
_HAIGIS_A1 = re.compile(r"^a[1lIi|]{1,2}$")  # `al1=`, `a1l=`: OCR doubles the `1` of `a1=`
# `LFF1.94`, `LFH1.98`, `DF@4.45`, `LFe1.94`, `LFR1.94` (150-dpi rescans): the small `=` read as F, H, @, e or R; on
# rescans also as `~`, `w`, `n` or `#` (`A~119.30`, `Aw119.10`, `An118.30`, `A#119.10`), but `~` may be a minus sign
# that lost its `=` (and `#` an `=` with a minus glued on): those only for constants never negative; the point read
# as a comma too (`LFe1,98`, a 150-dpi rescan: EyeSuite prints points)
_EQUALS_AS_LETTER = re.compile(r"^([A-Za-z]{1,3})(?:[FH@®eR]|(?P<unsigned>[~wn#]))(\d{1,3}[.,]\d{2,3})$")
_NEVER_NEGATIVE = frozenset({"a_constant", "acd", "pacd"})
# `ISRK/T`, `|Barrett`, `—|SRK/T`: the box's left rule (and a grid line) glued to a caption
_RULE_GLUED = re.compile(r"^[-—–_|Il\[!]+(?=[A-Za-z])")  # also before a letter read in lower case (`lolsen`)
# `IOL` of `IOL [D]`, also OCR's `JOL`, `1OL`, `JIOL`, `lOLID)` (its unit glued) and on a 150-dpi rescan `loLio)`
_HEADER_IOL = re.compile(r"OL", re.IGNORECASE)
# A cell's rule read as a letter: `L`, `l`, `I`, a grid crossing read as `T`: a table row prints no letter alone
_FRAME_LETTERS = re.compile(r"^(?:[|lLI_\[\]{}()]+|[A-Za-z])$")
# The rule between a row's two cells read as a `1` (`18.00 1 -0.69 |`, the real Eyestar's 300-dpi rescan seed 372):
# a table cell prints a number with two decimals, so a lone `1` between the power and the refraction is that rule
_RULE_AS_ONE = "1"
# The rule and the minus beside it read as one mark lying flat (`17.00 _ 0.81` for `17.00 | -0.81`, a 300-dpi rescan)
_RULE_WITH_MINUS = re.compile(r"^\|?_+\|?$")
# The order a caption's constants line prints its constants in (`LF=2.04 / DF=4.50`, `a0=... / a1=... / a2=...`).
PRINTED_ORDER: dict[str, tuple[str, ...]] = {"Barrett Universal II": ("lf", "df"), "Haigis": ("a0", "a1", "a2")}
# ... and what a line of one constant prints: Barrett's LF without its DF (`LF=1.94` over the real Eyestar's CNA0T0)
_PRINTED_ALONE = {"Barrett Universal II": ("lf",)}
# A formula that prints one constant: its constants line names it, whatever OCR made of the name (`4=118.90`)
_ONE_CONSTANT = {
    f: tuple(names) for f, names in formulas.CONSTANTS_OF.items() if len(names) == 1 and f not in PRINTED_ORDER
}
# `LF=2.04`, `ACD const=5.18`, and a short name OCR read as digits (`4=118.90` for `A=118.90`)
_CONSTANTS_LINE = re.compile(r"[A-Za-z]\w*=|(?:^|\s)[A-Za-z0-9]{1,2}=\d")
# what is left of `IOL [D] Eye [D]` when OCR garbles it: a bracket, its `Eye`, or its `IOL` first and read as printed
# (`IOL er Bete`, the italic units garbled: a 300-dpi rescan, held-out seed 328)
_GARBLED_HEADER = re.compile(r"[\[\]{}]|\bEye\b|^IOL\b")
_UNIT_AS_READ = re.compile(r"[\[({][D0O][\]})]")  # the header's `[D]` read with its D as a zero (`(0)`): no digit
ICON_CHARS = 2  # the toric icon before a table header, as OCR reads it (`2|`)
UNSURE_HEADER_WORD = 0.5  # a word read below this confidence between the lens lines and a table is no lens text
_DECIMAL = re.compile(r"\d[.,:]\d")  # a table cell's number (`15.00`, OCR's `0,57`)
_MIN_TEXT_CHARS = 3  # a line with fewer letters and digits is an icon or a rule (`©|`, `Q`, `ce}`), not a lens line


@dataclass(slots=True)
class LensBlock:
    """One block as read: lens lines, rows (power, refraction, bold), caption, constants, no-lens marker."""

    lens_lines: list[Line] = field(default_factory=list)
    rows: list[tuple[Token, Token, bool]] = field(default_factory=list)
    caption: Line | None = None
    constants: dict[str, Token] = field(default_factory=dict)
    header: bool = False
    problems: list[str] = field(default_factory=list)
    unsigned: set[int] = field(default_factory=set)  # rows whose refraction sign is hidden in the box edge

    @property
    def formula(self) -> str | None:
        return formula_of(self.caption) if self.caption else None


def formula_of(line: Line) -> str | None:
    """`Barrett (measured)` -> `Barrett Universal II`, `Hill RBF + Abulafia-Koch` -> `Hill-RBF`; else None.

    The box's left rule may be read as a glyph or two before the caption (`f Barrett (measured)`) or glued to it
    (`ISRK/T`): skipped.
    """
    words = list(line.words)
    while len(words) > 1 and len(canonical(words[0].text)) < _MIN_TEXT_CHARS:
        words.pop(0)
    text = " ".join(canonical(w.text) for w in words)
    return formulas.formula_name(text, by_prefix=True) or formulas.formula_name(
        _RULE_GLUED.sub("", text), by_prefix=True
    )


def caption_words(words: list[Word]) -> list[Word]:
    """Words that start a formula caption (anchors for the column split), the box's rule glued on or not."""
    starts = ("barrett", "olsen", "hill", "haigis", "srk", "hoffer", "holladay", "kane")
    return [w for w in words if _RULE_GLUED.sub("", canonical(w.text)).lower().startswith(starts)]


def column_anchors(words: list[Word]) -> list[Word]:
    """Anchors for the column split: formula captions and the `IOL` of table headers (either may be misread)."""
    headers = [line for line in group_lines(words) if TABLE_HEADER.search(canonical(line.text))]
    return caption_words(words) + [w for line in headers for w in line.words if _HEADER_IOL.search(w.text)]


def read_blocks(lines: list[Line]) -> list[LensBlock]:
    """The blocks of one column, top to bottom."""
    blocks: list[LensBlock] = []
    for line in lines:
        caption = blocks[-1].caption if blocks else None
        if caption is not None and _kind(line) == "text" and _level_with(line, caption):
            blocks[-1].caption = Line(tuple(sorted([*caption.words, *line.words], key=left_edge)))
            continue
        if not blocks or (blocks[-1].caption is not None and _kind(line) == "text"):
            blocks.append(LensBlock())
        _take(blocks[-1], line)
    return blocks


def _level_with(line: Line, caption: Line) -> bool:
    """Whether a line of text lies level with the block's caption (its middle inside the caption's height): the rest
    of the caption, which the grouping split off (`Barrett _` | `(measured)`: a flat speck read at the caption's top
    measured its line, on a 150-dpi rescan, held-out seed 393), never the next block's lens heading under it. (A
    rule's glyph beside it, `|`, is no text: taken in, it had grown the caption over the constants line.)"""
    return caption.bbox[1] <= (line.bbox[1] + line.bbox[3]) / 2 <= caption.bbox[3]


def _kind(line: Line) -> str:
    text = canonical(line.text)
    if _NO_LENS.search(text):
        return "decoration"
    if TABLE_HEADER.search(text):
        return "header"
    if formula_of(line) is not None:
        return "caption"
    if _CONSTANTS_LINE.search(text) or any(_glued_constant(canonical(w.text)) for w in line.words):
        return "constants"
    if _numbers(line) is not None:
        return "row"
    return "text" if sum(c.isalnum() for c in text) >= _MIN_TEXT_CHARS else "decoration"


def _take(block: LensBlock, line: Line) -> None:
    kind = _kind(line)
    if kind == "row" and _garbled_header_above(block, line):
        block.lens_lines.pop()
        block.header = True
    if kind == "caption" and block.caption is None:
        block.caption = line
    elif kind == "constants" and block.caption is not None:
        block.constants.update(named_by_position(line, block.caption))
    elif kind == "header":
        block.header = True
    elif kind == "row" and block.caption is None and (block.header or _headerless_row(block, line)):
        _row(block, line)
    elif kind == "text" and not block.header:
        block.lens_lines.append(line)
    elif kind == "row" and not block.header and len(_numbers(line) or []) < 2:
        pass  # a stray digit outside a table (a plot or an icon read as `2`); a table row has two numbers
    elif kind != "decoration":
        block.problems.append(f"unexpected line {canonical(line.text)!r}")


def cell(word: Word) -> str:
    """A table cell's number without the box glyphs of the selected row; a glued box edge leaves it unsigned.

    EyeSuite prints table cells with a decimal point only, so a comma or colon there is OCR's reading of it.
    """
    text = _MISREAD_POINT.sub(r"\1.\2", _unframed(word))
    edge = _BOX_EDGE.match(text)
    if edge is None or edge.group(0) == "-":
        return text
    unsigned = text[edge.end() :]
    trailing = _TRAILING_EDGE.match(unsigned)
    return trailing.group(1) if trailing else unsigned


def boxed(word: Word) -> bool:
    """True when box-edge glyphs are glued to the cell, so that its sign cannot be read from the glyphs."""
    edge = _BOX_EDGE.match(_unframed(word))
    return edge is not None and edge.group(0) != "-"


def _unframed(word: Word) -> str:
    """The word without box glyphs around it, except the leading `_`/`-` run that may hide a minus sign, and without a
    speck read as a stop after it (`21.50.`: a cell prints two decimals, so a digit read as a stop stays short)."""
    return canonical(word.text).strip(_FRAME.replace("_", "")).rstrip("_.")


def _numbers(line: Line) -> list[Word] | None:
    """The number words of a table row (frame glyphs of the boxed row, specks without a letter or digit and the
    cell rule read as a `1` ignored); None if the line is not a row."""
    words = [w for w in line.words if any(c.isalnum() for c in canonical(w.text)) and not _FRAME_LETTERS.match(w.text)]
    if not words or any(parse_number(cell(w)) is None for w in words):
        return None
    return [w for w in words if not _rule_read_as_one(w, words)]


def _rule_read_as_one(word: Word, words: list[Word]) -> bool:
    """True for a lone `1` between the two cells of a row of three words, each cell a number with two decimals."""
    if len(words) != 3 or word is not words[1] or canonical(word.text) != _RULE_AS_ONE:
        return False
    return all(_ROW_NUMBER.match(cell(w)) for w in (words[0], words[2]))


def _headerless_row(block: LensBlock, line: Line) -> bool:
    """A `power refraction` row under the lens lines of a block whose small table header OCR lost."""
    return len(block.lens_lines) == 2 and _plain_row(line)


def _garbled_header_above(block: LensBlock, line: Line) -> bool:
    """True for the first row under three text lines whose third is the table header as OCR garbled it, under the
    lens and manufacturer lines: no digit after the toric icon it may start with (`2|`, `@|`: two characters at most),
    and the header's brackets or its `Eye` (`@| IOL(O] Fe]`, `2| TOL} FeO}` on a 300-dpi rescan, held-out seed 205;
    `Ql - fol] ye (0)`, its `[D]` read with a zero, a 150-dpi rescan, seed 239; `@| IOL er Bete`, seed 328);
    or only words tesseract is unsure of (`a eee` at 0.39-0.41; a lens or manufacturer line reads at 0.9), after the
    toric icon or not (`a) seh mee`, the icon at 0.53: a 300-dpi rescan, held-out seed 269), and no number with decimals
    (`2 oer ee`: the italic header with the toric icon before it, on a 200-dpi rescan)."""
    if block.header or block.caption is not None or len(block.lens_lines) != 3 or not _plain_row(line):
        return False
    third = block.lens_lines[2]
    text = canonical(third.text)
    header = third.words[1 if _icon_like(third.words[0]) else 0 :]
    unsure = all(w.confidence < UNSURE_HEADER_WORD for w in third.words) or (
        bool(header) and all(w.confidence < UNSURE_HEADER_WORD for w in header)
    )
    if unsure:  # the toric icon before the header may read as a digit (`2 oer ee`); a row's numbers print decimals
        return _DECIMAL.search(text) is None
    after_icon = " ".join(canonical(w.text) for w in header)
    digits = any(c.isdigit() for c in _UNIT_AS_READ.sub("", after_icon))
    return _GARBLED_HEADER.search(after_icon) is not None and not digits


def _icon_like(word: Word) -> bool:
    """A word the toric icon before a table header reads as: at most ICON_CHARS characters, one of them no letter or
    digit (`2|`, `@|`, `®|`)."""
    text = canonical(word.text)
    return len(text) <= ICON_CHARS and not text.isalnum()


def _plain_row(line: Line) -> bool:
    words = _numbers(line) or []
    return len(words) == 2 and all(_ROW_NUMBER.match(cell(w)) for w in words)


def _row(block: LensBlock, line: Line) -> None:
    words = _numbers(line) or []
    texts = [cell(w) for w in words]
    if len(words) != 2 or not all(_ROW_NUMBER.match(t) for t in texts):
        block.problems.append(f"row {canonical(line.text)!r} is not `power refraction`")
        return
    bold = all(w.bold for w in words)  # the ink measures a plain number bold now and then, rarely both of a row
    if boxed(words[1]) or _unsigned_after_rule(line, words[1]):
        block.unsigned.add(len(block.rows))
    block.rows.append((Token(texts[0], words[0]), Token(texts[1], words[1]), bold))


def _unsigned_after_rule(line: Line, refraction: Word) -> bool:
    """True when the cell rule before an unsigned refraction was read as a `1` or as a mark lying flat
    (`_RULE_WITH_MINUS`): the rule may have taken its minus."""
    if canonical(refraction.text)[:1] in "+-":
        return False
    before = [w for w in line.words if w.bbox[2] <= refraction.bbox[0]]
    rule = before[-1].text if before else ""
    return canonical(rule) == _RULE_AS_ONE or _RULE_WITH_MINUS.match(rule) is not None


def resolve_signs(block: LensBlock) -> None:
    """Sign each unsigned refraction by the table itself: kept only when exactly one sign fits its neighbours (by the
    step ratio, with a margin: the final table must also pass the linearity check)."""
    for index in sorted(block.unsigned):
        signed = restore_sign(block.rows, index, lambda rows: not row_problems(rows, linear=False))
        if signed is None:
            text = block.rows[index][1].text
            block.problems.append(f"the sign of the boxed row's refraction {text!r} is unreadable")
            return
        block.rows = signed
    block.unsigned.clear()


def _constants(line: Line) -> dict[str, Token]:
    """`LF=2.04 / DF=4.50` -> {"lf": 2.04, "df": 4.50}; `ACD const=5.14` -> {"acd": 5.14}."""
    found: dict[str, Token] = {}
    name: list[str] = []
    for text, word in _constant_parts(line):
        glued = _glued_constant(text)
        if glued is not None:
            found[glued[0]], name = Token(glued[1], word), []
            continue
        if "=" not in text:
            name = [] if text == "/" else [*name, text]
            continue
        label, _, value = text.partition("=")
        value = with_one_decimal_mark(value)  # `LF=2,.04` on a 150-dpi rescan
        key = "a1" if _HAIGIS_A1.match(label) and not name else formulas.constant_name("".join([*name, label]))
        value = _without_glued_separator(value, key)
        if parse_number(value) is not None and key in formulas.KNOWN_CONSTANTS:
            found[key] = Token(value, word)
        else:
            found[f"?{key}"] = Token(value, word)  # reported by `constant_problems`
        name = []
    if any(c.isalnum() for part in name for c in part):  # `DF-4.50`: a constant whose `=` OCR lost is not dropped
        found[f"?{''.join(name)}"] = Token("".join(name), line.words[-1])
    return found


def _without_glued_separator(value: str, key: str) -> str:
    """`2.04/` -> `2.04`: the `/` before the next constant glued on, dropped only where the constant keeps the two
    decimals EyeSuite prints it with; a Haigis constant prints three, so its `/` may be a digit misread (`1.30/`)."""
    stripped = value.removesuffix("/")
    two_decimals = stripped != value and decimals(stripped) == 2 and key not in PRINTED_ORDER["Haigis"]
    return stripped if two_decimals else value


def named_by_position(line: Line, caption: Line) -> dict[str, Token]:
    """The constants of a caption's constants line, the one name OCR garbled (`of=1.99 / DF=4.45`, `4=118.90` under
    SRK/T) named by its place in the line, when every other name is read where the formula prints it and the garbled
    one's value is a number; else as read. A line of one constant is what the formula prints alone (Barrett's LF:
    `LP=1.94`) only where it starts under the caption: a DF whose LF OCR lost starts further right."""
    constants, formula = _constants(line), formula_of(caption) or ""
    order = PRINTED_ORDER.get(formula) or _ONE_CONSTANT.get(formula)
    if len(constants) == 1 and _starts_under(line, caption):
        order = _PRINTED_ALONE.get(formula, order)
    garbled = [key for key in constants if key.startswith("?")]
    if order is None or len(constants) != len(order) or len(garbled) != 1:
        return constants
    placed = all(key == name for key, name in zip(constants, order, strict=True) if not key.startswith("?"))
    if not placed or parse_number(constants[garbled[0]].text) is None:
        return constants
    return dict(zip(order, constants.values(), strict=True))


def _starts_under(line: Line, caption: Line) -> bool:
    """Whether the line's first name (its first word with a letter or digit: a `/` is none) starts where the caption
    starts, a glyph's height apart at most."""
    first = next((w for w in line.words if any(c.isalnum() for c in w.text)), line.words[0])
    return abs(first.bbox[0] - caption.bbox[0]) <= first.height


def _constant_parts(line: Line) -> list[tuple[str, Word]]:
    """The words of a constants line, a value OCR split off after its `=` (`LF= 1.36`) joined back to its name; the
    value's own word stays its provenance."""
    parts: list[tuple[str, Word]] = []
    for word in line.words:
        text = canonical(word.text)
        if parts and parts[-1][0].endswith("=") and parse_number(text) is not None:
            parts[-1] = (parts[-1][0] + text, word)
        else:
            parts.append((text, word))
    return parts


def _glued_constant(text: str) -> tuple[str, str] | None:
    """(constant, value) for `LFF1.94`: a known constant's name, its `=` read as a letter or mark, and a number."""
    match = _EQUALS_AS_LETTER.match(text)
    if match is None:
        return None
    name = formulas.constant_name(match.group(1))
    allowed = _NEVER_NEGATIVE if match.group("unsigned") else formulas.KNOWN_CONSTANTS
    return (name, match.group(3).replace(",", ".")) if name in allowed else None


def constant_problems(constants: dict[str, Token]) -> list[str]:
    """Constants whose name is not one the device prints (a misread name must not drop a value silently)."""
    return [f"unknown constant {key[1:]!r}" for key in constants if key.startswith("?")]


def row_problems(rows: list[tuple[Token, Token, bool]], *, linear: bool = True) -> list[str]:
    """Why a table's rows cannot be trusted: not five, powers not in 0.50 D steps one way, refraction steps uneven.

    `linear=False` leaves out the step-change check: a sign is restored only when the looser table rules allow
    just one sign, so a near-zero value whose sign the linearity alone would decide goes to review instead.
    """
    if len(rows) != 5:
        return [f"{len(rows)} rows instead of 5"]
    powers = [p.number or 0.0 for p, _, _ in rows]
    refractions = [r.number or 0.0 for _, r, _ in rows]
    falling = powers[0] > powers[-1]  # printed high to low (refraction rising) or low to high (refraction falling)
    problems = []
    if any(abs(round(a - b, 2)) != 0.5 or (a > b) != falling for a, b in itertools.pairwise(powers)):
        problems.append("IOL powers are not in 0.50 D steps")
    steps = [(b - a) if falling else (a - b) for a, b in itertools.pairwise(refractions)]
    median = statistics.median(steps)
    low, high = ROW_STEP_RATIO
    uneven = linear and any(abs(b - a) > ROW_STEP_CHANGE_D + 1e-9 for a, b in itertools.pairwise(steps))
    if median <= 0 or uneven or any(not low * median <= s <= high * median for s in steps):
        problems.append("refraction steps are uneven")
    if any(decimals(t.text) != 2 for p, r, _ in rows for t in (p, r)):
        problems.append("a row value is not printed with 2 decimals")
    return problems
