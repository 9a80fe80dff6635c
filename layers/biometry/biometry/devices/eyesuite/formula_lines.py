"""EyeSuite formula captions the page pass lost whole or read in part, read again alone from the page image.

A lens block prints its formula caption (`SRK/T`, `Hill RBF + Abulafia-Koch`, `Barrett (measured)`) on the line under
its table, from the table's left rule, and its constants line in small type under that. On a rescan the page pass can
lose the caption whole beside the rule it touches (a generated 200-dpi French Eyestar scan: the OS `SRK/T` under the
AcrySof table; its `A=119.00` then stood under no caption, `iol_block_unreadable`), or read it in part (`(measured)`
of `Barrett (measured)`, its `Barrett` lost: a 150-dpi rescan, held-out seed 350). Where a table's five rows are read
and what was read with a letter in the caption's band (from under the last row to a pitch and a half below its middle;
from the table's left rule to the next table on the line) names no formula, the band is read again alone
(`extract.cells.read_text_line`: two preparations must name the same formula) and its words take the place of those
only where they name a formula the product knows. The band ends before the next column's caption too (a box printed
without a table beside it ends no band). A constants line that is no constants line as read, lost with
its caption or garbled under a caption (of a formula printing constants), is read the same way, past the box's left
rule, and takes the place of what was read there where two preparations agree on its values and one prints them as
`name=value` pairs. The parser's checks (constants per formula) judge the block as before.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import replace

import numpy as np
from PIL import Image

from biometry import formulas
from biometry.devices.eyesuite.cells import (
    RULE_COLUMN_SHARE,
    TABLE_ROWS,
    Zone,
    inked_box,
    is_eyesuite_page,
    rows_read,
    table_zones,
)
from biometry.document import Word, left_edge, union_bbox
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, agreed_line, read_text_line, rule_rows

CAPTION_BAND = 1.4  # row pitches below the last row's middle: the caption's bottom (the constants line lies lower)
LEFT_RULE = 2.0  # row heights left of the table's cells: the left rule the caption starts at
PITCH_TOLERANCE = 0.15  # row pitches: the rows read stand one pitch apart, give or take this
RULE_WIDTH_PX = 4  # a box's upright rule at most this wide, ...
RULE_ROWS_SHARE = 0.5  # ... inked over this share of a band's rows at least
CONSTANTS_BAND = 1.6  # caption heights under a caption: its constants line in small type
_PAIR = r"[A-Za-z][\w ]*=[+-]?\d{1,3}[.,]\d{2,3}"  # `LF=2.04`, its point read as a comma or not
# a constant's value after its `=`, or one of a single whole digit after the `=` read as a digit (`LF22,04`)
_VALUE = re.compile(r"(?:=([+-]?\d{1,3}[.,]\d{2,3})|([+-]?\d[.,]\d{2,3}))(?!\d)")
_CONSTANTS = re.compile(rf"^[|\[(]?{_PAIR}(?: ?/ ?{_PAIR})*$")  # `LF=2.04 / DF=4.50`, `A=118.90`
_FRAME_MARKS = "|!]["  # a box's upright rule as OCR reads it at a line's end (`LF=2.04 / OF =4.50 |`)


def with_formula_captions(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each caption the page pass lost under a read table read again (see module)."""
    if not is_eyesuite_page(words):
        return words
    zones = table_zones(words)
    found: list[Word] = []
    garbled: list[Word] = []
    for zone in zones:
        area = _caption_band(words, zone, zones)
        if area is None:
            continue
        read_there = [w for w in words if _lettered(w) and _inside(w, area)]
        named = _formula(" ".join(w.text for w in sorted(read_there, key=left_edge)))
        if named and formulas.missing_constants(named, ()):  # a formula printing constants: its line, garbled or lost
            constants, replaced = _constants_under(image, words, read_there, area)
            found, garbled = found + constants, garbled + replaced
        if named:
            continue
        box = _ink(np.asarray(image.convert("L")), area, zone, image.size)
        read = read_text_line(image, box, meaning=_formula) if box is not None else None
        if read and _formula(" ".join(w.text for w in read)):
            constants, replaced = _constants_under(image, words, read, area)
            found += read + constants
            garbled += [w for w in read_there if _on_line(w, read)] + replaced
    return [*(w for w in words if not any(w is g for g in garbled)), *found] if found else words


def _constants_under(
    image: Image.Image, words: list[Word], caption: list[Word], band: Zone
) -> tuple[list[Word], list[Word]]:
    """The constants line under a caption read again, and the page pass's words it replaces: read alone where the page
    pass read no constants line there, lost (the caption and its constants in small type under it lost together:
    `Barrett (measured)` / `LF=2.04 / DF=4.50` beside the table's left rule on a photo, held-out seed 274) or garbled
    (`LF22.04 / OF =4.50` under a caption read, a 150-dpi rescan, held-out seed 390: a lens line of no block), where
    two preparations agree on its values (`_constant_values`) and one of them prints it; nothing otherwise."""
    width, height = image.size
    top = max(w.bbox[3] for w in caption)
    bottom = top + CONSTANTS_BAND * statistics.median(w.height for w in caption)
    area = (band[0], top, band[2], bottom)
    under = sorted((w for w in words if _inside(w, area)), key=left_edge)
    if _is_constants_line(" ".join(w.text for w in under)):
        return [], []
    x0, y0, x1, y1 = round(band[0] * width), round(top * height), round(band[2] * width), round(bottom * height)
    ink = np.asarray(image.convert("L"))[y0:y1, x0:x1] < INK_LEVEL
    box = inked_box(ink, _left_rule(ink), (x0, y0)) if ink.size else None
    read = agreed_line(image, box, _constant_values, _is_constants_line) if box is not None else None
    read = [replace(w, text=w.text.strip(_FRAME_MARKS)) for w in read or []]
    read = [w for w in read if w.text]
    return (read, under) if _is_constants_line(" ".join(w.text for w in read)) else ([], [])


