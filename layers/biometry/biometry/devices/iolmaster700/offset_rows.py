"""IOLMaster 700 analysis pages: the pupil row whose `P:` label OCR garbled or lost is named by its centre offsets.

The device prints centre offsets (`Ix: +0,3 mm  Iy: -0,4 mm`) after two values only: WTW and the pupil. In an eye
block whose WTW row is read by its label, a value printed as the pupil is (one digit, one decimal) followed by `mm`
and an offset label, after a token that is no label of the printout (`PE`, `Pe`) or after none (the label lost), is
the pupil. Anything else stays as read (completeness counts the row: `slots`).
"""

from __future__ import annotations

import re

from biometry.devices.iolmaster700.printed import is_other_label
from biometry.devices.iolmaster700.slots import FIELDS_OF_LABEL, is_offset_label
from biometry.devices.measurements import Token

PUPIL, WTW = "P:", "WTW:"
_PUPIL_FORM = re.compile(r"^\d[.,]\d$")  # the pupil as printed: `3,1`
_GARBLED_MAX_CHARS = 2  # `PE`, `Pe`, `P;`: the two characters OCR made of `P:`


def pupil_by_offsets(rows: list[list[Token]]) -> list[list[Token]]:
    """The block's rows (each a line's tokens in the label vocabulary), a pupil row whose label OCR garbled or lost
    labelled `P:` where the block reads WTW's label on another row and no `P:` (see the module)."""
    texts = [[t.text for t in row] for row in rows]
    if any(PUPIL in row for row in texts) or not any(WTW in row for row in texts):
        return rows
    found = [(n, k) for n, row in enumerate(rows) if WTW not in texts[n] for k in _unlabelled_pupil(row)]
    if len(found) != 1:
        return rows
    n, k = found[0]
    row = rows[n]
    start = k - 1 if k > 0 and _is_garbled_label(row[k - 1].text) else k  # the garbled label's place, or the value's
    return [*rows[:n], [*row[:start], Token(PUPIL, row[start].word), *row[k:]], *rows[n + 1 :]]


def _unlabelled_pupil(row: list[Token]) -> list[int]:
    """Where a row prints a pupil-like value with `mm` and an offset label after it, its label garbled or lost."""
    return [
        k
        for k in range(len(row) - 2)
        if _PUPIL_FORM.match(row[k].text)
        and row[k + 1].text.lower() == "mm"
        and is_offset_label(row[k + 2].text)
        and (k == 0 or not _is_label(row[k - 1].text) or _is_garbled_label(row[k - 1].text))
    ]


def _is_label(text: str) -> bool:
    return text in FIELDS_OF_LABEL or is_other_label(text) or text.endswith(":")


def _is_garbled_label(text: str) -> bool:
    """`PE`, `Pe`, `P;`: a P and one character that makes no word, number or label of the printout."""
    return len(text) == _GARBLED_MAX_CHARS and text[0] in "Pp" and not text[1].isdigit() and text not in FIELDS_OF_LABEL
