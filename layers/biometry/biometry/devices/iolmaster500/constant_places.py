"""IOLMaster 500 constants lines named by their place in a box when OCR garbled one label.

A Haigis box prints `A0 const:`, `A1 const:` and `A2 const:` on three lines, top to bottom (the real multi-formula
page and every generated one). OCR of the device frames reads the `2` of the last label as `?` (`A? const: 0.208`,
read so by two preparations of three) or drops it (`A const:`), which names no Haigis constant. Where the two other
lines are read with their own labels at their own places, the third line's place names it; never where two labels
are garbled (a0, a1 and a2 differ by one glyph and nothing on the page checks a1 or a2).
"""

from __future__ import annotations

import re

# A label that keeps the shape of `A<digit> const:` with the digit lost or garbled (letters and digits only:
# `A? const:` -> `aconst`), naming no Haigis constant.
_GARBLED_INDEXED_LABEL = re.compile(r"^a[a-z]?const$")

Placed = tuple[int, str, str]  # the line a value stands on, its constant's name as read, its label as read


def named_by_place(placed: list[Placed], printed_order: list[str]) -> dict[int, str]:
    """{index in `placed`: the constant its place names} for the one value whose label names none of the box's
    constants, where each value stands on a line of its own, the box's lines in order, and every other value at its
    printed place; empty otherwise."""
    if len(placed) != len(printed_order) or len(printed_order) < 2:
        return {}
    if [line for line, _, _ in placed] != list(range(len(printed_order))):
        return {}
    unnamed = [i for i, (_, name, _) in enumerate(placed) if name not in printed_order]
    if len(unnamed) != 1 or not _GARBLED_INDEXED_LABEL.match(placed[unnamed[0]][2]):
        return {}
    at_place = all(name == printed_order[i] for i, (_, name, _) in enumerate(placed) if i != unnamed[0])
    return {unnamed[0]: printed_order[unnamed[0]]} if at_place else {}
