"""IOLMaster 500 lens tables: a refraction cell read off the column's even steps, read as the page pass read it.

A table's seven refractions rise in near-equal steps for its powers' 0.5 D steps (the parser's step check,
`boxes.refraction_steps_even`). On a 150-dpi rescan (held-out seed 362) the cell reader's preparations of a bold `0.0`
read `6.0` as it is and thickened, `0.0` enlarged: two agreed on `6.0`, which broke the steps, while the page pass had
read `0.0` at 0.96. Where the cells as read break the steps and exactly one cell has another reading that the page pass
and one of the cell's preparations agree on and that restores them, that reading is taken: read twice, as every cell
reading is, the column's steps choosing between the two. Anything else keeps the cells as read (the parser's step
check sends the table to review).
"""

from __future__ import annotations

import re

from PIL import Image

from biometry.devices.iolmaster500.boxes import refraction_steps_even
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import number_cell_readings
from biometry.normalize import decimals

_NUMBER = re.compile(r"^[-+]?\d{1,2}\.\d{1,2}$")  # a refraction in the printed form (`-1.2`, `0.07`)


def refractions_on_their_steps(
    image: Image.Image, cells: list[Box | None], reads: list[Word | None], page_pass: list[list[Word]]
) -> list[tuple[int, Word]]:
    """(row, reading) for the one refraction cell of a column whose page-pass reading (`page_pass`: the words the
    page pass read in each row's cell) is read by one of its preparations too and puts the column on even steps
    where the cells as read (`reads`) are not; [] where the steps are even, a cell is unread, or no such reading or
    more than one exists."""
    texts = [read.text if read is not None else "" for read in reads]
    if not all(_NUMBER.match(text) for text in texts) or _even(texts):
        return []
    repairs: list[tuple[int, Word]] = []
    for row, (cell, words) in enumerate(zip(cells, page_pass, strict=True)):
        restoring = _restoring(texts, row, words)
        if cell is None or not restoring:
            continue
        readings = number_cell_readings(image, cell)  # read once, whatever the readings it is asked for
        repairs += [(row, Word(text, _fraction_box(cell, image.size))) for text in restoring if text in readings]
    return repairs if len(repairs) == 1 else []


def _restoring(texts: list[str], row: int, words: list[Word]) -> list[str]:
    """The page pass's readings of a row's cell, other than the cell's, that put the column on even steps."""
    read = {word.text for word in words if _NUMBER.match(word.text)} - {texts[row]}
    return [text for text in sorted(read) if _even([*texts[:row], text, *texts[row + 1 :]])]


def _even(texts: list[str]) -> bool:
    return refraction_steps_even([float(text) for text in texts], coarse=all(decimals(t) == 1 for t in texts))


def _fraction_box(cell: Box, page_px: tuple[int, int]) -> tuple[float, float, float, float]:
    width, height = page_px
    return cell.x0 / width, cell.y0 / height, cell.x1 / width, cell.y1 / height
