"""IOLMaster 500 lens box heads read line by line from the page image: the caption and the constants lines.

A box head prints its caption (`OptA119.1MA60AC`, or a formula on the multi-formula page) in bold Times under the
box's top rule, then its constants lines (`A const: 119.10`; Haigis `A0/A1/A2 const:`), each ruled off, the last one
touching the rule under it. Read with the page, a line that touches its rule is lost (`A2 const:`), a caption beside a
rule garbles (`|`, `SRK®`) and a Courier minus goes missing (`A0 const: 0.705`). Read alone, rules whitened, each line
reads right. The head reaches from the box's top rule (the first rule below the `Emme.` line of the box above, or the
first rule above the header within a page fraction) to its table header. A line is replaced only where two readings
agree; a constants line that does not is left to its value cell (`extract.cells.read_number_cell`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

import numpy as np
from PIL import Image

from biometry import formulas
from biometry.devices.iolmaster500.iol import model_of
from biometry.document import Line, Word
from biometry.extract.boxes import Box
from biometry.extract.cells import (
    INK_LEVEL,
    centre_in,
    ink_bands,
    ink_without_rules,
    number_cell_readings,
    read_number_cell,
    read_text_line,
    rule_rows,
    text_line_readings,
    widest_blank,
)
from biometry.extract.refiners import DOUBT
from biometry.lens_catalogue import catalogue_name, is_known_model

HEAD_REACH = 0.15  # page heights above the table header a box head may reach, when no box is above it
MIN_ROW_PX = 8
ROW_GAP_PX = 3
EDGE_PX = 2
RULE_GAP_PX = 6  # a side rule ends where it leaves this many rows blank (a rescan breaks it for a pixel or two)
RULE_PX = 3  # a side rule is looked for this close outside the box's inside (cells.EDGE_PX plus its width)
_LONE_MINUS = frozenset({"-"})  # a hyphen only: a dash (`—`) is what an underline OCR half-whitened reads as
MINUS_BAND = (0.3, 0.8)  # of the digit height: where a minus bar lies
MINUS_MIN_SHARE = 0.2  # a minus bar is at least this share of the digit height long
MINUS_MIN_PX = 5
MINUS_JOIN_PX = 5  # columns (blank or a round digit's low edge) allowed between the bar and the digit's stroke
_WELL_FORMED = re.compile(r"^[-+]?(\d{1,3}\.\d{1,3})$")  # a number as printed; group 1: its digits, sign aside
_MINUS_GLUED_TO_ZERO = "6"  # the serif minus glued to a 0 closes it into a 6 for the page pass (`6.111` for `-0.111`)
_GLUED_MINUS_READING = re.compile(rf"^-?{_MINUS_GLUED_TO_ZERO}\.(\d{{3}})$")  # `6.111`, `-6.111` for `-0.111`
MIN_VALUE_GAP_PX = 12  # label and value of a constants line are parted by more than a space
MIN_VOTES = 2  # readings (line or cell preparations, the page pass) that must read a constant's digits alike


class HeadLine(NamedTuple):
    """One line of a box head (pixels): its area; for a constants line (every line under the caption) the ink of its
    value (None where no blank parts it from the label)."""

    area: Box
    value: Box | None
    constants: bool


def with_head_lines(image: Image.Image, grey: np.ndarray, words: list[Word], header: Line, sides: Box,
                    emme_above: Word | None) -> tuple[list[Word], list[HeadLine]]:  # fmt: skip
    """The words with the lines of one box head read again where both readings agree (`sides`: the box's inside
    between its vertical rules, in pixels; `emme_above`: the `Emme.` word of the box above it, if any), and its
    lines, caption first (none where the head shows no lines)."""
    height = grey.shape[0]
    reach = emme_above.bbox[3] if emme_above is not None else header.bbox[1] - HEAD_REACH
    bottom = round(header.bbox[1] * height) - EDGE_PX
    top = max(round(reach * height), _rules_top(grey, sides, bottom), 0)
    rules = np.flatnonzero(rule_rows(grey[top:bottom, sides.x0 : sides.x1] < INK_LEVEL))
    if rules.size == 0:
        return words, []
    start = top + int(rules[0]) + EDGE_PX  # below the box's top rule
    ink = ink_without_rules(grey[start:bottom, sides.x0 : sides.x1])
    lines: list[HeadLine] = []
    for index, (first, last) in enumerate(ink_bands(ink.any(axis=1), MIN_ROW_PX, ROW_GAP_PX)):
        area = Box(sides.x0, start + first - EDGE_PX, sides.x1, start + last + EDGE_PX)
        lines.append(HeadLine(area, _value_area(ink[first:last], area) if index > 0 else None, constants=index > 0))
        words = _with_line(image, words, lines[-1])
    head = Box(sides.x0, start, sides.x1, bottom)
    return _without_words_between_lines(words, head, [line.area for line in lines], image.size), lines


def _without_words_between_lines(
    words: list[Word], head: Box, lines: list[Box], page_px: tuple[int, int]
) -> list[Word]:
    """The words less those of the box head that lie in none of its lines: the head prints nothing between them, and
    what the page pass read there is a rule or speck glued into a word (`[Pranic` across caption and blank band,
    which joined the caption)."""
    return [w for w in words if not centre_in(w, head, page_px) or any(centre_in(w, line, page_px) for line in lines)]


def _rules_top(grey: np.ndarray, sides: Box, bottom: int) -> int:
    """Where the box's side rules start, going up from its table header: the lower of the two tops (the side shared
    with the neighbouring box starts at the box's top rule; the eye block's frame may run higher)."""
    tops = []
    for x in (sides.x0 - RULE_PX, sides.x1 + RULE_PX):
        blank = ~(grey[:bottom, max(x - RULE_PX, 0) : x + RULE_PX + 1] < INK_LEVEL).any(axis=1)
        gaps = np.flatnonzero(np.convolve(blank, np.ones(RULE_GAP_PX, dtype=int), mode="valid") == RULE_GAP_PX)
        tops.append(int(gaps[-1]) + RULE_GAP_PX if gaps.size else 0)
    return max(tops)


def _with_line(image: Image.Image, words: list[Word], head_line: HeadLine) -> list[Word]:
    """The words with one head line read again: the whole line where it reads alike twice, else (a constants line,
    never the caption: its lens code holds digits too) its value cell."""
    area, value, constants = head_line
    line = read_text_line(image, area, meaning=None if constants else caption_meaning)
    if line is not None:
        before = [w for w in words if centre_in(w, area, image.size)]
        line = [with_serif_minus(image, w) for w in _signs_joined(line)] if constants else line
        settled = [w for w in words if w not in before] + [_settled(image, w, before, value) for w in line]
        return _voted_where_unsettled(image, settled, words, area, value) if value is not None else settled
    read = read_number_cell(image, value) if value is not None else None
    if value is None:
        return words
    cell = Box(value.x0, area.y0, area.x1, area.y1)
    before = [w for w in words if centre_in(w, cell, image.size)]
    reread = [] if read is None else [unless_contradicted(with_serif_minus(image, read), before)]
    replaced = [w for w in words if w not in before or not reread] + reread
    return _voted_where_unsettled(image, replaced, words, area, value)


def _voted_where_unsettled(image: Image.Image, words: list[Word], page_pass: list[Word], area: Box,
                           value: Box) -> list[Word]:  # fmt: skip
    """The words with a constants line's value settled by its readings' vote (`_voted`) where the re-reads left it
    unsettled: `?`, garbled, lost, or the page pass's word (`page_pass`: the words before the re-reads) as it was.
    The minus glued to the serif 0 splits the preparations (`-0.111`, `H.111`, `-O.111` as a line; `-0.111` twice as
    a cell; `4.111` the page pass): each alone agrees with no other, but their digits do."""
    cell = Box(value.x0, area.y0, area.x1, area.y1)
    inside = [w for w in words if centre_in(w, cell, image.size)]
    settled = [w for w in inside if _WELL_FORMED.match(w.text) and w not in page_pass]
    if settled:
        return words
    voted = _voted(image, area, value, inside)
    return words if voted is None else [w for w in words if w not in inside] + [voted]


def _voted(image: Image.Image, area: Box, value: Box, page_pass: list[Word]) -> Word | None:
    """A constant's value where at least MIN_VOTES of its readings (the line's three preparations, the value cell's
    three, the page pass) read the same digits, sign aside, and no other digits are read that often; the sign is the
    ink's (`with_serif_minus`). `?` (review) where the ink shows no minus but MIN_VOTES readings print one; None
    without such a vote."""
    readings = [*constant_readings(image, area, value), *(w.text for w in page_pass)]
    digits = voted_digits(readings)
    if digits is None:
        return None
    width, height = image.size
    box = (value.x0 / width, value.y0 / height, value.x1 / width, value.y1 / height)
    signed = with_serif_minus(image, Word(digits, box, confidence=1.0))
    minus = sum(1 for text in readings if vote_digits(text) == digits and prints_a_minus(text))
    return replace(signed, text=DOUBT) if minus >= MIN_VOTES and not signed.text.startswith("-") else signed


def constant_readings(image: Image.Image, area: Box, value: Box) -> list[str]:
    """Every preparation's reading of a constants line's value: the line's three (after its label's colon) and the
    value cell's three."""
    lines = [text.rsplit(":", 1)[-1] for text in text_line_readings(image, area)]
    return [*lines, *number_cell_readings(image, value)]


