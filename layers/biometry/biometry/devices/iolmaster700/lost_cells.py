"""IOLMaster 700 result-table refractions the page pass lost whole, read again alone where their column stands.

Every row of a result table prints a power and its refraction (`+22,00  -0,40`), the refractions right-aligned under
`Ref (D)`. A photo's page pass may read a table's powers and lose most of its refractions (a real page-4 photo: one
box's `-0,40`, `-0,04`, `+0,32`, `+0,67` unread, its table `1 rows instead of 5`). A power whose row holds no number
right of it in its table is given its refraction read alone: the cell spans the refractions the page pass did read in
the same table (their left and right edges, one type height either side) at the power's height, its ink cropped and
read as one number (`extract.cells.read_number_cell`: two preparations must agree; the comma read as printed where the
row's power prints one), and added only in the printed form (`+0,32`), in place of digits the page pass misread
over its ink (`_—-+0,61_—|_——`, glued to the rule's remains past the table's edge). A table whose refractions were
all lost shows no column and is left as read; the parser's table checks (steps, signs, the curve) still judge every
row. Only this device's pages (`prints_own_page`) are read again.

A row the page pass lost whole (power and refraction: the last row over the hairline rule above the emmetropia line
on a rescan, `4 rows instead of 5`; or read as marks without a digit, `— +` for `+18,00 +0,63`) shows as a line of
ink in the power column between two rows read, or between the last row and the emmetropia line, where no
power was read (the marks, a speck's `3` and a refraction read without its power go where the row is read: a photo's
SRK/T box lost `+21,50 +0,25` and the power `+21,00` of the row below, held-out seed 184). The search runs from the
middle of the row above to the middle of the row below (a highlighted row's box may reach down over the lost row's
top). A table of fewer than five rows read has each such line (as high as a row's type, give or take half) read
alone in its power column and its refraction column, and the two added only where both read in the printed form and
no number the page pass read in the printed form there disagrees (any word of the table's zone there: a label boxed
tall over the last row leaves that row out of the table's cells, held-out seed 216, and the row read alone must
replace it, not add to it); the parser's table checks still judge the row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from biometry.devices.iolmaster700 import prints_own_page
from biometry.devices.iolmaster700.boxes import EMMETROPIA, is_table_unit
from biometry.devices.iolmaster700.cells import (
    PRINTED_CELL,
    in_zone,
    ink_box,
    is_misread_cell,
    prints_commas,
    table_zone,
)
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import ink_bands, ink_without_rules, read_number_cell
from biometry.normalize import parse_number

COLUMN_MARGIN = 1.0  # type heights either side of the refractions read that a lost one may reach
ROWS_PRINTED = 5  # every result box prints five rows
ROW_HEIGHT_SHARE = (0.5, 1.5)  # a lost row's line of ink is this share of a read row's type height
_RULE_MARKS = "—–_~|-="  # what a rule's remains and the null's dashes read as, glued before a label


def with_lost_refractions(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each table row's lost refraction read alone where two preparations agree on a number in
    the printed form; the words unchanged on any other page or row."""
    if not prints_own_page(words):
        return words
    grey = np.asarray(image.convert("L"))
    comma = prints_commas(words)
    for table in _tables(words):
        for power in _powers_without_refraction(table):
            cell = ink_box(grey, (*table.refraction_x[:1], power.bbox[1], table.refraction_x[1], power.bbox[3]),
                           image.size)  # fmt: skip
            read = read_number_cell(image, cell, comma=comma) if cell is not None else None
            if read is not None and PRINTED_CELL.match(read.text):
                words = [*(w for w in words if not _misread_there(w, read)), read]
    return words


def _misread_there(word: Word, read: Word) -> bool:
    """Whether a word is the page pass's misreading of a cell read alone: digits not in the printed form over the
    cell's ink, level with it (`_—-+0,61_—|_——`: the refraction glued to the rule's remains right of the table, its
    middle outside the table's zone; left beside the reading, the row would hold three numbers)."""
    level = read.bbox[1] <= word.y_center <= read.bbox[3]
    return level and word.bbox[0] < read.bbox[2] and read.bbox[0] < word.bbox[2] and is_misread_cell(word)


