"""EyeSuite manufacturer lines the page pass read in part, read again alone from the page image.

A lens block prints its model line, its manufacturer line and its `IOL [D] | Eye [D]` table header under one another,
left-aligned. On a rescan the eye icon left of the header can touch the manufacturer's first letter and the page pass
drops it (`MO` for `AMO`: the real Eyestar's seed-5 200-dpi rescan), so the block has one lens line and goes to review.
Where the line under a model line starts right of it, holds fewer than three letters and digits or names no known
manufacturer (`ay rot` for `AMO` on a 150-dpi rescan), or was not read at all, it is read again alone
(`extract.cells.read_text_line`: two preparations must agree on its letters and digits, a speck the crop took from the
header's tops read `.`, `,` or `:` after `Alcon` by each; specks at the line's ends are dropped), unless a word of the
line runs across the crop's left edge (a model line found short of its start, `ZCBOO` without `TECNIS` on a photo: the
crop would read the manufacturer from its middle, `x Johnson`); that reading replaces the page pass's words only when
it holds more letters and digits, or names a known manufacturer where they named none, and starts where the model line
starts. A header whose `IOL` OCR lost is found by its `[D]`. Pages without such a header, and blocks whose manufacturer
line reads whole, keep their words.
"""

from __future__ import annotations

import re

from PIL import Image

from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import read_text_line
from biometry.lens_catalogue import names_known_manufacturer
from biometry.normalize import canonical

# the header's `IOL` as the page pass reads it: `IOL`, `1OL`, `lOL[D]`, `10L`, `!OLID)`, `loLto)`, `TOL`, `(OL`, `OL`,
# `J/OL[D]`, `JIOL[D]` (its I read as two glyphs on a photo) and `IL` (its O lost on a 150-dpi rescan)
_HEADER_IOL = re.compile(r"^\W{0,2}(?:(?:[A-Za-z0-9!|]{1,2}|[A-Za-z]/)?[O0o][Ll]|[Il1|!][Ll](?![A-Za-z]))")
HEADER_REACH = 6.0  # header heights: the block's left edge lies within this far left of the header's `IOL` (3-5)
# header heights: the header's `IOL` lies within this far left of its `Eye` (9 on the real Eyestar, 12 where a header
# is printed smaller than its columns' spacing); the next block's `IOL` lies over 30 away
HEADER_SPAN = 16.0
MODEL_LINE = (1.5, 2.8)  # header heights above the header's top: where the model line's centre lies
INDENT = 0.6  # header heights: a manufacturer line starting further right of the model line lost its start
MIN_TEXT_CHARS = 3  # fewer letters and digits: a manufacturer name lost, or an icon's speck
UNIT_REACH = 9.0  # header heights left of the header's `[D]` where OCR lost its `IOL`: HEADER_REACH and `IOL` itself


