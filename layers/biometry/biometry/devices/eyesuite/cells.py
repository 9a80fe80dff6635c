"""EyeSuite lens-table cells the page pass misread, read again alone from the page image.

Every power and refraction of a lens block's `IOL [D] | Eye [D]` table is printed with two decimals after a point
(`22.50`, `-0.17`). On a photo or a rescan the page pass reads a cell in another form now and then (`27:50)` for
`22.50`: a digit and the point misread, the cell's rule glued on; `Li` for `-1.13`), and the block goes to review.
Such a cell is cropped alone below the header (a word OCR ran up over the header holds its ink too), the table's
rules cleared, and read as one line of digits, sign and point (`extract.cells.read_number_cell`, two preparations must
agree); the reading replaces the page pass's word only in the printed form, and a refraction only with the sign the
page pass showed, if it showed one. A cell read in the printed form but unsure (below VOTED_CELL: a 300-dpi rescan's
`-0.81` read `0.81` at 0.54, held-out seed 346, its block's steps uneven) is settled by its readings' vote
(`extract.value_votes`), with the same sign rule. The parser's table checks (steps, signs) still judge every row.
Cells the parser reads as they are (a rule or the selected row's frame glued to a number: `|=0.17`) are left to it,
and pages without a lens table or EyeSuite's words (another device's) keep theirs.

A row the page pass lost whole (no word where its two cells stand: a clean 150-dpi rescan's `18.00 | -0.69` under four
rows read) is read the same way where the rows read show where it stands: one row pitch from them, between them or
beyond them inside the table's area, both cells read in the printed form; the parser's table checks (five rows, 0.50 D
power steps, even refraction steps) judge it with the others. A row of which the page pass read one cell alone, in the
printed form and in its column (a 150-dpi rescan's `-0.69` with its `18.00` lost), has its other cell read so. A row
of which the page pass read no cell in the printed form, every word there a misread cell (a phone photo's `21502057` at
0.00 for `21.50 | 0.57`, too wide for one cell's re-read), is read so too, and its two cells replace those words; not
where the refraction reads unsigned and within 0.01 D of zero (a minus lost there changes the steps by less than the
rows' rounding).

A table is found by its header: the `Eye` of `IOL [D] | Eye [D]` and its `IOL` (`maker_lines.header_iol`); its cells
lie under it, from a little left of `IOL` to the right of `Eye` by the header's spacing, down to the next line with a
word of three letters (the formula caption) or TABLE_HEIGHTS header heights.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import statistics

import numpy as np
from PIL import Image

from biometry.devices.eyesuite.maker_lines import header_iol
from biometry.document import Word, group_lines
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, read_number_cell, rule_rows
from biometry.extract.value_votes import value_area, voted_reading
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
TABLE_ROWS = 5  # the rows every lens table prints
MIN_ROWS_READ = 2  # rows read whole (both cells in the printed form) that show the row pitch
PITCH_TOLERANCE = 0.15  # row pitches: the rows read stand a whole number of pitches apart, give or take this
NEAR_ZERO_D = 0.015  # a refraction whose lost minus the table's steps cannot show (0.01)
VOTED_CELL = 0.7  # a cell read in the printed form less sure than this is settled by its readings' vote
Zone = tuple[float, float, float, float]


def with_table_cells(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each lens-table cell read in another form than printed read again alone, where two
    preparations agree on a number in the printed form; the words unchanged on any other page."""
    if not is_eyesuite_page(words):
        return words
    zones = table_zones(words)
    misread = [(w, z) for z in zones for w in words if _in_zone(w, z) and _is_misread_cell(w)]
    if not zones:
        return words
    grey = np.asarray(image.convert("L"))
    replaced: dict[int, Word] = {}
    for word, zone in misread:
        cell = _ink_box(grey, _across_column(word, _columns(rows_read(words, zone))), image.size, top=zone[1])
        read = read_number_cell(image, cell) if cell is not None else None
        if read is not None and PRINTED_CELL.match(read.text) and _sign_agrees(word.text, read.text):
            replaced[id(word)] = read
    for word in (w for w in words if _unsure_cell(w) and any(_in_zone(w, z) for z in zones)):  # each cell once
        voted = voted_reading(image, value_area(image, *word.bbox), word.text, _cell_number)
        if voted is not None and voted != word.text and _sign_agrees(word.text, voted):
            replaced[id(word)] = dataclasses.replace(word, text=voted)
    lost: list[Word] = []
    garbled: set[int] = set()
    for zone in zones:
        cells, misread_rows = _lost_rows(image, grey, words, zone)
        lost += cells
        garbled |= misread_rows
    kept = [replaced.get(id(w), w) for w in words if id(w) not in garbled]
    return [*kept, *lost] if replaced or lost else words


