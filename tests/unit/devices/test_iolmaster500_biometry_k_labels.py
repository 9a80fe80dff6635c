"""IOLMaster 500 `K1:`/`K2:` labels as OCR reads the frames: `K]1:` (a bracket glued inside), `K]:` (the digit
lost, named by its place above `K2:`)."""

from __future__ import annotations

from tests.unit.devices.test_iolmaster500_layout import _page, _parse


def test_a_summary_k1_read_with_a_bracket_inside_is_read() -> None:
    result = _parse(_page([(0.10, 0.24, "K]1: 44.00 D / 7.67 mm @ 171°"), (0.10, 0.26, "K2: 44.76 D / 7.54 mm @ 81°")]))
    eye = result.eyes.OD
    assert eye is not None and (eye.k1_d, eye.k1_radius_mm, eye.k1_axis_deg) == (44.00, 7.67, 171)


def test_a_summary_k_label_whose_digit_is_lost_is_k1_above_the_k2_line() -> None:
    result = _parse(_page([(0.10, 0.24, "K]: 44.06 D / 7.66 mm @ 161°"), (0.10, 0.26, "K2: 44.12 D / 7.65 mm @ 71°")]))
    eye = result.eyes.OD
    assert eye is not None and (eye.k1_d, eye.k1_radius_mm, eye.k1_axis_deg) == (44.06, 7.66, 161)


def test_a_k_label_whose_digit_is_lost_is_no_k1_without_the_k2_line_under_it() -> None:
    result = _parse(_page([(0.10, 0.24, "K]: 44.06 D / 7.66 mm @ 161°"), (0.10, 0.26, "Cyl.: 0.00 D @ 161°")]))
    assert result.eyes.OD is None or result.eyes.OD.k1_d is None


def test_a_summary_k1_whose_digit_is_read_as_a_letter_is_k1_above_the_k2_line() -> None:
    result = _parse(_page([(0.10, 0.24, "Kt: 42.13 D / 8.01 mm @ 94°"), (0.10, 0.26, "K2: 42.19 D / 8.00 mm @ 4°")]))
    eye = result.eyes.OD
    assert eye is not None and (eye.k1_d, eye.k1_radius_mm, eye.k1_axis_deg) == (42.13, 8.01, 94)


def test_a_summary_k1_read_after_the_blocks_eye_label_is_named_by_its_place_too() -> None:
    result = _parse(_page([(0.10, 0.24, "OD Kt: 42.13 D / 8.01 mm @ 94°"), (0.10, 0.26, "K2: 42.19 D / 8.00 mm @ 4°")]))
    eye = result.eyes.OD
    assert eye is not None and (eye.k1_d, eye.k1_radius_mm, eye.k1_axis_deg) == (42.13, 8.01, 94)
