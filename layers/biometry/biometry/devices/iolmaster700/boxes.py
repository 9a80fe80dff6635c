"""IOL result boxes: lens line, formula caption, constants, `IOL (D) / Ref (D)` rows and the emmetropia line."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from biometry import formulas
from biometry.devices.iol_signs import Row, steps_even_around
from biometry.devices.iolmaster700.constant_lines import LABEL_LOST, in_any_printed_form, named_by_place
from biometry.devices.iolmaster700.margin import without_margin_glyphs
from biometry.devices.iolmaster700.precision import table_number
from biometry.devices.layout import (
    LEFT_HALF,
    REPEAT_MARGIN,
    RIGHT_HALF,
    Region,
    advance,
    eye_label,
    lines_in,
    repeat_copies,
    repeat_copies_in,
    room_for_a_word,
)
from biometry.devices.measurements import Token, is_signed, joined, tokens_of
from biometry.document import Line, Page, Word, group_lines
from biometry.lens_catalogue import MANUFACTURERS, catalogue_name, names_known_manufacturer
from biometry.models import IolCalculation, IolRow
from biometry.normalize import canonical, decimals, parse_number, plus_read_as_four, with_one_decimal_mark
from biometry.rules import check_iol

EMMETROPIA = re.compile(r"e[mn]m*[eé]tr?op", re.IGNORECASE)  # `Emetropia`, `Emmetropia`; OCR: `Enmetropia`, `Emetopia`
# `IOL (D)  Ref (D)`: a result table's header unit, as printed or with a bracket or its D misread (`[D)`, `(D}`,
# `(0)`: a rescan's header with one such unit would pair its tables' units wrongly, or not at all)
_TABLE_UNIT = re.compile(r"[(\[{][D0][)\]}]")
# Under a box's constants, the header line's units may also show a speck read as a glyph inside (`1OL (DB) Ref (D)`,
# held-out seed 387, a 150-dpi rescan; `IOL (BD)`, a black-and-white rescan), or its D read as a B (`IOL (B)`, a
# black-and-white rescan): its two units still begin the table. Pages pair units only as printed.
_BOX_HEADER_UNIT = re.compile(r"[(\[{](?:\S[D0]|[D0]\S?|B)[)\]}]")
MIN_TABLE_WORDS = 2  # header units and emmetropia labels a page of result boxes prints at least (it prints 24)
_POWER_GLUED_TO_LABEL = re.compile(r"^([+-]?\d{1,2}[.,]\d\d)[_\W]*e[mn]m*[eé]trop\w*$", re.IGNORECASE)
_CONSTANT_LABEL = re.compile(r"^([A-Za-z][A-Za-z0-9 .]*?)\.?:$")

_QUOTED_SIGN = re.compile(r"^[“”\"„]+(?=\d)")
_RULE_BEFORE_SIGN = re.compile(r"^[-+—–_~=]+(?=[-+]\d)")  # `--+0,52`, `—_+21,00`: a rule glued before the sign
_SPECK_BEFORE_SIGN = re.compile(r"^\d(?=[-+]\d{1,2}[.,]\d\d$)")  # `4+21,00`: a digit before a whole number's sign
_TABLE_RULES = frozenset({"out_of_range", "iol_steps", "iol_monotonic", "iol_emmetropia"})
MIN_LETTERS_KEPT = 3  # a caption one letter off a formula still spells this many of its letters
CAPTION_DASHES = "-~="  # a caption is printed between dashes; OCR reads a dash as `~` or `=` now and then
CONTINUED = "--"  # a lens heading line that ends here continues with the model on the next line
_CONTINUED_AS_READ = re.compile(r"^(?:[-–—]{1,2}|—-|-—)$")  # `--` as OCR reads it (`—`, `-`); `---` is a null
# The boxed icon letter before a lens name, as printed (`K`) and as OCR reads its box (`|K|`, `K)`, `{[K`, `IK]`).
_ICON = re.compile(r"^(?:[A-Z]|[^\w\s&+]{0,2}[A-Za-z]{1,2}[^\w\s&+]{1,2}|[^\w\s&+]{1,2}[A-Za-z][^\w\s&+]{0,2}|\d|\W+)$")
_GLUED_ICON = re.compile(r"[^\w\s]{0,2}[A-Za-z]{1,2}[^\w\s]*[_|\])}]+")  # `[K|_`: the icon, its frame joining the name
_RULE_MARKS = "=—–-_~'‘’`"  # a rule's remains as OCR reads them, and the specks beside them (`=-‘|[K|`)
GRID_SPLIT_REACH = 0.25  # status copy widths: the box grid's OD | OS split lies this close to the status block's
ICON_GAP = 3.0  # icon heights: a lens heading's icon is printed this close left of its manufacturer at most
# An icon garbled by OCR: at most three tokens, each of at most six characters, two of them letters or digits (`|K|`,
# `IK]`, `§=|K|`): a word of a name has more; or of at most four characters whatever they are (`fel`: the icon read as
# letters, before `Johnson & Johnson Vision` that the band's other headings print after their icons).
_ICON_TOKENS_MAX, _ICON_CHARS_MAX, _ICON_GLYPHS_MAX, _ICON_SHORT = 3, 6, 2, 4
# `---` as OCR reads it (`~~`, `—`, `=.`, `-—_—`: a dash's foot read as an underscore, held-out seed 228), a label apart
_NULL_AS_READ = re.compile(r"_*[-=~—–][-=~—–._]{0,4}_*")
_GLUED_LABEL = re.compile(r"[^\W\d_]+_*$")  # `---__Emetropia__`: the label and a rule's remains after it
FLAT_BOX = 0.25  # of a line's median word height: a number boxed flatter is boxed by a rule's pixel, not its glyphs
ROWS_APART = 1.5  # the emmetropia line lies one row's pitch under the last row; further down it is another line
TABLE_END = 3.0  # rows' pitch under the last row: the box's frame and the legend are there, no row of the table
TABLE_DECIMALS = 2  # every power, refraction and emmetropia power of a result table
WRAPPED_MODEL_OFFSET = 3.0  # characters: a wrapped model line's centre lies this close to its caption's at most
ROW_CELLS = ("iol_power_d", "refraction_d")  # what a result row prints, left to right
_NO_CAPTION = re.compile(r"[^\W\d_]:|\d[.,]\d")  # a label (`TSE:`) or a decimal number (`42,59`)
_CAPTION_DASH = re.compile(r"[-~=—–]{1,2}")  # the dash on either side of a formula caption, as OCR reads it
_SPILLED_WHOLE_PART = re.compile(r"^[+-]?\d{1,3}[.,]$")  # `118,`: a constant's whole part, its decimals apart
# `118,`, `+0.2`: a constant's whole part (and a decimal) with the rest of its decimals apart (`80`, `10`)
_CONSTANT_START, _CONSTANT_DECIMALS = re.compile(r"^[+-]?\d{1,3}[.,]\d?$"), re.compile(r"^\d{2,3}$")
_SIGNED_DIGIT = re.compile(r"^[+-]\d$")  # a signed constant's whole part, its decimal mark read as a space
_FRAME_MARK = re.compile(r"^[^\w\s]{1,2}$")  # a caption's dash OCR read as another mark (`.`, `‘`, `:`)
_AFTER_NAME = ("", " ", ".")  # what follows a manufacturer's name in a heading (`Alcon .AcrySof`)
# `AcrySof SN60WF sf`: a speck after the model read as letters; `AcrySof Vivity DFT015 IK`: the next column's icon
# (`|K|`) read in part, left of its frame's `|`, as letters
_TRAILING_LETTERS = re.compile(r"\s+(?:[a-z]{1,2}|[|lI1\[({]?K)$")
_DOT_AS_READ = ".-–—_,"  # the database entry's dot before a model (`Alcon .AcrySof`) as OCR reads it (`-AcrySof`)
_FRAMED_NUMBER = re.compile(r"^[^A-Za-z0-9]*?([+-]?)(\d+(?:[.,]\d+)?)[^A-Za-z0-9]*$")
UNSIGNED_CONSTANT = "a_constant"  # `Constante A: 119,30`; every other constant is printed with its sign
_MARGIN_SPECK = re.compile(r"^[^-~=—–\s]$")
_SIGNED_DIGIT = re.compile(r"[+-]\d")  # a sign before a digit: a power's start (`+2 ce`), not a trailing mark (`_7-`)
# After the name: specks and rules (`SN6OWF_ =`, `TFNTOO +`), or the next box's lens icon glued on (`SN6OWF_s[K`,
# `SAG0AT_——|K`, `SN60AT_--|[K`, `XY1 [KI`, `409MP | K!`: its closing bracket read as I or !; `DFT015|K]|`: and the
# rule after it; `SN60AT_—|[K K]`: and read a second time apart, a 150-dpi rescan, held-out seed 338)
_WHOLE_PART, _DECIMALS_PART = re.compile(r"^[+-]?\d{1,2}$"), re.compile(r"^\d{2}$")  # `+22` `50`: `+22,50` split
_TRAILING_SPECK = re.compile(r"(?:[^A-Za-z0-9)]+|(?<=[A-Za-z0-9])[_\W]{1,4}[a-z]?[\[|({]?K[\]|)}Il!]{0,2})+$")


@dataclass(slots=True)
class IolBox:
    """One result box as read from the page, before it becomes an `IolCalculation`."""

    formula: str
    lens_heading: list[Line]
    constants: dict[str, Token] = field(default_factory=dict)
    rows: list[tuple[Token, Token, bool]] = field(default_factory=list)
    emmetropia: Token | None = None
    emmetropia_unread: bool = False  # the emmetropia line shows neither a two-decimal power nor the null `---`
    emmetropia_digitless: bool = False  # ... and not one digit either (`ce Emmetropia`): no power was read there
    emmetropia_lost: bool = False  # ... nothing read where it stands (the line lost whole, its label too)
    emmetropia_marks: list[Word] = field(default_factory=list)  # what the emmetropia line holds left of its label
    mirror: IolBox | None = field(default=None, repr=False, compare=False)  # the other eye's box at its place
    caption: Line | None = None  # the formula caption's line as read (none where OCR garbled it past reading)


def is_caption(line: Line) -> bool:
    """A line between dashes, `- SRK®/T -` (OCR reads a dash as `~` now and then): one or more formula captions. Words
    OCR read over another word's ink are no part of it (`- Holladay °5.788 2 -`: the constants line's `+5,786` read up
    across `Holladay`)."""
    text = line.text
    return _is_caption_text(text) or (_dash_framed(text) and _is_caption_text(_without_overlapped(line)))


@functools.lru_cache(maxsize=16384)
def _dash_framed(line_text: str) -> bool:
    text = caption_text(line_text)
    return len(text) > 2 and text[0] in CAPTION_DASHES and text[-1] in CAPTION_DASHES


@functools.lru_cache(maxsize=16384)
def _is_caption_text(line_text: str) -> bool:
    """Between dashes, and naming no lens manufacturer: `-- |K| Johnson & Johnson Vision --` is a lens heading whose
    column took the dashes of the heading beside it. A label, a decimal number or the emmetropia label is never in a
    caption: `- 42,59 D SD: 0,01 D TSE: ---` is an eye block's row whose label OCR read as a dash, ending in a null;
    `— _ Emetropia_ -` an emmetropia line between a rule's remains."""
    text = caption_text(line_text)
    between = len(text) > 2 and text[0] in CAPTION_DASHES and text[-1] in CAPTION_DASHES
    between = between and any(ch.isalpha() for ch in text)  # `- +21,50 +0,51 —`: a row between a rule's dashes
    return between and not names_known_manufacturer(text) and not _NO_CAPTION.search(text) and not _emmetropia_in(text)


