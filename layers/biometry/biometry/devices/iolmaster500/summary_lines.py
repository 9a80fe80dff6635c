"""IOLMaster 500 IOL-page summaries: the `ACD: 3.78 mm` line read again alone.

The summary block beside each eye label prints its results in serif type; read with the page, the ACD's point comes
out as a digit (`3278`, `32.28` for `3.78`, `3.28`) and the document goes to review on conflicting copies. Read alone
(the label, its value and unit), it reads right. The line is taken only when two readings agree on `ACD: d.dd mm`
and the page pass read no other well-formed number there that an ACD can be (an ACD printed once, on an IOL page
alone, has no check; printed again, the parser compares the copies).
"""

from __future__ import annotations

import re

from PIL import Image

from biometry.devices.iolmaster500.biometry import ACD_RANGE_MM
from biometry.devices.iolmaster500.box_heads import unless_contradicted
from biometry.document import Word
from biometry.extract.cells import labelled_line_again
from biometry.extract.refiners import DOUBT

ACD_LABEL = re.compile(r"^[|\\/(\[{]?ACD:$", re.IGNORECASE)
_ACD_LINE = re.compile(r"^ACD:\s*\d\.\d{2}\s*mm$")
WORDS_AFTER = 2  # the value and its unit


def with_summary_acd(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with each summary `ACD:` line read again where the reading is sure (see the module)."""
    for label in [w for w in words if ACD_LABEL.match(w.text)]:
        words = _with_acd_line(image, words, label)
    return words


def _with_acd_line(image: Image.Image, words: list[Word], label: Word) -> list[Word]:
    read = labelled_line_again(image, words, label, WORDS_AFTER, _ACD_LINE)
    if read is None:
        return words
    line, before = read
    if any(unless_contradicted(w, [b for b in before if _possible_acd(b)]).text == DOUBT for w in line):
        return words
    return [w for w in words if w not in before] + line


def _possible_acd(word: Word) -> bool:
    """False for a page-pass number no ACD can be (`32.28` for `3.28`: the serif point read as a digit): it
    contradicts nothing; any other word may."""
    try:
        value = float(word.text)
    except ValueError:
        return True
    return ACD_RANGE_MM[0] <= value <= ACD_RANGE_MM[1]