def with_manufacturer_lines(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each lens block's manufacturer line read again where the page pass lost part of it."""
    for eye in [w for w in words if canonical(w.text) == "Eye"]:
        iol = header_iol(eye, words)
        unit = _header_iol_unit(eye, words) if iol is None else None
        if iol is not None:
            words = _with_line_read_again(image, words, eye, iol, HEADER_REACH)
        elif unit is not None:
            words = _with_line_read_again(image, words, eye, unit, UNIT_REACH)
    return words


def _header_iol_unit(eye: Word, words: list[Word]) -> Word | None:
    """The `[D]` of the header's `IOL [D]` where OCR lost `IOL` itself (`[D) Eye [D]`): the leftmost bracket on the
    header's line left of `Eye`, within HEADER_SPAN header heights."""
    units = [
        w
        for w in words
        if canonical(w.text).startswith("[D")
        and abs(w.y_center - eye.y_center) < eye.height / 2
        and eye.bbox[0] - HEADER_SPAN * eye.height < w.bbox[0] < eye.bbox[0]
    ]
    return min(units, key=lambda w: w.bbox[0]) if units else None


def header_iol(eye: Word, words: list[Word]) -> Word | None:
    """The `IOL` of the table header whose `Eye` this is: on its line, left of it, within a few header heights."""
    return next(
        (
            w
            for w in words
            if _HEADER_IOL.match(canonical(w.text))
            and abs(w.y_center - eye.y_center) < eye.height / 2
            and eye.bbox[0] - HEADER_SPAN * eye.height < w.bbox[0] < eye.bbox[0]
        ),
        None,
    )


def _with_line_read_again(image: Image.Image, words: list[Word], eye: Word, iol: Word, reach: float) -> list[Word]:
    """The words with the line between the header's model line and the header read again, where it lost its start or
    reads no known manufacturer."""
    height, top = eye.height, min(eye.bbox[1], iol.bbox[1])
    left, right = iol.bbox[0] - reach * height, eye.bbox[2]
    low, high = MODEL_LINE
    model = [w for w in words if left <= w.bbox[0] < right and top - high * height <= w.y_center <= top - low * height]
    if _text_chars(model) < MIN_TEXT_CHARS:
        return words
    # the model line ends where its shortest word does: a descender, or a word OCR drew down over the manufacturer line
    # under it (`ActySof` over `Alcon`), would hide that line
    start, bottom = min(w.bbox[0] for w in model), min(w.bbox[3] for w in model)
    right = max([right, *(w.bbox[2] for w in model)])  # a model or manufacturer name may be wider than the header
    maker = [w for w in words if start - height <= w.x_center <= right and bottom < w.y_center < top]
    right = max([right, *(w.bbox[2] for w in maker)])  # none read: the line is read up to the header's end
    named = names_known_manufacturer(" ".join(w.text for w in maker))
    if _text_chars(maker) >= MIN_TEXT_CHARS and min(w.bbox[0] for w in maker) <= start + INDENT * height and named:
        return words
    if any(w.bbox[0] < start - INDENT * height < w.bbox[2] and bottom < w.y_center < top for w in words):
        return words  # a word of the line runs across the crop's left edge: the crop would cut the line
    width_px, height_px = image.size
    area = Box(
        round((start - INDENT * height) * width_px),
        round(bottom * height_px),
        round(right * width_px),
        round(top * height_px),
    )
    read = read_text_line(image, area, meaning=_letters_and_digits) if area.x1 > area.x0 and area.y1 > area.y0 else None
    read = _without_end_specks(read or [])
    if not read or not _better(read, maker):
        return words
    if read[0].bbox[0] > start + INDENT * height:
        return words
    kept = {id(w) for w in maker}
    return [w for w in words if id(w) not in kept] + read


def _letters_and_digits(characters: str) -> str:
    """What a manufacturer line's reading says: its letters and digits (a speck the crop took from the header's tops
    reads `.`, `,` or `:` after `Alcon`, one per preparation)."""
    return "".join(c for c in characters if c.isalnum())


def _without_end_specks(read: list[Word]) -> list[Word]:
    """A line's words without those at its ends that hold no letter or digit (a speck; `&` between two names stays)."""
    named = [k for k, w in enumerate(read) if any(c.isalnum() for c in w.text)]
    return read[named[0] : named[-1] + 1] if named else []


def _better(read: list[Word], maker: list[Word]) -> bool:
    """Whether a manufacturer line read again is better than the page pass's: more letters and digits, or a known
    manufacturer's name where the page pass read none (`ay rot` for `AMO`)."""
    if _text_chars(read) < MIN_TEXT_CHARS:
        return False
    if _text_chars(read) > _text_chars(maker):
        return True
    text, before = (" ".join(w.text for w in line) for line in (read, maker))
    return names_known_manufacturer(text) and not names_known_manufacturer(before)


def _text_chars(words: list[Word]) -> int:
    return sum(c.isalnum() for w in words for c in w.text)
