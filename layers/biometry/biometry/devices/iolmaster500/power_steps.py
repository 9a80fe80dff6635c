"""IOLMaster 500 lens tables: a power cell read off the column's even steps, read again where a reading restores them.

The device prints a table's seven IOL powers in equal steps (`24.5`, `24.0`, `23.5`: 0.5 D). On the frames the cell
reader's preparations now and then read the hinted Courier `0` as a 9 (`24.9` alike as it is and thickened, `24.0`
enlarged), which the parser's step check sends to review. Where the other six powers of the column lie exactly on one
line of equal steps and one preparation of the odd cell reads the power on that line, that reading is taken: it is
read, not computed, and the page's own redundancy confirms it. Anything else keeps the cell as read.
"""

from __future__ import annotations

import re

from PIL import Image

from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import number_cell_readings

EXACT_D = 1e-6  # printed powers have one decimal: on the line means equal
MIN_OTHER_ROWS = 6  # a lens table prints seven powers: every other one must be read
_NUMBER = re.compile(r"^[-+]?\d{1,3}\.\d{1,3}$")


def power_on_its_step(image: Image.Image, cells: list[Box | None], reads: list[Word | None]) -> tuple[int, Word] | None:
    """(row, reading) for the one power cell of a column read off the even steps the other six keep, where one
    preparation of that cell reads the power on the steps; None where every power is on its step or none can be
    settled so."""
    values = [float(r.text) if r is not None and _NUMBER.match(r.text) else None for r in reads]
    for row, cell in enumerate(cells):
        expected = _on_the_line(values, row)
        if expected is None:
            continue
        value = values[row]
        if cell is None or (value is not None and abs(value - expected) < EXACT_D):
            return None
        found = [text for text in number_cell_readings(image, cell) if abs(float(text) - expected) < EXACT_D]
        if not found:
            return None
        width, height = image.size
        return row, Word(found[0], (cell.x0 / width, cell.y0 / height, cell.x1 / width, cell.y1 / height))
    return None


def _on_the_line(values: list[float | None], row: int) -> float | None:
    """The power at `row` on the line of equal steps through every other row's power; None unless all of them are
    read and lie on one line with a step."""
    known = [(i, v) for i, v in enumerate(values) if i != row and v is not None]
    if len(known) != len(values) - 1 or len(known) < MIN_OTHER_ROWS:
        return None
    (i0, v0), (i1, v1) = known[0], known[1]
    step = (v1 - v0) / (i1 - i0)
    if abs(step) < EXACT_D or any(abs(v - (v0 + (i - i0) * step)) > EXACT_D for i, v in known):
        return None
    return v0 + (row - i0) * step
