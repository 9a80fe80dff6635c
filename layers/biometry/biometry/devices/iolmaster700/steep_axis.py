"""IOLMaster 700: a K2 (TK2) axis OCR garbled on every page is the one 90° from K1's (TK1's) that its digits read.

The device prints K1 and K2 at the principal meridians, 90° apart (`K1: 43,72 D @ 97°`, `K2: 45,61 D @ 7°`). Where
every copy of K2's axis is read with a mark inside it (`@/7°`: a speck between the `@` and the digits) and K1's axis
is read, the axis 90° from K1's is K2's only where every garbled copy's digits allow it (`axis_readings`: as read, or
with the degree sign read as a digit); the copy's word is its provenance. Noted `ocr_steep_axis_from_flat`; else the
axis stays unread (review). An axis is never taken from K1 alone: the garbled copy must print it.
"""

from __future__ import annotations

import itertools
import re

from biometry.devices.iolmaster700.cylinder import CylinderCollector, axis_readings
from biometry.devices.measurements import Token
from biometry.models import EyeSide, Issue

AXIS_PAIRS = (("k1_axis_deg", "k2_axis_deg"), ("tk1_axis_deg", "tk2_axis_deg"))  # (flat, steep)
_STEEP_LABELS = {"K2:": "k2_axis_deg", "TK2:": "tk2_axis_deg"}
_CLEAN_AXIS = re.compile(r"^\d{1,3}°?$")  # what the readings take as an axis (`7°`, `176`)


def store_garbled_axes(tokens: list[Token], side: EyeSide, page: int, collector: CylinderCollector) -> None:
    """Keep each K2 / TK2 axis copy of a row read with a mark among its digits: the word after the `@` that follows
    the label (before the next label) holding a digit and not read as an axis (`/7°`)."""
    for k, token in enumerate(tokens):
        field = _STEEP_LABELS.get(token.text)
        if field is None:
            continue
        after = list(itertools.takewhile(lambda t: not t.text.endswith(":"), tokens[k + 1 :]))
        at = next((j for j, t in enumerate(after) if t.text == "@"), None)
        axis = after[at + 1] if at is not None and at + 1 < len(after) else None
        if axis is not None and any(c.isdigit() for c in axis.text) and not _CLEAN_AXIS.match(axis.text):
            collector.garbled_axes[side].setdefault(field, []).append((axis, page))


def steep_axes_from_flat(collector: CylinderCollector) -> None:
    """Each K2 / TK2 axis garbled on every page taken as the axis 90° from K1's / TK1's its copies read (see the
    module)."""
    for side in collector.sides():
        for flat, steep in AXIS_PAIRS:
            garbled = collector.garbled_axes[side].get(steep, [])
            flat_axis = collector.value(side, flat)
            if collector.value(side, steep) is not None or not garbled or not isinstance(flat_axis, int):
                continue
            if collector.raised("conflicting_values", side, flat):
                continue
            across = {(flat_axis + 90) % 180, (flat_axis + 90) % 180 or 180}  # 0° and 180° are one meridian
            allowed = [_allowed(token) for token, _ in garbled]
            fitting = across.intersection(*allowed)
            if len(fitting) != 1:
                continue
            axis = fitting.pop()
            token, page = garbled[0]
            collector.set_number(side, steep, Token(str(axis), token.word), page, as_int=True)
            name = steep.split("_")[0].upper()
            message = f"{side} {name} axis garbled on every page ({token.text!r}): {axis}°, 90° from the flat axis."
            collector.issues.append(
                Issue(code="ocr_steep_axis_from_flat", severity="info", eye=side, field=steep, message=message)
            )


def _allowed(token: Token) -> set[int]:
    """The axes a garbled axis copy may be: its digits as read, or with the degree sign read as a digit."""
    digits = re.sub(r"\D", "", token.text)
    return axis_readings(int(digits), token.text) if digits else set()
