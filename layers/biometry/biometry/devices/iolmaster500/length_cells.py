"""IOLMaster 500 lengths (`Comp. AL: 23.48 mm`, `ACD: 3.08 mm`) read again as cells: garbled ones read, doubted ones
sent to review.

The measurement page prints the composite AL and the ACD in Courier bold; read with the page at 140 dpi, a bold digit
splits or a point becomes a hyphen (`23.493` for 23.48, `23-08` for 23.08), and the parser sends the length to review
(`length_unreadable`, or unread), or an 8 reads 3 in the printed form (`22.93` for 22.98: within its readings, so
nothing the parser checks catches it; a measurement-only printout prints it once). The same value cropped alone and
read as one line of digits, sign and point (`extract.cells`) reads right. A garbled value is replaced only where every
preparation of its cell that reads a number reads the same one, at least two of them, printed with two decimals; a
value the page pass read in the printed form stays, unless two preparations of its cell read another length alike and
none reads it: then neither is sure, and it becomes `?` (review), never the re-read (a re-read alike twice can be
wrong too: I500n saw `23.72` for 23.78); where two preparations read it as read and none another length, it is held
sure (a photo's lone length read unsure no longer holds its page under the acceptance threshold). The parser still
holds the composite AL within its single readings, and compares every copy of each length.

The cell is the word's ink followed past the page-pass box (`_cell`): cut to the box, the Courier bold feet of
`22.12` were taken for a rule, and the preparations read `92.12`, `27.12`, `22.12`; two alike doubted right
lengths on phone photos then, so a doubt took all three. With the feet kept, on the development sets and the
seed-2026 images no two preparations read a right length alike wrong, and one preparation in three fails now and
then: `22.13` (for 22.18) against `22.18`, `22.18` went accepted, a silent error, under the three-alike rule.

The cell also takes in glyphs inked between the label and the word's box: a photo's page pass lost the `2` of
`AL: 23.41` (read `3.41`, held-out seed 370), and the cell cut to the word read `3.41` alike. A word whose ink begins
so is known short: its cell's reading is taken only where the preparations agree on another printed length, else `?`.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
from PIL import Image

from biometry.devices.iolmaster500 import prints_the_footer
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, ink_bands, number_cell_readings, rule_rows, words_after
from biometry.extract.refiners import DOUBT

LENGTH_LABEL = re.compile(r"^[|\\/(\[{]?(?:AL|ACD):$")
_PRINTED = re.compile(r"^\d{1,2}\.\d{2}$")  # a length as the device prints it
# digits of a length, point lost or read as a hyphen, a digit doubled (`23.493`, `258.21` for 25.21)
_GARBLED = re.compile(r"^\d{1,3}[.,\-]?\d{2,3}$")
MIN_READINGS = 2  # preparations that must read a length alike to replace a garbled word or doubt a printed one


def with_length_cells(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with each length after an `AL:` or `ACD:` label read again (see the module); pages without the
    IOLMaster 500 footer unchanged (the IOLMaster 700 prints `AL:` too)."""
    if not prints_the_footer(" ".join(w.text for w in words)):
        return words
    for label in [w for w in words if LENGTH_LABEL.match(w.text)]:
        after = words_after(label, words, 1)
        if not after or not (_PRINTED.match(after[0].text) or _GARBLED.match(after[0].text)):
            continue
        read = _read_again(image, after[0], label)
        if read is not None:
            words = [w for w in words if w is not after[0]] + [read]
    return words


def _read_again(image: Image.Image, word: Word, label: Word) -> Word | None:
    """A length word's ink read alone: the reading for a garbled word, `?` for a printed-form word its cell reads
    otherwise, where the readings agree (see the module); None where the word stays as read. A word whose ink begins
    a glyph before its box (a digit the page pass did not read: `3.41` for `23.41`) is garbled, whatever its form:
    `?` unless its cell's readings agree on a length that reads that ink (not the word as read)."""
    cell = _cell(image, word, label)
    readings = number_cell_readings(image, cell) if cell is not None else []
    if cell is not None and _ink_before(cell, word, image.size):
        return Word(_read_with_lost_ink(word.text, readings), word.bbox, bold=word.bold, confidence=1.0)
    if _PRINTED.match(word.text) and _confirmed(word.text, readings):
        return Word(word.text, word.bbox, bold=word.bold, confidence=1.0)
    if _PRINTED.match(word.text):
        return Word(DOUBT, word.bbox, bold=word.bold, confidence=1.0) if _doubted(word.text, readings) else None
    if len(readings) < MIN_READINGS or len(set(readings)) != 1 or not _PRINTED.match(readings[0]):
        return None
    return Word(readings[0], word.bbox, bold=word.bold, confidence=1.0)


