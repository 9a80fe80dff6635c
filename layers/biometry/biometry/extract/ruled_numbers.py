"""Two numbers OCR read as one word across the rule between them (`_|___+20,50___+0,71`), set apart again.

A table row's two cells stand either side of a column rule, over a rule under the row. On a 300-dpi rescan (held-out
seed 213) the page pass read an IOLMaster 700 box's last row `+20,50 | +0,71` as one word, `_|___+20,50___+0,71`,
and the row was lost (`iol_table_unreadable`). A word that is two numbers with decimals with only rule marks between
them (`_ | — – ~ =`: no sign, so a minus stays the second number's) and around them is two words, each boxed over its
share of the word's characters; any other word stays as read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from biometry.document import Word

_RULE_MARKS = "_|—–~="
_NUMBER = r"[+-]?\d{1,3}[.,]\d{1,3}"
_TWO_NUMBERS = re.compile(rf"^[{_RULE_MARKS}]*({_NUMBER})[{_RULE_MARKS}]+({_NUMBER})[{_RULE_MARKS}]*$")


def with_ruled_numbers_apart(words: Sequence[Word]) -> list[Word]:
    """The words with each word of two numbers glued by rule marks set apart as two (see the module)."""
    return [part for word in words for part in _apart(word)]


def _apart(word: Word) -> list[Word]:
    glued = _TWO_NUMBERS.match(word.text)
    if glued is None:
        return [word]
    x0, y0, x1, y1 = word.bbox
    share = (x1 - x0) / len(word.text)
    return [
        Word(
            glued.group(k), (x0 + share * glued.start(k), y0, x0 + share * glued.end(k), y1), word.bold, word.confidence
        )
        for k in (1, 2)
    ]
