"""IOLMaster 700: a K1 (TK1) axis OCR lost on every page is the axis ΔK (ΔTK) is printed at.

The device prints ΔK, the corneal cylinder, negative at the flat meridian, K1's axis (`K1: 40,95 D @ 100°` and
`ΔK: -2,79 D @100°` on the real printout; ΔTK at TK1's axis), on every page beside K1. Where every copy of K1's axis
is lost or garbled (`K1: 41,41 D er` for `@ 1°`) and the pages read ΔK, a cylinder other than zero, at one axis (the
one every reading allows, a degree sign read as a digit counted: `@1°`, `@12`), that axis is K1's, only where K2's
axis is read exactly 90° from it. The value keeps ΔK's axis word as provenance, where it is printed. Noted
`ocr_flat_axis_from_cylinder`; else the axis stays unread (review).
"""

from __future__ import annotations

import re

from biometry.devices.iolmaster700.cylinder import CylinderCollector, axis_readings
from biometry.devices.measurements import Reading, Token
from biometry.models import Issue

AXIS_PAIRS = (("k1_axis_deg", "k2_axis_deg"), ("tk1_axis_deg", "tk2_axis_deg"))  # (flat, steep)


def flat_axes_from_cylinders(collector: CylinderCollector) -> None:
    """Each K1 / TK1 axis unread on every page taken from the axis its cylinder is printed at (see the module)."""
    for side in collector.sides():
        for flat, steep in AXIS_PAIRS:
            cylinders = collector.flat_axes[side].get(flat, [])
            if collector.value(side, flat) is not None or not cylinders:
                continue
            axis = _printed_axis([reading for reading, _ in cylinders])
            steep_axis = collector.value(side, steep)
            if axis is None or not isinstance(steep_axis, int) or abs(axis - steep_axis) % 180 != 90:
                continue
            if collector.raised("conflicting_values", side, steep):
                continue
            reading, page = next((r, p) for r, p in cylinders if r.axis and axis in _allowed(r))
            assert reading.axis is not None  # for mypy: `_allowed` is empty without one
            collector.set_number(side, flat, Token(str(axis), reading.axis.word), page, as_int=True)
            name = flat.split("_")[0].upper()
            message = f"{side} {name} axis OCR lost on every page: {axis}°, the axis its cylinder is printed at."
            collector.issues.append(
                Issue(code="ocr_flat_axis_from_cylinder", severity="info", eye=side, field=flat, message=message)
            )


def _printed_axis(cylinders: list[Reading]) -> int | None:
    """The one axis every cylinder reading with an axis and a value other than zero allows, or None."""
    readable = [
        reading
        for reading in cylinders
        if reading.axis is not None and reading.value is not None and reading.value.number  # 0,00: no flat meridian
    ]
    allowed = [_allowed(reading) for reading in readable]
    common = set.intersection(*allowed) if allowed else set()
    return common.pop() if len(common) == 1 else None


def _allowed(reading: Reading) -> set[int]:
    """The axes one cylinder reading's axis may be (`axis_readings`), none without an axis read with a digit."""
    digits = re.sub(r"\D", "", reading.axis.text) if reading.axis else ""
    return axis_readings(int(digits), reading.axis.text) if reading.axis and digits else set()