@functools.lru_cache(maxsize=16384)
def is_table_unit(text: str) -> bool:
    """Whether a word is a result table's header unit `(D)` (`IOL (D)  Ref (D)`), a bracket or the D misread or not."""
    return _TABLE_UNIT.fullmatch(text) is not None


def is_calculation_page(page: Page) -> bool:
    """A page of result boxes: it prints result tables (two of their `IOL (D)` header units or emmetropia labels at
    least: a page prints eight boxes), or formula captions (`- Haigis -`) under both eyes' big labels. Captions alone
    are not enough on a one-eye analysis page (OCR reads a caption in its B-scan picture: `~ § “ee =`), and a page
    whose captions OCR garbled (`- Haigis - - Barrett Universal Il - ° :`) is one by its tables.

    Worked out once per page: the parse and the completeness inventory both ask."""
    return page.memo("iolmaster700.is_calculation_page", _is_calculation_page)


def _is_calculation_page(page: Page) -> bool:
    tables = sum(1 for w in page.words if is_table_unit(w.text) or EMMETROPIA.search(w.text))
    if tables >= MIN_TABLE_WORDS:
        return True
    return any(is_caption(line) for line in page.lines) and eye_label(page.words) is None


def is_caption_row(line: Line) -> bool:
    """A row of captions one of whose outer dashes OCR lost (`- Holladay 2 - - SRK®/T`): dashes at its start or end,
    and between its dashes only known formulas' names (exactly, by their prefix: `Barrett Universal Ill`, or one letter
    off: `SRKO/T`), two at least. A line of one caption is `is_caption`'s or `formula_name`'s to judge."""
    return _is_caption_row_text(line.text)


@functools.lru_cache(maxsize=16384)
def _is_caption_row_text(line_text: str) -> bool:
    tokens = caption_text(line_text).split()
    if len(tokens) < 3 or not (_CAPTION_DASH.fullmatch(tokens[0]) or _CAPTION_DASH.fullmatch(tokens[-1])):
        return False
    names = [" ".join(group) for dash, group in itertools.groupby(tokens, _CAPTION_DASH.fullmatch) if not dash]
    return len(names) >= 2 and all(
        formulas.formula_name(name, by_prefix=True) or formula_one_letter_off(name.replace("®", "")) for name in names
    )


def _emmetropia_in(text: str) -> bool:
    return EMMETROPIA.search(text) is not None


def emmetropia_labels(words: Sequence[Word]) -> list[Word]:
    """The words that read the `Emmetropia` label, but one boxed as flat as a rule (under FLAT_BOX of the words'
    median height): a rescan's page pass boxed a second reading of a label by the hairline rule's pixel row over it
    (`Emetropia` 0.0003 of the page tall, on the last row's line), which is no line of type."""
    labels = [w for w in words if EMMETROPIA.search(w.text)]
    if not labels:
        return []  # no heights to sort
    flat = flat_height([w.height for w in words])
    return [w for w in labels if w.height >= flat]


