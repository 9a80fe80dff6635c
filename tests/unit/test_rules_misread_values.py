"""Values printed once that only a rule of their own can doubt when OCR (or an LLM) may have misread a digit: the
keratometric index (keratometers are set to a few) and total keratometry (it lies near the keratometry)."""

from __future__ import annotations

import pytest

from biometry.models import Eye
from biometry.rules import check_eye_read


def _codes(**values: float) -> set[str]:
    return {issue.code for issue in check_eye_read("OD", Eye.model_validate(values))}


@pytest.mark.parametrize(("index", "doubted"), [(1.3375, False), (1.332, False), (1.3376, True), (1.3875, True)])
def test_an_index_no_keratometer_is_set_to_is_doubted(index: float, doubted: bool) -> None:
    assert ("index_unverified" in _codes(keratometric_index=index)) == doubted


@pytest.mark.parametrize(("tk2", "doubted"), [(43.38, False), (42.10, False), (48.38, True)])  # `43,38` read `48,38`
def test_a_total_keratometry_far_from_the_keratometry_is_doubted(tk2: float, doubted: bool) -> None:
    assert ("tk_far_from_k" in _codes(k1_d=42.99, k2_d=43.16, tk1_d=43.21, tk2_d=tk2)) == doubted
