"""EyeSuite prints no plus sign, so a minus OCR lost from a small refraction leaves it in the printed form; the bend of
the refractions' curve at that row is the only witness, bound at the printouts' own 0.02 D."""

from __future__ import annotations

import pytest

from biometry.models import IolCalculation, IolRow
from biometry.rules import check_iol

# The real Eyestar 900's OS EYHANCE table (its middle row `17.00 -0.01` highlighted)
_PRINTED = [(16.0, 0.66), (16.5, 0.33), (17.0, -0.01), (17.5, -0.34), (18.0, -0.69)]


def _codes(middle: float, device_model: str) -> set[str]:
    pairs = [*_PRINTED[:2], (17.0, middle), *_PRINTED[3:]]
    rows = [IolRow(iol_power_d=p, refraction_d=r, selected=i == 2) for i, (p, r) in enumerate(pairs)]
    calculation = IolCalculation(eye="OS", formula="Barrett Universal II", iol_model="EYHANCE",
                                 target_refraction_d=0.0, rows=rows)  # fmt: skip
    return {issue.code for issue in check_iol(0, calculation, ocr=True, device_model=device_model)}


@pytest.mark.parametrize(("middle", "doubted"), [(-0.01, False), (0.01, True)])  # as printed; its minus lost
def test_an_eyestar_refraction_that_lost_its_minus_bends_the_curve_past_the_printouts_bound(
    middle: float, doubted: bool
) -> None:
    assert ("iol_refraction_curve" in _codes(middle, "Eyestar 900")) == doubted
