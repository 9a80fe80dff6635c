"""Which eye a half of an EyeSuite page shows: its big `OD`/`OS` heading, or the `right eye`/`left eye` under it."""

from __future__ import annotations

from collections.abc import Sequence

from biometry.devices.layout import eye_label
from biometry.document import Word, group_lines
from biometry.models import EyeSide
from biometry.normalize import canonical

SUBTITLES: dict[str, EyeSide] = {"right": "OD", "left": "OS"}  # `right eye` under OD, `left eye` under OS


def eye_heading(words: Sequence[Word]) -> tuple[EyeSide, Word] | None:
    """The eye of a half and the word that names it; the subtitle stands in when OCR lost the big heading."""
    label = eye_label(words)
    return label if label is not None else _subtitle(words)


def _subtitle(words: Sequence[Word]) -> tuple[EyeSide, Word] | None:
    """The topmost `right eye` / `left eye`, when the half names exactly one of them."""
    found: list[tuple[EyeSide, Word]] = []
    for line in group_lines(list(words)):
        texts = [canonical(w.text).lower() for w in line.words]
        pairs = zip(texts, texts[1:], line.words, strict=False)
        found += [(SUBTITLES[first], word) for first, second, word in pairs if first in SUBTITLES and second == "eye"]
    sides = {side for side, _ in found}
    return min(found, key=lambda item: item[1].bbox[1]) if len(sides) == 1 else None
