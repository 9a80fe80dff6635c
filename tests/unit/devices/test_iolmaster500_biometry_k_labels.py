"""IOLMaster 500 `K1:`/`K2:` labels as OCR reads the frames: `K]1:` (a bracket glued inside)."""

from __future__ import annotations

from tests.unit.devices.test_iolmaster500_layout import _page, _parse


def test_a_summary_k1_read_with_a_bracket_inside_is_read() -> None:
    result = _parse(_page([(0.10, 0.24, "K]1: 44.00 D / 7.67 mm @ 171°"), (0.10, 0.26, "K2: 44.76 D / 7.54 mm @ 81°")]))
    eye = result.eyes.OD
    assert eye is not None and (eye.k1_d, eye.k1_radius_mm, eye.k1_axis_deg) == (44.00, 7.67, 171)
