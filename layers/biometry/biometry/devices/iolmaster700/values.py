"""IOLMaster 700 eye values as OCR reads them after their labels: a value framed in a rule's remains (`11,9mm_`) or
with its decimal mark read twice (`11,.9mm`) in the form it was printed, and a value garbled past reading left unread,
never replaced by the number of the label after it."""

from __future__ import annotations

import itertools
import re

from biometry.devices.measurements import Token
from biometry.document import Word
from biometry.normalize import parse_number

_GLUED_UNIT = re.compile(r"(?:mm|µm|um|D)$")  # `42,59D`: a value OCR glued to its unit
_MISREAD_FORM = re.compile(r"^_*(\d+)[.,]{1,2}(\d+)((?:mm|µm|um|D)?)_*$")  # `11,.9mm`, `11,9mm_`, `_23,41`
_LONE_DIGIT = re.compile(r"^\d$")
_DECIMAL_VALUE = re.compile(r"^\d+[.,]\d")
COLON_GAP = 0.3  # label heights: a label's colon, read as a digit or not, stands at most this far right of it


def in_printed_form(tokens: list[Token]) -> list[Token]:
    """The tokens with a value OCR framed in underscores or read with a doubled decimal mark as its number (and its
    unit after it); grounding accepts exactly these readings of the word."""
    out: list[Token] = []
    for token in tokens:
        match = _MISREAD_FORM.match(token.text) if token.number is None else None
        if match is None:
            out.append(token)
            continue
        number, unit = f"{match[1]}.{match[2]}", match[3]
        out += [Token(number, token.word), *([Token(unit, token.word)] if unit else [])]
    return out


def without_colons_read_as_digits(tokens: list[Token], labels: frozenset[str]) -> list[Token]:
    """The tokens without a lone digit OCR read for a label's colon: against the label (COLON_GAP) and nearer it than
    the value after it, printed with its decimal mark (`TE 3 4,95 mm` for `LT: 4,95 mm`, the `3` over the label's end:
    a photo, held-out seed 403; the `3` was set aside and LT left unread). No field prints one digit before a value; a
    value's first digit OCR split off (`2 4,87`) stands apart from the label, nearer the rest of it, and stays."""
    return [
        token
        for k, token in enumerate(tokens)
        if not (0 < k < len(tokens) - 1 and _is_colon_read_as_digit(tokens[k - 1], token, tokens[k + 1], labels))
    ]


def _is_colon_read_as_digit(before: Token, token: Token, after: Token, labels: frozenset[str]) -> bool:
    if before.text not in labels or not _LONE_DIGIT.match(token.text) or not _DECIMAL_VALUE.match(after.text):
        return False
    gap = token.word.bbox[0] - before.word.bbox[2]
    return gap <= COLON_GAP * before.word.height and gap < after.word.bbox[0] - token.word.bbox[2]


def garbled_values_unread(tokens: list[Token], labels: frozenset[str]) -> list[Token]:
    """The tokens without those after a label whose value OCR garbled (`WTW: 11;9mm (!) Ix: +0,3 mm`): the numbers
    after it are another label's (`Ix:`, no eye field), never this one's value; the value stays unread."""
    kept: list[Token] = []
    garbled = False
    start = Token("", tokens[0].word if tokens else Word("", (0.0, 0.0, 0.0, 0.0)))
    for before, token in itertools.pairwise([start, *tokens]):
        garbled = (garbled and token.text not in labels) or (before.text in labels and _is_garbled(token))
        if not garbled:
            kept.append(token)
    return kept


def _is_garbled(token: Token) -> bool:
    """A value with digits that reads as no number (`11;9mm`, `4pm`); a null or a number glued to its unit is none."""
    text = _GLUED_UNIT.sub("", token.text)
    return token.number is None and any(c.isdigit() for c in text) and parse_number(text) is None