def _lost_rows(image: Image.Image, grey: np.ndarray, words: list[Word], zone: Zone) -> tuple[list[Word], set[int]]:
    """The cells of the table's rows the page pass lost whole or misread whole, read alone where the rows read show
    they stand (see the module): one row pitch apart from the rows read, between or beyond them, inside the table's
    area, where no word was read across the table or every word read there is a misread cell; a row only where both
    its cells read in the printed form. Also the ids of the misread words such a row replaces."""
    rows = rows_read(words, zone)
    if not MIN_ROWS_READ <= len(rows) < TABLE_ROWS:
        return [], set()
    middles = [statistics.fmean(w.y_center for w in row) for row in rows]
    pitch = min(b - a for a, b in itertools.pairwise(middles))
    steps = [(b - a) / pitch for a, b in itertools.pairwise(middles)]
    if any(abs(step - round(step)) > PITCH_TOLERANCE for step in steps):
        return [], set()
    columns = _columns(rows)
    height = statistics.median(w.height for row in rows for w in row)
    between = [a + pitch * n for a, step in zip(middles, steps, strict=False) for n in range(1, round(step))]
    beyond = [m for n in range(1, TABLE_ROWS) for m in (middles[0] - pitch * n, middles[-1] + pitch * n)]
    x0, top, x1, bottom = zone
    found: list[Word] = []
    garbled: set[int] = set()
    rows_found = 0
    for middle in [*between, *beyond]:
        if not top + height / 2 < middle < bottom or len(rows) + rows_found >= TABLE_ROWS:
            continue
        there = [w for w in words if x0 <= w.x_center <= x1 and abs(w.y_center - middle) < pitch / 2]
        misread = _misread_row(there)
        lost = (0, 1) if misread else _lost_columns(there, columns)
        cells = [_lost_cell(image, grey, columns[k], middle, pitch) for k in lost]
        if lost and all(cells) and not (misread and _sign_in_doubt(cells[1])):
            found += [cell for cell in cells if cell is not None]
            garbled |= {id(w) for w in there} if misread else set()
            rows_found += 1
    return found, garbled


def _columns(rows: list[list[Word]]) -> list[tuple[float, float]]:
    """The power's and the refraction's column (left and right edge) as the rows read whole span them; none without
    such a row."""
    if not rows:
        return []
    return [(min(row[k].bbox[0] for row in rows), max(row[k].bbox[2] for row in rows)) for k in (0, 1)]


def _across_column(word: Word, columns: list[tuple[float, float]]) -> Word:
    """A misread cell's word widened to the column it stands in, as the rows read whole span it: the page pass may box
    a cell short of its ink (`17.` for `17.00`, the zeros outside its box: a 150-dpi rescan, held-out seed 268)."""
    x0, y0, x1, y1 = word.bbox
    column = next(((a, b) for a, b in columns if a <= word.x_center <= b), None)
    if column is None:
        return word
    return Word(word.text, (min(x0, column[0]), y0, max(x1, column[1]), y1), confidence=word.confidence)


def _misread_row(there: list[Word]) -> bool:
    """True where the page pass read a row's place, but no cell of it in the printed form: every word with a letter
    or digit a misread cell (`21502057` at 0.00 for `21.50 | 0.57`, `22°00 =|" 0:22`, a phone photo)."""
    typed = [w for w in there if any(c.isalnum() for c in w.text)]
    return bool(typed) and all(_is_misread_cell(w) for w in typed)


