"""Layout drift on IOLMaster 500 printouts: header, summaries and lens-box rows moved and rescaled (up to 10 % of the
page) still read exactly, because the parser finds eye blocks by the gap between the halves and lens boxes by their
own `Emme. IOL:` lines and table headers, never by coordinates.

The drift is applied to the generator's drawing (`tests.unit.devices.test_layout_drift.drifted`); the default test
reads the drifted drawing's text layer, the slow one the device frames rasterised from it (OCR).
"""

from __future__ import annotations

import pytest

from biometry.evaluate import compare
from biometry.models import BiometryResult
from biometry.parse import parse_bytes
from biometry.synth.iolmaster500.plan import make_plan
from biometry.synth.iolmaster500.report import Iom500Case, build_truth, device_frames, render_text_pdf
from tests.unit.devices.test_layout_drift import drifted

# Fractions of the page height: header, summaries (or the AL section), first and second box row (or the sections below)
BANDS_500 = ((0.0, 0.235), (0.235, 0.365), (0.365, 0.55), (0.55, 0.93))
CASES = [Iom500Case(seed=seed, layout="both", missing_rate=0.0) for seed in (41, 42)]


def _drifted_drawing(case: Iom500Case, drift_seed: int) -> tuple[bytes, BiometryResult]:
    plan = make_plan(case)
    pdf = drifted(render_text_pdf(plan), drift_seed, BANDS_500)
    return pdf, BiometryResult.model_validate(build_truth(plan, pdf, "text-layer"))


def _errors(result: BiometryResult) -> list[str]:
    return [i.message for i in result.extraction.issues if i.severity == "error"][:5]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"seed-{c.seed}")
@pytest.mark.parametrize("drift_seed", [1, 2, 3])
def test_drifted_printout_reads_exactly_as_the_original(case: Iom500Case, drift_seed: int) -> None:
    pdf, truth = _drifted_drawing(case, drift_seed)
    result = parse_bytes(pdf, "drifted.pdf")
    comparison = compare(result, truth)
    assert result.status == "accepted", _errors(result)
    assert (comparison.wrong, comparison.missed) == ([], [])


@pytest.mark.slow
def test_drifted_page_images_hold_no_silent_error() -> None:
    pdf, truth = _drifted_drawing(CASES[0], 1)
    result = parse_bytes(device_frames(pdf), "drifted.pdf")
    assert result.status == "needs_review" or compare(result, truth).wrong == []
