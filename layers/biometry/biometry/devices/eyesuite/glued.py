"""EyeSuite: a value read with marks glued after its printed digits (`24.82g)`), settled by the other pages' copies.

Every page repeats the biometry. A copy that reads the field's complete printed form (every decimal the device prints)
followed by one to three characters that are no digit or decimal mark is unreadable on its own (the format fails),
but it is the value the other copies read when they read that very value and agree: the unreadable issue is then
withdrawn with a note. Any other copy stays unreadable (review).
"""

from __future__ import annotations

import re
from collections import defaultdict

from biometry.devices.collect import EyeCollector
from biometry.models import EyeSide, Issue

_GLUED = re.compile(r"^(\d+(?:\.(\d+))?)[^\d.,\s]{1,3}$")  # `24.82g)`: the number, then marks glued on


class GluedCopies:
    """The copies read with marks glued after a complete number, page by page, settled once every page is read."""

    def __init__(self) -> None:
        self._copies: dict[tuple[EyeSide, str], list[float]] = defaultdict(list)

    def add(self, side: EyeSide, field: str, text: str, decimals: int) -> None:
        """Record a copy `text` of a field printed with `decimals` decimals, where it is a complete number with marks
        glued after it; anything else is not recorded."""
        match = _GLUED.match(text)
        if match is not None and len(match.group(2) or "") == decimals:
            self._copies[(side, field)].append(float(match.group(1)))

    def settle(self, collector: EyeCollector) -> None:
        """Withdraw a field's unreadable issues where each of its glued copies reads the one value its other copies
        read (no conflict among them); a note says so."""
        for (side, field), numbers in self._copies.items():
            readings = {value for value, _ in collector.readings(side, field)}
            unreadable = sum(
                1 for i in collector.issues if i.code == "unreadable_value" and (i.eye, i.field) == (side, field)
            )
            if len(readings) != 1 or set(numbers) != readings or unreadable != len(numbers):
                continue
            collector.withdraw("unreadable_value", side, field)
            message = f"{side} {field}: {len(numbers)} cop(ies) read with marks glued after the value the others read."
            collector.issues.append(
                Issue(code="ocr_glued_marks", severity="info", eye=side, field=field, message=message)
            )