def _sign_in_doubt(refraction: Word | None) -> bool:
    """True for a refraction read again without a sign so near zero that the table's steps cannot tell a minus lost
    (a sign flip of 0.01 D changes two steps by 0.02 D, under the rows' rounding, iol.ROW_STEP_CHANGE_D)."""
    if refraction is None or refraction.text.startswith("-"):
        return False
    return 0 < abs(float(refraction.text)) < NEAR_ZERO_D


def _lost_columns(there: list[Word], columns: list[tuple[float, float]]) -> tuple[int, ...]:
    """Which cells of a row to read alone, given the words read on it: both where none was read; the other one where
    only one cell was read, in the printed form, in its column (`-0.69` under four rows read whole: the power lost);
    none where anything else was read (the misread-cell reading or the parser's checks judge it)."""
    if not there:
        return (0, 1)
    typed = [w for w in there if any(c.isalnum() for c in w.text)]  # a rule read alone is no cell
    if len(typed) != 1 or not PRINTED_CELL.match(typed[0].text.strip(_FRAME)):
        return ()
    inside = [k for k, (a, b) in enumerate(columns) if a - (b - a) / 4 <= typed[0].x_center <= b + (b - a) / 4]
    return (1 - inside[0],) if len(inside) == 1 else ()


def rows_read(words: list[Word], zone: Zone) -> list[list[Word]]:
    """The table's rows the page pass read whole, top to bottom: lines of two cells in the printed form."""
    cells = [w for w in words if _in_zone(w, zone) and PRINTED_CELL.match(w.text.strip(_FRAME))]
    return [list(line.words) for line in group_lines(cells) if len(line.words) == 2]


def _lost_cell(
    image: Image.Image, grey: np.ndarray, column: tuple[float, float], middle: float, pitch: float
) -> Word | None:
    """The number in one cell of a lost row (its column's span across, half a row pitch either side of `middle`),
    the table's rules cleared; None unless it reads in the printed form."""
    width, height = image.size
    margin = (column[1] - column[0]) / 4
    x0, x1 = max(round((column[0] - margin) * width), 0), round((column[1] + margin) * width)
    y0, y1 = max(round((middle - pitch / 2) * height), 0), round((middle + pitch / 2) * height)
    ink = grey[y0:y1, x0:x1] < INK_LEVEL
    if not ink.size:
        return None
    box = inked_box(ink, ink.mean(axis=0) >= RULE_COLUMN_SHARE, (x0, y0))
    read = read_number_cell(image, box) if box is not None else None
    return read if read is not None and PRINTED_CELL.match(read.text) else None


def is_eyesuite_page(words: list[Word]) -> bool:
    """Whether a page prints EyeSuite's words (its footer's software or the keratometry labels' unit)."""
    return any(_EYESUITE_PAGE.search(w.text) for w in words)


def table_zones(words: list[Word]) -> list[tuple[float, float, float, float]]:
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


def _unsure_cell(word: Word) -> bool:
    """A cell read in the printed form less sure than VOTED_CELL (`0.81` at 0.54 for `-0.81`: its minus lost)."""
    return word.confidence < VOTED_CELL and PRINTED_CELL.match(word.text) is not None


def _cell_number(text: str) -> tuple[float, str] | None:
    """A cell reading's number (`-0.81` -> (-0.81, "cell")), None where it is not in the printed form."""
    return (float(text), "cell") if PRINTED_CELL.match(text) else None


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
    return inked_box(grey[y0:y1, x0:x1] < INK_LEVEL, rules, (x0, y0))


def inked_box(cell: np.ndarray, rule_columns: np.ndarray, origin: tuple[int, int]) -> Box | None:
    """The box (pixels) of a cell's ink (bool, rows x columns, its top left at `origin`) with its rule columns and
    rule rows cleared; None where none is left."""
    cell[:, rule_columns] = False
    cell[rule_rows(cell)] = False
    rows, columns = np.flatnonzero(cell.any(axis=1)), np.flatnonzero(cell.any(axis=0))
    if rows.size == 0 or columns.size == 0:
        return None
    x0, y0 = origin
    return Box(x0 + int(columns[0]), y0 + int(rows[0]), x0 + int(columns[-1]) + 1, y0 + int(rows[-1]) + 1)
