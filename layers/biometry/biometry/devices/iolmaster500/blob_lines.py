"""IOLMaster 500 measurement page: a result line OCR boxed as one wide word read again alone.

On the device's 140-dpi frames the page pass can miss a short Courier line in its ruled cell and box the whole cell,
from its left rule to its right one, as one word read as a glyph or two (`3`, confidence 0.10, for `ACD: --` on a
single-eye page: the eye's ACD was not measured). Counted as a number in the eye's ACD section, that word made the
ACD printed and unread (review) where the page prints none. A word boxed more than `BLOB_WIDTH` times wider than its
characters could print is no reading of them; its area, between the cell's vertical rules, is read again as one line
(`extract.cells.read_text_line`: two preparations alike) and taken only where it reads a result label followed by
the device's `--` for a value not measured. Any other reading leaves the word as it is (the section still counts it:
a garbled value stays printed and unread, never omitted).
"""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, line_characters, read_text_line

BLOB_WIDTH = 4  # a word wider than this many heights per character is no reading of its characters
RULE_SHARE = 0.9  # a pixel column inked on this share of the word's height is a vertical rule
# a result label and the `--` of a value not measured, spaces aside (`ACD: --`, `Comp. AL: --`, `MV: --`)
_NOT_MEASURED = re.compile(r"^(?P<label>(?:Comp\.)?AL:|ACD:|MV:)(?P<value>--)$")


def with_blob_lines(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with each blob word (see the module) replaced by its line's label and `--` where its area reads so
    twice alike; every other word as read."""
    for blob in [w for w in words if _is_blob(w, image.size)]:
        line = _read_again(image, blob)
        if line is not None:
            words = [w for w in words if w is not blob] + line
    return words


def _is_blob(word: Word, page_px: tuple[int, int]) -> bool:
    width, height = (word.bbox[2] - word.bbox[0]) * page_px[0], (word.bbox[3] - word.bbox[1]) * page_px[1]
    return width > BLOB_WIDTH * height * max(1, len(word.text))


def _read_again(image: Image.Image, blob: Word) -> list[Word] | None:
    """The blob's line as `label`, `--` where its area reads as a label and `--`, else None."""
    area = _between_rules(image, blob)
    line = read_text_line(image, area) if area is not None else None
    match = _NOT_MEASURED.match(line_characters(line)) if line else None
    if line is None or match is None:
        return None
    top, bottom = min(w.bbox[1] for w in line), max(w.bbox[3] for w in line)
    left, right = line[0].bbox[0], line[-1].bbox[2]
    middle = left + (right - left) * len(match["label"]) / len(match[0])
    return [Word(match["label"], (left, top, middle, bottom)), Word(match["value"], (middle, top, right, bottom))]


def _between_rules(image: Image.Image, blob: Word) -> Box | None:
    """The blob's area (pixels) without the vertical rules it takes in: the run of columns between rules that holds
    the most ink; None where the area holds no ink."""
    width, height = image.size
    x0, y0 = round(blob.bbox[0] * width), round(blob.bbox[1] * height)
    x1, y1 = round(blob.bbox[2] * width), round(blob.bbox[3] * height)
    ink = np.asarray(image.crop((x0, y0, x1, y1)).convert("L")) < INK_LEVEL
    rules = ink.mean(axis=0) >= RULE_SHARE
    edges = np.flatnonzero(np.diff(np.r_[False, ~rules, False].astype(np.int8)))
    runs = list(zip(edges[::2], edges[1::2], strict=True))  # runs of columns that are no rule
    inked = [(int(ink[:, a:b].sum()), a, b) for a, b in runs]
    if not inked or max(inked)[0] == 0:
        return None
    _, start, stop = max(inked)
    return Box(x0 + int(start), y0, x0 + int(stop), y1)