def _constant_values(characters: str) -> str | None:
    """What a constants line's reading says: its values in the printed form, in order, a comma read as the point
    (`2.04/4.50` for `LF=2,04/DF=4.50` and `LF=2.04/OF=4.50`: a 150-dpi rescan's three readings of the small type
    disagreed on every character, held-out seed 350), an `=` read as a digit before a value aside (`LF22,04` and
    `LF=2.04`: held-out seed 333); None for a reading without one. The reading taken is one in the printed form
    (`_is_constants_line`), its names as read: the parser judges them (a name it does not know sends the block to
    review)."""
    values = [after_equals or bare for after_equals, bare in _VALUE.findall(characters)]
    return "/".join(value.replace(",", ".") for value in values) or None


def _is_constants_line(characters: str) -> bool:
    """Whether a reading prints a constants line (`LF=2.04 / DF=4.50`), the next box's rule read at its end aside."""
    return _CONSTANTS.match(characters.rstrip(_FRAME_MARKS)) is not None


def _caption_band(words: list[Word], zone: Zone, zones: list[Zone]) -> Zone | None:
    """Where the caption under a table stands (page fractions), where its five rows are read one pitch apart."""
    rows = rows_read(words, zone)
    if len(rows) != TABLE_ROWS:
        return None
    middles = [statistics.fmean(w.y_center for w in row) for row in rows]
    pitch = statistics.median(b - a for a, b in itertools.pairwise(middles))
    if any(abs((b - a) / pitch - 1) > PITCH_TOLERANCE for a, b in itertools.pairwise(middles)):
        return None
    height = statistics.median(w.height for row in rows for w in row)
    left = min(w.bbox[0] for row in rows for w in row) - LEFT_RULE * height
    top, bottom = max(w.bbox[3] for w in rows[-1]), middles[-1] + CAPTION_BAND * pitch
    beside = [z[0] for z in zones if z[0] > zone[2] and z[1] < bottom and z[3] > top]  # the next table on the line
    right = min(beside, default=zone[2] + (zone[2] - zone[0]))
    return (left, top, min([right, *_next_captions(words, (left, top, right, bottom), zone[2])]), bottom)


def _next_captions(words: list[Word], band: Zone, table_right: float) -> list[float]:
    """The left edges of lettered words in a caption's band that start right of its table: the next column's caption
    (`Barrett` of a box printed without a table, so no table zone ended the band: a photo, held-out seed 274)."""
    return [w.bbox[0] for w in words if _lettered(w) and _inside(w, band) and w.bbox[0] > table_right]


def _ink(grey: np.ndarray, area: Zone, zone: Zone, page_px: tuple[int, int]) -> Box | None:
    """The box (pixels) of the ink in the caption's band below the table's bottom rule, without the rules that run
    down through it: the table's left rule beside the caption, the next table's (read glued on: `ISRK/T|!`)."""
    width, height = page_px
    x0, y0 = max(round(area[0] * width), 0), max(round(area[1] * height), 0)
    x1, y1 = min(round(area[2] * width), width), min(round(area[3] * height), height)
    ink = grey[y0:y1, x0:x1] < INK_LEVEL
    if not ink.size:
        return None
    table = ink[:, max(round(zone[0] * width) - x0, 0) : round(zone[2] * width) - x0]
    rules = np.flatnonzero(rule_rows(table)[: ink.shape[0] // 2])  # the table's bottom rule, in the band's top half
    below = int(rules[-1]) + 1 if rules.size else 0
    return inked_box(ink[below:], ink[below:].mean(axis=0) >= RULE_COLUMN_SHARE, (x0, y0 + below))


def _left_rule(ink: np.ndarray) -> np.ndarray:
    """The columns (bool, one per column of `ink`) of the box's left rule at the band's left edge: a run of inked
    columns at most RULE_WIDTH_PX wide, one inked over half the band's rows at least, blank columns after it (the rule
    ends above the band's foot, so it is no column inked over RULE_COLUMN_SHARE of them; read, it turned `LF=` into
    `tF=`)."""
    columns = ink.mean(axis=0)
    inked = np.flatnonzero(columns > 0)
    rule = np.zeros(columns.size, dtype=bool)
    if inked.size == 0:
        return rule
    first = int(inked[0])
    end = next((k for k in range(first, columns.size) if columns[k] == 0), columns.size)
    if end - first <= RULE_WIDTH_PX and columns[first:end].max() >= RULE_ROWS_SHARE and end < columns.size:
        rule[first:end] = True
    return rule


def _on_line(word: Word, line: list[Word]) -> bool:
    """Whether a word's middle lies within a line's height (a part of a caption read again, not the line under it)."""
    _, top, _, bottom = union_bbox(w.bbox for w in line)
    return top <= word.y_center <= bottom


def _inside(word: Word, area: Zone) -> bool:
    return area[0] <= word.x_center <= area[2] and area[1] <= word.y_center <= area[3]


def _lettered(word: Word) -> bool:
    return any(c.isalpha() for c in word.text)


def _formula(characters: str) -> str:
    """The formula a caption's reading names (`SRK/T`; the rule glued before it aside), else ''."""
    text = characters.lstrip("|[](){}Il!")
    return formulas.formula_name(text, by_prefix=True) or formulas.formula_name(characters, by_prefix=True) or ""
