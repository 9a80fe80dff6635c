"""EyeSuite lengths (AL, CCT, AD, ACD, LT, WTW, pupil) the page pass read unsure, confirmed by their readings alone.

Every page of a full printout repeats both eyes' biometry, and the copies outvote a misread digit (`devices.collect`).
A phone photo of one page has one copy: held-out photos of the real Eyestar read OS `AL [mm] 24.82` at 0.54 and
`WTW [mm] 12.85` at 0.27, and the results were accepted on those readings alone. Such a length, read below SURE,
is settled by its readings alone (`extract.value_votes`); where they disagree it is written as the doubt mark
(`refiners.DOUBT`): printed, unread, review. A length read in no printed form (`12.854`) takes the number its readings
alone agree on in that form, and one or two characters read after a complete length (`12.85 4`, `24.82 2s`: an icon)
are set aside where the readings alone over both give the length as read. Every page that prints EyeSuite's labels
is read so; on a full printout a copy doubted is one of several, outvoted where the others agree
(`EyeCollector.outvote_unreadable`).
The keratometry is not voted on (a K's power and radius check each other, its axes the other K's); a keratometry row
read in part is read again by `keratometry_lines`. A row read as one word with its label garbled (`AlL[mm]24.82`) is
read again alone as its line first.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re

import numpy as np
from PIL import Image

from biometry.devices.eyesuite import prints_the_labels
from biometry.devices.eyesuite.values import DECIMALS, GLUED_ROW, ICON_EDGES, LABELS, Row, label_of, rows_of, value_text
from biometry.devices.measurements import Token
from biometry.document import Word, group_lines, union_bbox
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, read_text_line, widest_blank
from biometry.extract.refiners import DOUBT
from biometry.extract.value_votes import SURE, reading_alone, value_area, voted_reading
from biometry.normalize import canonical, decimals

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
ICON_CHARS = 2  # what OCR makes of the eye icon after a length: `4`, `2s` (the real Eyestar's photos)
ICON_GAP = 0.4  # area heights: the blank between a length and the icon after it at least (a digit's gaps: ~0.1)
EDGE_PX = 3  # white kept after a length's last inked column


def with_single_values(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each length read unsure settled by its readings alone (see the module); the words
    unchanged on a page that does not print EyeSuite's labels."""
    if not prints_the_labels(canonical(" ".join(w.text for w in words))):
        return words
    words = [read for word in words for read in _row_read_again(image, word)]
    settled: dict[int, list[Word]] = {}
    for line in group_lines(words):
        for row in rows_of(line):
            kind, field = LABELS[row.key]
            if kind == "value" and id(row.values[0].word) not in settled:
                settled.update(_settled(image, row, DECIMALS.get(field, 2)))
    return [settled_word for word in words for settled_word in settled.get(id(word), [word])]


def _row_read_again(image: Image.Image, word: Word) -> list[Word]:
    """A row read as one word whose label reads as none (`GLUED_ROW`: `AlL[mm]24.82` for `AL [mm] 24.82`, a photo of
    the real Eyestar's first page, held-out seed 293: the length printed and unread) as its line read alone, where two
    preparations agree on a label with its value (`extract.cells.read_text_line`); any other word as read."""
    text = canonical(word.text)
    if not GLUED_ROW.match(text) or label_of(text) is not None:
        return [word]
    line = read_text_line(image, value_area(image, *word.bbox))
    read = label_of("".join(canonical(w.text) for w in line)) if line else None
    return line if line and read is not None and read[1] else [word]


def _settled(image: Image.Image, row: Row, form: int) -> dict[int, list[Word]]:
    """What a length row's words become, by the id of each word changed (see the module); `form`: the decimals the
    device prints the field with."""
    token = row.values[0]
    if _NUMBER.fullmatch(token.text) is None:
        return {}
    if len(row.values) == 2 and len(row.values[1].text) <= ICON_CHARS and decimals(token.text) == form:
        return _without_icon(image, token, row.values[1])
    if len(row.values) != 1:
        return {}
    if decimals(token.text) != form:
        return {id(token.word): _read_again(image, token, form)}
    return {id(token.word): _voted(image, token, form)} if token.word.confidence < SURE else {}


