"""IOLMaster 700: a formula caption OCR garbled between SRK/T and SRK II (`SRK@IT` for `SRK®/T`, one letter from
each name; `SRKQ@IT`) is named by the box's own numbers, never by the letters alone.

The box is SRK/T when the published SRK/T formula, from the eye's printed AL and SE and the box's A constant, gives the
box's printed emmetropia power and, for every row's refraction, the row's power (within TOLERANCE_D: the printout
rounds each input and result to 0.01), while SRK II's power for emmetropia is further off. Else the caption stays
unknown and the document goes to review.
"""

from __future__ import annotations

import re

from biometry import formulas
from biometry.devices.iolmaster700.boxes import IolBox, formulas_one_letter_off
from biometry.formula_powers import srk2_emmetropia_d, srkt_power_d
from biometry.models import Eye, Issue

TOLERANCE_D = 0.03  # the real printout's 22 SRK/T boxes: at most 0.011 D from the formula; SRK II 0.15 D and more
SRK_NAMES = frozenset({"SRK/T", "SRK II"})
_SRK_GARBLED = re.compile(r"^SRK\S{1,4}$")
ROWS_PRINTED = 5


def settle_srk_caption(box: IolBox, eye: Eye | None) -> Issue | None:
    """Name the box SRK/T when its caption is one letter from both SRK/T and SRK II and its numbers are SRK/T's (see
    the module); the note says so. None (the box as read) otherwise."""
    if box.formula in formulas.KNOWN_FORMULAS or not _names_srk(box.formula):
        return None
    if eye is None or not _numbers_are_srkt(box, eye):
        return None
    read, box.formula = box.formula, "SRK/T"
    message = f"A caption read {read!r} names SRK/T: the box's emmetropia power and rows are the SRK/T formula's."
    return Issue(code="ocr_formula_by_numbers", severity="info", message=message)


def _names_srk(caption: str) -> bool:
    """A caption one letter from both SRK names (`SRK@IT`), or `SRK` and up to four characters OCR garbled after it
    (`SRKQ@IT`): SRK/T or SRK II, which only the numbers tell apart."""
    return formulas_one_letter_off(caption) == SRK_NAMES or bool(_SRK_GARBLED.match(caption.strip()))


def _numbers_are_srkt(box: IolBox, eye: Eye) -> bool:
    al_mm, mean_k_d = eye.axial_length_mm, eye.mean_k_d
    a_token = box.constants.get("a_constant")
    a_constant = a_token.number if a_token is not None else None
    emmetropia = box.emmetropia.number if box.emmetropia is not None else None
    if al_mm is None or mean_k_d is None or a_constant is None or emmetropia is None:
        return False
    rows = [(power.number, refraction.number) for power, refraction, _ in box.rows]
    if len(rows) != ROWS_PRINTED or any(p is None or r is None for p, r in rows):
        return False
    fits = abs(srkt_power_d(al_mm, mean_k_d, a_constant) - emmetropia) <= TOLERANCE_D
    unlike_srk2 = abs(srk2_emmetropia_d(al_mm, mean_k_d, a_constant) - emmetropia) > TOLERANCE_D
    rows_fit = all(
        abs(srkt_power_d(al_mm, mean_k_d, a_constant, r) - p) <= TOLERANCE_D  # type: ignore[operator,arg-type]
        for p, r in rows
    )
    return fits and unlike_srk2 and rows_fit
