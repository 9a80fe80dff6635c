"""IOL power tables: emmetropia power, five rows in 0.50 D steps, the row closest to target selected."""

from __future__ import annotations

from dataclasses import dataclass

from biometry.synth.values import EyeValues

FORMULA_OFFSET_D = {
    "Barrett Universal II": 0.15,
    "Haigis": -0.20,
    "Holladay 2": 0.05,
    "SRK/T": 0.0,
    "Hoffer Q": -0.10,
}
_CURVATURE = 0.006  # slight nonlinearity of refraction versus power


@dataclass(frozen=True, slots=True)
class IolTable:
    """Rows as printed top to bottom (power descending, refraction ascending) and the selected row."""

    rows: tuple[tuple[float, float], ...]
    selected: int
    emmetropia_power_d: float


def emmetropia_power(eye: EyeValues, a_constant: float, formula: str) -> float:
    """An SRK-like emmetropia power from AL, mean K and ACD, shifted a little per formula."""
    offset = FORMULA_OFFSET_D.get(formula, 0.0)
    if formula == "Haigis":
        offset += 0.3 * (eye.acd_mm - 3.1)
    return a_constant - 2.5 * eye.axial_length_mm - 0.9 * eye.k.mean_k_d + offset


def iol_table(eye: EyeValues, a_constant: float, formula: str, target_d: float) -> IolTable:
    """Five powers centred on the 0.50 D step nearest the power that gives the target refraction."""
    p_e = emmetropia_power(eye, a_constant, formula)
    slope = _slope(eye.axial_length_mm)
    centre = round((p_e - target_d / slope) * 2) / 2
    powers = [centre + 1.0 - 0.5 * i for i in range(5)]
    rows = tuple((p, _zero(round(refraction(p, p_e, slope), 2))) for p in powers)
    selected = min(range(5), key=lambda i: (abs(rows[i][1] - target_d), i))
    return IolTable(rows=rows, selected=selected, emmetropia_power_d=round(p_e, 2))


def refraction(power_d: float, emmetropia_d: float, slope: float) -> float:
    """Refraction at the spectacle plane for an IOL power: about -0.7 D per +1 D of IOL."""
    delta = power_d - emmetropia_d
    return -slope * delta - _CURVATURE * delta * delta


def _slope(al_mm: float) -> float:
    return min(max(0.7 + 0.03 * (23.5 - al_mm), 0.55), 0.9)


def _zero(value: float) -> float:
    return 0.0 if value == 0 else value