def voted_digits(readings: list[str]) -> str | None:
    """The digits (sign aside) that at least MIN_VOTES readings of a number read alike, where no other digits are
    read that often; None otherwise (`-0.111`, `H.111`, `-0.111`, `4.111`: 0.111). A Haigis reading `6.111` or
    `-6.111` is `-0.111` with its minus glued to the 0 (`vote_digits`)."""
    read = [d for d in map(vote_digits, readings) if d is not None]
    winners = {d for d in read if read.count(d) >= MIN_VOTES}
    return winners.pop() if len(winners) == 1 else None


def vote_digits(text: str) -> str | None:
    """A reading's digits, sign aside, for the vote: a three-decimal `6.ddd` (signed or not) read as `0.ddd`, the
    serif minus glued to the 0 closing it into a 6 (no Haigis constant reaches 6; the device prints the three
    constants to three decimals and no other constant so)."""
    glued = _GLUED_MINUS_READING.match(text)
    return f"0.{glued.group(1)}" if glued else _digits(text)


def prints_a_minus(text: str) -> bool:
    """True for a reading that prints a minus, or a minus glued to a 0 (`6.111`)."""
    return text.startswith("-") or _GLUED_MINUS_READING.match(text) is not None


def caption_meaning(text: str) -> str:
    """What a caption reading says: the formula it names (`SRK@®/T`, `SRK®@®/T` and `SRK®/T` all name SRK/T), or the
    catalogue lens it names (`OptAl15.5MTA3U0` and `OptAl15.S5MTA3U0`: MTA3U0; the constant's bold digits garble
    more than the model's), else its characters."""
    model = model_of(text)
    named = model if is_known_model(model) else catalogue_name(model)  # `SN6OWF`: the parse names it SN60WF
    return formulas.formula_name(text) or (f"lens {named}" if named else text)


