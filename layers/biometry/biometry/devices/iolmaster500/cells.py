"""IOLMaster 500 lens tables read cell by cell from the page image, before the parser sees the words.

Each lens box prints `IOL (D)  REF (D)` over seven rows of two Courier numbers and closes with `Emme. IOL:`. Read with
the page, the thin Courier of the 140-dpi frames and their rescans garbles (`2109` for `21.5`, `-..52`); each number
cropped alone and read as one line of digits (`extract.cells`) reads right. The table is found from the words that
frame it (its header line above, its `Emme.` word below) and the page's own ink: the box's vertical rules either
side of the end of the `Emme.` word, seven ink rows between header and `Emme.` line, two columns parted by the widest
blank between them. A table that does not show exactly that keeps the words the page pass read; so does any cell whose
two readings disagree (the parser's step and emmetropia checks still judge every row). A cell read off its column's
even steps is settled by its column: a power by its own readings (`power_steps`), a refraction by the page pass's
reading where one of its preparations agrees (`refraction_steps`).
"""

from __future__ import annotations

import itertools
import re

import numpy as np
from PIL import Image

from biometry.devices.iolmaster500.box_heads import HeadLine, unless_contradicted, with_head_lines
from biometry.devices.iolmaster500.boxes import (
    TABLE_ROWS,
    emmetropia_tolerance,
    emmetropia_words,
    expected_emmetropia,
    is_table_header,
)
from biometry.devices.iolmaster500.caption_letters import with_final_f
from biometry.devices.iolmaster500.caption_pairs import with_captions_of_the_other_eye
from biometry.devices.iolmaster500.constant_copies import with_constants_of_the_other_eye
from biometry.devices.iolmaster500.emme_lines import with_emmetropia_lines
from biometry.devices.iolmaster500.emmetropia_votes import voted_emmetropia
from biometry.devices.iolmaster500.header_lines import with_table_headers
from biometry.devices.iolmaster500.lens_title import with_lens_title
from biometry.devices.iolmaster500.power_steps import powers_on_their_steps
from biometry.devices.iolmaster500.refraction_steps import refractions_on_their_steps
from biometry.devices.iolmaster500.summary_lines import with_summary_lines
from biometry.devices.measurements import tokens_of
from biometry.document import Line, Word, group_lines
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, centre_in, ink_bands, ink_without_rules, read_number_cell, widest_blank
from biometry.extract.refiners import DOUBT
from biometry.normalize import decimals

RULE_SHARE = 0.8  # a pixel column inked on this share of the table's height is a vertical rule
MIN_ROW_PX = 8  # an ink band lower than this is a speck or a rule's remains (300 dpi)
ROW_GAP_PX = 3  # rows are parted by at least this many blank pixel rows
ROW_HEIGHT_SHARE = 0.5  # of a table's median ink band: a lower band is a rule's remains, no row of type
EDGE_PX = 4  # kept clear of a rule or label above and below the rows, and of the box's sides
MIN_COLUMN_GAP_PX = 12  # the blank between the power and refraction columns is wider than any gap inside a number
EMMETROPIA_DECIMALS = 2  # `Emme. IOL: 22.43`
ROW_NUMBERS = 2  # a row prints a power and a refraction
POWERS, REFRACTIONS = 0, 1  # a table's columns, left to right
_NUMBER = re.compile(r"^[-+]?\d{1,3}\.\d{1,3}$")
# the `IOL:` before the emmetropia power (any word ending in a colon), also with its colon and I lost (`OL`, a photo)
_VALUE_LABEL = re.compile(r"^(?:.*:|[IL1lT|]?OL)$")
READ_PASSES = 2  # the boxes of the `Emme.` words the page pass read, then those of the ones box heads' re-reads add


