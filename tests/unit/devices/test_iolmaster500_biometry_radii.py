"""The IOLMaster 500 summary `K1: 45.30 D / 7.45 mm @ 16°` gives its radius also where OCR lost the radius's point."""

from __future__ import annotations

from biometry.models import BiometryResult
from tests.unit.devices.test_iolmaster500_layout import _errors, _page, _parse


def _summary(k1: str) -> BiometryResult:
    return _parse(_page([(0.25, 0.235, "AL: 23.41 mm (SNR = 122.6)"), (0.25, 0.25, k1),
                         (0.25, 0.265, "K2: 45.49 D / 7.42 mm @ 106°")]))  # fmt: skip


def test_a_radius_whose_point_ocr_lost_is_read_with_it_back() -> None:
    eye = _summary("K1: 45.30 D / 745 mm @ 16°").eyes.OD
    assert eye is not None and (eye.k1_d, eye.k1_radius_mm, eye.k1_axis_deg) == (45.30, 7.45, 16)


def test_a_restored_radius_that_disagrees_with_its_power_goes_to_review_unread() -> None:
    result = _summary("K1: 45.30 D / 754 mm @ 16°")
    assert result.eyes.OD is not None and (result.eyes.OD.k1_d, result.eyes.OD.k1_radius_mm) == (None, None)
    assert "printed_value_unread" in _errors(result)
