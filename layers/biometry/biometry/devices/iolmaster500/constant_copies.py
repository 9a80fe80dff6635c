"""IOLMaster 500 lens constants settled by the copy at the same place in the other eye's block.

An IOL page prints one set of lenses for both eyes in the same order (`caption_pairs`), and the device takes each
lens's constants for a formula from its lens database: the OD box and the OS box at the same place print the same
constants lines. On the device frames one copy's regular Times `0` reads `6` in most preparations (`A const:
118.96`, four readings of seven, for the `118.90` the other copy reads in six of seven), and the parser sends the
document to review on conflicting copies. Where the two copies of a constants line are settled differently (or one
not at all), all their readings vote: the line's and the value cell's three preparations each and the page pass,
both copies together; digits (sign aside) read by more than half of them, and by at least one reading of each copy,
are taken for both. Each copy's sign is its own ink's (`box_heads.with_serif_minus`), as a vote of one copy has it.
Without such a majority both stay as read (the parser still compares every copy, on every page).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from PIL import Image

from biometry import formulas
from biometry.devices.iolmaster500.box_heads import (
    MIN_VOTES,
    HeadLine,
    constant_readings,
    prints_a_minus,
    vote_digits,
    with_serif_minus,
)
from biometry.devices.iolmaster500.boxes import CONSTANTS
from biometry.devices.iolmaster500.caption_pairs import counterparts
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import centre_in
from biometry.extract.refiners import DOUBT

_POINT_LOST = re.compile(r"^-?\d{3,5}$")  # a constant's digits without the point the device prints
PRINTED_CONSTANTS = frozenset(name for constants in CONSTANTS.values() for name in constants)


def with_constants_of_the_other_eye(
    image: Image.Image, words: list[Word], page_pass: list[Word], heads: list[list[HeadLine]]
) -> list[Word]:
    """The words with each constants line whose two copies (this box and the box at its place in the other eye's
    block) are settled differently taken as all their readings vote (see the module); `page_pass`: the words as the
    page pass read them, `heads`: every box head's lines, caption first."""
    by_caption = {head[0].area: head for head in heads}
    for area, other in counterparts(list(by_caption), image.width):
        left, right = by_caption[area], by_caption[other]
        if area.x0 > other.x0 or len(left) != len(right):
            continue  # each pair once; heads of other shapes are no copies
        for copy, twin in zip(left[1:], right[1:], strict=True):
            words = _settled_copies(image, words, page_pass, (copy, twin))
            words = _labelled_like_its_twin(image, words, copy, twin)
            words = _labelled_like_its_twin(image, words, twin, copy)
            words = _pointed_like_its_twin(image, words, copy, twin)
            words = _pointed_like_its_twin(image, words, twin, copy)
    return words


def _pointed_like_its_twin(image: Image.Image, words: list[Word], copy: HeadLine, twin: HeadLine) -> list[Word]:
    """The words with a constants value whose point OCR lost (`pACD const: 564`, a rescan) read with its twin's
    point, where the twin reads the same digits and sign in the printed form (`5.64`: the device prints the same
    constant in both eyes' boxes at one place, and no constant prints without a point); else the words unchanged."""
    mine, theirs = (_last_number(words, line.area, image.size) for line in (copy, twin))
    if mine is None or theirs is None or not _POINT_LOST.match(mine.text) or vote_digits(theirs.text) is None:
        return words
    if theirs.text.replace(".", "") != mine.text:
        return words
    return [replace(w, text=theirs.text) if w is mine else w for w in words]


def _labelled_like_its_twin(image: Image.Image, words: list[Word], copy: HeadLine, twin: HeadLine) -> list[Word]:
    """The words with a constants line whose label OCR lost whole (`3.53` alone, its `pACD const:` touching the box's
    rules on a rescan) or garbled past naming a constant (`Aa O00. commit. 0.100` for `A2 const: 0.100`, a photo)
    given its twin's label, where the twin's label names a constant and both copies read the same value (the device
    prints the same constants lines in both eyes' boxes at one place); else the words unchanged. The value stays as
    its own copy read it."""
    mine = sorted((w for w in words if centre_in(w, copy.area, image.size)), key=lambda w: w.bbox[0])
    theirs = sorted((w for w in words if centre_in(w, twin.area, image.size)), key=lambda w: w.bbox[0])
    if not mine or not theirs or vote_digits(mine[-1].text) is None or mine[-1].text != theirs[-1].text:
        return words
    label, garbled = theirs[:-1], mine[:-1]
    if not _names_a_constant(label) or (garbled and _names_a_constant(garbled)):
        return words
    shift = (copy.area.x0 - twin.area.x0) / image.size[0]  # the twin's label at the same place in this box
    top, bottom = mine[-1].bbox[1], mine[-1].bbox[3]
    placed = [Word(w.text, (w.bbox[0] + shift, top, w.bbox[2] + shift, bottom), confidence=w.confidence) for w in label]
    return [w for w in words if w not in garbled] + placed


