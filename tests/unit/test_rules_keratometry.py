"""Mean K is K from the mean radius (the harmonic mean of K1 and K2: IOLMaster 700, EyeSuite) or the mean of the
powers (IOLMaster 500). Three values printed to 0.01 D lie within 0.0125 D of it, so a last digit misread in K1 or K2
shows against the printed mean."""

from __future__ import annotations

import pytest

from biometry.models import Eye
from biometry.rules import check_eye


def _codes(**values: float) -> set[str]:
    return {issue.code for issue in check_eye("OS", Eye.model_validate(values))}


@pytest.mark.parametrize(
    ("k1", "k2", "mean"),
    [
        (41.45, 43.80, 42.59),  # the real IOLMaster 700's OS: SE from the mean radius (the mean of the powers: 42.625)
        (44.35, 45.42, 44.89),  # the real IOLMaster 500's OS: the mean of the powers (from the mean radius: 44.879)
        (42.35, 44.06, 43.21),  # a generated IOLMaster 500 eye, 1.7 D of cylinder: the two means 0.017 D apart
    ],
)
def test_the_devices_means_agree(k1: float, k2: float, mean: float) -> None:
    assert "mean_k_mismatch" not in _codes(k1_d=k1, k2_d=k2, mean_k_d=mean)


def test_a_last_digit_misread_in_k2_disagrees_with_the_printed_mean() -> None:
    assert "mean_k_mismatch" in _codes(k1_d=41.45, k2_d=43.86, mean_k_d=42.59)  # `43,80` read `43,86`


def test_radii_alone_are_held_to_their_coarser_rounding() -> None:
    assert "mean_k_mismatch" not in _codes(k1_radius_mm=7.61, k2_radius_mm=7.43, mean_k_d=44.89)