def with_lens_cells(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with every lens table's cells read again one by one where both readings agree; the words
    unchanged on a page without lens boxes. `Emme. IOL:` lines and table headers OCR garbled past recognition are
    read first where their row of boxes prints them (`emme_lines`, `header_lines`)."""
    words = with_table_headers(image, with_emmetropia_lines(image, words))
    emme = emmetropia_words(words)
    if not emme:
        return words
    headers = [line for line in group_lines(words) if is_table_header(line)]
    grey = np.asarray(image.convert("L"))
    page_pass = words
    heads: list[list[HeadLine]] = []  # each box head's lines, caption first
    done: list[Word] = []
    for read_pass in range(READ_PASSES):
        pending = [word for word in emme if not any(_same_place(word, seen) for seen in done)]
        for word in pending:
            header = _header_above(headers, word)
            table = _table(grey, header, word) if header is not None else None
            if header is None or table is None:
                continue
            words = _with_cells(image, grey, words, table)
            words = _with_emmetropia_value(image, grey, words, word, table)
            above = _emme_above(emme, header, table, image.width)
            words, lines = with_head_lines(image, grey, words, header, table, above)
            heads += [lines] if lines else []
        done += pending
        # an `Emme.` line the page pass lost may be read with the head of the box below it (its head's reach runs
        # up to the rule above that line): its own box is then read in a second pass, and so is a box beside it whose
        # line the page pass lost too: the line read so anchors its row's (`emme_lines`)
        if read_pass + 1 < READ_PASSES:
            words = with_emmetropia_lines(image, words)
        emme = emmetropia_words(words)
    words = with_constants_of_the_other_eye(image, words, page_pass, heads)
    words = with_captions_of_the_other_eye(image, words, [head[0].area for head in heads])
    words = with_final_f(image, words, [head[0].area for head in heads])
    return with_lens_title(image, with_summary_lines(image, words))


def _with_emmetropia_value(
    image: Image.Image, grey: np.ndarray, words: list[Word], emme: Word, table: Box
) -> list[Word]:
    """The words with the number after a box's `Emme. IOL:` read again alone, where both readings agree."""
    width, height = image.size
    y0, y1 = round(emme.bbox[1] * height) - EDGE_PX, round(emme.bbox[3] * height) + EDGE_PX
    line = sorted((w for w in words if emme.bbox[1] <= w.y_center <= emme.bbox[3]), key=lambda w: w.bbox[0])
    label = _value_label([w for w in line if w.bbox[0] > emme.bbox[0] and w.x_center * width < table.x1])
    if label is None:
        return words
    x0 = round(label.bbox[2] * width) + EDGE_PX
    ink = _without_slanted_rules(ink_without_rules(grey[y0:y1, x0 : table.x1]))
    cell = _ink_box(ink, x0, y0)
    read = read_number_cell(image, cell) if cell is not None else None
    if read is None:
        return words
    area = Box(x0, y0, table.x1, y1)
    before = [w for w in words if centre_in(w, area, image.size)]
    page_pass = [w for w in before if not _past_printed_decimals(w)]
    settled = _fitting_the_rows([read, *page_pass], words, table, image.size) or unless_contradicted(read, page_pass)
    fit = _rows_line(words, table, image.size) if settled.text == DOUBT else None
    emme_line = Box(round(emme.bbox[0] * width), y0, table.x1, y1)
    voted = voted_emmetropia(image, emme_line, cell, page_pass, fit) if fit is not None and cell is not None else None
    return [w for w in words if w not in before] + [voted or settled]


def _value_label(after_emme: list[Word]) -> Word | None:
    """The `IOL:` label among the words after `Emme.` in its box (left to right): a word read as one before any word
    with a digit (the power's decimals read `AB:` after `18` are no label: a photo, held-out seed 379), or else the
    first, where it holds no digit, whatever OCR made of it (`TO.` on a photo, held-out seed 274: the power after it
    read `6.20` for `16.20`, its `1` outside the word's box, and was never read again). None where neither stands
    there."""
    before_digits = itertools.takewhile(lambda w: not any(c.isdigit() for c in w.text), after_emme)
    label = next((w for w in before_digits if _VALUE_LABEL.match(w.text)), None)
    if label is None and after_emme and not any(c.isdigit() for c in after_emme[0].text):
        return after_emme[0]
    return label


def _without_slanted_rules(ink: np.ndarray) -> np.ndarray:
    """A line's ink (rows x columns) without the columns inked only above or below the middle half of its rows: a
    number inks that half, a box's rule that a photo's tilt slants through the line's margin does not (it crossed the
    `Emme. IOL: 16.37` line's area to the box's side, the cell then read as nothing: held-out seed 225)."""
    height = ink.shape[0]
    middle = ink[height // 4 : height - height // 4].any(axis=0)
    return ink & middle[np.newaxis, :]


def _same_place(word: Word, other: Word) -> bool:
    """True where one word's middle lies inside the other's box: the same printed word, read again."""
    x0, y0, x1, y1 = other.bbox
    return x0 <= word.x_center <= x1 and y0 <= word.y_center <= y1


def _past_printed_decimals(word: Word) -> bool:
    """True for a page-pass reading with more decimals than the device prints an emmetropia power with (`22.435`:
    a rule glyph read as a digit after `22.43`): no reading of the power to weigh against the re-read."""
    return _NUMBER.match(word.text) is not None and decimals(word.text) > EMMETROPIA_DECIMALS


def _rows_line(words: list[Word], table: Box, page_px: tuple[int, int]) -> tuple[float, float] | None:
    """The emmetropia power the table's rows as now read put on their line, and the tolerance for it; None unless
    all seven rows read as two numbers."""
    inside = [w for w in words if centre_in(w, table, page_px)]
    rows = [[t for t in tokens_of(line.words) if t.number is not None] for line in group_lines(inside)]
    if len(rows) != TABLE_ROWS or any(len(row) != ROW_NUMBERS for row in rows):
        return None
    expected = expected_emmetropia([(power.number or 0.0, refraction.number or 0.0) for power, refraction in rows])
    coarse = all(decimals(refraction.text) == 1 for _, refraction in rows)
    return None if expected is None else (expected, emmetropia_tolerance(coarse=coarse))


def _fitting_the_rows(readings: list[Word], words: list[Word], table: Box, page_px: tuple[int, int]) -> Word | None:
    """Of the readings of an emmetropia power (the re-read first, then the page pass's), the one whose value alone
    lies on the line through the rows as the device prints it (`boxes.expected_emmetropia`): `25.04` against a
    re-read `23.04`, `17.81` against a re-read `-17.81` (an underline's remains read as a minus). None where no
    reading or more than one value fits, or the rows do not read: the re-read is then settled as before."""
    fit = _rows_line(words, table, page_px)
    if fit is None:
        return None
    expected, tolerance = fit
    fitting = [w for w in readings if _NUMBER.match(w.text) and abs(float(w.text) - expected) <= tolerance]
    return fitting[0] if len({float(w.text) for w in fitting}) == 1 else None


def _emme_above(emme: list[Word], header: Line, table: Box, width_px: int) -> Word | None:
    """The `Emme.` word of the box above a table in the same box column (its bottom closes that box)."""
    above = [w for w in emme if w.bbox[3] <= header.bbox[1] and table.x0 <= w.bbox[2] * width_px <= table.x1]
    return max(above, key=lambda w: w.bbox[3], default=None)


def _header_above(headers: list[Line], emme: Word) -> Line | None:
    """The nearest table header line above an `Emme.` word that reaches over it sideways; the header's bottom is its
    type's (`_header_bottom`): a rule's remains OCR read as a word of the line (`aa`, 0.21 page high beside the
    OS box, a scan) reached below the `Emme.` line and hid the table."""
    above = [
        h
        for h in headers
        if _header_bottom(h) < emme.bbox[1] and h.bbox[0] <= emme.bbox[2] and emme.bbox[0] <= h.bbox[2]
    ]
    return max(above, key=_header_bottom, default=None)


def _table(grey: np.ndarray, header: Line, emme: Word) -> Box | None:
    """A table's rows area in pixels: below its header, above its `Emme.` line, between the box's vertical rules."""
    height, width = grey.shape
    y0, y1 = round(_header_bottom(header) * height) + EDGE_PX, round(emme.bbox[1] * height) - EDGE_PX
    if y1 - y0 < TABLE_ROWS * MIN_ROW_PX:
        return None
    rules = np.flatnonzero((grey[y0:y1] < INK_LEVEL).mean(axis=0) >= RULE_SHARE)
    inside = emme.bbox[2] * width  # the word's end: OCR may read the rule before it as part of it (`|Emme.`)
    left, right = rules[rules < inside], rules[rules > inside]
    if left.size == 0 or right.size == 0:
        return None
    return Box(int(left[-1]) + EDGE_PX, y0, int(right[0]) - EDGE_PX, y1)


def _row_bands(ink: np.ndarray) -> list[tuple[int, int]]:
    """A table's rows: the bands of its ink, a band lower than ROW_HEIGHT_SHARE of the table's median band set aside
    (a photo's tilted rule over the `Emme.` line, 9 pixels under rows of 31, that `ink_without_rules` left)."""
    bands = ink_bands(ink.any(axis=1), MIN_ROW_PX, ROW_GAP_PX)
    median = float(np.median([bottom - top for top, bottom in bands])) if bands else 0.0
    return [(top, bottom) for top, bottom in bands if bottom - top >= ROW_HEIGHT_SHARE * median]


def _header_bottom(header: Line) -> float:
    """The bottom of a table header's type: its words' middle bottom, not the line's lowest (a unit OCR garbled into
    a tall glyph, `IOL A. REF`, reached into the first row, which the table then lost)."""
    return float(np.median([word.bbox[3] for word in header.words]))


def _with_cells(image: Image.Image, grey: np.ndarray, words: list[Word], table: Box) -> list[Word]:
    """The words with each cell of one table that reads the same twice replaced by that reading, or by the reading
    that puts it on its column's steps (see the module); where all fourteen are read, without the other words the
    page pass read between them (`eae` across two rows beside a power: specks and a header's unit glued)."""
    ink = ink_without_rules(grey[table.y0 : table.y1, table.x0 : table.x1])
    rows = _row_bands(ink)
    split = _column_split(ink, rows)
    if len(rows) != TABLE_ROWS or split is None:
        return words
    reads: list[Word] = []
    spans = ((0, split), (split, ink.shape[1]))  # the power column, the refraction column (pixels in the table)
    cells: tuple[list[Box | None], list[Box | None]] = ([], [])  # each column's cells' ink boxes, row by row
    column_reads: tuple[list[Word | None], list[Word | None]] = ([], [])
    page_pass: list[list[Word]] = []  # the page pass's words in each row's refraction cell
    for top, bottom in rows:
        for column, (x0, x1) in enumerate(spans):
            cell = _ink_box(ink[top:bottom, x0:x1], table.x0 + x0, table.y0 + top)
            read = read_number_cell(image, cell) if cell is not None else None
            area = Box(table.x0 + x0, table.y0 + top, table.x0 + x1, table.y0 + bottom)
            cells[column].append(cell)
            column_reads[column].append(read)
            if column == REFRACTIONS:
                page_pass.append([w for w in words if centre_in(w, area, image.size)])
            if read is not None:
                words = [w for w in words if not centre_in(w, area, image.size)] + [read]
                reads.append(read)
    repairs = [
        *((POWERS, row, read) for row, read in powers_on_their_steps(image, cells[POWERS], column_reads[POWERS])),
        *((REFRACTIONS, row, read) for row, read in refractions_on_their_steps(
            image, cells[REFRACTIONS], column_reads[REFRACTIONS], page_pass)),
    ]  # fmt: skip
    for column, row, read in repairs:
        (x0, x1), (top, bottom) = spans[column], rows[row]
        area = Box(table.x0 + x0, table.y0 + top, table.x0 + x1, table.y0 + bottom)
        reads = [r for r in reads if r is not column_reads[column][row]] + [read]
        words = [w for w in words if not centre_in(w, area, image.size)] + [read]
    if len(reads) == ROW_NUMBERS * TABLE_ROWS:  # every number re-read: what else the page pass put there is specks
        words = [w for w in words if w in reads or not centre_in(w, table, image.size)]
    return words


def _column_split(ink: np.ndarray, rows: list[tuple[int, int]]) -> int | None:
    """The middle of the widest blank between the power and the refraction column, over all rows together (their own
    ink: not a rule's remains between them)."""
    if not rows:
        return None
    blank = widest_blank(np.concatenate([ink[top:bottom] for top, bottom in rows]), MIN_COLUMN_GAP_PX)
    return None if blank is None else blank[0] + (blank[1] - blank[0]) // 2


def _ink_box(ink: np.ndarray, x_px: int, y_px: int) -> Box | None:
    """The box around a cell's ink, placed at (x_px, y_px) on the page; None for a blank cell."""
    ys, xs = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if ys.size == 0:
        return None
    return Box(x_px + int(xs[0]), y_px + int(ys[0]), x_px + int(xs[-1]) + 1, y_px + int(ys[-1]) + 1)
