"""IOLMaster 500 `Emme. IOL:` lines OCR garbled past recognition, read again where their row of boxes prints them.

The boxes of one row print their table header on one line and close together with their `Emme. IOL: 22.43` lines,
one height for the whole row (the device draws the boxes of a row alike). Where the page pass read a box's header but
no `Emme.` word under it (rescans: `mme . ; ‘`, `. : .`, `[fame . BOL! 3 J`), the lens-cell refiner found no table
there and the box went to review with its rows and emmetropia power unread. Its line lies where its neighbours' lie,
along the slant of the header (a tilted scan): that band, between the box's own vertical rules, is read again alone
and taken only where two preparations read the device's form (`Emme. IOL: dd.dd`); the lens-cell refiner then reads
the box as any other (its rows cell by cell, its power against them). Anything else leaves the words as they were.
"""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

from biometry.devices.iolmaster500.boxes import TABLE_ROWS, emmetropia_words, is_table_header
from biometry.devices.iolmaster500.iol import TABLE_UNIT
from biometry.document import Line, Word, group_lines
from biometry.extract.boxes import Box
from biometry.extract.cells import (
    INK_LEVEL,
    LINE_MARGIN_PX,
    centre_in,
    ink_bands,
    ink_without_rules,
    line_characters,
    read_text_line,
)

RULE_SHARE = 0.8  # a pixel column inked on this share of the rows' height is a box's vertical rule
EDGE_PX = 4  # kept clear of the box's rules
SEARCH_LINES = 1.2  # the line is looked for this many of its neighbour's heights above and below where it should be
MIN_TYPE_PX = 8  # a band of ink lower than this is a speck or a rule's remains (300 dpi)
TYPE_GAP_PX = 3  # lines of type are parted by at least this many blank pixel rows
MIN_BOX_PX = 60  # narrower than this between two rules is no lens box (its line alone is wider)
MIN_ROWS_PX = 8 * TABLE_ROWS  # a table shorter than this is no table (a header over the line itself)
# a reading, spaces aside: a rule glyph before it, the `O` doubled (`IO0L:`), an underline's remains before the power
# and specks after it (`19.34a`, `16.20—_.|` on a photo, held-out seed 363; the device prints the power with two
# decimals, so nothing after them is a digit)
_SPECKS_BEFORE, _SPECKS_AFTER = r"[_~]{0,2}", r"\D{0,4}"
_IOL_LABEL = r"[IL1lT|][O0]{1,2}L:"  # `IOL:` as OCR reads it (`TOL:`, `IO0L:`)
_LINE = re.compile(rf"^[|\[({{lIjJ!]?Emme\.{_IOL_LABEL}{_SPECKS_BEFORE}(\d{{2}}\.\d{{2}}){_SPECKS_AFTER}$")
_VALUE = re.compile(rf"^{_SPECKS_BEFORE}(\d{{2}}\.\d{{2}}){_SPECKS_AFTER}$")
_GLUED_POWER = re.compile(rf"^({_IOL_LABEL})({_SPECKS_BEFORE}\d.*)$")  # `IOL:_16.20`: the label, the power
_LINE_WORDS = 3  # `Emme.`, `IOL:`, the power


