"""IOLMaster 700 result-table cells and eye values the page pass misread, read again alone from the page image.

Every power, refraction and emmetropia power of a result table is printed signed with two decimals (`+0,71`). A cell
the page pass read in another form (`40,74` for `+0,71`: the `+` read as a 4 and the 1 as a 4; `+21,00_`) is cropped
alone and read as one line of digits, sign and point (`extract.cells.read_number_cell`, two preparations must agree).
The new reading replaces the old only in that printed form; else the page pass's words stay, and the parser's table
checks (steps, signs, emmetropia) still judge every row. A well-formed cell is never read again.

An eye value after its label (`K2: 44,006 D` for `44,06`) is read again the same way where it shows other digits than
the device prints for its field (`precision.PRINTED_DIGITS`), and replaced only by a reading in those digits. A value
the page pass lost whole, its label followed by the next label (`P: Ix: -0,2 mm`, `WTW: Ix:` on a rescan), is read
again from the gap between them as one line (`extract.cells.read_text_line`, two preparations agree) and added only
where it reads the field's printed digits and nothing else but the unit (`2,7 mm`; a CCT's three, `544 µm`). Only
this device's pages (`prints_own_page`) are read again (another device's pages keep their words).

A table is found by its words: the `IOL (D)  Ref (D)` header above a box's `Emmetropia` label; its cells lie between
the two, from a label's width left of the label to the label's right edge (powers right-aligned under `IOL (D)`,
refractions and the label under `Ref (D)`).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from PIL import Image

from biometry import formulas
from biometry.devices.iolmaster700 import prints_own_page
from biometry.devices.iolmaster700.boxes import EMMETROPIA, is_table_unit
from biometry.devices.iolmaster700.constant_lines import PRINTED_FORM, in_any_printed_form
from biometry.devices.iolmaster700.precision import PRINTED_DIGITS, PRINTED_WHOLE, decimals_unprinted
from biometry.devices.iolmaster700.printed import vocabulary_label
from biometry.devices.iolmaster700.slots import FIELDS_OF_LABEL, UNIT_OF, UNIT_OF_FIELD
from biometry.devices.measurements import label_spelling
from biometry.document import Line, Word, group_lines, union_bbox
from biometry.extract.boxes import Box
from biometry.extract.cells import (
    INK_LEVEL,
    centre_in,
    ink_bands,
    ink_without_rules,
    line_rule_rows,
    read_number_cell,
    read_text_line,
    widest_blank,
)
from biometry.extract.value_votes import SURE, NumberOf, value_area, voted_reading
from biometry.normalize import decimals, parse_number, with_one_decimal_mark
from biometry.validate import DEFAULT_ACCEPT_THRESHOLD

_GLUED_UNIT = re.compile(r"(?:mm|µm|um|D)$")
_GLUED_LABEL = re.compile(r"^([A-Za-zΔ][\w-]*:)(\d.*)$")  # `K1:41,445D`: a label and its value read as one word
# `-4145D`, `/4145D`: a lost label's colon glued on as a mark (a photo, held-out seed 287: `/`)
_MARK_GLUED_VALUE = re.compile(r"^[-:;/]\d[\d.,]*(?:D|mm|µm|um)$")
_VALUE_WITH_UNIT = re.compile(r"^\d{1,3}[.,]\d{1,3}(?:D|mm|µm|um)$")  # `40,95D`
_AXIS = re.compile(r"^@ ?\d{1,3}°$")  # a keratometry's axis as printed (`@100°`, `@ 10°`)
_AXIS_WORD = re.compile(r"^@? ?(\d{1,3})°$")  # an axis word as read, its `@` glued on or apart (`@100°`, `75°`)
AXIS_ROOM = 12.0  # label heights: a keratometry's axis is printed within this far right of its unit
_LABEL_END = re.compile(r"[A-Za-zΔ]\w*[:;]$")  # `...ik1:`: a label glued on the end of a garbled word
_UNIT_READ_AS_ZERO = re.compile(r"^\d+[.,]\d\d0$")  # `47,140` for `47,14D`: a keratometry's glued `D` read as a 0
PRINTED_CELL = re.compile(r"^[+-]\d{1,2}[.,]\d\d$")  # `+21,50`, `-0,63`: the device's form of every table number
PRINTED_NULL = "---"  # the emmetropia power a formula does not give (Holladay 2), as printed
_NULL_READ = re.compile(r"^-{2,3}(?![\d,.+-])")  # ... as a preparation may read its hyphens (`--`; rule glyphs aside)
TABLE_LEFT_OF_LABEL = 1.5  # the power column starts this many label widths left of the `Emmetropia` label
MAX_TABLE_LINES = 10  # label heights: the header is 6-8 lines above its label, a header further up is another box's
EDGE_PX = 2  # white kept around a cell's ink
MIN_DIGITS_BESIDE_LETTER = 3  # a misread cell may hold one letter (a sign or digit misread) among this many digits
# a cell read whole after a mark OCR made of the row's rule or a speck before it, letters among them (`i$j.+0,72`)
_MARKS_BEFORE_CELL = re.compile(r"[^\w\s][+-]\d{1,2}[.,]\d\d$")
SPLIT_GAP = 0.5  # word heights: parts of one cell OCR split stand closer than this
HAIRLINE_SHARE = 0.9  # a pixel row of a cell's crop inked this far across is a rule (a digit's bar or a sign's is less)
GLYPH_HEIGHTS = 1.0  # a glyph OCR left out of a cell's box lies within this many type heights of it
GLYPH_HEIGHT_SHARE = 0.6  # ... and its ink spans this share of the cell's height at least
COLUMN_GAP = 2.0  # type heights: a blank this wide inside a misread word parts a row's power and refraction cells
MIN_LOST_VALUE_GAP = 1.4  # label heights: a gap between a label and the next label this wide may hold a lost value
MAX_SPECKS = 2  # words without a digit a lost value's gap may hold (`;`: a speck of it read)
_NEXT_LABEL = re.compile(r"^[A-Za-zΔ][\w-]*[:;]$")  # `Ix:`, `ly:`, `SD:`: a label right after a label's lost value
_VALUE_MARK = re.compile(r"[\d+-]")  # a power or the null mark `---` read before an emmetropia label, in part
# what a box's tilted rule, cut by a line's crop, reads as at the line's ends, and its frame's upright rule (`|`: the
# SRK/T emmetropia line of a real 300-dpi rescan, `+22,11Emetropia|`); never a sign (`-`)
_RULE_ENDS = "—–_~|"
_WITHOUT_RULES = str.maketrans("", "", _RULE_ENDS)
_FRAME_MARKS = "|!][(){}" + _RULE_ENDS  # what a box's upright rule reads as at a line's end
REREAD_MARGIN = 0.2  # word heights of white read around a word read again as a line
# a cell read in the printed form this unsure is read again alone (`+24,00` at 0.00 for `+21,00`, held-out seed 278)
UNSURE_CELL = 0.3
# a cell read in the printed form less sure than this is settled by the vote of its readings (a photo's bold
# `-0,11` read `-0,14` at 0.63, `-0,11` twice alone: held-out seed 321)
VOTED_CELL = 0.7
GARBLED_PART_CHARS = 3  # a cell's part OCR read as letters is this short (`es`)
# a lens constant read this unsure is settled by the vote of its readings (`+6,234` at 0.52 for `+0,234`, read
# `+0,234` twice alone: a 150-dpi rescan, held-out seed 284; `-0,114` at 0.62 for `-0,111`, read `-0,111` alone: a
# 200-dpi rescan, held-out seed 371; as a cell, VOTED_CELL)
UNSURE_CONSTANT = VOTED_CELL
UNSURE_VALUE = DEFAULT_ACCEPT_THRESHOLD  # an eye value read less sure pulls its page's confidence under it
_Misread = tuple[list[Word], re.Pattern[str], float | None]  # a cell's parts, its printed form, its column's left edge


def with_table_cells(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each result-table cell and eye value read in another form than the device prints read
    again alone, where two preparations agree on a number in the printed form; the words unchanged on any other
    page."""
    if not prints_own_page(words):
        return words
    grey = np.asarray(image.convert("L"))
    comma = prints_commas(words)
    aspect = image.size[1] / image.size[0]  # a height share of the page as a share of its width
    words = _with_glued_values_reread(image, words)
    words = _with_lost_labels_reread(image, words, aspect)
    for parts, form, left in [*_misread_cells(words), *_misread_values(words)]:
        words = _with_reread(image, grey, words, (parts, left), form, comma=comma)
    for label, after, form in _lost_values(words, aspect):
        words = _with_lost_value(image, words, label, after, form)
    for unit, right in _lost_axes(words, aspect):
        words = _with_lost_axis(image, words, unit, right)
    for value in _unsure_values(words):
        words = _with_confirmed_value(image, grey, words, value)
    for constant in _unsure_constants(words):
        number_of = functools.partial(_constant_number, sign=_sign_of(constant.text))
        words = _with_voted(image, words, constant, number_of)  # else `iol_constants_differ` judges it
    for cell in _unsure_cells(words):
        words = _with_voted(image, words, cell, _cell_number)  # else the table's curve and steps judge it
    for axis in _unsure_axes(words):
        words = _with_voted_axis(image, words, axis)
    for area in _unread_emmetropia_lines(words):
        words = _with_emmetropia_line(image, words, area)
    return words


