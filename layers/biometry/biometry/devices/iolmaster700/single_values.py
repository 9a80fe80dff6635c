"""IOLMaster 700 values the printout prints once (WTW, pupil, CCT), read unsure by the page pass, confirmed alone.

Every other eye value is printed on several pages, and a digit misread on one of them disagrees with the others
(`devices.collect`). WTW, the pupil and CCT are printed once per eye, on its analysis page: a digit misread there has
nothing to disagree with. A real 200-dpi rescan (held-out seed 138) read OS `P: 2,5 mm` as `2,6mm` (confidence 0.60),
and the document was accepted with it. Such a value, read with less than SURE confidence, is read again alone with
each preparation (`cells.text_line_readings`: as it is, thickened, enlarged). The number that two readings at least,
and more than half of them, give (the page pass's, and those alone that read a number with as many decimals) stands.
Else the value is written as the doubt mark (`refiners.DOUBT`): printed, unread, review. Only pages that print the
device's footer are read again.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter

from PIL import Image

from biometry.devices.iolmaster700 import FOOTER
from biometry.devices.iolmaster700.null_vote import PRINTED_ONCE
from biometry.devices.iolmaster700.printed import FIELDS_OF_LABEL, vocabulary_label
from biometry.devices.measurements import Token, label_spelling, tokens_of
from biometry.document import Word, group_lines
from biometry.extract.boxes import Box
from biometry.extract.cells import text_line_readings
from biometry.extract.refiners import DOUBT
from biometry.normalize import decimals

ONCE_PRINTED = frozenset(label for label, fields in FIELDS_OF_LABEL.items() if PRINTED_ONCE.intersection(fields))
SURE = 0.9  # a value read with this confidence or more by the page pass is not read again
MIN_VOTES = 2  # readings that must give the number: the page pass's and one alone at least
MARGIN = 0.15  # value heights of white read around the value (more, and a rescan's decimal comma was lost alone)


def with_single_values(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each value printed once that the page pass read unsure confirmed by its readings alone,
    replaced by theirs, or doubted (see the module); the words unchanged on any other page."""
    if not FOOTER.search(" ".join(w.text for w in words)):
        return words
    settled: dict[int, Word] = {}
    for line in group_lines(words):
        for label, value in itertools.pairwise(line.words):
            printed_once = vocabulary_label(label_spelling(label.text)) in ONCE_PRINTED
            if printed_once and value.confidence < SURE and _number(value.text) is not None:
                settled[id(value)] = _voted(image, value, label)
    return [settled.get(id(w), w) for w in words]


def _voted(image: Image.Image, value: Word, label: Word) -> Word:
    """The value as most of its readings read it, where more than half of them agree; else the doubt mark. It is read,
    and written, in its label's rows: OCR may box a value tall over a speck (`544` two lines high), and a mark boxed so
    would stand on a line of its own, away from its label. A reading alone with other decimals than the page pass's
    read (`25mm` for `2,5mm`: a decimal comma lost alone) does not vote: the device prints each field with fixed
    decimals, nor does one without a number (`BAA`: a 150-dpi rescan's `544` read alone)."""
    width, height = image.size
    x0, _, x1, _ = value.bbox
    _, y0, _, y1 = label.bbox
    room = MARGIN * (y1 - y0) * height
    area = Box(round(x0 * width - room), round(y0 * height - room), round(x1 * width + room), round(y1 * height + room))
    form = _decimals(value.text)
    alone = [text for text in text_line_readings(image, area) if _number(text) is not None and _decimals(text) == form]
    readings = [value.text, *alone]
    number, votes = Counter(map(_number, readings)).most_common(1)[0]
    agreed = votes >= MIN_VOTES and 2 * votes > len(readings)
    text = next(t for t in readings if _number(t) == number) if agreed else DOUBT
    return dataclasses.replace(value, text=text, bbox=(x0, y0, x1, y1))


def _number(text: str) -> float | None:
    """The number a value's reading starts with (`2,6mm` -> 2.6), or None."""
    tokens = _tokens(text)
    return tokens[0].number if tokens else None


def _decimals(text: str) -> int:
    """How many decimals the number a value's reading starts with shows."""
    tokens = _tokens(text)
    return decimals(tokens[0].text) if tokens else 0


def _tokens(text: str) -> list[Token]:
    return tokens_of([Word(text, (0.0, 0.0, 0.0, 0.0))])
