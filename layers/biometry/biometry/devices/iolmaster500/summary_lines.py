"""IOLMaster 500 IOL-page summaries: the `ACD: 3.78 mm` line, and K and `R / SE:` lines garbled, read again alone.

The summary block beside each eye label prints its results in serif type; read with the page, the ACD's point comes
out as a digit (`3278`, `32.28` for `3.78`, `3.28`) and the document goes to review on conflicting copies. Read alone
(the label, its value and unit), it reads right. The line is taken only when two readings agree on `ACD: d.dd mm`
and the page pass read no other well-formed number there that an ACD can be (an ACD printed once, on an IOL page
alone, has no check; printed again, the parser compares the copies).

`R / SE: 7.83 mm / 43.14 D` and `K1: 42.51 D / 7.94 mm @ 175°`: a photo boxed the mean K `43.14 D` over its unit's
first stroke and read `43.141` (seed 240), no power the device prints; a 150-dpi rescan read K1's radius `7.94` into
one word with the AL line above (`7941`, seed 224), and the K1 line kept no radius. Each was printed and unread
(review). A line whose power and radius are not read as printed (`dd.dd D / d.dd mm`, either order) is read again
alone, from its label to its last word (the unit `D`, the axis), and taken where two readings agree on the line's
printed shape; the parser still holds K powers against their radii and the validator SE against K1 and K2.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from PIL import Image

from biometry.devices.iolmaster500.biometry import ACD_RANGE_MM
from biometry.devices.iolmaster500.box_heads import unless_contradicted
from biometry.document import Word
from biometry.extract.cells import labelled_line_again, words_after
from biometry.extract.refiners import DOUBT

ACD_LABEL = re.compile(r"^[|\\/(\[{]?ACD:$", re.IGNORECASE)
_ACD_LINE = re.compile(r"^ACD:\s*\d\.\d{2}\s*mm$")
WORDS_AFTER = 2  # the value and its unit
_POWER_AND_RADIUS = r"(?:\d{2}\.\d{2}\s?D\s?/\s?\d\.\d{2}\s?mm|\d\.\d{2}\s?mm\s?/\s?\d{2}\.\d{2}\s?D)"  # either order
_READ_IN_FULL = re.compile(rf"(?<![\d.]){_POWER_AND_RADIUS}(?![\d.])")
SUMMARY_WORDS_AFTER = 8  # a K line's power, `D`, `/`, radius, `mm`, `@` and axis, and one word OCR split


@dataclass(frozen=True)
class PairLine:
    """A summary line printing a power and a radius: its label, the word its reading ends with, its printed shape."""

    label: re.Pattern[str]
    last_word: re.Pattern[str]
    shape: re.Pattern[str]


# `R / SE: 7.83 mm / 43.14 D` (`SE:` after `R /`, or the three read as one word), `K1: 42.51 D / 7.94 mm @ 175°`
PAIR_LINES = (
    PairLine(re.compile(r"^(?:R\s?/\s?)?SE:$"), re.compile(r"D$"),
             re.compile(rf"^(?:R\s?/\s?)?SE:\s?{_POWER_AND_RADIUS}$")),
    PairLine(re.compile(r"^K[12]:$"), re.compile(r"°$"),
             re.compile(rf"^K[12]:\s?{_POWER_AND_RADIUS}\s?@\s?\d{{1,3}}°$")),
)  # fmt: skip


def with_summary_lines(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with each summary `ACD:` line, and each K or `R / SE:` line whose power or radius is garbled or
    lost, read again where the reading is sure (see the module)."""
    for label in [w for w in words if ACD_LABEL.match(w.text)]:
        words = _with_acd_line(image, words, label)
    for pair in PAIR_LINES:
        for label in [w for w in words if pair.label.match(w.text)]:
            words = _with_pair_line(image, words, label, pair)
    return words


def _with_pair_line(image: Image.Image, words: list[Word], label: Word, pair: PairLine) -> list[Word]:
    after = words_after(label, words, SUMMARY_WORDS_AFTER)
    through = next((k + 1 for k, w in enumerate(after) if pair.last_word.search(w.text)), None)
    if through is None or _READ_IN_FULL.search(" ".join(w.text for w in after[:through])):
        return words
    read = labelled_line_again(image, words, label, through, pair.shape)
    if read is None:
        return words
    line, before = read
    values = list(itertools.dropwhile(lambda w: not w.text.endswith(":"), line))[1:]
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