def _misread_cells(words: list[Word]) -> list[_Misread]:
    """The table cells of every result box read in another form than printed, or in it but in doubt (the decimal mark
    the page does not print, or read below UNSURE_CELL), each with the printed form and the left edge of its column;
    a cell OCR split into words (`+2 1 8 1`, `+22 50`: its marks read as spaces; `+22` `1` for `+22,11`: its middle
    lost) as its parts, read again as one."""
    zones = _table_zones(words)
    misread = [w for w in words if any(in_zone(w, z) for z in zones) and (is_misread_cell(w) or _garbled_part(w))]
    printed = [w for w in words if PRINTED_CELL.match(w.text) and any(in_zone(w, z) for z in zones)]
    other_mark = _other_mark(printed)
    doubted = [w for w in printed if w in other_mark or w.confidence < UNSURE_CELL]  # once: a cell is read once
    misread += doubted
    printed = [w for w in printed if w not in doubted]
    return [(parts, PRINTED_CELL, column_left(parts, printed)) for parts in cells_of(misread, widest_cell(printed))]


def _table_zones(words: list[Word]) -> list[tuple[float, float, float, float]]:
    """The result tables' zones: each box's cells, found from its `Emmetropia` label and its table header."""
    labels = [w for w in words if EMMETROPIA.search(w.text)]
    headers = [w for w in words if is_table_unit(w.text)]
    return [zone for zone in (table_zone(label, headers) for label in labels) if zone is not None]


def _garbled_part(word: Word) -> bool:
    """A part of a cell OCR read as a few letters, unsure (`es` for `+0,` of a photo's `+0,77` at 0.22, beside its
    `3` at 0.23: held-out seed 313, the row's refraction read `3`): read again with the cell it stands in, as a
    misread cell is. (One letter is what a box's frame reads as, `l`, `I`: no part of a cell.)"""
    return word.confidence < UNSURE_CELL and word.text.isalpha() and 2 <= len(word.text) <= GARBLED_PART_CHARS


def _other_mark(printed: list[Word]) -> list[Word]:
    """The cells read in the printed form but with the decimal mark most of the page's cells do not show: a page prints
    every number with one mark, so such a cell's reading is in doubt (a 300-dpi rescan, held-out seed 243, read the
    emmetropia power `+21,81` as `+21.84` at 0.55 among commas) and it is read again alone; none where the marks tie."""
    commas = sum("," in w.text for w in printed)
    points = len(printed) - commas
    if commas == points:
        return []
    minority = "." if commas > points else ","
    return [w for w in printed if minority in w.text]


def column_left(parts: list[Word], printed: list[Word]) -> float | None:
    """The left edge (page fraction) of the column a misread cell stands in: of the cells read in the printed form
    whose right edge lies within SPLIT_GAP of its height of its own (a column's cells are right-aligned), or None
    without any. A cell whose box the page pass started past its sign and first digit (`4,00` for `+21,00` on a
    300-dpi rescan, held-out seed 203) is read from there. (A cell boxed over a rule's remains past its column, or a
    word boxed across both columns, ends elsewhere: taken for a column, they had a refraction's crop take in the row's
    power too, read twice: seeds 186, 197.) Parts that end past every column but start inside one's cells (a row read as
    letters boxed tall into the gap, `AO SOE ey` for `+20,50`: a photo, held-out seed 323) are read from that
    column's left edge: a crop from the parts' own start cut the `+` to its bar, read `-20.50`."""
    x0, y0, x1, y1 = union_bbox([w.bbox for w in parts])
    reach = SPLIT_GAP * (y1 - y0)
    ends = [w.bbox[0] for w in printed if abs(w.bbox[2] - x1) <= reach]
    return min(ends or [w.bbox[0] for w in printed if w.bbox[0] <= x0 <= w.bbox[2] <= x1], default=None)


def widest_cell(printed: list[Word]) -> float:
    """The width (page fraction) of the widest of the table cells read in the printed form; 0 for none."""
    return max((w.bbox[2] - w.bbox[0] for w in printed), default=0.0)


