"""The published SRK/T and SRK II formulas against the real IOLMaster 700 printout's SRK/T boxes."""

from __future__ import annotations

from biometry.formula_powers import srk2_emmetropia_d, srkt_power_d
from tests.real_reports import real_report


def _srkt_boxes() -> list[tuple[dict[str, float], dict[str, object]]]:
    _, truth = real_report("iolmaster700-ptbr.pdf")
    eyes = truth.result.eyes
    return [
        (getattr(eyes, calc.eye).model_dump(), calc.model_dump())
        for calc in truth.result.iol_calculations
        if calc.formula == "SRK/T"
    ]


def test_srkt_gives_the_printed_emmetropia_power_of_every_real_srkt_box() -> None:
    for eye, calc in _srkt_boxes():
        power = srkt_power_d(eye["axial_length_mm"], eye["mean_k_d"], calc["constants"]["a_constant"])  # type: ignore[index]
        assert abs(power - calc["emmetropia_power_d"]) < 0.015  # type: ignore[operator]


def test_srkt_gives_every_real_srkt_rows_power_for_its_refraction() -> None:
    for eye, calc in _srkt_boxes():
        a_constant = calc["constants"]["a_constant"]  # type: ignore[index]
        for row in calc["rows"]:  # type: ignore[attr-defined]
            power = srkt_power_d(eye["axial_length_mm"], eye["mean_k_d"], a_constant, row["refraction_d"])
            assert abs(power - row["iol_power_d"]) < 0.015


def test_srk2_differs_from_the_real_srkt_boxes_emmetropia_powers() -> None:
    for eye, calc in _srkt_boxes():
        power = srk2_emmetropia_d(eye["axial_length_mm"], eye["mean_k_d"], calc["constants"]["a_constant"])  # type: ignore[index]
        assert abs(power - calc["emmetropia_power_d"]) > 0.1  # type: ignore[operator]
