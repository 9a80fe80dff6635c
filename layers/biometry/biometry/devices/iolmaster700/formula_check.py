"""IOLMaster 700: a formula caption OCR garbled or lost is named by the box's own numbers, never by letters alone.

A caption between SRK/T and SRK II (`SRK@IT` for `SRK®/T`, one letter from each name; `SRKQ@IT`) is SRK/T when the
published SRK/T formula, from the eye's printed AL and SE and the box's A constant, gives the box's printed emmetropia
power and, for every row's refraction, the row's power (within FIT_D: the printout rounds each input and result
to 0.01), while SRK II's power for emmetropia is further off. A box printing Haigis's constants (`A0: A1: A2:`) whose
caption OCR lost or garbled past a name is Haigis when the Haigis formula (from AL, ACD and SE) gives its emmetropia
power and every row so (a constant OCR read without its mark, `+0210`, taken as printed: signed, three
decimals), while Haigis-L, which prints the same constants, is further off. A box whose caption OCR
lost whole and which prints one A constant (as SRK/T, SRK II, Kane, Hill-RBF, T2 do) is SRK/T only where the other
eye's box at its place on the page names SRK/T (the printout lays both eyes' boxes out alike) and its numbers are
SRK/T's, not SRK II's. Else the caption stays unknown and the document goes to review.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from biometry import formulas
from biometry.devices.iolmaster700.boxes import IolBox, formulas_one_letter_off
from biometry.devices.measurements import Token
from biometry.formula_powers import FIT_D, corneal_radius_mm, haigis_power_d, srk2_emmetropia_d, srkt_power_d
from biometry.models import Eye, Issue
from biometry.normalize import canonical

SRK_NAMES = frozenset({"SRK/T", "SRK II"})
_SRK_GARBLED = re.compile(r"^SRK\S{1,4}$")
ROWS_PRINTED = 5
HAIGIS_CONSTANTS = frozenset({"a0", "a1", "a2"})  # what a Haigis box prints, and a Haigis-L box too
_MARK_LOST = re.compile(r"([+-])(\d{4})")  # a Haigis constant `+0,210` read without its mark


def settle_captions_by_numbers(boxes: list[tuple[IolBox, Eye | None]]) -> list[Issue]:
    """Name every box whose caption OCR garbled or lost by its numbers (`settle_caption_by_numbers`); a box whose
    caption OCR lost whole is looked at again once the others are named, as the other eye's box at its place may be
    one (`SRK@IT` there, named SRK/T by its own numbers). The notes."""
    notes = [note for box, eye in boxes if (note := settle_caption_by_numbers(box, eye))]
    return notes + [note for box, eye in boxes if (note := settle_lost_srkt_caption(box, eye))]


def settle_caption_by_numbers(box: IolBox, eye: Eye | None) -> Issue | None:
    """Name a box whose caption OCR garbled or lost by its numbers (SRK/T or Haigis, see the module); the note says
    so. None (the box as read) otherwise."""
    return settle_srk_caption(box, eye) or settle_haigis_caption(box, eye) or settle_lost_srkt_caption(box, eye)


def settle_lost_srkt_caption(box: IolBox, eye: Eye | None) -> Issue | None:
    """Name SRK/T a box whose caption OCR lost whole (no formula read) when the other eye's box at its place names
    SRK/T and its own numbers are SRK/T's, not SRK II's (see the module): an A constant alone is printed by several
    formulas, so the numbers alone do not name it. None (the box as read) otherwise."""
    mirror = box.mirror.formula if box.mirror is not None else ""
    if box.formula or mirror != "SRK/T" or set(box.constants) != {"a_constant"} or eye is None:
        return None
    if not numbers_are_srkt(box, eye):
        return None
    box.formula = "SRK/T"
    message = "A caption OCR lost names SRK/T: the other eye's box at its place is SRK/T, and its numbers are SRK/T's."
    return Issue(code="ocr_formula_by_numbers", severity="info", message=message)


def settle_haigis_caption(box: IolBox, eye: Eye | None) -> Issue | None:
    """Name Haigis a box printing Haigis's constants whose caption names no formula, when its numbers are Haigis's
    and not Haigis-L's (see the module). None (the box as read) otherwise."""
    if box.formula in formulas.KNOWN_FORMULAS or set(box.constants) != HAIGIS_CONSTANTS or eye is None:
        return None
    if not _numbers_are(box, _haigis_power(eye, box, corrected=False)):
        return None
    if _numbers_are(box, _haigis_power(eye, box, corrected=True), rows=False):
        return None
    read, box.formula = box.formula, "Haigis"
    message = f"A caption read {read!r} names Haigis: the box's constants, emmetropia power and rows are Haigis's."
    return Issue(code="ocr_formula_by_numbers", severity="info", message=message)


