"""IOLMaster 700 calculation pages print the same labels for both eyes, line by line: a label OCR lost or garbled in
one eye's copy of a line is the label the other eye's copy prints in the same place."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from biometry.devices.measurements import Token
from biometry.document import Line


def copy_line(line: Line, copies: Sequence[Line]) -> Line | None:
    """The other eye's copy of a line: the line of the other half whose vertical band holds this line's centre."""
    centre = (line.bbox[1] + line.bbox[3]) / 2
    nearest, distance = None, math.inf  # the first of the nearest, as min() takes it; one box lookup per line
    for other in copies:
        _, top, _, bottom = other.bbox
        if top <= centre <= bottom and abs((top + bottom) / 2 - centre) < distance:
            nearest, distance = other, abs((top + bottom) / 2 - centre)
    return nearest


def labelled_like_copy(
    tokens: list[Token], copy: list[Token], is_label: Callable[[str], bool], fields: frozenset[str]
) -> list[Token]:
    """The tokens with the one label OCR lost (`21,67 mm SD: 10 um` beside `AL: 21,89 mm SD: 5 um`), garbled past
    the vocabulary (`EX: 4,52 mm` beside `LT: 4,49 mm`), garbled into a label of no eye field (`LF: 4,37 mm`, a
    Barrett constant, beside `LT: 4,30 mm`) or read without its first glyph (`SE: ---` beside `TSE: ---`) taken from
    the copy, where every other label of the two copies is the same label in the same order; else the tokens as
    read."""
    mine = [k for k, t in enumerate(tokens) if t.text.endswith(":")]
    theirs = [t.text for t in copy if t.text.endswith(":")]
    aligned = len(mine) == len(theirs)
    unknown = [
        n
        for n, k in enumerate(mine)
        if not is_label(tokens[k].text) or (aligned and _misplaced(tokens[k].text, theirs[n], fields))
    ]
    known = [tokens[k].text.upper() for n, k in enumerate(mine) if n not in unknown]  # `sD:` is the copy's `SD:`
    printed = [label.upper() for label in theirs]
    if len(mine) == len(theirs) and len(unknown) == 1:
        n = unknown[0]
        if theirs[n] in fields and known == printed[:n] + printed[n + 1 :]:
            return [*tokens[: mine[n]], Token(theirs[n], tokens[mine[n]].word), *tokens[mine[n] + 1 :]]
    lost_first = tokens and tokens[0].number is not None and copy and copy[0].text == (theirs or [""])[0]
    if lost_first and not unknown and known == printed[1:] and theirs[0] in fields:
        return [Token(theirs[0], tokens[0].word), *tokens]
    garbled_first = _first_garbled(tokens, is_label) and copy and copy[0].text == (theirs or [""])[0]
    if garbled_first and not unknown and known == printed[1:] and theirs[0] in fields:
        return [Token(theirs[0], tokens[0].word), *tokens[1:]]
    return tokens


def _first_garbled(tokens: list[Token], is_label: Callable[[str], bool]) -> bool:
    """Whether the line begins with one word OCR garbled from a label with its colon (`i 3,87` for `LT: 3,87 mm`): no
    digit, no colon, no label, before a number."""
    if len(tokens) < 2 or tokens[1].number is None:  # a word and its value
        return False
    first = tokens[0].text
    return not any(ch.isdigit() for ch in first) and not first.endswith(":") and not is_label(first)


def _misplaced(label: str, copy_label: str, fields: frozenset[str]) -> bool:
    """A label of no eye field where the copy prints an eye field's label (OCR turned `LT:` into `LF:`), or a label
    the copy prints with one glyph more before it (OCR dropped the `T` of `TSE:`: `SE:`, a field of its own)."""
    if label == copy_label or copy_label not in fields:
        return False
    dropped_first = len(copy_label) == len(label) + 1 and copy_label.upper().endswith(label.upper())
    return label not in fields or dropped_first
