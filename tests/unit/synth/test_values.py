"""Eye values are physiologically consistent and rounded as printed."""

from __future__ import annotations

import random

import pytest

from biometry.synth.values import K_FACTOR, fellow_eye, random_eye

SEEDS = range(200)


@pytest.mark.parametrize("seed", SEEDS)
def test_k_is_337_5_over_radius(seed: int) -> None:
    k = random_eye(random.Random(seed)).k
    assert abs(k.k1_d - K_FACTOR / k.r1_mm) <= 0.02 and abs(k.k2_d - K_FACTOR / k.r2_mm) <= 0.02


@pytest.mark.parametrize("seed", SEEDS)
def test_mean_k_comes_from_mean_radius_not_mean_power(seed: int) -> None:
    k = random_eye(random.Random(seed)).k
    assert abs(k.mean_k_d - K_FACTOR / ((k.r1_mm + k.r2_mm) / 2)) <= 0.02


@pytest.mark.parametrize("seed", SEEDS)
def test_k1_is_the_flat_meridian(seed: int) -> None:
    k = random_eye(random.Random(seed)).k
    assert k.r1_mm >= k.r2_mm and k.k1_d <= k.k2_d


@pytest.mark.parametrize("seed", SEEDS)
def test_axes_are_90_degrees_apart_within_0_to_180(seed: int) -> None:
    eye = random_eye(random.Random(seed))
    for k in (eye.k, eye.tk):
        assert abs(k.k1_axis_deg - k.k2_axis_deg) == 90
        assert 0 <= k.k1_axis_deg <= 180 and 0 <= k.k2_axis_deg <= 180


def test_delta_k_is_negative_cylinder() -> None:
    eyes = [random_eye(random.Random(seed)) for seed in SEEDS]
    assert all(e.k.delta_k_d == round(e.k.k1_d - e.k.k2_d, 2) <= 0 for e in eyes)


@pytest.mark.parametrize("seed", SEEDS)
def test_values_stay_in_their_documented_ranges(seed: int) -> None:
    eye = random_eye(random.Random(seed))
    assert 20 <= eye.axial_length_mm <= 30 and 7.0 <= eye.k.r2_mm <= eye.k.r1_mm <= 8.6
    assert 2.2 <= eye.acd_mm <= 4.2 and 3.5 <= eye.lens_thickness_mm <= 5.5 and 11 <= eye.wtw_mm <= 13
    assert 480 <= eye.cct_um <= 620 and 2.5 <= eye.pupil_mm <= 6.0


@pytest.mark.parametrize("seed", SEEDS)
def test_fellow_eye_is_similar(seed: int) -> None:
    rng = random.Random(seed)
    first = random_eye(rng)
    second = fellow_eye(first, rng)
    assert abs(first.axial_length_mm - second.axial_length_mm) <= 0.3
    assert abs(first.k.k1_d - second.k.k1_d) <= 1.0 and abs(first.k.k2_d - second.k.k2_d) <= 1.0


def test_anisometropic_fellow_eye_differs_in_length() -> None:
    pairs = [(e := random_eye(rng := random.Random(s)), fellow_eye(e, rng, anisometropia=True)) for s in SEEDS]
    differences = [abs(a.axial_length_mm - b.axial_length_mm) for a, b in pairs]
    assert sum(d > 0.3 for d in differences) > 0.9 * len(differences)
