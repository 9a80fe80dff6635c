"""IOLMaster 500 lengths (`Comp. AL: 23.48 mm`, `ACD: 3.08 mm`) read again as cells: garbled ones read, doubted ones
sent to review.

The measurement page prints the composite AL and the ACD in Courier bold; read with the page at 140 dpi, a bold digit
splits or a point becomes a hyphen (`23.493` for 23.48, `23-08` for 23.08), and the parser sends the length to review
(`length_unreadable`, or unread), or an 8 reads 3 in the printed form (`22.93` for 22.98: within its readings, so
nothing the parser checks catches it; a measurement-only printout prints it once). The same value cropped alone and
read as one line of digits, sign and point (`extract.cells`) reads right. A garbled value is replaced only where every
preparation of its cell that reads a number reads the same one, at least two of them, printed with two decimals; a
value the page pass read in the printed form stays, unless all three preparations of its cell read another length
alike: then neither is sure, and it becomes `?` (review), never the re-read (a re-read alike twice can be
wrong too: I500n saw `23.72` for 23.78). The parser still holds the composite AL within its single readings, and
compares every copy of each length.
"""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

from biometry.devices.iolmaster500 import prints_the_footer
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import ink_without_rules, number_cell_readings, words_after
from biometry.extract.refiners import DOUBT

LENGTH_LABEL = re.compile(r"^[|\\/(\[{]?(?:AL|ACD):$")
_PRINTED = re.compile(r"^\d{1,2}\.\d{2}$")  # a length as the device prints it
_GARBLED = re.compile(r"^\d{1,2}[.,\-]?\d{2,3}$")  # digits of a length, point lost, doubled or read as a hyphen
MIN_READINGS = 2
DOUBTING_READINGS = 3  # every preparation of the cell: two alike doubted right lengths on phone photos of page 1


def with_length_cells(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with each length after an `AL:` or `ACD:` label read again (see the module); pages without the
    IOLMaster 500 footer unchanged (the IOLMaster 700 prints `AL:` too)."""
    if not prints_the_footer(" ".join(w.text for w in words)):
        return words
    for label in [w for w in words if LENGTH_LABEL.match(w.text)]:
        after = words_after(label, words, 1)
        if not after or not (_PRINTED.match(after[0].text) or _GARBLED.match(after[0].text)):
            continue
        read = _read_again(image, after[0])
        if read is not None:
            words = [w for w in words if w is not after[0]] + [read]
    return words


def _read_again(image: Image.Image, word: Word) -> Word | None:
    """A length word's ink read alone: the reading for a garbled word, `?` for a printed-form word its cell reads
    otherwise, where the readings agree (see the module); None where the word stays as read."""
    readings = _cell_readings(image, word)
    if _PRINTED.match(word.text):
        doubted = len(readings) == DOUBTING_READINGS and len(set(readings)) == 1 and readings[0] != word.text
        return Word(DOUBT, word.bbox, bold=word.bold, confidence=1.0) if doubted else None
    if len(readings) < MIN_READINGS or len(set(readings)) != 1 or not _PRINTED.match(readings[0]):
        return None
    return Word(readings[0], word.bbox, bold=word.bold, confidence=1.0)


def _cell_readings(image: Image.Image, word: Word) -> list[str]:
    """Every preparation's reading of the ink inside a word's box (`extract.cells.number_cell_readings`)."""
    width, height = image.size
    x0, y0 = round(word.bbox[0] * width), round(word.bbox[1] * height)
    x1, y1 = round(word.bbox[2] * width), round(word.bbox[3] * height)
    ink = ink_without_rules(np.asarray(image.convert("L").crop((x0, y0, x1, y1))))
    ys, xs = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if ys.size == 0:
        return []
    cell = Box(x0 + int(xs[0]), y0 + int(ys[0]), x0 + int(xs[-1]) + 1, y0 + int(ys[-1]) + 1)
    return number_cell_readings(image, cell)
