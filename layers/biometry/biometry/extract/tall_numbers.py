"""Numbers the page pass boxed taller than their type, boxed again to their own ink.

Tesseract now and then boxes a number over ink that is not its own: a 300-dpi rescan of the real IOLMaster 700 boxed a
result table's `+21,00` from the glyph ends of the row above down to its own baseline (held-out seed 314). Its
centre then stood between two rows, the row grouping took it into the row above, and the table lost its last two
rows. A number is printed on one line: one boxed taller than TALL body heights is given the tallest band of ink in
its box (rows of ink parted by a blank row are two bands), where that band is a line of type (no taller than
TYPE_MAX body heights); its text, confidence and width stay as read.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np
from PIL import Image

from biometry.document import Word
from biometry.extract.cells import INK_LEVEL, ink_bands
from biometry.extract.large_type import body_height_px

TALL = 1.5  # body heights: a number boxed taller than this holds ink that is not its own
TYPE_MAX = 1.3  # body heights: the band kept must be no taller than a line of type
_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)?$")


def with_numbers_boxed_to_their_ink(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words, each number boxed taller than TALL body heights boxed to its tallest band of ink (see the
    module); every other word as read."""
    body = body_height_px(image, words)
    tall = [w for w in words if _NUMBER.match(w.text) and w.height * image.height > TALL * body]
    if not tall:
        return words
    grey = np.asarray(image.convert("L"))
    boxed = {id(word): _to_its_ink(grey, word, body) for word in tall}
    return [boxed.get(id(w), w) for w in words]


def _to_its_ink(grey: np.ndarray, word: Word, body: float) -> Word:
    height, width = grey.shape
    x0, y0, x1, y1 = word.bbox
    top = round(y0 * height)
    crop = grey[top : round(y1 * height), round(x0 * width) : round(x1 * width)]
    bands = ink_bands((crop < INK_LEVEL).any(axis=1), min_px=1, gap_px=1) if crop.size else []
    if not bands:
        return word
    start, end = max(bands, key=lambda band: band[1] - band[0])
    if end - start > TYPE_MAX * body:
        return word
    return dataclasses.replace(word, bbox=(x0, (top + start) / height, x1, (top + end) / height))
