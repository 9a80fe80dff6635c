"""IOL tables follow the cross-checks that hold on real reports."""

from __future__ import annotations

import itertools
import random

import pytest

from biometry.formula_powers import KERATOMETRIC_INDEX_SUM, haigis_power_d, srkt_power_d
from biometry.synth.iol import iol_table
from biometry.synth.lenses import FORMULAS, LENSES
from biometry.synth.values import random_eye

TARGETS = (0.0, -0.25, -0.5, -1.0)
TABLES = [
    (iol_table(random_eye(random.Random(seed)), lens.a_constant, FORMULAS[seed % 5], target, lens.haigis), target)
    for seed, lens in ((seed, LENSES[seed % 6]) for seed in range(60))
    for target in TARGETS
]


@pytest.mark.parametrize(("table", "target"), TABLES)
def test_powers_descend_in_half_dioptre_steps(table, target) -> None:  # type: ignore[no-untyped-def]
    powers = [p for p, _ in table.rows]
    assert len(powers) == 5 and all(a - b == 0.5 for a, b in itertools.pairwise(powers))


@pytest.mark.parametrize(("table", "target"), TABLES)
def test_refractions_ascend(table, target) -> None:  # type: ignore[no-untyped-def]
    refractions = [r for _, r in table.rows]
    assert all(a < b for a, b in itertools.pairwise(refractions))


@pytest.mark.parametrize(("table", "target"), TABLES)
def test_selected_row_is_closest_to_target(table, target) -> None:  # type: ignore[no-untyped-def]
    distances = [abs(r - target) for _, r in table.rows]
    assert distances[table.selected] == min(distances)


@pytest.mark.parametrize(("table", "target"), TABLES)
def test_emmetropia_power_lies_between_rows_bracketing_zero(table, target) -> None:  # type: ignore[no-untyped-def]
    brackets = [(a, b) for a, b in itertools.pairwise(table.rows) if a[1] <= 0 <= b[1]]
    for (high_power, _), (low_power, _) in brackets:
        assert low_power <= table.emmetropia_power_d <= high_power


def test_slope_is_about_minus_0_7_dioptres_per_dioptre() -> None:
    slopes = [(t.rows[4][1] - t.rows[0][1]) / -2.0 for t, _ in TABLES]
    assert all(-0.95 <= s <= -0.5 for s in slopes)


def test_emmetropia_powers_are_realistic() -> None:
    powers = [t.emmetropia_power_d for t, _ in TABLES]
    assert min(powers) > 0 and max(powers) < 35 and 15 < sum(powers) / len(powers) < 25


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("formula", ["SRK/T", "Haigis"])
def test_srkt_and_haigis_tables_are_the_published_formulas_as_the_real_zeiss_printouts(seed: int, formula: str) -> None:
    eye, lens = random_eye(random.Random(seed)), LENSES[seed % 6]
    table = iol_table(eye, lens.a_constant, formula, -0.25, lens.haigis)
    radius_mm = KERATOMETRIC_INDEX_SUM / eye.k.mean_k_d

    def power(refraction_d: float) -> float:
        if formula == "SRK/T":
            return srkt_power_d(eye.axial_length_mm, eye.k.mean_k_d, lens.a_constant, refraction_d)
        return haigis_power_d(eye.axial_length_mm, eye.acd_mm, radius_mm, lens.haigis, refraction_d)

    assert abs(power(0.0) - table.emmetropia_power_d) <= 0.005
    assert all(abs(power(refraction) - iol_power) <= 0.01 for iol_power, refraction in table.rows)
