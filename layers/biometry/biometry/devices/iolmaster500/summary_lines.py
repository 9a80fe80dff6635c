"""IOLMaster 500 IOL-page summaries: the `ACD: 3.78 mm` line, and an `R / SE:` line whose power is garbled, read again.

The summary block beside each eye label prints its results in serif type; read with the page, the ACD's point comes
out as a digit (`3278`, `32.28` for `3.78`, `3.28`) and the document goes to review on conflicting copies. Read alone
(the label, its value and unit), it reads right. The line is taken only when two readings agree on `ACD: d.dd mm`
and the page pass read no other well-formed number there that an ACD can be (an ACD printed once, on an IOL page
alone, has no check; printed again, the parser compares the copies).

`R / SE: 7.83 mm / 43.14 D`: a photo boxed the power over its unit's first stroke and read `43.141` (seed 240), no
power the device prints, so the mean K was printed and unread (review). A line whose power is not read as printed
(`dd.dd`) is read again alone, from its label to its unit `D`, and taken where two readings agree on the line's
printed shape; the validator still holds SE against K1 and K2.
"""

from __future__ import annotations

import itertools
import re

from PIL import Image

from biometry.devices.iolmaster500.biometry import ACD_RANGE_MM
from biometry.devices.iolmaster500.box_heads import unless_contradicted
from biometry.document import Word
from biometry.extract.cells import labelled_line_again, words_after
from biometry.extract.refiners import DOUBT

ACD_LABEL = re.compile(r"^[|\\/(\[{]?ACD:$", re.IGNORECASE)
_ACD_LINE = re.compile(r"^ACD:\s*\d\.\d{2}\s*mm$")
WORDS_AFTER = 2  # the value and its unit
SE_LABEL = re.compile(r"^(?:R\s?/\s?)?SE:$")  # `SE:` after `R /`, or the three read as one word
_SE_LINE = re.compile(r"^(?:R\s?/\s?)?SE:\s?\d\.\d{2}\s?mm\s?/\s?\d{2}\.\d{2}\s?D$")
_POWER_AS_PRINTED = re.compile(r"^\d{2}\.\d{2}D?$")
_UNIT = re.compile(r"D$")
SE_WORDS_AFTER = 6  # the radius, `mm`, `/`, the power and `D`, and one word OCR split


def with_summary_lines(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with each summary `ACD:` line, and each `R / SE:` line whose power is garbled, read again where the
    reading is sure (see the module)."""
    for label in [w for w in words if ACD_LABEL.match(w.text)]:
        words = _with_acd_line(image, words, label)
    for label in [w for w in words if SE_LABEL.match(w.text)]:
        words = _with_se_line(image, words, label)
    return words


def _with_se_line(image: Image.Image, words: list[Word], label: Word) -> list[Word]:
    after = words_after(label, words, SE_WORDS_AFTER)
    through_unit = next((k + 1 for k, w in enumerate(after) if _UNIT.search(w.text)), None)
    if through_unit is None or any(_POWER_AS_PRINTED.match(w.text) for w in after[:through_unit]):
        return words
    read = labelled_line_again(image, words, label, through_unit, _SE_LINE)
    if read is None:
        return words
    line, before = read
    values = list(itertools.dropwhile(lambda w: not w.text.endswith("SE:"), line))[1:]
    return [w for w in words if w is label or w not in before] + values


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
