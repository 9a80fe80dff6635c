"""EyeSuite lens-table cells the page pass misread, read again alone from the page image.

Every power and refraction of a lens block's `IOL [D] | Eye [D]` table is printed with two decimals after a point
(`22.50`, `-0.17`). On a photo or a rescan the page pass reads a cell in another form now and then (`27:50)` for
`22.50`: a digit and the point misread, the cell's rule glued on; `Li` for `-1.13`), and the block goes to review.
Such a cell is cropped alone below the header (a word OCR ran up over the header holds its ink too), the table's
rules cleared, and read as one line of digits, sign and point
(`extract.cells.read_number_cell`, two preparations must agree); the reading replaces the page pass's word only in
the printed form, and a refraction only with the sign the page pass showed, if it showed one. The parser's table
checks (steps, signs) still judge every row. Cells the parser reads as they are (a rule or the selected row's frame
glued to a number: `|=0.17`) are left to it, and pages without a lens table or EyeSuite's words (another device's)
keep theirs.

A table is found by its header: the `Eye` of `IOL [D] | Eye [D]` and its `IOL` (`maker_lines.header_iol`); its cells
lie under it, from a little left of `IOL` to the right of `Eye` by the header's spacing, down to the next line with a
word of three letters (the formula caption) or TABLE_HEIGHTS header heights.
"""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

from biometry.devices.eyesuite.maker_lines import header_iol
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, read_number_cell, rule_rows
from biometry.normalize import canonical

_EYESUITE_PAGE = re.compile(r"EyeSuite|\[D/mm")  # the footer's software, the keratometry labels' unit
PRINTED_CELL = re.compile(r"^-?\d{1,2}\.\d{2}$")  # `22.50`, `-0.17`: the device's form of every table number
_FRAME = "|[]{}()_~='‘’`"  # a cell's rules and the selected row's frame as OCR reads them glued to a number
_MINUS_AS_READ = "-—–~="  # what a minus sign may be read as
LEFT_OF_IOL, RIGHT_OF_EYE = 0.35, 0.8  # header spacings (`IOL` to `Eye`): the table's cells lie between these
TABLE_HEIGHTS = 18.0  # header heights: five rows of cells under the header (about 13 on the real Eyestar)
EDGE_PX = 2  # white kept around a cell's ink
RULE_COLUMN_SHARE = 0.9  # a pixel column inked over this share of a cell's row band is a vertical rule
ROW_BAND = 1.0  # word heights above and below a cell: a rule runs through them, a digit does not


def with_table_cells(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each lens-table cell read in another form than printed read again alone, where two
    preparations agree on a number in the printed form; the words unchanged on any other page."""
    if not is_eyesuite_page(words):
        return words
    misread = [(w, z) for z in _table_zones(words) for w in words if _in_zone(w, z) and _is_misread_cell(w)]
    if not misread:
        return words
    grey = np.asarray(image.convert("L"))
    replaced: dict[int, Word] = {}
    for word, zone in misread:
        cell = _ink_box(grey, word, image.size, top=zone[1])
        read = read_number_cell(image, cell) if cell is not None else None
        if read is not None and PRINTED_CELL.match(read.text) and _sign_agrees(word.text, read.text):
            replaced[id(word)] = read
    return [replaced.get(id(w), w) for w in words]


def is_eyesuite_page(words: list[Word]) -> bool:
    """Whether a page prints EyeSuite's words (its footer's software or the keratometry labels' unit)."""
    return any(_EYESUITE_PAGE.search(w.text) for w in words)


def _table_zones(words: list[Word]) -> list[tuple[float, float, float, float]]:
    """Each lens table's cell area (page fractions) under its header."""
    zones = []
    for eye in (w for w in words if canonical(w.text) == "Eye"):
        iol = header_iol(eye, words)
        if iol is None:
            continue
        spacing = eye.bbox[0] - iol.bbox[0]
        x0, x1 = iol.bbox[0] - LEFT_OF_IOL * spacing, eye.bbox[0] + RIGHT_OF_EYE * spacing
        top = eye.bbox[3]
        lettered = [
            w.bbox[1]
            for w in words
            if x0 <= w.x_center <= x1 and w.bbox[1] > top and sum(c.isalpha() for c in w.text) >= 3
        ]
        bottom = min([top + TABLE_HEIGHTS * eye.height, *lettered])
        zones.append((x0, top, x1, bottom))
    return zones


def _in_zone(word: Word, zone: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = zone
    return x0 <= word.x_center <= x1 and y0 <= word.y_center <= y1


def _is_misread_cell(word: Word) -> bool:
    """A word with a letter or digit that is not a printed number once the rules and frame glued to it are set aside:
    the table prints nothing but numbers (`Li` for `-1.13` on a photo)."""
    text = word.text.strip(_FRAME)
    return any(c.isalnum() for c in text) and not PRINTED_CELL.match(text)


def _sign_agrees(read_before: str, read_again: str) -> bool:
    """A reading without a minus where the page pass showed one before the digits (`=0.17`, `~0.52`) may have lost
    it: kept only where both agree on the sign, or the page pass showed none."""
    before = read_before.lstrip("|[]{}()_'‘’`")
    minus_before = bool(before) and before[0] in _MINUS_AS_READ
    return read_again.startswith("-") or not minus_before


def _ink_box(grey: np.ndarray, word: Word, page_px: tuple[int, int], top: float) -> Box | None:
    """The box (pixels) of a cell's ink inside the word's box below the table's header (`top`: a word OCR ran up
    over the header, `Ex` for `20.50`, holds the header's ink too), the table's rules cleared; None where none is
    left."""
    width, height = page_px
    x0, x1 = max(round(word.bbox[0] * width) - EDGE_PX, 0), round(word.bbox[2] * width) + EDGE_PX
    y0 = max(round(max(word.bbox[1], top) * height) - EDGE_PX, 0)
    y1 = round(word.bbox[3] * height) + EDGE_PX
    band = round(ROW_BAND * (y1 - y0))
    ink = grey[max(y0 - band, 0) : y1 + band, x0:x1] < INK_LEVEL
    rules = ink.mean(axis=0) >= RULE_COLUMN_SHARE if ink.size else np.zeros(0, dtype=bool)
    cell = grey[y0:y1, x0:x1] < INK_LEVEL
    cell[:, rules] = False
    cell[rule_rows(cell)] = False
    rows, columns = np.flatnonzero(cell.any(axis=1)), np.flatnonzero(cell.any(axis=0))
    if rows.size == 0 or columns.size == 0:
        return None
    return Box(x0 + int(columns[0]), y0 + int(rows[0]), x0 + int(columns[-1]) + 1, y0 + int(rows[-1]) + 1)
