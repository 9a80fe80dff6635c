"""IOLMaster 500 lens tables: power cells read off the column's even steps, read again where a reading restores them.

The device prints a table's seven IOL powers in equal steps (`24.5`, `24.0`, `23.5`: 0.5 D). On the frames the cell
reader's preparations now and then read the hinted Courier `0` as a 9 (`24.9` alike as it is and thickened, `24.0`
enlarged), or read a cell alike in no two preparations, which the parser's step check sends to review. Where at least
five powers of the column lie exactly on one line of equal steps and the preparations of each other cell read the
power on that line, those are taken: read, not computed, and the page's own redundancy confirms them. "Read" means
one preparation reads it whole, or (the frames: `27.9` as it is and thickened, `24.0` enlarged, for 27.0) every
character of it is read at its place by one of them, readings of its length only. Anything else keeps the cells as
read.
"""

from __future__ import annotations

import itertools
import re

from PIL import Image

from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import number_cell_readings

EXACT_D = 1e-6  # printed powers have one decimal: on the line means equal
MIN_ON_THE_LINE = 5  # of a table's seven powers, read alike twice, that must lie on one line of equal steps
_NUMBER = re.compile(r"^[-+]?\d{1,3}\.\d{1,3}$")


def powers_on_their_steps(
    image: Image.Image, cells: list[Box | None], reads: list[Word | None]
) -> list[tuple[int, Word]]:
    """(row, reading) for each power cell of a column off the line of equal steps the others keep, where its
    preparations read the power on that line (a cell they do not is left as read: the parser's step check judges
    it); [] where every power is on its step or no line holds enough of them."""
    values = [float(r.text) if r is not None and _NUMBER.match(r.text) else None for r in reads]
    line = _steps_line(values)
    if line is None:
        return []
    first, step = line
    repaired: list[tuple[int, Word]] = []
    for row, (cell, value) in enumerate(zip(cells, values, strict=True)):
        expected = first + row * step
        if value is not None and abs(value - expected) < EXACT_D:
            continue
        printed = read_on_the_line(number_cell_readings(image, cell), expected) if cell is not None else None
        if printed is None or cell is None:
            continue
        width, height = image.size
        repaired.append((row, Word(printed, (cell.x0 / width, cell.y0 / height, cell.x1 / width, cell.y1 / height))))
    return repaired


def _steps_line(values: list[float | None]) -> tuple[float, float] | None:
    """(power at row 0, step) of the line of equal steps that the most read powers lie on exactly, where at least
    MIN_ON_THE_LINE do and some power lies off it; None otherwise."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    best: tuple[int, float, float] | None = None
    for (i0, v0), (i1, v1) in itertools.combinations(known, 2):
        step = (v1 - v0) / (i1 - i0)
        if abs(step) < EXACT_D:
            continue
        on = sum(1 for i, v in known if abs(v - (v0 + (i - i0) * step)) < EXACT_D)
        if best is None or on > best[0]:
            best = (on, v0 - i0 * step, step)
    if best is None or best[0] < MIN_ON_THE_LINE or best[0] == len(values):
        return None
    return best[1], best[2]


def read_on_the_line(readings: list[str], expected: float) -> str | None:
    """The power on the line as the readings print it: a reading of it whole, else its one-decimal form where every
    character of it is read at its place by a reading of that length (`27.9`, `27.9`, `24.0` read 27.0: the 2 and 7
    by the first two, the 0 by the third); None where a character of it is read by none."""
    whole = [text for text in readings if abs(float(text) - expected) < EXACT_D]
    if whole:
        return whole[0]
    printed = f"{expected:.1f}"
    alike = [text for text in readings if len(text) == len(printed)]
    if all(any(text[at] == char for text in alike) for at, char in enumerate(printed)):
        return printed
    return None
