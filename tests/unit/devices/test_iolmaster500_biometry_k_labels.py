"""IOLMaster 500 `K1:`/`K2:` labels as OCR reads the frames: `K]1:` (a bracket glued inside), `K]:` (the digit
lost, named by its place above `K2:`)."""

from __future__ import annotations

from tests.unit.devices.test_iolmaster500_layout import EXAM_DATE, _page, _parse


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


def test_a_summary_k_axis_glued_to_the_radius_unit_is_read() -> None:
    # seed-174 rescan 0009: the OS `K2: 42.83 D/ 7.88 mm @ 91°` read `K2: 42.83 D/7.88 mm@91°`
    result = _parse(_page([(0.10, 0.24, "K1: 42.40 D/7.96 mm@1°"), (0.10, 0.26, "K2: 42.83 D/7.88 mm@91°")]))
    eye = result.eyes.OD
    assert eye is not None and (eye.k1_axis_deg, eye.k2_axis_deg, eye.k2_radius_mm) == (1, 91, 7.88)


def test_a_single_k_reading_whose_axis_ocr_read_with_a_slash_is_no_result_line() -> None:
    # seed-174 scan 0036: the measurement page's OS `K1: 44.35 D x 1° 7.61 mm` read `K1: 44.35 Dx 1/0 7.61 mm`
    cells = [EXAM_DATE, (0.64, 0.12, "n: 1.3375"), (0.53, 0.52, "MV: 44.35/45.30 D"),
             (0.53, 0.53, "K1: 44.35 Dx 1/0 7.61 mm"), (0.53, 0.545, "K2: 45.30 Dx 91° 7.45 mm"),
             (0.10, 0.52, "MV: 44.00/45.00 D")]  # fmt: skip
    result = _parse(_page(cells))
    assert result.eyes.OS is not None and result.eyes.OS.k1_d == 44.35
    assert "printed_value_unread" not in {i.code for i in result.extraction.issues}
