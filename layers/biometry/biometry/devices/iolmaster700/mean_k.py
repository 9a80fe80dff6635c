"""IOLMaster 700: SE (the mean K) read differently on two pages is the reading that K1 and K2 give.

The device prints SE from the same radii as K1 and K2: SE is their harmonic mean, 2·K1·K2 / (K1 + K2) (the diopters
of the mean radius). From the printed, rounded K1 and K2 that mean lies within 0.01 D of the printed SE (the real
printout and the generator: at most 0.0083 D over 132 eyes). Where the pages read SE as two or more values and K1 and
K2 are read without conflict, the one reading within SE_TOLERANCE_D of their mean is SE, and only where every other
reading lies beyond SE_OTHERS_BEYOND_D (a reading one digit off in the last place may lie as near: review). Noted
`ocr_mean_k_by_keratometry`; else `conflicting_values` stays (review).
"""

from __future__ import annotations

from biometry.devices.collect import EyeCollector
from biometry.models import EyeSide, Issue

SE_TOLERANCE_D = 0.0095  # the printed SE lies this near the harmonic mean of the printed K1 and K2
SE_OTHERS_BEYOND_D = 0.015  # ... and every other reading this far from it, or none is taken
_FIELD = "mean_k_d"


def settle_mean_k(collector: EyeCollector) -> None:
    """Where SE was read as different values, the one K1 and K2 give (see the module), with a note."""
    for side in collector.sides():
        readings = collector.readings(side, _FIELD)
        values = {value for value, _ in readings}
        mean = _harmonic_mean_k(collector, side)
        if len(values) < 2 or mean is None or not collector.raised("conflicting_values", side, _FIELD):
            continue
        near = [value for value in values if abs(value - mean) <= SE_TOLERANCE_D]
        others = [value for value in values if value not in near]
        if len(near) != 1 or any(abs(value - mean) <= SE_OTHERS_BEYOND_D for value in others):
            continue
        winner = near[0]
        collector.correct(side, _FIELD, winner)
        collector.provenance[f"{side}.{_FIELD}"] = next(where for value, where in readings if value == winner)
        collector.withdraw("conflicting_values", side, _FIELD)
        message = (
            f"{side} SE read as {sorted(values)}: {winner} is the mean of K1 and K2 ({mean:.3f} D), "
            f"the other reading(s) OCR's misread."
        )
        collector.issues.append(
            Issue(code="ocr_mean_k_by_keratometry", severity="info", eye=side, field=_FIELD, message=message)
        )


def _harmonic_mean_k(collector: EyeCollector, side: EyeSide) -> float | None:
    """2·K1·K2 / (K1 + K2) of the eye's K1 and K2, or None where either is unread or read as two values."""
    k1, k2 = collector.value(side, "k1_d"), collector.value(side, "k2_d")
    if not isinstance(k1, float) or not isinstance(k2, float) or k1 + k2 <= 0:
        return None
    if collector.raised("conflicting_values", side, "k1_d") or collector.raised("conflicting_values", side, "k2_d"):
        return None
    return 2 * k1 * k2 / (k1 + k2)
