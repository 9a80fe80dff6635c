"""Mean K is the harmonic mean of K1 and K2 (K from the mean radius): three values printed to 0.01 D lie within
0.0125 D of it, so a last digit misread in K1 or K2 shows against the printed mean."""

from __future__ import annotations

from biometry.models import Eye
from biometry.rules import check_eye


def _codes(**values: float) -> set[str]:
    return {issue.code for issue in check_eye("OS", Eye.model_validate(values))}


def test_the_real_iolmaster500_eye_furthest_from_its_rounding_agrees() -> None:
    assert "mean_k_mismatch" not in _codes(k1_d=44.35, k2_d=45.42, mean_k_d=44.89)  # 0.0114 D apart


def test_a_last_digit_misread_in_k1_disagrees_with_the_printed_mean() -> None:
    assert "mean_k_mismatch" in _codes(k1_d=44.30, k2_d=45.42, mean_k_d=44.89)  # `44,35` read `44,30`


def test_radii_alone_are_held_to_their_coarser_rounding() -> None:
    assert "mean_k_mismatch" not in _codes(k1_radius_mm=7.61, k2_radius_mm=7.43, mean_k_d=44.89)
