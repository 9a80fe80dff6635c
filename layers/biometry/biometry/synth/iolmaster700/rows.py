"""The label/value/unit rows an IOLMaster 700 prints for one eye, with `---` and `(!)`/`(*)` flags."""

from __future__ import annotations

from dataclasses import dataclass

from biometry.synth.case import EyePlan, Style
from biometry.synth.l10n import DecimalMark, number
from biometry.synth.values import Keratometry

FLAG_MARK = {"borderline": "(!)", "edited": "(*)"}
MISSING = "---"


@dataclass(frozen=True, slots=True)
class Row:
    """One printed measurement: each part becomes its own text object in its own column."""

    label: str
    value: str
    unit: str
    axis: str = ""
    flag: str = ""
    sd: tuple[str, str] | None = None
    extras: tuple[str, ...] = ()


def length_rows(eye: EyePlan, style: Style, mark: DecimalMark, with_sd: bool = True) -> list[Row]:
    """AL, CCT, ACD, LT with their SDs in µm."""
    v, um = eye.values, f"{style.micro}m"
    specs = (
        ("AL:", "axial_length_mm", v.axial_length_mm, 2, "mm", "AL"),
        ("CCT:", "cct_um", v.cct_um, 0, um, "CCT"),
        ("ACD:", "acd_mm", v.acd_mm, 2, "mm", "ACD"),
        ("LT:", "lens_thickness_mm", v.lens_thickness_mm, 2, "mm", "LT"),
    )
    rows = []
    for label, field, value, decimals, unit, sd_key in specs:
        sd = (str(v.sd_um[sd_key]), um) if with_sd and field not in eye.missing else None
        rows.append(_row(eye, label, field, number(value, decimals, mark), unit, sd=sd))
    return rows


def white_to_white_rows(eye: EyePlan, mark: DecimalMark) -> list[Row]:
    """WTW and P, each followed by the centre offsets `Ix:` and `Iy:`."""
    ix_w, iy_w, ix_p, iy_p = (f"{number(o, 1, mark, True)} mm" for o in eye.values.offsets_mm)
    return [
        _row(eye, "WTW:", "wtw_mm", number(eye.values.wtw_mm, 1, mark), "mm", extras=(f"Ix: {ix_w}", f"Iy: {iy_w}")),
        _row(eye, "P:", "pupil_mm", number(eye.values.pupil_mm, 1, mark), "mm", extras=(f"Ix: {ix_p}", f"Iy: {iy_p}")),
    ]


def k_rows(eye: EyePlan, style: Style, mark: DecimalMark, total: bool = False, with_sd: bool = True) -> list[Row]:
    """SE, K1, K2, ΔK (or TSE, TK1, TK2, ΔTK); ΔK negative at the flat axis."""
    k: Keratometry = eye.values.tk if total else eye.values.k
    t = "T" if total else ""
    sd = (number(eye.values.k_sd_d, 2, mark), "D") if with_sd else None
    flags = ("", "") if total else ("k1_d", "k2_d")
    return [
        Row(f"{t}SE:", number(k.mean_k_d, 2, mark), "D", sd=sd),
        _row(eye, f"{t}K1:", flags[0], number(k.k1_d, 2, mark), "D", _axis(k.k1_axis_deg, style), sd),
        _row(eye, f"{t}K2:", flags[1], number(k.k2_d, 2, mark), "D", _axis(k.k2_axis_deg, style), sd),
        Row(f"{style.delta}{t}K:", number(k.delta_k_d, 2, mark), "D", _axis(k.k1_axis_deg, style)),
    ]


def _axis(degrees: int, style: Style) -> str:
    return f"{style.axis_gap}{degrees}{style.degree}"


def _row(
    eye: EyePlan,
    label: str,
    field: str,
    value: str,
    unit: str,
    axis: str = "",
    sd: tuple[str, str] | None = None,
    extras: tuple[str, ...] = (),
) -> Row:
    if field in eye.missing:
        return Row(label, MISSING, unit)
    return Row(label, value, unit, axis, FLAG_MARK.get(eye.flags.get(field, ""), ""), sd, extras)