def _last_number(words: list[Word], area: Box, page_px: tuple[int, int]) -> Word | None:
    """The rightmost word with a digit in a line (a speck read after the value is none: `564 _`)."""
    numbers = [w for w in words if centre_in(w, area, page_px) and any(c.isdigit() for c in w.text)]
    return max(numbers, key=lambda w: w.bbox[0], default=None)


def _names_a_constant(label: list[Word]) -> bool:
    """True for label words that name a constant the device prints (`A2 const:`, `pACD const:`), as the parser reads
    them (`boxes.constants`)."""
    name = re.sub(r"[^a-z0-9]", "", "".join(w.text for w in label).lower())
    return bool(name) and formulas.constant_name(name) in PRINTED_CONSTANTS


def _settled_copies(
    image: Image.Image, words: list[Word], page_pass: list[Word], copies: tuple[HeadLine, HeadLine]
) -> list[Word]:
    """The words with one constants line's two copies settled by their readings' vote, where they differ."""
    cells = [_value_cell(line) for line in copies]
    if cells[0] is None or cells[1] is None:
        return words
    inside = [[w for w in words if centre_in(w, cell, image.size)] for cell in cells if cell is not None]
    if _settled_alike(inside[0], inside[1]):
        return words
    readings = [_readings(image, line, cell, page_pass) for line, cell in zip(copies, cells, strict=True)]
    digits = copies_vote(readings[0], readings[1])
    if digits is None:
        return words
    signed = any(_reads(found, digits) and found[0].text.startswith("-") for found in inside)
    for line, found, read in zip(copies, inside, readings, strict=True):
        if not (_reads(found, digits) and (found[0].text.startswith("-") or not signed)):
            words = [w for w in words if w not in found] + [_signed(image, digits, line, read)]
    return words


def _readings(image: Image.Image, line: HeadLine, cell: Box | None, page_pass: list[Word]) -> list[str]:
    """One copy's readings: its line's and value cell's preparations and the page pass's words in its value cell."""
    if line.value is None or cell is None:
        return []
    return [
        *constant_readings(image, line.area, line.value),
        *(w.text for w in page_pass if centre_in(w, cell, image.size)),
    ]


def _reads(found: list[Word], digits: str) -> bool:
    """True for a copy settled as one word with these digits."""
    return len(found) == 1 and vote_digits(found[0].text) == digits


def copies_vote(first: list[str], second: list[str]) -> str | None:
    """The digits (sign aside) more than half of both copies' readings read, at least once in each copy; None
    without such a majority (`118.96` four times and `118.90` twice, against `118.90` six times and `118.96` once:
    118.90)."""
    digits = [[d for d in map(vote_digits, readings) if d is not None] for readings in (first, second)]
    counts = Counter(digits[0] + digits[1])
    if not counts:
        return None
    winner, votes = counts.most_common(1)[0]
    total = len(first) + len(second)
    return winner if 2 * votes > total and all(winner in read for read in digits) else None


def _signed(image: Image.Image, digits: str, line: HeadLine, readings: list[str]) -> Word:
    """The voted digits in one copy's value cell, with the minus its ink shows; `?` where the ink shows none but
    MIN_VOTES of its readings print one."""
    value = line.value or line.area
    width, height = image.size
    box = (value.x0 / width, value.y0 / height, value.x1 / width, value.y1 / height)
    signed = with_serif_minus(image, Word(digits, box, confidence=1.0))
    minus = sum(1 for text in readings if vote_digits(text) == digits and prints_a_minus(text))
    return replace(signed, text=DOUBT) if minus >= MIN_VOTES and not signed.text.startswith("-") else signed


def _value_cell(line: HeadLine) -> Box | None:
    """The part of a constants line right of its label (pixels): where its value's words lie."""
    return None if line.value is None else Box(line.value.x0, line.area.y0, line.area.x1, line.area.y1)


def _settled_alike(first: list[Word], second: list[Word]) -> bool:
    """True when both copies hold one word each, the same well-formed number."""
    texts = [[w.text for w in words] for words in (first, second)]
    return len(texts[0]) == 1 and texts[0] == texts[1] and vote_digits(texts[0][0]) is not None