def _settled(image: Image.Image, read: Word, before: list[Word], value: Box | None) -> Word:
    """A word of a constants line read again, unless the page pass contradicts it (`unless_contradicted`) and a third
    reading, its value cell alone (digits only), does not side with it: the multi-formula page's `A const: 115.54`,
    read alike twice as a line and once as a cell, against the page pass's `114.44`. Where the cell sides with the
    page pass instead, two readings outvote one (`_outvoted`)."""
    if value is not None and _WELL_FORMED.match(read.text) is None and centre_in(read, value, image.size):
        return _value_cell_instead(image, read, before, value)
    settled = unless_contradicted(read, before)
    if settled.text != DOUBT or value is None:
        return settled
    cell = read_number_cell(image, value)
    if cell is not None and _digits(cell.text) == _digits(read.text):
        return read
    return _outvoted(image, read, before, cell) or settled


def _outvoted(image: Image.Image, read: Word, before: list[Word], cell: Word | None) -> Word | None:
    """The value cell's reading where it reads the digits the page pass read, against a line reading with other
    digits: the unhinted Times `0` the line reading takes for a 6 (`A const: 118.76` read alike twice, for the
    `118.70` the page pass and the cell read), never seen the other way on the development frames (405 constants
    lines: the page pass and the cell never agreed on a wrong value). The sign must agree with the line reading's
    (the cell's minus told from the ink); None otherwise."""
    page_pass = {_digits(w.text) for w in before} - {None}
    if cell is None or page_pass != {_digits(cell.text)}:
        return None
    signed = with_serif_minus(image, cell)
    return signed if signed.text.startswith("-") == read.text.startswith("-") else None


def _value_cell_instead(image: Image.Image, read: Word, before: list[Word], value: Box) -> Word:
    """A value the line reading garbled (`-O.111`: a letter for a digit, alike twice) read as its value cell alone
    (digits, sign and point only), its serif minus told from the ink, unless the page pass contradicts it. Where the
    cell reads nothing twice alike, the line reading with its letter O taken for a zero where the page pass read
    those digits, itself with or without the same O (`O.111` by every reading: the serif minus glued to the 0 makes
    it round; the digits agree); else the garbled reading (unreadable: review)."""
    cell = read_number_cell(image, value)
    if cell is not None:
        return unless_contradicted(with_serif_minus(image, cell), before)
    zeros = _o_for_zero(read.text)
    spelled = _digits(zeros)
    page_pass = {_digits(_o_for_zero(w.text)) for w in before} - {None}
    if spelled is None or page_pass != {spelled}:
        return read
    return with_serif_minus(image, replace(read, text=zeros))


def _o_for_zero(text: str) -> str:
    return text.replace("O", "0").replace("o", "0")


def _digits(text: str) -> str | None:
    match = _WELL_FORMED.match(text)
    return match.group(1) if match else None