def cells_of(misread: list[Word], widest: float) -> list[list[Word]]:
    """Misread words grouped by cell, in reading order: a word that is a part of the last one's cell (`_same_cell`,
    `_in_one_cell`: `widest`, the widest cell read in the printed form) joins it (the gap between two columns is
    several heights wide)."""
    cells: list[list[Word]] = []
    for word in sorted(misread, key=lambda w: (round(w.y_center, 2), w.bbox[0])):
        last = cells[-1][-1] if cells else None
        if last is not None and (_same_cell(last, word) or _in_one_cell(last, word, widest)):
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def _same_cell(left: Word, right: Word) -> bool:
    """Parts of one cell: level, less than SPLIT_GAP heights apart or overlapping by less (`+21` `1,76`)."""
    height = max(left.height, right.height)
    level = left.bbox[1] <= right.y_center <= left.bbox[3]
    return level and abs(right.bbox[0] - left.bbox[2]) <= SPLIT_GAP * height


def _in_one_cell(left: Word, right: Word, widest: float) -> bool:
    """Parts of one cell with its middle lost between them (`-1,32` read `a` and `2`, `+22,11` read `+22` and `1`):
    level, apart, and together no wider than the widest cell the tables read in the printed form (a row's power and
    refraction stand further apart than that; a crop across both is still read as two cells, `two_columns`)."""
    level = left.bbox[1] <= right.y_center <= left.bbox[3]
    return level and right.bbox[0] >= left.bbox[2] and right.bbox[2] - left.bbox[0] <= widest


def _misread_values(words: list[Word]) -> list[_Misread]:
    """The eye values right after their labels read with other digits than the device prints for their fields."""
    found: list[_Misread] = []
    for line in group_lines(words):
        for label, value in itertools.pairwise(line.words):
            printed = _printed_field(label.text)
            text = _GLUED_UNIT.sub("", value.text)
            if printed and any(c.isdigit() for c in text) and decimals_unprinted(text, printed[0]):
                found.append(([value], _printed_value(printed[1]), None))
    return found


