"""IOLMaster 700 result-table cells found under their table's header, read again alone where the page pass misread
them.

`cells.with_table_cells` finds a box's table by its `Emmetropia` label and takes its cells within a reach of label
heights above it and up to the label's right edge. Where the box prints no emmetropia power (`--- Emmetropia`, every
Holladay 2 box) the label stands left under the powers and the whole `Ref (D)` column lies right of it; where the
label reads short (a scan), the header lies beyond that reach. A cell the page pass misread there was never read again:
a Holladay 2 power `+23,50` read `+23;50` (the row dropped: 4 rows instead of 5), the refraction `-1,13` read `“1,23`.

This refiner runs after it and takes each table from its header instead: from two unit widths left of the `IOL (D)`
unit (the `IOL` word, the powers right-aligned under it) to the `Ref (D)` unit's right edge, from the header down to
the box's `Emmetropia` label (one label below the header, within MAX_TABLE_LINES header heights). A word there with
digits and no letters that is not in the printed form (`+0,71`) is cropped alone (parts of one cell OCR split, their
boxes apart or overlapping, as one) and read again as a number cell (two preparations agree), else as a line of type
with room left of it for a sign its box left out, or, a row read as one word across both columns (`+21,00___+0,61`,
the table's bottom rule read between them), cell by cell as `cells` reads it; a word OCR read as letters there (a
photo's glare) is read again so too; it is replaced only by readings in the printed form. Else the page
pass's words stay, and the parser's table checks (signs, steps, emmetropia) still judge every row: a sign two
preparations do not both read (a bold `-0,01` read `0,01`) stays lost, and the table says whether its rows tell it.
Only this device's pages (`prints_own_page`) are read again.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from biometry.devices.iolmaster700 import prints_own_page
from biometry.devices.iolmaster700.boxes import EMMETROPIA, is_table_unit
from biometry.devices.iolmaster700.cells import (
    EDGE_PX,
    PRINTED_CELL,
    cells_of,
    in_zone,
    is_misread_cell,
    prints_commas,
    two_columns,
    widest_cell,
)
from biometry.document import Word, group_lines, overlaps_any, union_bbox
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, ink_without_rules, read_number_cell, read_text_line

MAX_TABLE_LINES = 14  # header heights: a box's five rows and its emmetropia line lie within this far below its header
POWERS_LEFT_OF_UNIT = 2.0  # unit widths: the `IOL` word and the powers right-aligned under it start this far left
READ_ALREADY_SHARE = 0.5  # of a misread word's box inside a cell read in the printed form: that cell's ink
SIGN_ROOM = 0.5  # type heights left of a cell's box read with it as a line: a sign the word's box left out


def with_header_table_cells(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each table cell (found under its table's header) read in another form than the device
    prints read again alone, where the new reading is in the printed form; the words unchanged on any other page."""
    if not prints_own_page(words):
        return words
    grey = np.asarray(image.convert("L"))
    comma = prints_commas(words)
    for parts in _misread_cells(words):
        cells = [w for w in words if PRINTED_CELL.match(w.text)]
        if all(_read_already(part, cells) for part in parts):
            words = [w for w in words if not any(w is part for part in parts)]  # its ink read by an earlier re-read
            continue
        words = _with_reread(image, grey, words, parts, comma=comma)
    return words


def _read_already(word: Word, cells: list[Word]) -> bool:
    """Whether most of a misread word's box (half or more) lies in one cell read in the printed form: the same ink
    read again (`OOOO` across a row read again as its two cells, then `OE` over the refraction's ink), which a second
    reading would add twice."""
    x0, y0, x1, y1 = word.bbox
    area = (x1 - x0) * (y1 - y0)
    for cell in cells:
        width = min(x1, cell.bbox[2]) - max(x0, cell.bbox[0])
        height = min(y1, cell.bbox[3]) - max(y0, cell.bbox[1])
        if width > 0 and height > 0 and width * height >= READ_ALREADY_SHARE * area:
            return True
    return False


