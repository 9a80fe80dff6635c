"""Keratometry axes whose degree sign OCR read as another glyph: `104°` as `1040`, `1049` or `104ﾟ`.

Each EyeSuite page repeats both eyes' biometry, and on a rescan the small degree sign after an axis comes out as a
different glyph on each page while the digits before it agree. Such a reading is not taken on its own (`1040` is
no axis, `104` could also be `10` and a misread `4°`): its digits are the axis only when at least MIN_PAGES pages
agree on them, no page reads the axis otherwise, and the axis is 0-180; else the copies stay unreadable (review).
"""

from __future__ import annotations

from collections import defaultdict

from biometry.devices.collect import EyeCollector
from biometry.devices.measurements import Token
from biometry.models import EyeSide, Issue
from biometry.normalize import MAX_AXIS_DEG

MIN_PAGES = 2
# An axis and one glyph in place of its degree sign: a digit or a mark, never a letter (`18O` may be 180 without
# its degree sign) and never the degree sign itself (that reading is clean).
DEGREE_MISREAD = r"(\d{1,3})[^\s°A-Za-z]"


class DegreeMisreads:
    """The axes read with a misread degree sign, page by page, settled once every page is read."""

    def __init__(self) -> None:
        self._readings: dict[tuple[EyeSide, str], list[tuple[Token, int]]] = defaultdict(list)

    def add(self, side: EyeSide, field: str, token: Token, page: int) -> None:
        """Record one page's reading of an axis (`token.text`: its digits, without the misread degree sign)."""
        self._readings[(side, field)].append((token, page))

    def settle(self, collector: EyeCollector) -> None:
        """Store each axis the pages agree on (and drop its unreadable copies); leave the others for review."""
        for (side, field), readings in self._readings.items():
            values = {token.number for token, _ in readings}
            known = collector.value(side, field)
            agreed = len(values) == 1 and all(0 <= (v or 0) <= MAX_AXIS_DEG for v in values)
            if len(readings) < MIN_PAGES or not agreed or (known is not None and known not in values):
                continue
            if known is None:
                token, page = readings[0]
                collector.set_number(side, field, token, page, as_int=True)
            collector.withdraw("unreadable_value", side, field)
            message = f"{side} {field}: {len(readings)} pages read the degree sign as another glyph, the digits agree."
            collector.issues.append(
                Issue(code="degree_sign_misread", severity="info", eye=side, field=field, message=message)
            )
