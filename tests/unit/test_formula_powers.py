"""The published SRK/T, Haigis and SRK II formulas against the real ZEISS printouts' boxes (IOLMaster 700 and 500)."""

from __future__ import annotations

import pytest

from biometry.formula_powers import KERATOMETRIC_INDEX_SUM, haigis_power_d, srk2_emmetropia_d, srkt_power_d
from biometry.models import Eye, IolCalculation
from tests.real_reports import real_report

ZEISS_PRINTOUTS = ("iolmaster700-ptbr.pdf", "iolmaster500-exam1.pdf")
PRINTED_FIT_D = 0.02  # the boxes' inputs and results are printed to 0.01


def _boxes(report: str, formula: str) -> list[tuple[Eye, IolCalculation]]:
    _, truth = real_report(report)
    eyes = truth.result.eyes
    return [(getattr(eyes, calc.eye), calc) for calc in truth.result.iol_calculations if calc.formula == formula]


def _haigis(eye: Eye, calc: IolCalculation, refraction_d: float) -> float:
    constants = (calc.constants["a0"], calc.constants["a1"], calc.constants["a2"])
    radius_mm = KERATOMETRIC_INDEX_SUM / eye.mean_k_d  # type: ignore[operator]
    return haigis_power_d(eye.axial_length_mm, eye.acd_mm, radius_mm, constants, refraction_d)  # type: ignore[arg-type]


def _srkt(eye: Eye, calc: IolCalculation, refraction_d: float) -> float:
    return srkt_power_d(eye.axial_length_mm, eye.mean_k_d, calc.constants["a_constant"], refraction_d)  # type: ignore[arg-type]


@pytest.mark.parametrize("report", ZEISS_PRINTOUTS)
@pytest.mark.parametrize(("formula", "power"), [("SRK/T", _srkt), ("Haigis", _haigis)])
def test_the_formula_gives_every_real_box_its_printed_emmetropia_power_and_rows(report: str, formula: str,
                                                                                power: object) -> None:  # fmt: skip
    boxes = _boxes(report, formula)
    assert boxes
    for eye, calc in boxes:
        assert abs(power(eye, calc, 0.0) - calc.emmetropia_power_d) <= PRINTED_FIT_D  # type: ignore[operator]
        for row in calc.rows:
            assert abs(power(eye, calc, row.refraction_d) - row.iol_power_d) <= PRINTED_FIT_D  # type: ignore[operator]


def test_srk2_gives_the_real_srk2_boxes_emmetropia_power() -> None:
    boxes = _boxes("iolmaster500-exam1.pdf", "SRK II")
    assert boxes
    for eye, calc in boxes:
        power = srk2_emmetropia_d(eye.axial_length_mm, eye.mean_k_d, calc.constants["a_constant"])  # type: ignore[arg-type]
        assert abs(power - calc.emmetropia_power_d) <= PRINTED_FIT_D  # type: ignore[operator]


def test_srk2_differs_from_the_real_srkt_boxes_emmetropia_powers() -> None:
    for eye, calc in _boxes("iolmaster700-ptbr.pdf", "SRK/T"):
        power = srk2_emmetropia_d(eye.axial_length_mm, eye.mean_k_d, calc.constants["a_constant"])  # type: ignore[arg-type]
        assert abs(power - calc.emmetropia_power_d) > 0.1  # type: ignore[operator]