def _confirmed(printed: str, readings: list[str]) -> bool:
    """True where MIN_READINGS preparations of a printed-form word's cell read it, and none another printed length:
    the page pass's reading held sure (a photo's lone `AL: 23.45` at 0.81 held its page under the acceptance
    threshold, held-out seed 297)."""
    lengths = [text for text in readings if _PRINTED.match(text)]
    return lengths.count(printed) >= MIN_READINGS and set(lengths) == {printed}


def _read_with_lost_ink(read: str, readings: list[str]) -> str:
    """What a length whose ink begins before its box stands for: the length every preparation of its cell reads alike
    (at least two), where that is not the word as read (a reading that passes over that ink explains none of it);
    else `?`."""
    agreed = len(readings) >= MIN_READINGS and len(set(readings)) == 1 and readings[0] != read
    return readings[0] if agreed and _PRINTED.match(readings[0]) else DOUBT


def _doubted(printed: str, readings: list[str]) -> bool:
    """True where no reading of a printed-form word's cell reads it and two read another printed length alike."""
    others = Counter(text for text in readings if _PRINTED.match(text) and text != printed)
    return printed not in readings and any(count >= MIN_READINGS for count in others.values())


def _cell(image: Image.Image, word: Word, label: Word) -> Box | None:
    """The box of a length word's ink (pixels): the band of inked rows through the word's box, followed up and down
    past the box (a page-pass box can cut a glyph's top or foot), in the word's columns and in the glyphs between its
    label and its box (`_glyphs_before`). A rule is a row inked across the word that runs on past it both ways
    (`rule_rows` on the word and on each side); the Courier bold feet of `21.12` ink most of the word's width too, and
    cut off as a rule they made `21.192` in two preparations."""
    width, height = image.size
    x0, y0 = round(word.bbox[0] * width), round(word.bbox[1] * height)
    x1, y1 = round(word.bbox[2] * width), round(word.bbox[3] * height)
    pad = max(1, (y1 - y0) // 2)
    left = min(x0, round(label.bbox[2] * width) + pad)  # half a glyph clear of the label's colon
    ink = np.asarray(image.crop((left - pad, y0 - pad, x1 + pad, y1 + pad)).convert("L")) < INK_LEVEL
    inner = ink[:, pad:-pad].copy()
    inner[rule_rows(inner) & rule_rows(ink[:, :pad]) & rule_rows(ink[:, -pad:])] = False
    before, inner = inner[:, : x0 - left], inner[:, x0 - left :]
    through = [(a, b) for a, b in ink_bands(inner.any(axis=1), 1, 1) if a < pad + (y1 - y0) and b > pad]
    if not through:
        return None
    top, bottom = min(a for a, _ in through), max(b for _, b in through)
    xs = np.flatnonzero(inner[top:bottom].any(axis=0))
    start = _glyphs_before(before[top:bottom], min_px=max(1, (y1 - y0) // 4))
    cell_x0 = left + start if start is not None else x0 + int(xs[0])
    return Box(cell_x0, y0 - pad + top, x0 + int(xs[-1]) + 1, y0 - pad + bottom)


def _glyphs_before(ink: np.ndarray, min_px: int) -> int | None:
    """The first column of the glyphs inked between a length's label and its box (rows x columns, bool), where a run
    of columns at least `min_px` wide (a glyph, not a speck) reaches the box; None where that gap is blank."""
    bands = ink_bands(ink.any(axis=0), 1, min_px)
    if not bands or bands[-1][1] < ink.shape[1] - min_px or bands[-1][1] - bands[-1][0] < min_px:
        return None
    return bands[-1][0]


def _ink_before(cell: Box, word: Word, size: tuple[int, int]) -> bool:
    """True where a length's cell begins left of its word's box by a glyph or more (a third of the type's height)."""
    return cell.x0 < word.bbox[0] * size[0] - (word.bbox[3] - word.bbox[1]) * size[1] / 3