def _voted(image: Image.Image, token: Token, form: int) -> list[Word]:
    """The value's word as its readings' vote settles it: as read, its number replaced, or with the doubt mark in the
    value's place, split from what OCR glued before and after it (`WTW[mm]`, `\\SimPK1[D/mm/°]…`: another row, kept).
    The whole word is read again and its value taken as the page pass's was (`values.value_text`): a crop cut inside
    a glued word took in the unit bracket's end as a digit (`1312.95`). Where the page pass read an icon glued after
    the value (`12.95»`), a reading with one decimal more than the device prints (`12.954`, two preparations of a
    photo, held-out seed 237) read that icon as a digit, and counts without it."""
    word, text = token.word, canonical(token.word.text)
    start, end = _span(token)
    if start < 0:
        return [word]
    icon_after = text[end:].lstrip()[:1] in tuple(ICON_EDGES)
    number_of = functools.partial(_number_before_icon, form=form) if icon_after else _number_of
    area = value_area(image, *word.bbox)
    if icon_after:  # the value's own columns start at its share of the word's characters
        area = _short_of_the_icon(image, area, round((word.bbox[0] + word.width * start / len(text)) * image.width))
    reading = voted_reading(image, area, token.text, number_of)
    if reading is not None:
        number = value_text(reading)
        return [word] if number == token.text else [dataclasses.replace(word, text=text[:start] + number + text[end:])]
    x0, y0, x1, y1 = word.bbox
    cuts = [x0 + (x1 - x0) * at / len(text) for at in (0, start, end, len(text))]
    pieces = zip((text[:start], DOUBT, text[end:]), itertools.pairwise(cuts), strict=True)
    return [
        dataclasses.replace(word, text=piece, bbox=(left, y0, right, y1)) for piece, (left, right) in pieces if piece
    ]


def _short_of_the_icon(image: Image.Image, area: Box, value_px: int) -> Box:
    """A value's area cut before the icon its word took in (`12.95»` at 0.00, boxed over the next row's eye icon: read
    alone `1295»`, `12956`, `12.95»%`, doubted; cut, `12.95` three times: a photo, held-out seed 357): at the widest
    blank between inked columns, where it is ICON_GAP area heights wide at least and starts right of `value_px` (the
    value's first column: a label glued before it, `WTW[mm]`, is no icon); else the area."""
    grey = np.asarray(image.crop((area.x0, area.y0, area.x1, area.y1)).convert("L"))
    blank = widest_blank(grey < INK_LEVEL, round(ICON_GAP * grey.shape[0])) if grey.size else None
    if blank is None or area.x0 + blank[0] <= value_px:
        return area
    return dataclasses.replace(area, x1=area.x0 + blank[0] + EDGE_PX)


def _read_again(image: Image.Image, token: Token, form: int) -> list[Word]:
    """A length read in no form the device prints (`12.854`: a speck glued on, a real Eyestar photo), its number
    replaced by the one its readings alone agree on in the printed form (`value_votes.reading_alone`); else as read
    (the parser reports it unreadable)."""
    word, text = token.word, canonical(token.word.text)
    start, end = _span(token)
    reading = reading_alone(image, value_area(image, *word.bbox), _number_of, form) if start >= 0 else None
    if reading is None:
        return [word]
    return [dataclasses.replace(word, text=text[:start] + value_text(reading) + text[end:])]


def _without_icon(image: Image.Image, value: Token, after: Token) -> dict[int, list[Word]]:
    """A length read with one or two characters after it (`WTW[mm]12.85 4`: the next label's icon read as a digit, a
    real Eyestar photo; `AL [mm] 24.82 2s`, the eye icon, held-out seed 308), read again alone over both: where the
    readings give the length as read (the icon read as itself or not at all, `12.85»`), the characters are an icon and
    are set aside; else both stay (the parser reports them)."""
    area = value_area(image, *union_bbox((value.word.bbox, after.word.bbox)))
    reading = voted_reading(image, area, value.text, _number_of)
    confirmed = reading is not None and _number_of(reading) == _number_of(value.text)
    return {id(after.word): []} if confirmed else {}


def _span(token: Token) -> tuple[int, int]:
    """Where a value's text stands in its word's (canonical) text; (-1, -1) where it does not."""
    start = canonical(token.word.text).rfind(token.text)
    return (start, start + len(token.text)) if start >= 0 else (-1, -1)


def _number_before_icon(text: str, *, form: int) -> tuple[float, int] | None:
    """A reading's number and decimals (`_number_of`), its last digit dropped where it has one decimal more than the
    device prints (`form`): the icon glued after the value, read as a digit."""
    read = _number_of(text)
    if read is None or read[1] != form + 1:
        return read
    return _number_of(value_text(text)[:-1])


def _number_of(text: str) -> tuple[float, int] | None:
    """The number a reading's value is (`[mm]12.95` -> 12.95) and its decimals, or None."""
    value = value_text(text)
    if _NUMBER.fullmatch(value) is None:
        return None
    return float(value.replace(",", ".")), decimals(value)