def table_zones(words: list[Word]) -> list[tuple[float, float, float, float]]:
    """The rows of every table (page fractions) whose header reads both units of each table on its line and whose
    `Emmetropia` label below it is read: the powers left of the `IOL (D)` unit to the `Ref (D)` unit's right edge,
    header to label."""
    labels = [w for w in words if EMMETROPIA.search(w.text)]
    zones = []
    for line in group_lines([w for w in words if is_table_unit(w.text)]):
        if len(line.words) % 2:
            continue  # a unit lost: the tables of this header line cannot be told apart
        for iol, ref in zip(line.words[::2], line.words[1::2], strict=True):
            reach = MAX_TABLE_LINES * iol.height
            unit = iol.bbox[2] - iol.bbox[0]
            x0, x1 = iol.bbox[0] - POWERS_LEFT_OF_UNIT * unit, ref.bbox[2] + unit / 2
            below = [w for w in labels if 0 < w.bbox[1] - iol.bbox[3] <= reach and x0 <= w.x_center <= x1]
            if len(below) == 1:
                zones.append((x0, iol.bbox[3], x1, below[0].bbox[1]))
    return zones


def _misread_cells(words: list[Word]) -> list[list[Word]]:
    """The misread words in every table grouped by cell (`cells.cells_of`), parts OCR boxed overlapping included."""
    zones = table_zones(words)
    cells = [w for w in words if PRINTED_CELL.match(w.text)]
    misread = [w for w in words if _misread_in_table(w, cells) and any(in_zone(w, zone) for zone in zones)]
    return cells_of(misread, widest_cell([w for w in cells if any(in_zone(w, zone) for zone in zones)]))


def _misread_in_table(word: Word, cells: list[Word]) -> bool:
    """A word between a table's header and its emmetropia label that is no cell in the printed form: a cell misread
    (`cells.is_misread_cell`), or one OCR read as letters (a photo's glare: `+21,00 +0,78` read `fame)! An Ff a`;
    nothing else is printed there) where it overlaps no cell read in the printed form (a second reading of that
    cell's ink would read it twice)."""
    if is_misread_cell(word):
        return True
    letters = any(c.isalpha() for c in word.text) and not any(c.isdigit() for c in word.text)
    return letters and not is_table_unit(word.text) and not overlaps_any(word, cells)


def _with_reread(
    image: Image.Image, grey: np.ndarray, words: list[Word], parts: list[Word], *, comma: bool
) -> list[Word]:
    """The words with a cell's parts replaced by the cell read alone, where that reading is in the printed form
    (`comma`: the page prints decimal commas, `cells.prints_commas`)."""
    width, height = image.size
    x0, y0, x1, y1 = union_bbox([w.bbox for w in parts])
    area = Box(max(round(x0 * width) - EDGE_PX, 0), max(round(y0 * height) - EDGE_PX, 0),
               round(x1 * width) + EDGE_PX, round(y1 * height) + EDGE_PX)  # fmt: skip
    cell = _ink_in(grey, area)
    if cell is None:
        return words
    columns = two_columns(grey, cell)  # a row read as one word across both columns (`+21,00___+0,61`)
    if columns is not None:
        reads = [read for read in (_read(image, column, comma=comma) for column in columns) if read is not None]
        kept = [w for w in words if not any(w is part for part in parts)]
        return [*kept, *reads] if len(reads) == len(columns) else words
    read = _read(image, cell, comma=comma)
    if read is None:
        return words
    return [read if w is parts[0] else w for w in words if not any(w is part for part in parts[1:])]


def _read(image: Image.Image, cell: Box, *, comma: bool) -> Word | None:
    """The cell read as a number cell, else as a line of type with room for a sign left of it; None unless a reading
    is in the printed form."""
    read = read_number_cell(image, cell, comma=comma)
    if read is not None and PRINTED_CELL.match(read.text):
        return read
    room = round(SIGN_ROOM * (cell.y1 - cell.y0))
    area = Box(max(cell.x0 - room - EDGE_PX, 0), cell.y0 - EDGE_PX, cell.x1 + EDGE_PX, cell.y1 + EDGE_PX)
    line = read_text_line(image, area)
    if line is None or len(line) != 1 or not PRINTED_CELL.match(line[0].text):
        return None
    return line[0]


def _ink_in(grey: np.ndarray, area: Box) -> Box | None:
    """The box (pixels) of a cell's ink inside an area (pixels): the rows of its type (rules cleared) and every inked
    column across them, a sign's too (a minus alone in its rows reads as a rule there); None where it holds no ink."""
    patch = grey[area.y0 : area.y1, area.x0 : area.x1]
    rows = np.flatnonzero(ink_without_rules(patch).any(axis=1))
    if rows.size == 0:
        return None
    top, bottom = int(rows[0]), int(rows[-1]) + 1
    columns = np.flatnonzero((patch[top:bottom] < INK_LEVEL).any(axis=0))
    if columns.size == 0:
        return None
    x0, y0 = area.x0, area.y0
    return Box(x0 + int(columns[0]), y0 + top, x0 + int(columns[-1]) + 1, y0 + bottom)