def _signs_joined(line: list[Word]) -> list[Word]:
    """A minus read as a word of its own before a number (`A0 const: - 1.302`) joined to it (`-1.302`)."""
    joined: list[Word] = []
    for word in line:
        if joined and joined[-1].text in _LONE_MINUS and _WELL_FORMED.match(word.text) and word.text[0] not in "+-":
            sign = joined.pop()
            word = replace(word, text=f"-{word.text}", bbox=(sign.bbox[0], *word.bbox[1:]))
        joined.append(word)
    return joined


def with_serif_minus(image: Image.Image, word: Word) -> Word:
    """An unsigned number with the minus OCR lost put back where the ink shows one: the serif minus of a constant
    (`-0.111`) is a short bar at mid-height glued to the first digit, which tesseract reads as nothing. A bar: at
    least MINUS_MIN_SHARE of the digit height long, thin, between MINUS_BAND of the height, ending at most
    MINUS_JOIN_PX before the first full-height stroke (those columns may hold the low edge of a round 0), with
    nothing taller before it."""
    if not _WELL_FORMED.match(word.text) or word.text[0] in "+-":
        return word
    width, height = image.size
    x0, y0, y1 = round(word.bbox[0] * width), round(word.bbox[1] * height), round(word.bbox[3] * height)
    reach = y1 - y0
    ink = np.asarray(image.convert("L").crop((max(x0 - reach, 0), y0, x0 + reach, y1))) < INK_LEVEL
    return replace(word, text=f"-{word.text}") if _bar_before_digit(ink) else word


def _bar_before_digit(ink: np.ndarray) -> bool:
    """True when the columns before the first full-height stroke end in a mid-height bar (see `with_serif_minus`)."""
    height = ink.shape[0]
    kinds = []  # per column: "." blank, "-" mid-height thin, "|" tall, "x" other ink
    for column in ink.T:
        rows = np.flatnonzero(column)
        if rows.size == 0:
            kinds.append(".")
        elif rows[-1] - rows[0] + 1 > height / 2:
            kinds.append("|")
        else:
            low, high = MINUS_BAND
            kinds.append("-" if rows[0] >= low * height and rows[-1] <= high * height else "x")
    profile = "".join(kinds)
    first_tall = profile.find("|")
    if first_tall < 0:
        return False
    bar = re.search(rf"(-+)[-x.]{{0,{MINUS_JOIN_PX}}}$", profile[:first_tall])
    return bar is not None and len(bar.group(1)) >= max(MINUS_MIN_PX, MINUS_MIN_SHARE * height)


def unless_contradicted(read: Word, before: list[Word]) -> Word:
    """A number read again, unless the page pass read a well-formed number there with other digits: then neither is
    sure, and the value becomes `?` (unreadable: the box goes to review). A constant or an emmetropia power has no
    check as strict as a table row's steps (`Emme. IOL: 18.33` for 18.38 fits a 0.1-D table). A sign the page pass
    lost (`0.705` for `-0.705`) is no contradiction: the minus is what it loses, nor is a minus it read as a digit
    (`_minus_read_as_a_digit`: `6.111` for `-0.111`, `40.323` for `-0.323`, where the re-read found the minus)."""
    digits = _WELL_FORMED.match(read.text)
    if digits is None:
        return read
    others = {m.group(1) for m in (_WELL_FORMED.match(w.text) for w in before) if m is not None}
    others -= _minus_read_as_a_digit(read.text, digits.group(1))
    return read if others <= {digits.group(1)} else replace(read, text=DOUBT)


def _minus_read_as_a_digit(read: str, digits: str) -> set[str]:
    """The page-pass readings of a re-read `-0.xxx` that are its minus read as a digit: glued to the 0 and closing it
    into a 6 (`6.111` for `-0.111`), or as a digit of its own before the 0 (`40.323` for `-0.323`, two frames' Haigis
    a0; no constant the device prints has such an integer part)."""
    if not read.startswith("-0"):
        return set()
    return {_MINUS_GLUED_TO_ZERO + digits[1:]} | {f"{digit}{digits}" for digit in "123456789"}


def _value_area(ink: np.ndarray, area: Box) -> Box | None:
    """The ink right of the widest blank of a `label:  value` line (pixels), None without such a blank."""
    blank = widest_blank(ink, MIN_VALUE_GAP_PX)
    if blank is None:
        return None
    rows = np.flatnonzero(ink[:, blank[1] :].any(axis=1))
    last = int(np.flatnonzero(ink.any(axis=0))[-1])
    return Box(area.x0 + blank[1], area.y0 + EDGE_PX + int(rows[0]), area.x0 + last + 1,
               area.y0 + EDGE_PX + int(rows[-1]) + 1)  # fmt: skip