def with_emmetropia_lines(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with each lens box's `Emme. IOL:` line read again where OCR lost its `Emme.` word and the other boxes
    of its row read theirs; every other word as it was."""
    emme = emmetropia_words(words)
    if not emme:
        return words
    headers = sorted((line for line in group_lines(words) if is_table_header(line)), key=lambda ln: ln.bbox[1])
    grey = np.asarray(image.convert("L"))
    for index, header in enumerate(headers):
        below = headers[index + 1].bbox[1] if index + 1 < len(headers) else 1.0
        row = row_emmetropia(emme, header, below)
        for start in _box_starts(header) if row else []:
            area = _line_area(grey, header, row, start)
            if area is not None and not any(centre_in(w, area, image.size) for w in emme):
                words = _with_line(image, words, area)
    return words


def row_emmetropia(emme: list[Word], header: Line, below: float) -> list[Word]:
    """The `Emme.` words of the row of boxes under `header` (above the next header): the first line of them."""
    under = [w for w in emme if header.bbox[3] < w.bbox[1] < below and header.bbox[0] <= w.x_center <= header.bbox[2]]
    if not under:
        return []
    top = min(w.y_center for w in under)
    tall = max(w.height for w in under)
    return [w for w in under if abs(w.y_center - top) <= tall]


def _box_starts(header: Line) -> list[Word]:
    """The first word of each box's `IOL (D)  REF (D)` in a header line (two units close a box)."""
    starts: list[Word] = []
    units, first = 0, None
    for word in sorted(header.words, key=lambda w: w.bbox[0]):
        if not any(c.isalpha() for c in word.text):
            continue  # a box's rule read as a word of the header (`|`)
        first = first or word
        units += bool(TABLE_UNIT.search(word.text))
        if units == 2:
            starts.append(first)
            units, first = 0, None
    return starts


def _line_area(grey: np.ndarray, header: Line, row: list[Word], start: Word) -> Box | None:
    """Where the `Emme. IOL:` line of the box whose header starts at `start` lies (pixels): the band of type nearest
    the height of the nearest other box's line along the header's slant, between the box's vertical rules; None where
    no rules or no type show."""
    height, width = grey.shape
    nearest = min(row, key=lambda w: abs(w.x_center - start.x_center))
    slope = slope_of(header)
    centre = round((nearest.y_center + slope * (start.bbox[0] - nearest.bbox[0])) * height)
    reach = round(nearest.height * height * SEARCH_LINES)
    sides = box_sides(grey, round(header.bbox[3] * height), centre - reach, start.x_center * width)
    if sides is None:
        return None
    return nearest_type_band(grey, centre, reach, sides)


def nearest_type_band(grey: np.ndarray, centre: int, reach: int, sides: tuple[int, int]) -> Box | None:
    """The band of type nearest the pixel row `centre`, within `reach` rows of it, between the columns `sides`
    (rules cleared), with a line's margin around it; None where no type shows."""
    top = max(centre - reach, 0)
    ink = ink_without_rules(grey[top : centre + reach, sides[0] : sides[1]])
    bands = ink_bands(ink.any(axis=1), MIN_TYPE_PX, TYPE_GAP_PX)
    if not bands:
        return None
    band = min(bands, key=lambda b: abs(top + (b[0] + b[1]) / 2 - centre))
    return Box(sides[0], top + band[0] - LINE_MARGIN_PX, sides[1], top + band[1] + LINE_MARGIN_PX)


def _with_line(image: Image.Image, words: list[Word], area: Box) -> list[Word]:
    """The words with the line in `area` read again, where two preparations read it in the device's form."""
    read = read_text_line(image, area, meaning=_value_read)
    line = _as_printed(read) if read is not None and _LINE.match(line_characters(read)) else []
    return [w for w in words if not centre_in(w, area, image.size)] + line if line else words


def slope_of(header: Line) -> float:
    """How far the header's type drops per page width (a tilted scan's slant), from its first and last words."""
    first, last = header.words[0], header.words[-1]
    run = last.x_center - first.x_center
    return (last.y_center - first.y_center) / run if run > 0 else 0.0


def box_sides(grey: np.ndarray, top: int, bottom: int, inside: float) -> tuple[int, int] | None:
    """The pixel columns just inside the box's vertical rules left and right of `inside`, found over its rows (from
    under the header to the line read); None where either rule is not found."""
    if bottom - top < MIN_ROWS_PX:
        return None
    rules = np.flatnonzero((grey[top:bottom] < INK_LEVEL).mean(axis=0) >= RULE_SHARE)
    left, right = rules[rules < inside], rules[rules > inside]
    if left.size == 0 or right.size == 0 or right[0] - left[-1] < MIN_BOX_PX:
        return None
    return int(left[-1]) + EDGE_PX, int(right[0]) - EDGE_PX


def _value_read(characters: str) -> str:
    """What a reading of the line says: its power where it has the device's form, else its characters."""
    match = _LINE.match(characters)
    return match.group(1) if match else characters


def _as_printed(line: list[Word]) -> list[Word]:
    """The reading as the line's three words (`Emme.`, `IOL:`, the power), each where it was read, the power read
    glued to its label (`IOL:_16.20`, a photo, held-out seed 363) parted from it; [] where it was read as other words
    (`Emme.IOL:`). A rule glyph read as a word before it and a speck after the power (`°°`, no letter or digit) are no
    words of it."""
    words = [part for w in line if w.text.strip("|[({lIjJ!") and any(c.isalnum() for c in w.text)
             for part in _label_parted(w)]  # fmt: skip
    power = _VALUE.match(words[2].text) if len(words) == _LINE_WORDS else None
    if power is None:
        return []
    emme, label, value = words
    return [Word("Emme.", _left_of(emme, label), confidence=emme.confidence),
            Word("IOL:", _left_of(label, value), confidence=label.confidence),
            Word(power.group(1), value.bbox, confidence=value.confidence)]  # fmt: skip


def _label_parted(word: Word) -> list[Word]:
    """A word read as the `IOL:` label with the power glued on as two, each its share of the box by its characters;
    any other word as it is."""
    glued = _GLUED_POWER.match(word.text)
    if glued is None:
        return [word]
    x0, y0, x1, y1 = word.bbox
    cut = x0 + (x1 - x0) * len(glued.group(1)) / len(word.text)
    return [Word(glued.group(1), (x0, y0, cut, y1), confidence=word.confidence),
            Word(glued.group(2), (cut, y0, x1, y1), confidence=word.confidence)]  # fmt: skip


def _left_of(word: Word, after: Word) -> tuple[float, float, float, float]:
    """A word's box ending where the next word starts: a crop's reading may box a word across the next one, and the
    parser finds the line's words by their order and gaps."""
    x0, y0, x1, y1 = word.bbox
    return x0, y0, max(x0, min(x1, after.bbox[0])), y1