def _with_glued_values_reread(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with each label and value OCR read as one word, the value with other digits than the device prints
    for its field (`K1:41,445D` for `K1: 41,45 D` on a photo, held-out seed 201), read again as one line: where two
    preparations agree on the same label and a value in the printed digits (its unit after it or not), the word
    becomes the label and the value, each boxed by its share of the characters. (The value's crop cut at that share
    took in the label's `1`, read `11,45`: a label's glyphs are no value's width.)"""
    apart: list[Word] = []
    for word in words:
        glued = _GLUED_LABEL.match(word.text)
        printed = _printed_field(glued.group(1)) if glued else None
        if glued is None or printed is None or not decimals_unprinted(_GLUED_UNIT.sub("", glued.group(2)), printed[0]):
            apart.append(word)
            continue
        label = vocabulary_label(label_spelling(glued.group(1)))
        apart += _label_and_value_read_again(image, word, word.bbox[0], label) or [word]
    return apart


def _with_lost_labels_reread(image: Image.Image, words: list[Word], aspect: float) -> list[Word]:
    """The words with each value OCR read without its label but for the label's colon, read as a mark glued before
    it (`-4145D` for `K1: 41,45 D`: a 200-dpi rescan and a photo, held-out seeds 261 and 259), read again as one line
    from the left edge of the labels on the lines next to it (the label column is right-aligned: a lost label lies
    there): where two preparations agree on a label and a value in its printed digits, the word becomes the two. A
    value read after its label is not (`K1: -4145D` would read the label twice; `ΔK: -235D`: a minus)."""
    lines = group_lines(words)
    found: dict[int, list[Word]] = {}
    for k, line in enumerate(lines):
        for n, word in enumerate(line.words):
            if not _label_lost_before(word, line.words[n - 1] if n > 0 else None):
                continue
            left = _label_column_left(word, [*lines[max(k - 2, 0) : k], *lines[k + 1 : k + 3]], aspect)
            read = _label_and_value_read_again(image, word, left) if left is not None else []
            if read:
                found[id(word)] = read
    return [part for word in words for part in found.get(id(word), [word])]


def _label_lost_before(word: Word, before: Word | None) -> bool:
    """Whether a value's label was lost: read as a mark glued on (`-4145D`), or glued on the end of a garbled word
    before it (`-$0:0,01D__—ik1: 40,95D`: `SD: 0,01 D K1:` at 0.00, a photo, held-out seed 271); not after its label."""
    if before is not None and _is_eye_label(before):
        return False
    if _MARK_GLUED_VALUE.match(word.text):
        return True
    return before is not None and _VALUE_WITH_UNIT.match(word.text) is not None and _glued_label_end(before.text)


def _glued_label_end(text: str) -> bool:
    end = _LABEL_END.search(text)
    return end is not None and end.start() > 0 and not text[end.start() - 1].isspace()


def _is_eye_label(word: Word) -> bool:
    return vocabulary_label(label_spelling(word.text)) in FIELDS_OF_LABEL


def _label_column_left(word: Word, neighbours: list[Line], aspect: float) -> float | None:
    """The left edge of the eye-value labels on the neighbouring lines that end where the word begins (within its
    height), or None without one."""
    reach = word.height * aspect  # the word's height as a share of the page's width
    labels = [label for line in neighbours for label in map(_label_edges, line.words) if label is not None]
    return min((left for left, right in labels if abs(right - word.bbox[0]) <= reach), default=None)


def _label_edges(word: Word) -> tuple[float, float] | None:
    """The left and right edge of an eye-value label: a word, or the start of a word its value is glued to
    (`K2:43,74D`, its edge at the label's share of the characters); None for any other word."""
    if _is_eye_label(word):
        return word.bbox[0], word.bbox[2]
    glued = _GLUED_LABEL.match(word.text)
    if glued is None or vocabulary_label(label_spelling(glued.group(1))) not in FIELDS_OF_LABEL:
        return None
    return word.bbox[0], word.bbox[0] + word.width * len(glued.group(1)) / len(word.text)


def _label_and_value_read_again(image: Image.Image, word: Word, left: float, label: str | None = None) -> list[Word]:
    """The area from `left` to a word's right edge read again as one line: a label (`label`, or any eye-value label
    where None) and a value in the digits its field is printed with as two words, boxed by their shares of the
    characters; none where two preparations do not agree on such a reading."""
    width, height = image.size
    margin = REREAD_MARGIN * word.height
    _, y0, x1, y1 = word.bbox
    area = Box(round(left * width - margin * height), round((y0 - margin) * height),
               round(x1 * width + margin * height), round((y1 + margin) * height))  # fmt: skip
    text = "".join(w.text for w in read_text_line(image, area) or [])
    read = re.match(r"^(.+?:)(\d+[.,]\d+)(?:D|mm|µm|um)?$", text)
    printed = _printed_field(read.group(1)) if read else None
    if read is None or printed is None or not _printed_value(printed[1]).match(read.group(2)):
        return []
    if label is not None and vocabulary_label(label_spelling(read.group(1))) != label:
        return []
    split = left + (x1 - left) * len(read.group(1)) / len(text)
    return [replace(word, text=read.group(1), bbox=(left, y0, split, y1)),
            replace(word, text=read.group(2), bbox=(split, y0, x1, y1))]  # fmt: skip


def _unsure_values(words: list[Word]) -> list[Word]:
    """The eye values right after their labels, in the digits the device prints for their fields (a unit glued on or
    not: `40,95D`), that the page pass read less sure than UNSURE_VALUE (a photo's soft type)."""
    found = []
    for line in group_lines(words):
        for label, value in itertools.pairwise(line.words):
            printed = _printed_field(label.text)
            if (
                printed
                and value.confidence < UNSURE_VALUE
                and _printed_value(printed[1]).match(_without_unit(value.text))
            ):
                found.append(value)
    return found


def _with_confirmed_value(image: Image.Image, grey: np.ndarray, words: list[Word], value: Word) -> list[Word]:
    """The words with an unsure value held at the confidence of its cell read alone (`extract.cells.read_number_cell`:
    two preparations agree) where that reading is the same number; else unchanged (a reading that differs is doubt,
    and the page pass's confidence stays to tell it). The page pass's word, its text and box, is kept."""
    cell = ink_box(grey, value.bbox, image.size)
    read = read_number_cell(image, cell) if cell is not None else None
    if read is None or read.text != _without_unit(value.text).replace(",", "."):
        return words
    confirmed = Word(value.text, value.bbox, value.bold, max(value.confidence, read.confidence))
    return [confirmed if w is value else w for w in words]


def _unsure_constants(words: list[Word]) -> list[Word]:
    """The lens constants right after their labels (`A1:`, `LF:`, `Constante A:`), in a printed form, that the page
    pass read less sure than UNSURE_CONSTANT."""
    found = []
    for line in group_lines(words):
        for label, value in itertools.pairwise(line.words):
            named = formulas.constant_name(label.text.rstrip(":;")) if label.text.endswith((":", ";")) else None
            if named in PRINTED_FORM and PRINTED_FORM[named].match(value.text) and value.confidence < UNSURE_CONSTANT:
                found.append(value)
    return found


def _with_voted(image: Image.Image, words: list[Word], unsure: Word, number_of: NumberOf) -> list[Word]:
    """The words with an unsure constant or cell as the vote of its readings (the page pass's and alone,
    `value_votes`) settles it, on a reading in the same printed form (`number_of`); else unchanged (the copies of a
    lens's constants in other boxes, a table's curve and steps still judge it)."""
    voted = voted_reading(image, value_area(image, *unsure.bbox), unsure.text, number_of)
    if voted is not None and not _sign_of(voted):
        voted = _sign_of(unsure.text) + voted  # read alone without the page pass's sign (`_constant_number`)
    if voted is None or voted == unsure.text:
        return words
    return [Word(voted, w.bbox, w.bold, w.confidence) if w is unsure else w for w in words]


def _unsure_cells(words: list[Word]) -> list[Word]:
    """The table cells read in the printed form less sure than VOTED_CELL (those below UNSURE_CELL are read again as
    misread cells)."""
    zones = _table_zones(words)
    return [
        w
        for w in words
        if UNSURE_CELL <= w.confidence < VOTED_CELL and PRINTED_CELL.match(w.text) and any(in_zone(w, z) for z in zones)
    ]


def _cell_number(text: str) -> tuple[float, str] | None:
    """A cell reading's number (`-0,11` -> (-0.11, "cell")), None where it is not in the printed form."""
    number = parse_number(text) if PRINTED_CELL.match(text) else None
    return None if number is None else (number, "cell")


def _unsure_axes(words: list[Word]) -> list[Word]:
    """The keratometry axes (`@100°`, or `75°` after its `@`) that the page pass read less sure than SURE: a photo read
    ΔK's `@ 75°` as `15°` at 0.87 (held-out seed 310), as well formed as the axis, and its eye went to review."""
    return [w for w in words if w.confidence < SURE and _AXIS_WORD.match(w.text)]


def _with_voted_axis(image: Image.Image, words: list[Word], axis: Word) -> list[Word]:
    """The words with an unsure axis as the vote of its readings (the page pass's and alone, `value_votes`) settles
    it, its `@` as the page pass read it (a photo read ΔK's `@ 75°` as `/@ 15°` at 0.59, and `75°` three times alone:
    held-out seed 296); else unchanged (the K rows' axes and ΔK's still check one another: `delta_k_mismatch`)."""
    voted = voted_reading(image, value_area(image, *axis.bbox), axis.text, _axis_number)
    number = _axis_number(voted) if voted is not None else None
    if number is None or number == _axis_number(axis.text):
        return words
    text = re.sub(r"\d{1,3}", str(int(number[0])), axis.text, count=1)
    return [Word(text, w.bbox, w.bold, w.confidence) if w is axis else w for w in words]


def _axis_number(text: str) -> tuple[float, str] | None:
    """An axis reading's degrees (`@ 75°` -> (75.0, "axis")), None where it reads no axis."""
    read = _AXIS_WORD.match(text.strip())
    return None if read is None else (float(read.group(1)), "axis")


def _constant_number(text: str, *, sign: str = "") -> tuple[float, int] | None:
    """A constant's reading as its number and decimals (`+0,234` -> (0.234, 3)), None where it makes none. A reading
    without a sign where the page pass read one (`sign`) is read with that sign: a reading alone says nothing of it
    (a 150-dpi rescan's thin grey minus, lost by every preparation of `-0,111`: `0,111` three times against the page
    pass's `-0,114`, held-out seed 355; the vote was none, `iol_constants_differ`)."""
    text = sign + text if sign and not _sign_of(text) else text
    number = parse_number(text)
    return None if number is None or not in_any_printed_form(text) else (number, decimals(text))


def _sign_of(text: str) -> str:
    """A reading's sign (`+`, `-`), or nothing."""
    return text[0] if text.startswith(("+", "-")) else ""


def _printed_value(digits: tuple[int, int]) -> re.Pattern[str]:
    return re.compile(rf"^\d{{{digits[0]}}}[.,]\d{{{digits[1]}}}$")


def _printed_field(label: str) -> tuple[str, tuple[int, int]] | None:
    """The eye field a label names (as OCR may spell it: `WTw:`) and the digits the device prints it with (`precision.
    PRINTED_DIGITS`), or None for a word that is no such label."""
    fields = FIELDS_OF_LABEL.get(vocabulary_label(label_spelling(label)), ())
    digits = PRINTED_DIGITS.get(fields[0]) if fields else None
    return (fields[0], digits) if digits else None


def _without_unit(text: str) -> str:
    return _GLUED_UNIT.sub("", text)


def _lost_values(words: list[Word], aspect: float) -> list[tuple[Word, Word, re.Pattern[str]]]:
    """Eye-value labels followed by another label or by their field's unit across a gap that may hold a value, with
    at most MAX_SPECKS words without a digit between (`P: Ix:`; `AL: ; mm`, a photo's bold `23,77` read as a `;`,
    held-out seed 255): the label, the word that ends the gap and the printed form of the label's value with its
    unit. `aspect` is the page's height over its width: a gap (a share of the width) is measured in label heights (a
    share of the height)."""
    found = []
    for line in group_lines(words):
        for k, label in enumerate(line.words):
            printed = _printed_field(label.text) or _printed_whole_field(label.text)
            after = _gap_end(line.words[k + 1 :], printed[0]) if printed else None
            if printed and after and after.bbox[0] - label.bbox[2] >= MIN_LOST_VALUE_GAP * label.height * aspect:
                whole, decimals = printed[1]
                number = rf"\d{{{whole}}}[.,]\d{{{decimals}}}" if decimals else rf"\d{{{whole}}}"
                found.append((label, after, re.compile(rf"^{number}(?: ?(?:mm|um|µm|D))?$")))
    return found


def _printed_whole_field(label: str) -> tuple[str, tuple[int, int]] | None:
    """The eye field a label names that the device prints whole (`CCT:`, `precision.PRINTED_WHOLE`) and its digits
    (`(3, 0)`), or None for any other word."""
    fields = FIELDS_OF_LABEL.get(vocabulary_label(label_spelling(label)), ())
    whole = PRINTED_WHOLE.get(fields[0]) if fields else None
    return (fields[0], (whole, 0)) if whole else None


def _lost_axes(words: list[Word], aspect: float) -> list[tuple[Word, float]]:
    """Keratometry rows (`K1:`, `TK2:`) read to their value's unit with no axis after it, nothing but another label
    (the other half's) or the line's end following: the unit's word and the right edge (page fraction) of the room
    where the axis is printed, AXIS_ROOM label heights or up to that next word."""
    found = []
    for line in group_lines(words):
        for k, label in enumerate(line.words):
            fields = FIELDS_OF_LABEL.get(vocabulary_label(label_spelling(label.text)), ())
            if not any(field.endswith("_axis_deg") for field in fields):
                continue
            rest = line.words[k + 1 : k + 4]
            unit = next((n for n, w in enumerate(rest) if w.text == "D" or _VALUE_WITH_UNIT.match(w.text)), None)
            after = rest[unit + 1] if unit is not None and unit + 1 < len(rest) else None
            if unit is None or not any(c.isdigit() for w in rest[: unit + 1] for c in w.text):
                continue
            if after is not None and (any(c.isdigit() for c in after.text) or "@" in after.text):
                continue
            room = rest[unit].bbox[2] + AXIS_ROOM * label.height * aspect
            found.append((rest[unit], min(room, after.bbox[0]) if after is not None else room))
    return found


def _with_lost_axis(image: Image.Image, words: list[Word], unit: Word, right: float) -> list[Word]:
    """The words with a keratometry's axis read alone right of its unit (`@100°`, `@ 10°`: a photo's page pass lost
    both OD axes at their lines' ends, held-out seed 264) where the reading is an axis, and no word with an `@` was
    read there already; else unchanged."""
    area = _gap_after(image, unit, right)
    if area.x1 <= area.x0 or any("@" in w.text and centre_in(w, area, image.size) for w in words):
        return words
    read = read_text_line(image, area, meaning=_frame_aside)  # the box's frame beside the axis (`@10°|`, `@10°]`)
    axis = [replace(w, text=w.text.strip(_FRAME_MARKS)) for w in read or []]
    axis = [w for w in axis if w.text]
    if not _AXIS.match(" ".join(w.text for w in axis)):
        return words
    return _with_gap_read(image, words, area, axis)


def _frame_aside(characters: str) -> str:
    """An axis's reading without the marks its box's frame, read in the crop at its end, adds (`@10°|`, `@10°!`)."""
    return characters.strip(_FRAME_MARKS)


def _gap_end(rest: Sequence[Word], field: str) -> Word | None:
    """The next label or the field's unit after a label, past at most MAX_SPECKS words without a digit; None where a
    word with a digit (a value read) or nothing comes first."""
    for word in rest[: MAX_SPECKS + 1]:
        if _NEXT_LABEL.match(word.text) or UNIT_OF.get(word.text.lower()) == UNIT_OF_FIELD.get(field):
            return word
        if any(ch.isdigit() for ch in word.text):
            return None
    return None


def _with_lost_value(
    image: Image.Image, words: list[Word], label: Word, after: Word, form: re.Pattern[str]
) -> list[Word]:
    """The words with the value read alone from the gap between its label and the next label or its unit, where that
    reading is the field's printed form (with its unit), the specks read there replaced; else unchanged."""
    area = _gap_after(image, label, after.bbox[0])
    read = read_text_line(image, area) if area.x1 > area.x0 else None
    if read is None or not form.match(" ".join(w.text for w in read)):
        return words
    return _with_gap_read(image, words, area, read)


def _gap_after(image: Image.Image, word: Word, right: float) -> Box:
    """The pixels from a word's right edge to `right` (page fraction), in the word's rows with a little room."""
    width, height = image.size
    margin = EDGE_PX * 2
    return Box(round(word.bbox[2] * width) + EDGE_PX, round(word.bbox[1] * height) - margin,
               round(right * width) - EDGE_PX, round(word.bbox[3] * height) + margin)  # fmt: skip


def _with_gap_read(image: Image.Image, words: list[Word], gap: Box, read: list[Word]) -> list[Word]:
    """The words with those read in a gap (specks) replaced by its reading alone."""
    return [*(w for w in words if not centre_in(w, gap, image.size)), *read]


def _unread_emmetropia_lines(words: list[Word]) -> list[tuple[float, float, float, float]]:
    """Where the emmetropia line of a result box stands that OCR did not read as a power in the printed form before
    its label (page fractions): lost whole, or with digits read apart from the printed form (`+21` and a label word
    over `,51 Emetropia`). The boxes of a band print their tables side by side on the same lines, so a neighbour
    box's emmetropia line, moved by the distance between the two tables' headers, covers it across; a label read
    gives the line's own height. Where no box of the band has its line read, each table's own units give its line's
    span (`_span_under_units`) and the band's surest label its height (a 300-dpi rescan lost or garbled all four,
    held-out seed 348). A null line (`--- Emmetropia`, no digit) is not read again."""
    labels = [w for w in words if EMMETROPIA.search(w.text)]
    areas = []
    for line in group_lines([w for w in words if is_table_unit(w.text)]):
        if len(line.words) % 2:
            continue  # a unit lost: the tables of this band cannot be told apart
        tables = [(line.words[k], line.words[k + 1]) for k in range(0, len(line.words), 2)]  # `IOL (D)`, `Ref (D)`
        read = [(table, _emmetropia_line(table, labels, words)) for table in tables]
        known = next(((table[0], found) for table, found in read if found), None)  # a `IOL (D)` unit, its line
        label = known[1][1] if known else max(_band_labels(tables, labels), key=_confidence, default=None)
        if label is None:
            continue
        for table, found in read:
            height = None if found else _unread_line_height(table, labels, words, label)
            if height is None:
                continue
            x0, x1 = _span_beside(table, *known) if known else _span_under_units(table)
            areas.append((max(x0, 0.0), height[0], min(x1, 1.0), height[1]))
    return areas


def _span_beside(table: tuple[Word, Word], model: Word, line: tuple[Word, Word]) -> tuple[float, float]:
    """The left and right of a table's emmetropia line: a neighbour's line read (its power and label), moved by the
    distance between the two tables' `IOL (D)` units (`model` the neighbour's), a quarter of a power's width added."""
    value, label = line
    shift = table[0].bbox[0] - model.bbox[0]
    margin = (value.bbox[2] - value.bbox[0]) / 4
    return value.bbox[0] + shift - margin, label.bbox[2] + shift + margin


def _span_under_units(table: tuple[Word, Word]) -> tuple[float, float]:
    """The left and right of a table's emmetropia line from its units alone: from where its power may start
    (`_line_left`) to its `Ref (D)` unit's right edge (the label is printed under it), half a unit's width added."""
    iol, ref = table
    return _line_left(table), ref.bbox[2] + (iol.bbox[2] - iol.bbox[0]) / 2


def _band_labels(tables: list[tuple[Word, Word]], labels: list[Word]) -> list[Word]:
    """The `Emmetropia` labels read under the band's tables, one under each at most."""
    return [below[0] for below in (_labels_below(table, labels) for table in tables) if len(below) == 1]


def _confidence(word: Word) -> float:
    return word.confidence


def _unread_line_height(
    table: tuple[Word, Word], labels: list[Word], words: list[Word], model: Word
) -> tuple[float, float] | None:
    """The top and bottom of the emmetropia line of a table whose power was not read in the printed form: lost whole
    (a neighbour's label `model` moved down to it, a quarter of its height added either side), or its label read with
    misread digits or with nothing before it (its own label's); None where a null mark or a digit not misread stands
    before its label (`--- Emmetropia`) or its label is unsure."""
    below = _labels_below(table, labels)
    if not below:
        return model.bbox[1] - model.height / 4, model.bbox[3] + model.height / 4
    if len(below) != 1:
        return None
    label = below[0]
    on_line = [w for w in words if label.bbox[1] <= w.y_center <= label.bbox[3] and _line_left(table) <= w.bbox[0]]
    misread = any(is_misread_cell(w) for w in on_line if w.bbox[0] < label.bbox[2])
    lost = not any(_VALUE_MARK.search(w.text) for w in on_line if w.bbox[0] < label.bbox[0])
    if not (misread or lost):
        return None
    return label.bbox[1], label.bbox[3]


def _labels_below(table: tuple[Word, Word], labels: list[Word]) -> list[Word]:
    """The `Emmetropia` labels below a table's header (its `IOL (D)` and `Ref (D)` units), within a table's height."""
    iol, ref = table
    reach = MAX_TABLE_LINES * iol.height
    return [w for w in labels if 0 < w.bbox[1] - iol.bbox[3] <= reach and iol.bbox[0] <= w.x_center <= ref.bbox[2]]


def _emmetropia_line(table: tuple[Word, Word], labels: list[Word], words: list[Word]) -> tuple[Word, Word] | None:
    """A table's emmetropia line as read: its power in the printed form and its label."""
    below = _labels_below(table, labels)
    if len(below) != 1:
        return None
    label = below[0]
    left = [w for w in words if PRINTED_CELL.match(w.text) and label.bbox[1] <= w.y_center <= label.bbox[3]
            and _line_left(table) <= w.bbox[0] < label.bbox[0]]  # fmt: skip
    return (max(left, key=lambda w: w.bbox[0]), label) if left else None


def _line_left(table: tuple[Word, Word]) -> float:
    """How far left of a table's `IOL (D)` unit its emmetropia power may start: three unit widths."""
    unit = table[0]
    return unit.bbox[0] - 3 * (unit.bbox[2] - unit.bbox[0])


def _with_emmetropia_line(image: Image.Image, words: list[Word], area: tuple[float, float, float, float]) -> list[Word]:
    """The words with the area's line read alone (two preparations agree) in place of what the page pass read on that
    line (between the top and bottom of the words read: an area that reaches into the last row above leaves its
    cells alone), where that reading is a power in the printed form (its decimal mark read twice taken once) or the
    null as printed (a line lost whole: `--- Emetropia` on a 300-dpi rescan, held-out seed 181; the parser's null
    checks judge it as any null read) and the `Emmetropia` label; else unchanged. An area that reads no such line is
    read again cut to its middle band of ink (`_middle_band`)."""
    width, height = image.size
    box = Box(round(area[0] * width), round(area[1] * height), round(area[2] * width), round(area[3] * height))
    read = _emmetropia_line_in(image, box) or _emmetropia_line_in(image, _middle_band(image, box))
    if read is None:
        return words
    line = (area[0], min(w.bbox[1] for w in read), area[2], max(w.bbox[3] for w in read))
    return [*(w for w in words if not in_zone(w, line)), *read]


def _emmetropia_line_in(image: Image.Image, box: Box) -> list[Word] | None:
    """The power (or null) and label an area reads as one line (two preparations agree), or None."""
    read = read_text_line(image, box, meaning=_rules_aside)
    read = [w for w in read or [] if _rules_aside(w.text.strip())]  # a rule read as a word of its own (`|`) aside
    if len(read) != 2:
        return None
    power = replace(read[0], text=with_one_decimal_mark(_sign_after_rule(read[0].text)))  # `+22,.25`: one mark twice
    power = replace(power, text=PRINTED_NULL) if _rules_aside(power.text) == PRINTED_NULL else power
    if not (PRINTED_CELL.match(power.text) or power.text == PRINTED_NULL) or not EMMETROPIA.search(read[1].text):
        return None
    return [power, read[1]]


def _middle_band(image: Image.Image, box: Box) -> Box:
    """The box cut to the band of ink nearest its middle row, rules cleared, EDGE_PX of white kept around it: the ends
    of the rows above or below that the area reached into stay out (a lost line's area, a neighbour's label moved
    down to it, took the last row's feet, read `"` before the power: held-out seed 202, a 300-dpi rescan). The area is
    centred on the line looked for, so the middle decides. (Cut first, a null line of seed 181 read `—Emetropia` and
    `---Emetropia` where the whole area had read it: the cut is the second try.)"""
    grey = np.asarray(image.crop((box.x0, box.y0, box.x1, box.y1)).convert("L"))
    bands = ink_bands(ink_without_rules(grey).any(axis=1), 1, 1)
    if not bands:
        return box
    middle = (box.y1 - box.y0) / 2
    top, bottom = min(bands, key=lambda band: max(band[0] - middle, middle - band[1], 0))
    return Box(box.x0, box.y0 + max(top - EDGE_PX, 0), box.x1, box.y0 + min(bottom + EDGE_PX, box.y1 - box.y0))


def _sign_after_rule(text: str) -> str:
    """A power read with a rule's remains before its sign (`~+21,81`, `—+21,81`: the tilted rule cut by the line's
    crop) without them; any other text as read (a power without its sign stays out of the printed form)."""
    unruled = text.lstrip(_RULE_ENDS)
    return unruled if unruled[:1] in ("+", "-") else text


def _rules_aside(characters: str) -> str:
    """A line's reading without the dashes a rule through its crop adds, at its ends or between its words
    (`—+21,81Emetropia—`; `---_Emetropia`, held-out seed 195): the line means the same with them; the words kept must
    still read the printed form without them. The null's hyphens read two or three (`--Emetropia`, `-_-Emetropia`,
    `---Emetropia`: a photo's three preparations of a lost `--- Emetropia`, held-out seed 399) mean the null."""
    return _NULL_READ.sub(PRINTED_NULL, characters.translate(_WITHOUT_RULES))


def table_zone(label: Word, headers: list[Word]) -> tuple[float, float, float, float] | None:
    """The box's table area (page fractions) from its header's bottom to the label's bottom, or None without a
    header straight above the label."""
    width = label.bbox[2] - label.bbox[0]
    x0, x1 = label.bbox[0] - TABLE_LEFT_OF_LABEL * width, label.bbox[2]
    reach = MAX_TABLE_LINES * label.height
    above = [h for h in headers if x0 <= h.x_center <= x1 and 0 < label.bbox[1] - h.bbox[3] <= reach]
    if not above:
        return None
    top = max(h.bbox[3] for h in above)
    return x0, top, x1 + width / 10, label.bbox[3]


def in_zone(word: Word, zone: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = zone
    return x0 <= word.x_center <= x1 and y0 <= word.y_center <= y1


def prints_commas(words: list[Word]) -> bool:
    """Whether a page prints its table numbers with decimal commas (`+0,32`): a cell read alone may then read its comma
    as printed (a photo's or rescan's small comma, kept to a point's glyph, read as none: `+22 24` for `+22,21`)."""
    return any("," in w.text and PRINTED_CELL.match(w.text) for w in words)


def is_misread_cell(word: Word) -> bool:
    """A word of digits that is not in the printed form (`40,74`, `+21,00_`, `(+21,86`), with no letter, or one among
    MIN_DIGITS_BESIDE_LETTER digits or more (`H2050` for `+20,50`: a rescan's plus read as an H; a header's `1OL` is
    none), or a cell in the printed form after marks and letters OCR made of a rule or specks before it (`i$j.+0,72`
    for `+0,72` over a rescan's slanted rule, held-out seed 260)."""
    text = word.text
    digits, letters = sum(c.isdigit() for c in text), sum(c.isalpha() for c in text)
    plain = letters == 0 or (letters == 1 and digits >= MIN_DIGITS_BESIDE_LETTER) or _MARKS_BEFORE_CELL.search(text)
    return digits > 0 and bool(plain) and not PRINTED_CELL.match(text)


def _with_reread(
    image: Image.Image,
    grey: np.ndarray,
    words: list[Word],
    cell_parts: tuple[list[Word], float | None],
    form: re.Pattern[str],
    *,
    comma: bool,
) -> list[Word]:
    """The words with a cell's parts replaced by the cell read alone, where that reading is in the printed form
    (`cell_parts`: the parts and its column's left edge, read from there where the parts start right of it; `comma`:
    the page prints decimal commas), and with any other word centred in the cell read: its ink read apart (a 300-dpi
    rescan, held-out seed 329, read the emmetropia `+21,19` as `+21` boxed from left of its column, read again as
    itself, and `19`, read again from the column's edge: `+21,19` beside `+21`, `iol_table_unreadable`)."""
    parts, left = cell_parts
    if not any(w is parts[0] for w in words):
        return words  # its parts replaced already: the cell was read again
    x0, y0, x1, y1 = union_bbox([w.bbox for w in parts])
    cell = ink_box(grey, (x0 if left is None else min(x0, left), y0, x1, y1), image.size)
    if cell is None:
        return words  # no ink there to read
    cell = _line_of_type(grey, cell, parts, image.size[1])
    if form is PRINTED_CELL:
        cell = _with_ink_beside(grey, cell)
    columns = two_columns(grey, cell)
    if columns is not None:
        return _with_row_reread(image, words, parts, columns, form, comma=comma)
    read = read_number_cell(image, cell, comma=comma)
    if read is None or not form.match(read.text):
        return _with_unit_reread(image, words, parts, form, cell)
    apart = [w for w in words if w is not parts[0] and (centre_in(w, cell, image.size) or any(w is p for p in parts))]
    return [read if w is parts[0] else w for w in words if not any(w is a for a in apart)]


def _line_of_type(grey: np.ndarray, cell: Box, parts: list[Word], page_h: int) -> Box:
    """A cell's ink box cut to the line of type its parts were read on: the run of inked pixel rows (a hairline across
    the cell cleared; a digit's bar is shorter) that overlaps their box most. A photo's page pass boxed a last row's
    cells (`42050`, `4077` for `+20,50  +0,77`, held-out seed 234) down over the hairline rule into the emmetropia
    line's type, and a crop taking in the tops of `Emetropia` read nothing two preparations agree on."""
    ink = grey[cell.y0 : cell.y1, cell.x0 : cell.x1] < INK_LEVEL
    rows = ink.any(axis=1) & (ink.mean(axis=1) < HAIRLINE_SHARE)
    top, bottom = (round(y * page_h) - cell.y0 for y in (min(w.bbox[1] for w in parts), max(w.bbox[3] for w in parts)))
    bands = ink_bands(rows, 1, 1)
    if len(bands) < 2:
        return cell
    a, b = max(bands, key=lambda band: min(band[1], bottom) - max(band[0], top))
    return Box(cell.x0, cell.y0 + a, cell.x1, cell.y0 + b)


def _with_ink_beside(grey: np.ndarray, cell: Box) -> Box:
    """A table cell's ink box widened right over the ink that continues its line of type, parted from it by less than
    SPLIT_GAP of its height and no further out than a glyph (GLYPH_HEIGHTS): a last glyph OCR left out of the word's
    box (`+21,1` for `+21,19` on a 300-dpi rescan, held-out seed 193). The ink is judged in that window alone, so a
    box's rule through it is cleared as a rule; the next column stands several heights away. (Left of a cell stands
    the box's frame: a sign lost there is `header_cells`' to read.)"""
    height = cell.y1 - cell.y0
    ink = ink_without_rules(grey[cell.y0 : cell.y1, cell.x1 : cell.x1 + round(GLYPH_HEIGHTS * height)])
    inked = ink.any(axis=0)
    reach = max(round(SPLIT_GAP * height), 1)
    grown = 0
    while grown < inked.size and inked[grown : grown + reach + 1].any():
        grown += int(np.flatnonzero(inked[grown : grown + reach + 1])[-1]) + 1
    rows = np.flatnonzero(ink[:, :grown].any(axis=1))
    glyph = rows.size > 0 and rows[-1] + 1 - rows[0] >= GLYPH_HEIGHT_SHARE * height  # not a speck or a rule's end
    return Box(cell.x0, cell.y0, cell.x1 + grown, cell.y1) if glyph else cell


def two_columns(grey: np.ndarray, cell: Box) -> tuple[Box, Box] | None:
    """A misread word's line of type parted by a blank wider than COLUMN_GAP type heights, as its two cells (pixels):
    the page pass read a row's power and refraction as one word across the gap between the columns (`*20,00__—+0,81`,
    the tilted rule under the row read with them). The line of type is the run of inked rows through the word's
    middle, apart from a rule below it (a rule's run spans the crop: `line_rule_rows`; a row through bold type in a
    tight crop is inked as densely, in runs a stroke long, and cleared with a rule's test it cut a 300-dpi rescan's
    `+0,59` to the band between its bars, read as two columns of a digit each: held-out seed 293). None where the ink
    is one cell."""
    ink = grey[cell.y0 : cell.y1, cell.x0 : cell.x1] < INK_LEVEL
    ink[line_rule_rows(ink)] = False
    middle = ink.shape[0] // 2
    band = next(((a, b) for a, b in ink_bands(ink.any(axis=1), 1, 1) if a <= middle < b), None)
    if band is None:
        return None
    top, bottom = band
    blank = widest_blank(ink[top:bottom], round(COLUMN_GAP * (bottom - top)))
    if blank is None:
        return None
    left_end, right_start = blank
    y0, y1 = cell.y0 + top, cell.y0 + bottom
    left = _ink_in(grey, Box(cell.x0, y0, cell.x0 + left_end + 1, y1))
    right = _ink_in(grey, Box(cell.x0 + right_start, y0, cell.x1, y1))
    return (left, right) if left is not None and right is not None else None


def _with_row_reread(
    image: Image.Image,
    words: list[Word],
    parts: list[Word],
    columns: tuple[Box, Box],
    form: re.Pattern[str],
    *,
    comma: bool,
) -> list[Word]:
    """The words with a row read as one word replaced by its two cells read alone, where both readings are in the
    printed form; else unchanged."""
    reads = [read_number_cell(image, column, comma=comma) for column in columns]
    if not all(read is not None and form.match(read.text) for read in reads):
        return words
    return [*(w for w in words if not any(w is part for part in parts)), *reads]  # type: ignore[list-item]


def _with_unit_reread(
    image: Image.Image, words: list[Word], parts: list[Word], form: re.Pattern[str], cell: Box
) -> list[Word]:
    """An eye value read with its unit glued on (`44,4D` for `44,64 D`), or glued on and read as a digit (`47,140` for
    `47,14D`: the `D` read as a 0 after the two decimals of a keratometry): its ink holds the unit's letters, which a
    number cell's reading cannot give, so it is read again as a line of type (`extract.cells.read_text_line`, two
    preparations agree) and replaced where that reads the printed form with the unit."""
    unit = _unit_glued_on(parts[0].text) if len(parts) == 1 else None
    if unit is None:
        return words
    area = Box(cell.x0 - EDGE_PX, cell.y0 - EDGE_PX, cell.x1 + EDGE_PX, cell.y1 + EDGE_PX)
    line = read_text_line(image, area)
    text = "".join(w.text for w in line) if line else ""
    if line is None or not text.endswith(unit) or not form.match(text.removesuffix(unit)):
        return words
    return [w for word in words for w in (line if word is parts[0] else [word])]


def _unit_glued_on(text: str) -> str | None:
    """The unit OCR read glued on a value: as its letters (`44,4D`), or the `D` as a 0 after two decimals (`47,140`)."""
    glued = _GLUED_UNIT.search(text)
    if glued:
        return glued.group(0)
    return "D" if _UNIT_READ_AS_ZERO.match(text) else None


def ink_box(grey: np.ndarray, bbox: tuple[float, float, float, float], page_px: tuple[int, int]) -> Box | None:
    """The box (pixels) of the ink inside a box (page fractions), rules cleared; None where it holds no ink."""
    width, height = page_px
    x0, y0 = max(round(bbox[0] * width) - EDGE_PX, 0), max(round(bbox[1] * height) - EDGE_PX, 0)
    x1, y1 = round(bbox[2] * width) + EDGE_PX, round(bbox[3] * height) + EDGE_PX
    return _ink_in(grey, Box(x0, y0, x1, y1))


def _ink_in(grey: np.ndarray, area: Box) -> Box | None:
    """The box (pixels) of the ink inside an area (pixels), rules cleared; None where it holds no ink."""
    ink = ink_without_rules(grey[area.y0 : area.y1, area.x0 : area.x1])
    rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0 or columns.size == 0:
        return None
    x0, y0 = area.x0, area.y0
    return Box(x0 + int(columns[0]), y0 + int(rows[0]), x0 + int(columns[-1]) + 1, y0 + int(rows[-1]) + 1)
