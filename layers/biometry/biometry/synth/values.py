"""Physiologically consistent random eye values for synthetic reports (rounded as printed)."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from biometry.formula_powers import KERATOMETRIC_INDEX_SUM as K_FACTOR  # K[D] = 337.5 / r[mm]

KERATOMETRIC_INDEX = 1.3375


@dataclass(frozen=True, slots=True)
class Keratometry:
    """Flat (1) and steep (2) meridians: radii, powers, axes 90 degrees apart, mean K from mean radius."""

    r1_mm: float
    r2_mm: float
    k1_d: float
    k2_d: float
    k1_axis_deg: int
    k2_axis_deg: int
    mean_k_d: float

    @property
    def delta_k_d(self) -> float:
        """Cylinder as printed: negative, at the flat (K1) axis."""
        return round(self.k1_d - self.k2_d, 2)


@dataclass(frozen=True, slots=True)
class EyeValues:
    """One eye's biometry, each value rounded as the report prints it; SDs in µm (lengths) or D (K)."""

    axial_length_mm: float
    k: Keratometry
    tk: Keratometry
    acd_mm: float
    lens_thickness_mm: float
    wtw_mm: float
    cct_um: int
    pupil_mm: float
    sd_um: dict[str, int]
    k_sd_d: float
    offsets_mm: tuple[float, float, float, float]


def keratometry(r_mean_mm: float, r_diff_mm: float, flat_axis_deg: int) -> Keratometry:
    """Keratometry from the mean radius, the radius difference (>= 0) and the flat axis."""
    r1 = round(_clip(r_mean_mm + r_diff_mm / 2, 7.0, 8.6), 2)
    r2 = round(_clip(r_mean_mm - r_diff_mm / 2, 7.0, r1), 2)
    axis1 = flat_axis_deg % 181
    axis2 = axis1 + 90 if axis1 <= 90 else axis1 - 90
    return Keratometry(
        r1_mm=r1,
        r2_mm=r2,
        k1_d=round(K_FACTOR / r1, 2),
        k2_d=round(K_FACTOR / r2, 2),
        k1_axis_deg=axis1,
        k2_axis_deg=axis2,
        mean_k_d=round(K_FACTOR / ((r1 + r2) / 2), 2),
    )


def random_eye(rng: random.Random) -> EyeValues:
    """A plausible eye: longer eyes have flatter corneas, with-the-rule astigmatism is most common."""
    al = round(_clip(rng.gauss(23.6, 1.3), 20.0, 30.0), 2)
    r_mean = _clip(rng.gauss(7.75 + 0.08 * (al - 23.6), 0.22), 7.1, 8.5)
    r_diff = _clip(abs(rng.gauss(0.0, 0.12)), 0.0, 0.5)
    axis = rng.choice([rng.randint(0, 20), rng.randint(160, 180), rng.randint(0, 180)])
    return _with_rest(al, keratometry(r_mean, r_diff, axis), rng)


def fellow_eye(eye: EyeValues, rng: random.Random, anisometropia: bool = False) -> EyeValues:
    """The other eye of the same patient: similar (AL within 0.3 mm, K within 1 D) unless anisometropic."""
    shift = rng.uniform(0.8, 2.5) * rng.choice([-1, 1]) if anisometropia else rng.uniform(-0.25, 0.25)
    al = round(_clip(eye.axial_length_mm + shift, 20.0, 30.0), 2)
    r_mean = (eye.k.r1_mm + eye.k.r2_mm) / 2 + rng.uniform(-0.06, 0.06)
    r_diff = max(0.0, eye.k.r1_mm - eye.k.r2_mm + rng.uniform(-0.03, 0.03))
    axis = _clip_int(180 - eye.k.k1_axis_deg + rng.randint(-5, 5), 0, 180)
    fellow = _with_rest(al, keratometry(r_mean, r_diff, axis), rng)
    return replace(
        fellow,
        acd_mm=round(_clip(eye.acd_mm + rng.uniform(-0.1, 0.1), 2.2, 4.2), 2),
        lens_thickness_mm=round(_clip(eye.lens_thickness_mm + rng.uniform(-0.1, 0.1), 3.5, 5.5), 2),
        wtw_mm=round(_clip(eye.wtw_mm + rng.uniform(-0.2, 0.2), 11.0, 13.0), 1),
        cct_um=_clip_int(eye.cct_um + rng.randint(-8, 8), 480, 620),
    )


def _with_rest(al: float, k: Keratometry, rng: random.Random) -> EyeValues:
    return EyeValues(
        axial_length_mm=al,
        k=k,
        tk=_total_keratometry(k, rng),
        acd_mm=round(_clip(rng.gauss(3.1, 0.35), 2.2, 4.2), 2),
        lens_thickness_mm=round(_clip(rng.gauss(4.5, 0.4), 3.5, 5.5), 2),
        wtw_mm=round(_clip(rng.gauss(12.0, 0.4), 11.0, 13.0), 1),
        cct_um=_clip_int(round(rng.gauss(545, 30)), 480, 620),
        pupil_mm=round(rng.uniform(2.5, 6.0), 1),
        sd_um={name: rng.randint(lo, hi) for name, lo, hi in _SD_RANGES_UM},
        k_sd_d=round(rng.uniform(0.01, 0.05), 2),
        offsets_mm=tuple(round(rng.uniform(-0.5, 0.5), 1) for _ in range(4)),  # type: ignore[arg-type]
    )


_SD_RANGES_UM = (("AL", 2, 15), ("CCT", 1, 6), ("ACD", 3, 20), ("LT", 5, 30))


def _total_keratometry(k: Keratometry, rng: random.Random) -> Keratometry:
    r_mean = (k.r1_mm + k.r2_mm) / 2 + rng.uniform(-0.04, 0.04)
    r_diff = max(0.0, k.r1_mm - k.r2_mm + rng.uniform(-0.03, 0.03))
    return keratometry(r_mean, r_diff, _clip_int(k.k1_axis_deg + rng.randint(-4, 4), 0, 180))


def _clip(value: float, lo: float, hi: float) -> float:
    return min(max(value, lo), hi)


def _clip_int(value: int, lo: int, hi: int) -> int:
    return min(max(value, lo), hi)
