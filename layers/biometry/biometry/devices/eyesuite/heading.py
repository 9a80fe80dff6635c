"""Which eye a half of an EyeSuite page shows: its big `OD`/`OS` heading, or the `right eye`/`left eye` under it.

Only the heading counts: an `OD`/`OS` in body text (a warning `Diferença significativa entre OD e OS`) or a
`left eye` below the measurements never names a half, so a heading OCR lost cannot be replaced by either.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from biometry.devices.eyesuite.values import rows_of
from biometry.devices.layout import LARGE_LABEL_SHARE, eye_label
from biometry.document import Word, group_lines
from biometry.models import EyeSide
from biometry.normalize import canonical

SUBTITLES: dict[str, EyeSide] = {"right": "OD", "left": "OS"}  # `right eye` under OD, `left eye` under OS


def eye_heading(words: Sequence[Word]) -> tuple[EyeSide, Word] | None:
    """The eye of a half and the word that names it, from above its first measurement row: the big heading, else
    the subtitle under it."""
    if not words:
        return None
    body = statistics.median(w.height for w in words)
    head = _above_measurements(words)
    label = eye_label(head)
    if label is not None and label[1].height >= LARGE_LABEL_SHARE * body:
        return label
    return _subtitle(head)


def _above_measurements(words: Sequence[Word]) -> list[Word]:
    """The words of the lines above the first line that holds a measurement row."""
    head: list[Word] = []
    for line in group_lines(list(words)):
        if rows_of(line):
            break
        head += line.words
    return head


def _subtitle(words: Sequence[Word]) -> tuple[EyeSide, Word] | None:
    """The `right eye` / `left eye`, when the words name exactly one of them."""
    found: list[tuple[EyeSide, Word]] = []
    for line in group_lines(list(words)):
        texts = [canonical(w.text).lower() for w in line.words]
        pairs = zip(texts, texts[1:], line.words, strict=False)
        found += [(SUBTITLES[first], word) for first, second, word in pairs if first in SUBTITLES and second == "eye"]
    sides = {side for side, _ in found}
    return found[0] if len(sides) == 1 else None