def flat_height(heights: Sequence[float]) -> float:
    """The height under which a box among boxes this tall is boxed by a rule's pixel row, not by glyphs: FLAT_BOX of
    their median (0 for none)."""
    ordered = sorted(heights)
    return FLAT_BOX * ordered[len(ordered) // 2] if ordered else 0.0


@dataclass(frozen=True, slots=True)
class CalculationHalf:
    """One eye's half of a calculation page: its words (status block and result boxes) and its box grid's region."""

    words: list[Word]
    boxes: Region
    _lines: list[Line] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def lines(self) -> list[Line]:
        """`lines_in(words)`, grouped once: the parse and the completeness inventory both read them."""
        if self._lines is None:
            object.__setattr__(self, "_lines", lines_in(self.words))
        return self._lines  # type: ignore[return-value]


def calculation_halves(page: Page, holds_label: Callable[[Line], bool]) -> tuple[CalculationHalf, CalculationHalf]:
    """OD | OS of a calculation page. The status block and the box grid are split apart, each at its own repeat
    offset (`layout.repeat_copies`): a software version may move one block and not the other.

    Worked out once per page and label test: the parse and the completeness inventory both split the page.
    """
    key = f"calculation_halves:{holds_label.__module__}.{holds_label.__qualname__}"
    return page.memo(key, lambda page: _calculation_halves(page, holds_label))


def _calculation_halves(page: Page, holds_label: Callable[[Line], bool]) -> tuple[CalculationHalf, CalculationHalf]:
    captions = [line.bbox[1] for line in page.lines if is_caption(line)]
    first_caption = min(captions, default=1.01)
    labelled = [line for line in page.lines if line.bbox[1] < first_caption and holds_label(line)]
    seam = max((line.bbox[3] for line in labelled), default=0.0)
    status = [w for w in page.words if (w.bbox[1] + w.bbox[3]) / 2 <= seam]  # `y_center`, inline: every word
    grid = without_margin_glyphs([w for w in page.words if (w.bbox[1] + w.bbox[3]) / 2 > seam])  # the margin notice
    status_copies = repeat_copies([w for line in labelled for w in line.words])  # the header repeats words too
    status_halves = (Region(0.0, status_copies[1].x0), status_copies[1]) if status_copies else (LEFT_HALF, RIGHT_HALF)
    # One eye printed (no repeated status block): its half is where the printout puts it, and a lens name repeated
    # across the two columns of that eye's grid must not pass for a second eye.
    # The grid's left copy starts at its own left edge: a glyph of the copyright printed up the margin is no box's.
    grid_halves = (_grid_copies(grid, status_copies) or status_halves) if status_copies else (LEFT_HALF, RIGHT_HALF)
    return tuple(  # type: ignore[return-value]
        CalculationHalf([*(w for w in status if s.holds(w)), *(w for w in grid if g.holds(w))], g)
        for s, g in zip(status_halves, grid_halves, strict=True)
    )


def _grid_copies(grid: list[Word], status: tuple[Region, Region]) -> tuple[Region, Region] | None:
    """The box grid's two copies (`layout.repeat_copies`) paired above the legend, the split kept left of every lens
    heading it would part; None where the grid's split lies further than GRID_SPLIT_REACH of the status block's copy
    width from the status block's split (`status`, its two copies): then the words that paired were two columns of
    one eye's boxes (one lens in every column, the other eye's heading and captions of a band lost to OCR: a rescan
    split one column into OD, three into OS, and read OD's second column as OS's boxes)."""
    lines = group_lines(_above_legend(grid))
    copies = repeat_copies_in(lines)
    if copies is None or abs(copies[1].x0 - status[1].x0) > GRID_SPLIT_REACH * (status[1].x0 - status[0].x0):
        return None
    return _headings_kept_whole(copies, lines)


def _headings_kept_whole(copies: tuple[Region, Region], lines: list[Line]) -> tuple[Region, Region]:
    """The copies with the split moved left of a lens heading's icon that it parted from the manufacturer printed
    beside it (`IK] | Alcon .Panoptix`): where OCR lost the icons of the left copy's first column, its left edge is its
    manufacturers', and the right copy's icons fell left of a split an offset further right. Only an icon inside the
    left copy, at most ICON_GAP of its height from the manufacturer, moves it: a margin glyph (`$`, the copyright up
    the margin) on a line with a manufacturer's name across the page (the footer's `ZEISS`) had moved the split to
    the page's edge, and every box of the left eye was read as the right eye's."""
    split = copies[1].x0
    icons = [
        words[k].bbox[0]
        for words in (line.words for line in lines)
        for k in range(len(words) - 1)
        if copies[0].x0 < words[k].bbox[0] < split <= words[k + 1].bbox[0]
        and words[k + 1].bbox[0] - words[k].bbox[2] <= ICON_GAP * words[k].height
        and _ICON.match(words[k].text)
        and _starts_with_manufacturer([w.text for w in words[k + 1 :]])
    ]
    if not icons:
        return copies
    moved = min(icons) - REPEAT_MARGIN
    return Region(copies[0].x0, moved), Region(moved, copies[1].x1)


def _above_legend(grid: list[Word]) -> list[Word]:
    """The box grid's words down to its last emmetropia line: the legend below the boxes (`(!) Valor-limite (*) Valor
    editado ...`) is printed once, so a margin glyph beside it (`od` read from the copyright up the margin) may find a
    word one copies' offset to its right there and move the OD | OS split into OD's last column."""
    end = max((w.bbox[3] for w in grid if EMMETROPIA.search(w.text)), default=None)
    return [w for w in grid if w.y_center <= end] if end is not None else grid


def caption_text(line_text: str) -> str:
    """A line's text without a lone speck OCR read in the margin beside it (`3 - Holladay 2 -`, `- SRK®/T - :`): one
    character that is neither a dash nor part of a word, next to the caption's dash."""
    tokens = canonical(line_text).split()
    while len(tokens) > 2 and _MARGIN_SPECK.match(tokens[0]) and _CAPTION_DASH.fullmatch(tokens[1]):
        tokens = tokens[1:]
    while len(tokens) > 2 and _MARGIN_SPECK.match(tokens[-1]) and _CAPTION_DASH.fullmatch(tokens[-2]):
        tokens = tokens[:-1]
    return " ".join(tokens)


def without_spilled_constant(line: Line) -> tuple[Line, list[Word]]:
    """A caption line without the constant under it, or its whole part, that OCR set up on its line (`- SRK®/T - 118,`
    over `Constante A: 80`, the constant printed `118,80`; `- SRK®/T 119,30` over `Constante A:`, the constant's box
    grown up into the caption's line and its closing dash lost), and that part; the line as it is, and none, when it
    ends in no such part or is no caption without it."""
    words = line.words
    k = len(words)
    while k > 1 and (_SPILLED_WHOLE_PART.match(words[k - 1].text) or in_any_printed_form(words[k - 1].text)):
        k -= 1
    if k == len(words) or k == 0:
        return line, []
    caption = Line(words[:k])
    return (caption, list(words[k:])) if is_caption(caption) or _half_caption(caption) else (line, [])


def with_spilled_constant(spilled: Sequence[Word], body: Sequence[Line]) -> list[Line]:
    """The box's lines with the whole part of a constant OCR set up on the caption line (`without_spilled_constant`)
    back on the constants line, the box's first, left to right."""
    if not spilled or not body:
        return list(body)
    return [Line(tuple(sorted([*body[0].words, *spilled], key=lambda w: w.bbox[0]))), *body[1:]]


@functools.lru_cache(maxsize=8192)
def formula_name(line: Line) -> str | None:
    """`- Barrett Universal II -` -> `Barrett Universal II`; None when the line is not a formula caption. Words read
    over another word's ink are left out (`_without_overlapped`) unless the caption names a formula only with them or
    nothing else is left (`- SRK@YT -`, its one word drawn over the closing dash): a word box OCR drew past its ink
    over the next word (`Holladay` over `2`) takes nothing away.

    Answered once per distinct line (its words): a parse asks it ~2,000 times a document of ~600 lines, every column
    of a half regrouped and tested again."""
    if not is_caption(line):
        caption, spilled = without_spilled_constant(line)
        return formula_name(caption) if spilled else _half_caption(line)
    inner, whole = (caption_text(text).strip(CAPTION_DASHES + " ").replace("®", "") for text in (
        _without_overlapped(line), line.text))  # fmt: skip
    inner = inner or whole
    return (
        formulas.formula_name(inner, by_prefix=True)
        or formulas.formula_name(whole)
        or formula_one_letter_off(inner)
        or inner
    )


def _without_overlapped(line: Line) -> str:
    """The line's text without words OCR read over another word's ink with less confidence (`Holladay peng Fos 2`:
    `peng` read over two rows across `Holladay`, `Fos` across `2`; `Holladay 786 2`: the next line's `+5,786` read
    up over `2`, whose middle it spans): the words of a printed line stand side by side."""
    return " ".join(
        w.text for w in line.words if not any(o is not w and o.confidence > w.confidence and _overlap(o, w)
                                              for o in line.words)
    )  # fmt: skip


def _overlap(a: Word, b: Word) -> bool:
    """Whether either word's middle lies inside the other's box, left to right."""
    return a.bbox[0] <= b.x_center <= a.bbox[2] or b.bbox[0] <= a.x_center <= b.bbox[2]


def _half_caption(line: Line) -> str | None:
    """A caption whose dash on one side OCR set on a line of its own (`- SRK®/T`): a known formula's exact name
    after a dash, or before one; or a caption whose two dashes OCR read as other marks (`. Haigis ‘`): a known
    formula's exact name alone between them. Else None."""
    text = caption_text(line.text)
    tokens = text.split()
    if len(tokens) >= 3 and _FRAME_MARK.match(tokens[0]) and _FRAME_MARK.match(tokens[-1]):
        return formulas.formula_name(" ".join(tokens[1:-1]))
    if not (text[:1] in CAPTION_DASHES) ^ (text[-1:] in CAPTION_DASHES):
        return None
    return formulas.formula_name(text.strip(CAPTION_DASHES + " "))


def formula_one_letter_off(caption: str) -> str | None:
    """The one known formula whose name a caption spells with one letter misread, added or lost by OCR (`SRKO/T`,
    `Halgis`); None when no formula or several are that close (`Holladay 7`: 1 or 2)."""
    near = formulas_one_letter_off(caption)
    return next(iter(near)) if len(near) == 1 else None


def formulas_one_letter_off(caption: str) -> frozenset[str]:
    """The known formulas whose names a caption spells with one letter misread, added or lost (`SRK@IT`: SRK/T with a
    letter added, SRK II with one misread), keeping at least `MIN_LETTERS_KEPT` of the name's letters: two letters
    are no reading of a name (`Eo`, a 150-dpi rescan's garbled `Holladay 2`, is not EVO)."""
    key = _letters(caption)
    return frozenset(
        name for name in formulas.KNOWN_FORMULAS
        if one_edit_apart(key, _letters(name)) and _letters_kept(key, _letters(name)) >= MIN_LETTERS_KEPT
    )  # fmt: skip


def _letters_kept(read: str, name: str) -> int:
    """How many of a name's letters a reading one edit apart keeps: all of the shorter but a misread one."""
    return min(len(read), len(name)) - (len(read) == len(name))


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def one_edit_apart(a: str, b: str) -> bool:
    """Whether one substitution, insertion or deletion turns `a` into `b` (equal strings are not)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    short, long = sorted((a, b), key=len)
    first = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    rest = first + 1 if len(a) == len(b) else first
    return short[rest:] == long[first + 1 :]


def lens_heading(above: Sequence[Line]) -> list[Line]:
    """The lens heading over a formula caption: its last line, and the line before when that one ends in `--`.

    The IOLMaster 700 prints `Alcon AcrySof SA60AT` on one line, or a long manufacturer as
    `Johnson & Johnson Vision --` with the model on the next line. A line without a letter (a speck OCR read as
    `2`, a digit of the copyright printed up the margin) is neither, wherever it lies among them. A heading OCR lost
    leaves the emmetropia line of the box above (`_ _ Emetropia`) last: no heading, never that line.
    """
    above = [line for line in above if any(ch.isalpha() for ch in line.text)]
    if not above or EMMETROPIA.search(above[-1].text):  # the box above's last line: this box's heading was lost
        return []
    words = above[-2].text.split() if len(above) >= 2 else []
    continued = words and (_CONTINUED_AS_READ.match(words[-1]) or _names_manufacturer_only(words))
    if continued and not any(w.endswith(":") for w in words) and not _garbled_line_over(words, above[-1]):
        return [above[-2], above[-1]]
    return [above[-1]]


def _garbled_line_over(words: Sequence[str], last: Line) -> bool:
    """Whether the line over a heading is no part of it though it ends in a dash: `Ke —` (the `TK2: ---` beside the
    heading's column, garbled by OCR) over `K Alcon AcrySof SN60AT`. The heading's line names its manufacturer
    itself, and the line over names none, its dash aside."""
    under = _without_icons(_TRAILING_SPECK.sub("", canonical(last.text))).split()
    over = [word for word in words if not _CONTINUED_AS_READ.match(word)]
    return _starts_with_manufacturer(under) and not _names_manufacturer_only(over)


def _names_manufacturer_only(words: Sequence[str]) -> bool:
    """A heading line that is a manufacturer alone (`|K| Johnson & Johnson Vision`): its `--` went to the column
    beside it, and the model is on the next line."""
    text = _without_icons(_TRAILING_SPECK.sub("", canonical(" ".join(words))))
    return text.lower() in {name.lower() for name in MANUFACTURERS}


def split_lens_heading(lines: Sequence[Line]) -> tuple[str | None, str]:
    """(manufacturer, model) from a lens heading: `K Alcon .AcrySof Vivity DFT015`, or two lines (see above).

    The lens-source icon printed in a small box before the name is not part of it, nor is the next box's icon that
    OCR may join to the line's end; OCR may also glue the manufacturer to the model (`AlconAcrySof SN60AT`).
    """
    manufacturer, model = _split_lens_heading(lines)
    return manufacturer, _without_trailing_letters(model)


def _without_trailing_letters(model: str) -> str:
    """The model without one or two lower-case letters OCR read from a speck after it (`AcrySof SN60WF sf`) or the
    next column's icon read as letters (`IK`, `K`), only where the model without them is a catalogue name and with them
    none; else as read."""
    rest = _TRAILING_LETTERS.sub("", model)
    return rest if rest != model and catalogue_name(rest) and not catalogue_name(model) else model


def _split_lens_heading(lines: Sequence[Line]) -> tuple[str | None, str]:
    texts = [_without_icons(_TRAILING_SPECK.sub("", " ".join(canonical(line.text).split()))) for line in lines]
    first = texts[0] if texts else ""
    if len(texts) == 2:
        texts[1] = _without_icons(_TRAILING_SPECK.sub("", canonical(_right_of(lines[1], _text_start(lines[0])))))
        return manufacturer_spelling(first.removesuffix(CONTINUED).strip()) or None, texts[1].lstrip(_DOT_AS_READ)
    for name in MANUFACTURERS:
        if first.lower().startswith(name.lower()) and first[len(name) : len(name) + 1] in (" ", "."):
            return manufacturer_spelling(first[: len(name)]), first[len(name) :].strip().lstrip(_DOT_AS_READ)
        if first.lower().startswith(name.lower()) and first[len(name) : len(name) + 1].isupper():
            return manufacturer_spelling(first[: len(name)]), first[len(name) :]  # glued by OCR: `AlconAcrySof SN60AT`
    return None, first


def _text_start(line: Line) -> float:
    """Where a heading's first line starts its name: at its first word that is no icon (`K|`, `\\K|`), else at its
    first word. The model line under it prints nothing left of there: a word wholly left of it stands under the icon
    and is the icon's garble (`ro`: its box's lower edge read under `K|`)."""
    named = [w for w in line.words if not _ICON.match(canonical(w.text))]
    return named[0].bbox[0] if named else line.bbox[0]


def room_in_heading(lines: Sequence[Line], model: str, caption: Line | None) -> bool:
    """Whether a lens heading leaves room for a word OCR lost from its model (`layout.room_for_a_word`): between two of
    its words, or, on one line with its manufacturer, between the two. A model wrapped under its manufacturer is
    centred in the box, WRAPPED_MODEL_OFFSET characters at most off its caption's centre (the real printout's seven
    wrapped models, `ZCB00`, `Eyhance`, `SENSAR ONE AAB00`...: 1.0-1.2; one that lost `TECNIS` from `TECNIS ZCB00`:
    4.6), so one further off lost a word at an end. A word lost from the manufacturer is no concern here."""
    if not lines or not model.split():
        return False
    named = [w for w in lines[-1].words if not _ICON.match(canonical(w.text))]
    last = model.split()[-1]
    end = max((k for k, w in enumerate(named) if canonical(w.text).endswith(last)), default=len(named) - 1)
    words = named[max(0, end + 1 - len(model.split()) - (len(lines) == 1)) : end + 1]
    return room_for_a_word(words) or (len(lines) == 2 and caption is not None and _off_centre(words, caption))


def _off_centre(words: Sequence[Word], caption: Line) -> bool:
    """Whether a wrapped model's words are centred further from the caption's centre than WRAPPED_MODEL_OFFSET
    characters (their median advance)."""
    if not words or not caption.words:
        return False
    centre = (words[0].bbox[0] + words[-1].bbox[2]) / 2
    return abs(centre - (caption.bbox[0] + caption.bbox[2]) / 2) > WRAPPED_MODEL_OFFSET * advance(words)


def _right_of(line: Line, x0: float) -> str:
    """The line's text without the words wholly left of `x0` (a speck in the margin left of the heading: `i ZCBOO`);
    a word starting inside the one before and ending past it is a piece of one word OCR split (`E` `yhance` for
    `Eyhance`, boxes overlapping), joined without a space: the model line prints no icon that could pass for one."""
    text = ""
    previous: Word | None = None
    for word in (w for w in line.words if w.bbox[2] > x0):
        joined = previous is not None and previous.bbox[0] < word.bbox[0] < previous.bbox[2] < word.bbox[2]
        text += word.text if joined or previous is None else f" {word.text}"
        previous = word
    return text


@functools.lru_cache(maxsize=4096)
def manufacturer_spelling(read: str) -> str:
    """The catalogue's spelling of a manufacturer OCR read with a letter's case changed or a space put inside a word
    (`Johnson & johnson Vision`, `Joh nson & Johnson Vision`: every letter read as printed); a printed spelling
    (`HOYA`, `Hoya`) or one that is not unique ignoring case and spaces stays as read."""
    same = [name for name in MANUFACTURERS if _spaceless(name.lower()) == _spaceless(read.lower())]
    return same[0] if len(same) == 1 and read not in MANUFACTURERS else read


def _spaceless(text: str) -> str:
    return re.sub(r"\s+", "", text)


@functools.lru_cache(maxsize=4096)
def _without_icons(text: str) -> str:
    """The text without icon-like tokens at its start or end (`|K| Alcon SA60AT |K)` -> `Alcon SA60AT`)."""
    tokens = text.split()
    while len(tokens) > 1 and _ICON.match(tokens[0]):
        tokens = tokens[1:]
    while len(tokens) > 1 and _ICON.match(tokens[-1]) and not tokens[-1].isalnum():
        tokens = tokens[:-1]
    return " ".join(_from_manufacturer(tokens))


def _from_manufacturer(tokens: list[str]) -> list[str]:
    """The tokens from a known manufacturer on, when only an icon OCR garbled past recognition (`Ly`, `=-{K`,
    `ss | K`: at most three short tokens, a rule's remains before it aside: `=—|K| =`) stands before it, or is glued
    to it by its frame's remains (`[K|_Alcon.Panoptix`), the manufacturer with a rule's remains glued on or not
    (`=-‘|K| =AlconAcrySof`); else all of them."""
    if _starts_with_manufacturer(tokens):
        return tokens
    glued = _GLUED_ICON.match(tokens[0]) if tokens else None
    if glued and _starts_with_manufacturer([tokens[0][glued.end() :], *tokens[1:]]):
        return [tokens[0][glued.end() :], *tokens[1:]]
    for skip in range(1, min(_ICON_TOKENS_MAX, len(tokens) - 1) + 1):
        if not all(_icon_garble(t.lstrip(_RULE_MARKS)) for t in tokens[:skip]):
            break
        rest = [tokens[skip].lstrip(_RULE_MARKS), *tokens[skip + 1 :]]
        if _starts_with_manufacturer(rest):
            return rest
    return tokens


def _icon_garble(token: str) -> bool:
    glyphs = sum(c.isalnum() for c in token)
    return len(token) <= _ICON_SHORT or (len(token) <= _ICON_CHARS_MAX and glyphs <= _ICON_GLYPHS_MAX)


def _starts_with_manufacturer(tokens: list[str]) -> bool:
    """Whether the tokens start with a manufacturer's name, apart from the model or glued to it (`AlconAcrySof`)."""
    text = " ".join(tokens)
    return any(
        text.lower().startswith(name.lower()) and (text[len(name) : len(name) + 1] in ("", " ", ".") or
                                                   text[len(name) : len(name) + 1].isupper())
        for name in MANUFACTURERS
    )  # fmt: skip


def read_box(formula: str, lens_heading: list[Line], body: Sequence[Line]) -> IolBox:
    """Read the lines below a formula caption: constants, then the table rows, then emmetropia. Every box prints an
    emmetropia line (a power or `---`): a box without one read left it unread, never a null."""
    box = IolBox(formula=formula, lens_heading=lens_heading)
    in_table = False
    apart: list[Token] = []  # the table's last line if it is no row: a power OCR set on a line apart from its label
    flat_above = False  # `apart` holds the last row's numbers boxed flat (by the rule's pixel row under the row)
    row_lines: list[Line] = []
    body = _rows_apart_from_emmetropia(body)
    for k, line in enumerate(body):
        tokens = tokens_of(line.words)
        texts = [t.text for t in tokens]
        if emmetropia_labels(line.words):
            words = _not_right_of_label(emmetropia_words(line, body[k + 1 : k + 2]))
            box.emmetropia_marks = [] if apart else _left_of_label(words)
            tokens = _in_power_column(tokens_of(words), box.rows)
            box.emmetropia, box.emmetropia_unread = _emmetropia_beside(tokens, apart, flat=flat_above)
            label_height = emmetropia_labels(line.words)[0].height
            box.emmetropia_digitless = box.emmetropia_unread and _no_power_read(
                [*apart, *_unflat(tokens, label_height)]
            )
            return box
        if _past_the_table(line, row_lines):
            break
        if sum(bool(_BOX_HEADER_UNIT.search(t)) for t in texts) >= 2:  # `IOL (D)  Ref (D)`, whatever OCR makes of IOL
            in_table = True
            continue
        if in_table:
            tokens = _row_cells([table_number(_unsigned_if_quoted(t)) for t in _without_specks(tokens)])
        tokens, flat = _flat_apart(tokens) if in_table else (tokens, [])
        numbers = [t for t in tokens if t.number is not None]
        row = in_table and len(numbers) == 2 and len(tokens) == 2
        if row:
            box.rows.append((numbers[0], numbers[1], any(t.word.bold for t in numbers)))
            row_lines.append(line)
        elif not in_table:
            box.constants.update(_constants(tokens, formula))
        apart = flat if row else tokens_of(line.words) if in_table else []
        flat_above = row
    _emmetropia_by_position(box, body, row_lines)
    return box


def _rows_apart_from_emmetropia(body: Sequence[Line]) -> list[Line]:
    """The body's lines, the words of an emmetropia label's line whose middle lies above the label's top set on a line
    of their own before it: the last row, its words boxed down over the rule under it, grouped with the line under
    them (`+20,50 --- +0,56 Emetropia`, 150- and 200-dpi rescans, held-out seeds 225 and 228)."""
    out: list[Line] = []
    for line in body:
        labels = emmetropia_labels(line.words)
        above = [w for w in line.words if labels and w.y_center < labels[0].bbox[1]]
        if above and len(above) < len(line.words):
            out += [Line(tuple(above)), Line(tuple(w for w in line.words if w.y_center >= labels[0].bbox[1]))]
        else:
            out.append(line)
    return out


def _past_the_table(line: Line, row_lines: list[Line]) -> bool:
    """Whether a line lies `TABLE_END` rows' pitch or more under the table's last row (of three read at least, so
    that OCR's uneven line tops do not make the pitch): no row of this table, whatever numbers it prints (`Página 1
    de 1`: the footer under a box whose emmetropia label OCR lost)."""
    return len(row_lines) >= 3 and _rows_below(line, row_lines) > TABLE_END


def _rows_below(line: Line, row_lines: list[Line]) -> float:
    """How many rows' pitch a line lies under the table's last row (two rows read at least)."""
    pitch = (row_lines[-1].bbox[1] - row_lines[0].bbox[1]) / (len(row_lines) - 1)
    return (line.bbox[1] - row_lines[-1].bbox[1]) / pitch


def _flat_apart(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """A row's tokens without a number whose box is a fraction of its neighbours' height (`___+21,43` under
    `+20,50 +0,63`: OCR boxed the emmetropia power, glued to the rule above it, as the rule's one pixel), and those
    numbers: a box that flat is no glyph's, so it says nothing of the line it belongs to."""
    if len(tokens) < 3:
        return tokens, []
    flat = flat_height([t.word.height for t in tokens])
    is_flat = [t.word.height < flat and any(ch.isdigit() for ch in t.text) for t in tokens]
    return [t for t, f in zip(tokens, is_flat, strict=True) if not f], [
        t for t, f in zip(tokens, is_flat, strict=True) if f
    ]


def _emmetropia_by_position(box: IolBox, body: Sequence[Line], row_lines: list[Line]) -> None:
    """A box whose emmetropia label OCR garbled past reading (`= __Beopa`): the line right under the table's last row
    (within one and a half rows' pitch) is its emmetropia line, read for a two-decimal power. Without one the box's
    emmetropia is unread, digitless where that line holds no digit (the vote across a formula's boxes may still find
    the null: `parser._nulls_by_formula`), never a null by itself; lost where no line stands there (`--- Emetropia`
    lost whole: the vote may settle it too)."""
    box.emmetropia_unread = True
    if len(row_lines) < 2:
        return
    below = [line for line in body if line.bbox[1] > row_lines[-1].bbox[1]]
    if not below or _rows_below(below[0], row_lines) > ROWS_APART:
        box.emmetropia_lost = True
        return
    tokens = _in_power_column(tokens_of(below[0].words), box.rows)
    power, _ = _emmetropia(tokens)
    if power is not None:
        box.emmetropia, box.emmetropia_unread = power, False
        return
    box.emmetropia_digitless = _no_power_read(tokens)


def _unflat(tokens: Sequence[Token], label_height: float) -> list[Token]:
    """An emmetropia line's tokens without those boxed flatter than FLAT_BOX of its label's height: the null's dashes
    boxed by their ink's few pixel rows, whatever OCR read them as (`S23` one pixel high beside a nine-pixel label, a
    photo, held-out seed 204); no digit is that flat. (Whether the line holds the null is still the vote across the
    formula's boxes, or the width of its mark: `parser._nulls_by_formula`.)"""
    return [t for t in tokens if t.word.height >= FLAT_BOX * label_height]


def _no_power_read(tokens: Sequence[Token]) -> bool:
    """Whether an emmetropia line holds no digit of a power: none at all, lone speck digits (`- Emetropia 7`), or one
    digit among letters or marks without a sign before it (`a5 Emetropia`, `=3= Emetropia`, `_7— Emetropia`: the null
    `---` read as letters or rules and a speck). A printed power has four digits after its sign (`+2 ce` may be one's
    start)."""
    if all(_is_lone_digit(t) or not any(c.isdigit() for c in t.text) for t in tokens):
        return True
    with_digits = [t.text for t in tokens if any(c.isdigit() for c in t.text)]
    return (
        len(with_digits) == 1
        and sum(c.isdigit() for c in with_digits[0]) == 1
        and len(with_digits[0]) > 1
        and not _SIGNED_DIGIT.search(with_digits[0])
    )


def emmetropia_words(line: Line, following: Sequence[Line]) -> list[Word]:
    """The emmetropia line's words with those of the next line level with its label (`~ Emetropia` over `+21,55`:
    a rule's remains read at the label's top edge started a line of their own that the label joined, its power not),
    left to right."""
    label = emmetropia_labels(line.words)[0]
    level = [w for later in following for w in later.words if label.bbox[1] <= w.y_center <= label.bbox[3]]
    return sorted([*line.words, *level], key=lambda w: w.bbox[0])


def _not_right_of_label(words: list[Word]) -> list[Word]:
    """The emmetropia line's words but those right of its label: the device prints the power or the null left of
    the label and nothing after it, so what OCR read there is a speck or the rule's end (`—_ _Emetropia 7`: the `7`
    left the null line unread)."""
    label = _label_of(words)
    return [w for w in words if w.bbox[0] < label.bbox[2]]


def _left_of_label(words: list[Word]) -> list[Word]:
    """The emmetropia line's words left of its label: where the power or the null `---` is printed."""
    label = _label_of(words)
    return [w for w in words if w.bbox[2] <= label.bbox[0]]


def _label_of(words: list[Word]) -> Word:
    """The emmetropia label among an emmetropia line's words (and those level with it), one boxed as a line of type
    first (`emmetropia_labels`)."""
    return next(iter(emmetropia_labels(words)), None) or next(w for w in words if EMMETROPIA.search(w.text))


def _in_power_column(tokens: list[Token], rows: Sequence[tuple[Token, Token, bool]]) -> list[Token]:
    """The emmetropia line's tokens without marks outside the power column: the null `---` is printed under the rows'
    powers, a rule's remains beside the label (`—`, `~`) are no null. Without rows read, every token stays."""
    if not rows:
        return tokens
    x0, x1 = min(p.word.bbox[0] for p, _, _ in rows), max(p.word.bbox[2] for p, _, _ in rows)
    kept = [t for t in tokens if _has_digit_or_letter(t.text) or (t.word.bbox[2] > x0 and t.word.bbox[0] < x1)]
    return [_label_alone(t) if t.word.bbox[0] >= x1 else t for t in kept]


def _label_alone(token: Token) -> Token:
    """A label with marks glued before it that start right of the power column (`—Emetropia`: a rule's end) as the
    label alone: the null `---` is printed under the powers, so marks right of them are no null (taken for one, they
    left a box's power lost unseen); any other token as read."""
    label = _GLUED_LABEL.search(token.text)
    if label is None or label.start() == 0 or _has_digit_or_letter(token.text[: label.start()]):
        return token
    return Token(token.text[label.start() :], token.word)


def _has_digit_or_letter(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _emmetropia_beside(tokens: list[Token], apart: list[Token], *, flat: bool) -> tuple[Token | None, bool]:
    """The emmetropia line read alone, or (read alone it holds neither a power nor the null) with the table line just
    above it that is no row (`_ +22,11 —_` over `Emmetropia`: OCR set the line's parts apart by a pixel). A row that
    lost a number and so went into it leaves the box a row short: review. Digits the last row's line held boxed
    `flat` (`—+21,68`: the power boxed by the rule's pixel row between the two lines) are this line's too: where the
    line alone reads the null, they are read with it, and a null read again beside them is unread."""
    read = _emmetropia(tokens)
    digits = flat and read[0] is None and not _no_power_read(apart)
    if not apart or not (read[1] or digits):
        return read
    beside = sorted([*apart, *tokens], key=lambda t: t.word.bbox[0])  # left to right: `+21` here, `61` above
    power, unread = _emmetropia(beside)
    return power, unread or (digits and power is None)


def _emmetropia(tokens: list[Token]) -> tuple[Token | None, bool]:
    """The emmetropia power and whether the line was left unread: the device prints one power with two decimals
    (`+21,19 Emmetropia`), or `---` where the formula gives none. A power OCR split at its mark (`+22 21`, `+21 1 9`)
    is read whole when its parts hold two decimals, and a lone digit beside a whole power is a speck (`+21,99 7`); one
    cut (`+22`) or a line without either is unread: never a value, never a null."""
    numbers = _one_power([table_number(t) for t in _without_specks([_label_unglued(t) for t in tokens])])
    if len(numbers) == 1 and numbers[0].number is not None and decimals(numbers[0].text) == TABLE_DECIMALS:
        return numbers[0], False
    null = not numbers and any(_NULL_AS_READ.fullmatch(_GLUED_LABEL.sub("", t.text)) for t in tokens)
    return None, not null


def _label_unglued(token: Token) -> Token:
    """An emmetropia power OCR glued to its label (`+22,11__Emetropia`, a rule's remains before its sign too:
    `—+21,43_Emetropia`) apart from it; any other token as read."""
    glued = _POWER_GLUED_TO_LABEL.match(_RULE_BEFORE_SIGN.sub("", token.text))
    return Token(glued.group(1), token.word) if glued else token


def _row_cells(tokens: list[Token]) -> list[Token]:
    """A row's two numbers without a lone digit OCR read from a speck beside them (`7 +21,00 +0,61`): the table prints
    no one-digit number, so a digit goes only when the two others are whole (two decimals each). A number whose
    decimal mark OCR read as a space (`+22 50 -0,51`) is joined again when that leaves two whole numbers."""
    for cells in ([t for t in tokens if not _is_lone_digit(t)], _mark_read_as_space(tokens)):
        if len(cells) == len(ROW_CELLS) and all(
            t.number is not None and decimals(t.text) == TABLE_DECIMALS for t in cells
        ):
            return cells
    return tokens


def _mark_read_as_space(tokens: list[Token]) -> list[Token]:
    """The tokens with the one pair `+22` `50` (a whole number of one or two digits, then two digits) joined as
    `+22.50`; as they are when no such pair or more than one stands in the row."""
    pairs = [
        k
        for k in range(len(tokens) - 1)
        if _WHOLE_PART.match(tokens[k].text) and _DECIMALS_PART.match(tokens[k + 1].text)
    ]
    if len(pairs) != 1:
        return tokens
    k = pairs[0]
    part = joined(tokens[k : k + 2])
    mended = Token(f"{tokens[k].text}.{tokens[k + 1].text}", part.word)
    return [*tokens[:k], mended, *tokens[k + 2 :]]


def _one_power(numbers: list[Token]) -> list[Token]:
    """The numbers of an emmetropia line as one power where OCR split it: a whole power beside lone speck digits
    (`+21,99 7`), else the parts joined (`+22 21`, `+21 1 9`: the decimal mark read as a space)."""
    if len(numbers) <= 1:
        return numbers
    whole = [t for t in numbers if not _is_lone_digit(t) and decimals(t.text) == TABLE_DECIMALS]
    specks = [t for t in numbers if _is_lone_digit(t)]
    return whole if len(whole) == 1 and len(whole) + len(specks) == len(numbers) else [table_number(joined(numbers))]


def _is_lone_digit(token: Token) -> bool:
    return len(token.text) == 1 and token.text.isdigit()


def _is_whole_start(token: Token) -> bool:
    """One or two digits alone: the start of a constant's whole part OCR set apart (no constant is a whole number)."""
    return len(token.text) <= 2 and token.text.isdigit()


def _without_specks(tokens: list[Token]) -> list[Token]:
    """A table row as OCR may read it (`i +23,50 -0,85`, `_+21,00 —_ +0,75`): marks without a digit are specks or
    rules, and an underscore or dashes at a number's edge are the box's rule (`_—-+0,52`: the last mark before the
    digits is the sign), a digit glued before a whole number's sign a speck (`_4+21,00`). A lost sign stays lost
    (`restore_signs`)."""
    numbers = [t for t in tokens if any(ch.isdigit() for ch in t.text)]
    return [_cell(Token(_specks_before_sign(t.text.strip("_")), t.word)) for t in numbers]


def _specks_before_sign(text: str) -> str:
    """A table number without what OCR glued before its sign: a rule (`—_+21,00`) or a speck read as a digit
    (`_4+21,00`; the device prints the sign first, so a digit before it is no part of the number)."""
    return _SPECK_BEFORE_SIGN.sub("", _RULE_BEFORE_SIGN.sub("", text))


def _cell(token: Token) -> Token:
    """A table number OCR framed in marks that are no part of it (`(+21,86`, `+20,50°`, `___*21,00`, `+#21,19`): the
    one number in the word, its sign only where a `+` or `-` touches its digits, else unsigned for the table's rules
    (`restore_signs`) to resolve. A word that reads as a number already stays as read."""
    text = with_one_decimal_mark(token.text)  # `+22,.23`: one mark read twice
    framed = _FRAMED_NUMBER.match(text) if token.number is None else None
    return Token(framed.group(1) + framed.group(2), token.word) if framed else token


def _unsigned_if_quoted(token: Token) -> Token:
    """`“1,21`: OCR read the sign as a quote, and a quote may stand for `+` or `-`; the number stays unsigned for
    `restore_signs` to resolve by the table."""
    unquoted = _QUOTED_SIGN.sub("", token.text)
    return token if unquoted == token.text else Token(unquoted, token.word)


def line_constants(line: Line) -> dict[str, Token]:
    """The labelled constants a line prints (`A0: -0,111  A1: +0,249`), by name; empty for any other line."""
    return _constants(tokens_of(line.words))


def _constants(tokens: Sequence[Token], formula: str | None = None) -> dict[str, Token]:
    """`LF: +1,99  DF: Standard` -> {"lf": +1,99}; `A const.: 119,20` -> {"a_constant": 119,20}; a value whose label
    OCR lost, but for its colon or a mark (`:-0,111`, `> -0,111`) or read as a lone digit (`2 -0,111`: no constant is
    printed so), named by its place in the `formula`'s line (`constant_lines.named_by_place`)."""
    read: list[tuple[str, Token]] = []
    label: list[str] = []
    for token in _decimals_joined(_colons_set_apart(tokens)):
        if _is_lone_digit(token) and not label:
            label = [LABEL_LOST]
        elif token.number is not None:
            name = _constant_name(" ".join(label)) if any(c.isalpha() for c in "".join(label)) else LABEL_LOST
            read.append((name, token if name == UNSIGNED_CONSTANT else _plus_read_as_four(token)))
            label = []
        else:
            label = [*label, token.text] if not label or not label[-1].endswith(":") else [token.text]
    return named_by_place(formula, read)


def _colons_set_apart(tokens: Sequence[Token]) -> list[Token]:
    """The tokens with a colon OCR glued before a number set apart (`:-0,111`: its label lost, the colon kept)."""
    apart: list[Token] = []
    for token in tokens:
        glued = token.text.startswith(LABEL_LOST) and parse_number(token.text[1:]) is not None
        apart += [Token(LABEL_LOST, token.word), Token(token.text[1:], token.word)] if glued else [token]
    return apart


def _decimals_joined(tokens: Sequence[Token]) -> list[Token]:
    """The tokens with a constant's whole part and its decimals OCR set apart joined again (`118,` `80` -> `118,80`,
    `+0,` `210` -> `+0,210`, `+0.2` `10` -> `+0.210`: the parts joined give a constant's printed form; `1` `19,` `20`
    -> `119,20`, its first digit set apart too, a 150-dpi rescan, seed 161; `11` `8.80` -> `118.80`, split inside its
    whole part, a 150-dpi rescan, seed 234), and a constant's decimal mark OCR read twice read once (`+5,.426`); a
    constant whose mark OCR read as a space joined without it (`+0` `210` -> `+0210`, a 150-dpi rescan, held-out seed
    323: its `+0` had read as the constant 0; without its mark it is the other boxes' where they print its digits,
    `constant_copies`, else not in its printed form, review); any other token as read."""
    joined_tokens: list[Token] = []
    for token in (_one_mark(t) for t in tokens):
        last = joined_tokens[-1] if joined_tokens else None
        if last is not None and (
            (
                _CONSTANT_START.match(last.text)
                and _CONSTANT_DECIMALS.match(token.text)
                and in_any_printed_form(last.text + token.text)
            )
            or (_is_lone_digit(last) and _CONSTANT_START.match(last.text + token.text))
            or (_is_whole_start(last) and in_any_printed_form(last.text + token.text))
            or (
                _SIGNED_DIGIT.match(last.text)
                and _CONSTANT_DECIMALS.match(token.text)
                and in_any_printed_form(f"{last.text},{token.text}")
            )
        ):
            part = joined([last, token])
            joined_tokens[-1] = Token(last.text + token.text, part.word)
        else:
            joined_tokens.append(token)
    return joined_tokens


def _one_mark(token: Token) -> Token:
    """`+5,.426` -> `+5.426`: a number whose decimal mark OCR read twice; any other token as read."""
    once = with_one_decimal_mark(token.text) if token.number is None else token.text
    return Token(once, token.word) if once != token.text and parse_number(once) is not None else token


def _plus_read_as_four(token: Token) -> Token:
    """A signed constant whose `+` OCR read as a 4 (`40,217` for `+0,217`, `42,04` for `+2,04`: every such constant is
    printed signed, with one digit before its mark) with its sign back; any other reading as read."""
    garbled = plus_read_as_four(token.text, whole=(1,))
    return Token(garbled, token.word) if garbled else token


def _unsigned_if_plus_read_as_four(token: Token) -> Token:
    """`40,68`: a refraction whose sign OCR read as a 4 (no refraction is printed beyond 30 D) stays unsigned, `0,68`,
    for the table's rules (`restore_signs`) to resolve; any other reading as read."""
    garbled = plus_read_as_four(token.text, whole=(1,), decimals=(TABLE_DECIMALS,))
    return Token(garbled.removeprefix("+"), token.word) if garbled else token


def _constant_name(label: str) -> str:
    """The constant a label names; a speck OCR read before it (`g ACD:`) is no part of the name."""
    words = label.split()
    known = (formulas.constant_name(" ".join(words[k:])) for k in range(len(words)))
    return next((name for name in known if name in formulas.KNOWN_CONSTANTS), formulas.constant_name(label))


def restore_signs(box: IolBox) -> list[str]:
    """The IOLMaster 700 prints every refraction with its sign: the refractions OCR read without one get, together,
    the one set of signs that keeps the table consistent (two lost signs next to each other are resolved jointly);
    when none or several sets fit, each is reported, never guessed."""
    box.rows = [(power, _unsigned_if_plus_read_as_four(r), bold) for power, r, bold in box.rows]
    unsigned = [i for i, (_, r, _) in enumerate(box.rows) if r.number and not is_signed(r)]
    if not unsigned:
        return []
    fitting = [
        rows
        for rows in _signings(box.rows, unsigned)
        if _consistent(rows, box.emmetropia) and all(steps_even_around(rows, i) for i in unsigned)
    ]
    if len(fitting) > 1:  # `0,01` fits either way around zero: the emmetropia power says which side the row is on
        fitting = [rows for rows in fitting if _beside_emmetropia(rows, box.emmetropia)]
    if len(fitting) == 1:
        box.rows = fitting[0]
        return []
    return [f"the sign of the refraction read as {box.rows[i][1].text!r} is unreadable" for i in unsigned]


def _beside_emmetropia(rows: list[Row], emmetropia: Token | None) -> bool:
    """No row on the wrong side of the emmetropia power: refraction falls as power rises, so a row with a power below
    it leaves the eye hyperopic (+) and one above it myopic (-). Without an emmetropia power nothing is ruled out."""
    if emmetropia is None or emmetropia.number is None:
        return True
    aim = emmetropia.number
    return not any(
        (r.number > 0 and p.number > aim) or (r.number < 0 and p.number < aim)
        for p, r, _ in rows
        if p.number is not None and r.number is not None
    )


def _signings(rows: list[Row], unsigned: list[int]) -> Iterator[list[Row]]:
    """The rows with every combination of `+`/`-` on the unsigned refractions."""
    for signs in itertools.product(("", "-"), repeat=len(unsigned)):
        candidate = [*rows]
        for index, sign in zip(unsigned, signs, strict=True):
            power, refraction, bold = rows[index]
            candidate[index] = (power, Token(sign + refraction.text.lstrip("+-"), refraction.word), bold)
        yield candidate


def _consistent(rows: list[Row], emmetropia: Token | None) -> bool:
    """The table rules of the one validator hold for these rows (steps, monotonic, emmetropia bracket)."""
    candidate = IolCalculation(
        eye="OD",
        formula="",
        iol_model="",
        rows=[IolRow(iol_power_d=p.number or 0.0, refraction_d=r.number or 0.0, selected=False) for p, r, _ in rows],
        emmetropia_power_d=emmetropia.number if emmetropia else None,
    )
    return not {i.code for i in check_iol(0, candidate)} & _TABLE_RULES
