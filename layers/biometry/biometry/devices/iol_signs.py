"""Refraction signs OCR lost (a minus hidden in a box edge, or not printed by the scan): restored only when exactly
one sign makes the table consistent, with the steps next to the row as even as the table's others."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable

from biometry.devices.measurements import Token

# Real tables vary by ~0.02 D a step; a wrong sign moves the two steps next to the row by 2|value|, so a refraction
# with |value| below ~0.03 D fits either sign and stays unresolved.
SIGN_STEP_TOLERANCE_D = 0.04

Row = tuple[Token, Token, bool]  # power, refraction, printed bold


def restore_sign(rows: list[Row], index: int, fits: Callable[[list[Row]], bool]) -> list[Row] | None:
    """The rows with row `index`'s refraction given the one sign that `fits` the table; None when none or both do."""
    power, refraction, bold = rows[index]
    digits = refraction.text.lstrip("+-")
    valid = []
    for text in (digits, f"-{digits}") if refraction.number else (digits,):  # 0.00 has no sign to lose
        candidate = [*rows]
        candidate[index] = (power, Token(text, refraction.word), bold)
        if fits(candidate) and steps_even_around(candidate, index):
            valid.append(candidate)
    return valid[0] if len(valid) == 1 else None


def steps_even_around(rows: list[Row], index: int) -> bool:
    """The two refraction steps next to row `index` are within SIGN_STEP_TOLERANCE_D of the table's other steps."""
    refractions = [r.number or 0.0 for _, r, _ in rows]
    steps = [b - a for a, b in itertools.pairwise(refractions)]
    near = {index - 1, index} & set(range(len(steps)))
    others = [s for i, s in enumerate(steps) if i not in near]
    if not others:
        return False
    typical = statistics.median(others)
    return all(abs(steps[i] - typical) <= SIGN_STEP_TOLERANCE_D for i in near)
