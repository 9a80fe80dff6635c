"""What the published SRK/T, Haigis and SRK II formulas give for an eye: IOL powers to check a result box's numbers."""

from __future__ import annotations

import math

# How far a box printed to 0.01 D may lie from its published formula: the real ZEISS printouts' SRK/T and Haigis boxes
# (IOLMaster 700: 44, IOLMaster 500: 12) lie within 0.02 D, every row and emmetropia power, and the IOLMaster 500's two
# SRK II boxes' emmetropia powers so; SRK II's power differs from SRK/T's by 0.15 D and more.
FIT_D = 0.03
KERATOMETRIC_INDEX = 1.3375  # the index the devices print (`n: 1,3375`), taken where an eye's is unread
KERATOMETRIC_INDEX_SUM = 337.5  # K (D) = 337.5 / r (mm): the keratometric index 1.3375 (exports derive K so too)
_AQUEOUS_INDEX, _CORNEA_INDEX_LESS_ONE, _VERTEX_MM = 1.336, 0.333, 12.0
_HAIGIS_CORNEA_INDEX = 1.3315  # Haigis's corneal index: his corneal power from the radius, whatever the device prints


def srkt_power_d(al_mm: float, mean_k_d: float, a_constant: float, refraction_d: float = 0.0) -> float:
    """The SRK/T IOL power for a refraction at the spectacle plane (Retzlaff, Sanders and Kraff 1990; 0 D gives the
    power for emmetropia): corrected axial length, corneal width and height, the A constant's ACD offset."""
    radius_mm = KERATOMETRIC_INDEX_SUM / mean_k_d
    corrected_al = al_mm if al_mm <= 24.2 else -3.446 + 1.716 * al_mm - 0.0237 * al_mm * al_mm
    width = -5.41 + 0.58412 * corrected_al + 0.098 * mean_k_d
    height = radius_mm - math.sqrt(max(radius_mm * radius_mm - width * width / 4, 0.0))
    elp = height + 0.62467 * a_constant - 68.747 - 3.336
    optical_al = al_mm + 0.65696 - 0.02029 * al_mm
    cornea = _AQUEOUS_INDEX * radius_mm
    far = cornea - _CORNEA_INDEX_LESS_ONE * optical_al
    near = cornea - _CORNEA_INDEX_LESS_ONE * elp
    spectacle = 0.001 * refraction_d
    numerator = 1000 * _AQUEOUS_INDEX * (far - spectacle * (_VERTEX_MM * far + optical_al * radius_mm))
    denominator = (optical_al - elp) * (near - spectacle * (_VERTEX_MM * near + elp * radius_mm))
    return numerator / denominator


def srk2_emmetropia_d(al_mm: float, mean_k_d: float, a_constant: float) -> float:
    """The SRK II power for emmetropia (Sanders, Retzlaff and Kraff 1988): A1 - 2.5 AL - 0.9 K, with the A constant
    raised for short and lowered for long eyes."""
    raised = 3.0 if al_mm < 20 else 2.0 if al_mm < 21 else 1.0 if al_mm < 22 else 0.0 if al_mm < 24.5 else -0.5
    return a_constant + raised - 2.5 * al_mm - 0.9 * mean_k_d


def k_from_mean_radius_d(k1_d: float, k2_d: float) -> float:
    """The mean K from the mean of K1's and K2's radii, whatever the index: the harmonic mean of the powers."""
    return 2 / (1 / k1_d + 1 / k2_d)


def corneal_radius_mm(mean_k_d: float, index: float | None = None) -> float:
    """The mean corneal radius a mean K was written from, by the eye's keratometric index (the devices' if unread)."""
    return ((index or KERATOMETRIC_INDEX) - 1) * 1000 / mean_k_d


def haigis_power_d(
    al_mm: float, acd_mm: float, radius_mm: float, constants: tuple[float, float, float], refraction_d: float = 0.0
) -> float:
    """The Haigis IOL power for a refraction at the spectacle plane (Haigis 2000): the lens plane d = a0 + a1 ACD +
    a2 AL, the corneal power from the mean radius with index 1.3315, thin-lens vergences at the 12 mm vertex."""
    a0, a1, a2 = constants
    elp_m = (a0 + a1 * acd_mm + a2 * al_mm) / 1000
    cornea_d = (_HAIGIS_CORNEA_INDEX - 1) * 1000 / radius_mm
    vergence = cornea_d + refraction_d / (1 - refraction_d * _VERTEX_MM / 1000)
    return _AQUEOUS_INDEX / (al_mm / 1000 - elp_m) - _AQUEOUS_INDEX / (_AQUEOUS_INDEX / vergence - elp_m)
