"""EyeSuite formula captions the page pass lost whole, read again alone from the page image.

A lens block prints its formula caption (`SRK/T`, `Hill RBF + Abulafia-Koch`, `Barrett (measured)`) on the line under
its table, from the table's left rule, and its constants line in small type under that. On a rescan the page pass can
lose the caption whole beside the rule it touches (a generated 200-dpi French Eyestar scan: the OS `SRK/T` under the
AcrySof table; its `A=119.00` then stood under no caption, `iol_block_unreadable`). Where a table's five rows are read
and nothing with a letter was read in the caption's band (from under the last row to a pitch and a half below its
middle; from the table's left rule to the next table on the line), the band is read again alone
(`extract.cells.read_text_line`: two preparations must name the same formula) and its words join the page's only
where they name a formula the product knows. The parser's checks (constants per formula) judge the block as before.
"""

from __future__ import annotations

import itertools
import statistics

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
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, read_text_line, rule_rows

CAPTION_BAND = 1.4  # row pitches below the last row's middle: the caption's bottom (the constants line lies lower)
LEFT_RULE = 2.0  # row heights left of the table's cells: the left rule the caption starts at
PITCH_TOLERANCE = 0.15  # row pitches: the rows read stand one pitch apart, give or take this


def with_formula_captions(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each caption the page pass lost under a read table read again (see module)."""
    if not is_eyesuite_page(words):
        return words
    zones = table_zones(words)
    found: list[Word] = []
    for zone in zones:
        area = _caption_band(words, zone, zones)
        if area is None or any(_lettered(w) and _inside(w, area) for w in words):
            continue
        box = _ink(np.asarray(image.convert("L")), area, zone, image.size)
        read = read_text_line(image, box, meaning=_formula) if box is not None else None
        if read and _formula(" ".join(w.text for w in read)):
            found += read
    return [*words, *found] if found else words


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
    return (left, top, right, bottom)


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


def _inside(word: Word, area: Zone) -> bool:
    return area[0] <= word.x_center <= area[2] and area[1] <= word.y_center <= area[3]


def _lettered(word: Word) -> bool:
    return any(c.isalpha() for c in word.text)


def _formula(characters: str) -> str:
    """The formula a caption's reading names (`SRK/T`; the rule glued before it aside), else ''."""
    text = characters.lstrip("|[](){}Il!")
    return formulas.formula_name(text, by_prefix=True) or formulas.formula_name(characters, by_prefix=True) or ""
