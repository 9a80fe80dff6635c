"""IOLMaster 700 result-table refractions the page pass lost whole, read again alone where their column stands.

Every row of a result table prints a power and its refraction (`+22,00  -0,40`), the refractions right-aligned under
`Ref (D)`. A photo's page pass may read a table's powers and lose most of its refractions (a real page-4 photo: one
box's `-0,40`, `-0,04`, `+0,32`, `+0,67` unread, its table `1 rows instead of 5`). A power whose row holds no number
right of it in its table is given its refraction read alone: the cell spans the refractions the page pass did read in
the same table (their left and right edges, one type height either side) at the power's height, its ink cropped and
read as one number (`extract.cells.read_number_cell`: two preparations must agree; the comma read as printed where the
row's power prints one), and added only in the printed form (`+0,32`). A table whose refractions were all lost shows
no column and is left as read; the parser's table checks (steps, signs, the curve) still judge every row. Only pages
that print the device's footer are read again.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from biometry.devices.iolmaster700 import FOOTER
from biometry.devices.iolmaster700.boxes import EMMETROPIA, is_table_unit
from biometry.devices.iolmaster700.cells import PRINTED_CELL, in_zone, ink_box, table_zone
from biometry.document import Word
from biometry.extract.cells import read_number_cell

COLUMN_MARGIN = 1.0  # type heights either side of the refractions read that a lost one may reach


def with_lost_refractions(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each table row's lost refraction read alone where two preparations agree on a number in
    the printed form; the words unchanged on any other page or row."""
    if not FOOTER.search(" ".join(w.text for w in words)):
        return words
    grey = np.asarray(image.convert("L"))
    labels = [w for w in words if EMMETROPIA.search(w.text)]
    headers = [w for w in words if is_table_unit(w.text)]
    for label in labels:
        zone = table_zone(label, headers)
        if zone is None:
            continue
        for power, column in _rows_without_refraction(words, label, zone):
            cell = ink_box(grey, (column[0], power.bbox[1], column[1], power.bbox[3]), image.size)
            read = read_number_cell(image, cell, comma="," in power.text) if cell is not None else None
            if read is not None and PRINTED_CELL.match(read.text):
                words = [*words, read]
    return words


def _rows_without_refraction(
    words: list[Word], label: Word, zone: tuple[float, float, float, float]
) -> list[tuple[Word, tuple[float, float]]]:
    """The powers of a table (printed cells left of its `Emmetropia` label, above it) with no word of digits level
    with them on their right in the table (a speck's `!` is none), each with the span (left, right) its refraction
    column shows; none where no refraction was read."""
    cells = [w for w in words if in_zone(w, zone) and w.y_center < label.bbox[1]]
    powers = [w for w in cells if PRINTED_CELL.match(w.text) and w.bbox[2] < label.bbox[0]]
    refractions = [w for w in cells if PRINTED_CELL.match(w.text) and w.bbox[0] >= label.bbox[0]]
    if not powers or not refractions:
        return []
    reach = COLUMN_MARGIN * max(w.height for w in refractions)
    column = (min(w.bbox[0] for w in refractions) - reach, max(w.bbox[2] for w in refractions) + reach)
    lost = [p for p in powers if not any(_level_right_of(w, p) for w in cells)]
    return [(power, column) for power in lost]


def _level_right_of(word: Word, power: Word) -> bool:
    """Whether a word with a digit stands right of a power, its middle within the power's height."""
    level = power.bbox[1] <= word.y_center <= power.bbox[3]
    return level and word.bbox[0] > power.bbox[2] and any(c.isdigit() for c in word.text)