def _as_printed(constant: Token) -> float | None:
    """A Haigis constant's value; one OCR read without its decimal mark (`+0210`) as the device prints every Haigis
    constant, signed with three decimals (+0.210). Only the formula check reads it so: the box keeps the token as
    read (a copy of the constant fills it, `constant_copies`, or the document goes to review)."""
    lost = _MARK_LOST.fullmatch(canonical(constant.text))
    if lost is None:
        return constant.number
    return (-1 if lost.group(1) == "-" else 1) * int(lost.group(2)) / 1000


def _haigis_power(eye: Eye, box: IolBox, *, corrected: bool) -> Callable[[float], float] | None:
    """The Haigis IOL power for a refraction at the spectacle plane (`formula_powers.haigis_power_d`), or Haigis-L's
    (Haigis 2008: the radius corrected for laser refractive surgery); None without AL, ACD, SE or a constant."""
    constants = [_as_printed(box.constants[name]) for name in ("a0", "a1", "a2")]
    al_mm, acd_mm, mean_k_d = eye.axial_length_mm, eye.acd_mm, eye.mean_k_d
    if al_mm is None or acd_mm is None or not mean_k_d or any(c is None for c in constants):
        return None
    radius_mm = corneal_radius_mm(mean_k_d, eye.keratometric_index)
    if corrected:
        radius_mm = 331.5 / (-5.1625 * radius_mm + 82.2603 - 0.35)
    a0, a1, a2 = constants
    return lambda refraction_d: haigis_power_d(al_mm, acd_mm, radius_mm, (a0, a1, a2), refraction_d)  # type: ignore[arg-type]


def _numbers_are(box: IolBox, power: Callable[[float], float] | None, *, rows: bool = True) -> bool:
    """Whether a formula's `power` (refraction -> IOL power) gives the box's emmetropia power and, with `rows`, every
    one of its five rows' powers, within FIT_D."""
    emmetropia = box.emmetropia.number if box.emmetropia is not None else None
    if power is None or emmetropia is None or abs(power(0.0) - emmetropia) > FIT_D:
        return False
    if not rows:
        return True
    read = [(p.number, r.number) for p, r, _ in box.rows]
    if len(read) != ROWS_PRINTED or any(p is None or r is None for p, r in read):
        return False
    return all(abs(power(r) - p) <= FIT_D for p, r in read)  # type: ignore[arg-type,operator]


def settle_srk_caption(box: IolBox, eye: Eye | None) -> Issue | None:
    """Name the box SRK/T when its caption is one letter from both SRK/T and SRK II and its numbers are SRK/T's (see
    the module); the note says so. None (the box as read) otherwise."""
    if box.formula in formulas.KNOWN_FORMULAS or not _names_srk(box.formula):
        return None
    if eye is None or not numbers_are_srkt(box, eye):
        return None
    read, box.formula = box.formula, "SRK/T"
    message = f"A caption read {read!r} names SRK/T: the box's emmetropia power and rows are the SRK/T formula's."
    return Issue(code="ocr_formula_by_numbers", severity="info", message=message)


def _names_srk(caption: str) -> bool:
    """A caption one letter from both SRK names (`SRK@IT`), or `SRK` and up to four characters OCR garbled after it
    (`SRKQ@IT`): SRK/T or SRK II, which only the numbers tell apart."""
    return formulas_one_letter_off(caption) == SRK_NAMES or bool(_SRK_GARBLED.match(caption.strip()))


def numbers_are_srkt(box: IolBox, eye: Eye, constant: Token | None = None) -> bool:
    """Whether the box's emmetropia power and five rows are the SRK/T formula's (within FIT_D) from the eye's AL
    and SE and the box's A constant (or `constant`), and its emmetropia power is not SRK II's."""
    al_mm, mean_k_d = eye.axial_length_mm, eye.mean_k_d
    a_token = constant or box.constants.get("a_constant")
    a_constant = a_token.number if a_token is not None else None
    emmetropia = box.emmetropia.number if box.emmetropia is not None else None
    if al_mm is None or mean_k_d is None or a_constant is None or emmetropia is None:
        return False
    rows = [(power.number, refraction.number) for power, refraction, _ in box.rows]
    if len(rows) != ROWS_PRINTED or any(p is None or r is None for p, r in rows):
        return False
    fits = abs(srkt_power_d(al_mm, mean_k_d, a_constant) - emmetropia) <= FIT_D
    unlike_srk2 = abs(srk2_emmetropia_d(al_mm, mean_k_d, a_constant) - emmetropia) > FIT_D
    rows_fit = all(
        abs(srkt_power_d(al_mm, mean_k_d, a_constant, r) - p) <= FIT_D  # type: ignore[operator,arg-type]
        for p, r in rows
    )
    return fits and unlike_srk2 and rows_fit