def with_lost_rows(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each table row the page pass lost whole read alone, its power and refraction, where
    both read in the printed form; the words unchanged on any other page or table."""
    if not prints_own_page(words):
        return words
    grey = np.asarray(image.convert("L"))
    comma = prints_commas(words)
    for table in _tables(words):
        for power_cell, refraction_cell in _lost_rows(grey, table, image.size):
            read = [read_number_cell(image, cell, comma=comma) for cell in (power_cell, refraction_cell)]
            if not all(r is not None and PRINTED_CELL.match(r.text) for r in read):
                continue
            row = (table.zone[0], power_cell.y0 / image.size[1], table.zone[2], power_cell.y1 / image.size[1])
            before = [w for w in words if in_zone(w, table.zone) and in_zone(w, row)]  # what the page pass read there
            values = {parse_number(r.text) for r in read if r is not None}
            type_height = _type_height(table)
            if all(_read_as_less(w, values, type_height) for w in before):
                words = [*(w for w in words if not any(w is b for b in before)), *(r for r in read if r is not None)]
    return words


def _read_as_less(word: Word, values: set[float | None], type_height: float) -> bool:
    """Whether a word the page pass read in a lost row's band is less than the row read alone, so the reading
    replaces it: a mark without a digit (`— +`), a speck (`3`, a fraction of the type's height), a number not in the
    printed form, or one of the row's two values read alike (the refraction read, its power lost). A different
    number in the printed form disagrees: the row is then left as read, for the table's checks."""
    if not _has_digit(word.text) or _is_speck(word, type_height) or is_misread_cell(word):
        return True
    return PRINTED_CELL.match(word.text) is not None and parse_number(word.text) in values


def _type_height(table: _Table) -> float:
    """The height (page fraction) of a table's type: the median of its powers read."""
    return float(np.median([w.height for w in table.powers]))


@dataclass(frozen=True, slots=True)
class _Table:
    """A result table as the page pass read it: its `Emmetropia` label, its zone, the words above the label, its
    powers (top down) and refractions in the printed form, and the span (left, right) of its refraction column, one
    type height wider either side."""

    label: Word
    zone: tuple[float, float, float, float]
    cells: list[Word]
    powers: list[Word]
    refractions: list[Word]
    refraction_x: tuple[float, float]


def _tables(words: list[Word]) -> list[_Table]:
    """Every result table of a page whose header stands straight above its label and of which some refraction was
    read (a table without one shows no refraction column)."""
    headers = [w for w in words if is_table_unit(w.text)]
    tables = []
    for label in (w for w in words if EMMETROPIA.search(w.text)):
        zone = table_zone(label, headers)
        if zone is None:
            continue
        cells = [w for w in words if in_zone(w, zone) and w.y_center < label.bbox[1]]
        left = _letters_left(label)
        powers = sorted((w for w in cells if PRINTED_CELL.match(w.text) and w.bbox[2] < left),
                        key=lambda w: w.y_center)  # fmt: skip
        refractions = [w for w in cells if PRINTED_CELL.match(w.text) and w.bbox[0] >= left]
        if powers and refractions:
            reach = max(w.height for w in refractions)
            tables.append(_Table(label, zone, cells, powers, refractions, _column(refractions, reach)))
    return tables


def _letters_left(label: Word) -> float:
    """Where a label's letters start (page fraction): past the rule's remains OCR glued before it (`_--__Emetropia`:
    the null and the rule run into it on a 300-dpi rescan, held-out seed 196), by their share of the word's
    characters. The powers end left of the letters, not of the marks. (The table's zone is still the label word's:
    its reach left is measured in the word's width.)"""
    letters = label.text.lstrip(_RULE_MARKS)
    x0, _, x1, _ = label.bbox
    return x1 - (x1 - x0) * len(letters) / len(label.text) if letters else x0


def _column(cells: list[Word], type_height: float) -> tuple[float, float]:
    """The span (left, right) of a column of cells, COLUMN_MARGIN type heights wider either side."""
    reach = COLUMN_MARGIN * type_height
    return min(w.bbox[0] for w in cells) - reach, max(w.bbox[2] for w in cells) + reach


def _lost_rows(grey: np.ndarray, table: _Table, page_px: tuple[int, int]) -> list[tuple[Box, Box]]:
    """The power and refraction cells (ink boxes, pixels) of each line of ink in a table's power column where no row
    was read: between two rows read or under the last one, above the emmetropia line; none for a table of five rows
    read, or fewer than two."""
    powers = table.powers
    if not 2 <= len(powers) < ROWS_PRINTED:
        return []
    height = page_px[1]
    type_px = _type_height(table) * height
    power_x = _column(powers, max(w.height for w in table.refractions))
    found = []
    for above, below in zip(powers, [*powers[1:], None], strict=True):
        gap = (above.bbox[3], below.bbox[1] if below is not None else _emmetropia_top(table.label, type_px / height))
        if any(gap[0] < w.y_center < gap[1] and _is_power_read(w, power_x, type_px / height) for w in table.cells):
            continue  # a power was read there: the table's checks judge it
        # searched from the middle of the row above (its box may reach down over the lost row's top: a photo's
        # highlighted row) to the middle of the row below: the ink at either end is theirs
        searched = (above.y_center, below.y_center if below is not None else gap[1])
        for top, bottom in _lines_of_ink(grey, power_x, searched, page_px):
            if not ROW_HEIGHT_SHARE[0] * type_px <= bottom - top <= ROW_HEIGHT_SHARE[1] * type_px:
                continue
            band = (top / height, bottom / height)
            power = ink_box(grey, (power_x[0], band[0], power_x[1], band[1]), page_px)
            refraction = ink_box(grey, (table.refraction_x[0], band[0], table.refraction_x[1], band[1]), page_px)
            if power is not None and refraction is not None:
                found.append((power, refraction))
    return found


def _is_power_read(word: Word, power_x: tuple[float, float], type_height: float) -> bool:
    """Whether a word is a power read (in part) in a table's power column: digits as high as half the type or more
    (a speck's `3` is none; a refraction read without its power is none either)."""
    in_column = power_x[0] <= word.x_center <= power_x[1]
    return in_column and _has_digit(word.text) and not _is_speck(word, type_height)


def _is_speck(word: Word, type_height: float) -> bool:
    """Whether a word is boxed lower than a row's type can be (ROW_HEIGHT_SHARE): a speck OCR read as a mark."""
    return word.height < ROW_HEIGHT_SHARE[0] * type_height


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _emmetropia_top(label: Word, type_height: float) -> float:
    """Where the emmetropia line's type starts (page fraction): its label's top, or a row's type height above the
    label's bottom where OCR boxed the label taller than a row (the hairline rule above it read with it: the box then
    reaches up over the last row's bottom, and a row lost there would touch the gap's end)."""
    return max(label.bbox[1], label.bbox[3] - type_height)


def _lines_of_ink(
    grey: np.ndarray, x: tuple[float, float], gap: tuple[float, float], page_px: tuple[int, int]
) -> list[tuple[int, int]]:
    """The lines of ink (top, bottom in page pixels) inside a column between two heights (page fractions), rules
    cleared, a line touching either end left out (the ink of a row read or of the emmetropia line)."""
    width, height = page_px
    x0, x1 = max(round(x[0] * width), 0), min(round(x[1] * width), width)
    y0, y1 = max(round(gap[0] * height), 0), min(round(gap[1] * height), height)
    if x1 <= x0 or y1 - y0 < 3:
        return []
    ink = ink_without_rules(grey[y0:y1, x0:x1])
    bands = ink_bands(ink.any(axis=1), 1, 1)
    return [(y0 + a, y0 + b) for a, b in bands if a > 0 and b < y1 - y0]


def _powers_without_refraction(table: _Table) -> list[Word]:
    """The powers of a table with no word of digits level with them on their right in the table (a speck's `!` is
    none)."""
    return [p for p in table.powers if not any(_level_right_of(w, p) for w in table.cells)]


def _level_right_of(word: Word, power: Word) -> bool:
    """Whether a word with a digit stands right of a power, its middle within the power's height."""
    level = power.bbox[1] <= word.y_center <= power.bbox[3]
    return level and word.bbox[0] > power.bbox[2] and any(c.isdigit() for c in word.text)
