"""IOLMaster 500 `Emme. IOL:` powers settled by a vote of their readings where the rows cannot tell them apart.

A box's emmetropia power is read again as its value cell (`cells`); where the re-read and the page pass differ, the
one whose value lies on the rows' line is taken. SRK II and Hoffer Q print their refractions to 0.1 D, so that line
allows 0.12 D and both readings may lie on it: on the device frames the page pass reads a Courier 8 as 3 or 9
(`18.53`, `22.92`) where the cell's three preparations read `18.58`, `22.82` alike, and the power became `?`
(review). There all its readings vote: the whole `Emme. IOL:` line's three preparations, the value cell's three and
the page pass; a value read by more than half of them that lies on the rows' line is taken, else it stays `?`.
"""

from __future__ import annotations

import re
from collections import Counter

from PIL import Image

from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import number_cell_readings, text_line_readings

_PRINTED = re.compile(r"^\d{1,2}\.\d{2}$")  # an emmetropia power as the device prints it (`22.82`)
_SPECKS_AFTER = re.compile(r"(?<=\d)\D+$")


def voted_emmetropia(image: Image.Image, line: Box, cell: Box, page_pass: list[Word],
                     fit: tuple[float, float]) -> Word | None:  # fmt: skip
    """The power more than half of the readings read (`line`: the `Emme. IOL:` line, `cell`: its value's ink, in
    pixels; `page_pass`: the page pass's words there), where it lies within `fit` (the rows' power at zero
    refraction and its tolerance); None otherwise."""
    lines = [line_power(text) for text in text_line_readings(image, line)]
    readings = [*lines, *number_cell_readings(image, cell), *(w.text for w in page_pass)]
    winner = majority(readings)
    expected, tolerance = fit
    if winner is None or abs(float(winner) - expected) > tolerance:
        return None
    width, height = image.size
    return Word(winner, (cell.x0 / width, cell.y0 / height, cell.x1 / width, cell.y1 / height), confidence=1.0)


def line_power(text: str) -> str:
    """The power of one reading of the whole `Emme. IOL:` line (spaces aside): what follows its last colon, without
    a speck read after it (`Emme.IOL:16.77~`, `16.77©`: the device prints no character after the power); a digit
    read after it stays (`16.777` is no power as printed and counts against every power)."""
    return _SPECKS_AFTER.sub("", text.rsplit(":", 1)[-1])


def majority(readings: list[str]) -> str | None:
    """The power as printed that more than half of the readings read; None without one."""
    counts = Counter(text for text in readings if _PRINTED.match(text))
    if not counts:
        return None
    winner, votes = counts.most_common(1)[0]
    return winner if 2 * votes > len(readings) else None
