"""Table cells read one at a time: a number cell cropped alone, black and white, as one line of its own characters.

A page read at once garbles the thin Courier of a low-resolution or rescanned table (`2109` for `21.5`, lost minus
signs); the same cell cropped alone, binarised and read as a single line of digits, sign and point reads right
(docs/real-reports.md, IOLMaster 500). A reading counts only when two different preparations of the cell agree on it
(black and white as it is, with its strokes thickened first, and enlarged twice where the first two differ): a
misread rarely repeats across two.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
from PIL import Image

from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.preprocess import otsu_threshold
from biometry.extract.strokes import thickened

NUMBER_CHARACTERS = "0123456789.-+"
CELL_MARGIN_PX = 8  # white around a cell's ink, as tesseract likes a border
MIN_AGREEING_READS = 2
ENLARGED = 2  # the third preparation's scale
_NUMBER = re.compile(r"^[-+]?\d{1,3}\.\d{1,3}$")


def read_number_cell(image: Image.Image, cell: Box) -> Word | None:
    """The number printed in one cell of a grey page image (its ink's box in pixels), as a page word; None unless two
    preparations of the cell read the same number."""
    crop = image.crop((cell.x0 - CELL_MARGIN_PX, cell.y0 - CELL_MARGIN_PX, cell.x1 + CELL_MARGIN_PX,
                       cell.y1 + CELL_MARGIN_PX))  # fmt: skip
    text = _agreed(crop)
    if text is None:
        return None
    width, height = image.size
    box = (cell.x0 / width, cell.y0 / height, cell.x1 / width, cell.y1 / height)
    return Word(text, box, bold=False, confidence=1.0)


def _agreed(crop: Image.Image) -> str | None:
    """The number two preparations of the crop read alike: as it is and thickened, and only when these two differ,
    enlarged twice as a third."""
    first, second = _read(crop), _read(thickened(crop))
    if first is not None and first == second:
        return first
    third = _read(crop.resize((crop.width * ENLARGED, crop.height * ENLARGED), Image.Resampling.LANCZOS))
    readings = Counter(r for r in (first, second, third) if r is not None)
    agreed = [text for text, count in readings.items() if count >= MIN_AGREEING_READS]
    return agreed[0] if agreed else None


def _read(crop: Image.Image) -> str | None:
    """One black-and-white reading of a cell: its characters without spaces, if they make one number."""
    from biometry.extract.tesseract import read_line

    text = "".join(word.text for word in read_line(_black_and_white(crop), NUMBER_CHARACTERS)).replace(" ", "")
    return text if _NUMBER.match(text) else None


def _black_and_white(crop: Image.Image) -> Image.Image:
    """The crop split at its own Otsu level (a cell is ink on paper: two classes)."""
    grey = np.asarray(crop.convert("L"), dtype=np.uint8)
    level = otsu_threshold(grey)
    return Image.fromarray(np.where(grey < level, 0, 255).astype(np.uint8))
