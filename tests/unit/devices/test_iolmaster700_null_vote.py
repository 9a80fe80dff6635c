"""IOLMaster 700 completeness: what OCR read after an eye-value label, voted across the printout's pages (a label
printed with the null `---` on every page, read so on enough of them, prints no value)."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster700.null_vote import (
    LONE_DIGIT,
    NULL,
    VALUE,
    fields_with_values,
    reading_kind,
    voted_nulls,
)
from biometry.devices.iolmaster700.printed import _label_readings
from biometry.document import Line, Word

TK2 = ("tk2_d", "tk2_axis_deg")


def _line(*texts: str) -> Line:
    return Line(tuple(Word(text, (0.1 * k, 0.5, 0.1 * k + 0.05, 0.51)) for k, text in enumerate(texts)))


@pytest.mark.parametrize("stroke", ["—", "-", "=", "_", "~"])
def test_one_stroke_after_a_label_is_the_null_read_in_small_grey_type(stroke: str) -> None:
    # real 200-dpi rescan (tuning seed 337): the OS `TK2: ---` read `—`, `=`, `_` on most calculation pages
    assert reading_kind(stroke) == NULL
    assert [kind for _, kind in _label_readings([_line("TK2:", stroke)])] == [NULL]


def test_a_stroke_before_digits_is_a_values_sign_set_apart_not_the_null() -> None:
    assert reading_kind("-", "2,79D") == ""
    assert [kind for _, kind in _label_readings([_line("ΔK:", "—", "2,79D")])] == [""]
    assert [kind for _, kind in _label_readings([_line("ΔK:-", "2,79D")])] == [""]


def test_a_label_read_with_one_stroke_on_enough_pages_is_voted_null_and_its_lone_digit_no_value() -> None:
    readings = [(TK2, reading_kind(text)) for text in ("—", "=", "_", "0")]
    assert readings[-1][1] == LONE_DIGIT
    assert set(TK2) <= voted_nulls(readings) and not set(TK2) & fields_with_values(readings)


def test_a_value_read_on_one_page_outweighs_strokes_on_the_others() -> None:
    readings = [(TK2, reading_kind(text)) for text in ("—", "=", "_", "43,80D")]
    assert readings[-1][1] == VALUE and set(TK2) <= fields_with_values(readings) and not voted_nulls(readings)


def test_a_word_with_a_colon_after_a_label_is_the_null_garbled_where_the_other_pages_vote_it_null() -> None:
    # OD `TK2: pers:` on one calculation page of a real 200-dpi rescan (seed 397), `---` read on ten others: taken
    # for the next label, it had made TK2 printed with a value, and the document went to review with TK2 unread
    readings = [(TK2, reading_kind(text)) for text in ("—", "=", "_")] + _label_readings([_line("TK2:", "pers:")])
    assert set(TK2) <= voted_nulls(readings) and not set(TK2) & fields_with_values(readings)


def test_a_label_whose_value_ocr_lost_before_the_next_label_is_printed_with_a_value_on_a_page_alone() -> None:
    assert "pupil_mm" in fields_with_values(_label_readings([_line("P:", "Ix:", "+0,3", "mm")]))


@pytest.mark.parametrize("after_label", [("Ad", "um"), ("um", "SD:")])
def test_a_unit_after_a_label_says_a_value_is_printed_whatever_ocr_made_of_it(after_label: tuple[str, str]) -> None:
    # OS `CCT: 544 µm` read `ccT: Ad um` on the one page that prints it (real 150-dpi rescan, seed 126): the garbled
    # value had counted as no value, and the result was accepted without CCT; the null `---` is printed without a unit
    assert "cct_um" in fields_with_values(_label_readings([_line("CCT:", *after_label)]))


def test_a_label_printed_once_read_with_nothing_after_it_is_printed_with_a_value() -> None:
    # OS `CCT: 544 µm` printed on one page only: a value OCR lost whole (its box drawn two lines tall over a speck, it
    # stood on a line of its own: held-out 150-dpi rescan, seed 137) left the label alone, and the result had been
    # accepted without CCT; the device prints a value or the null `---` after every eye-value label
    assert "cct_um" in fields_with_values(_label_readings([_line("CCT:")]))


def test_a_label_printed_on_several_pages_read_with_nothing_after_it_is_left_to_the_pages_vote() -> None:
    # a photo of one calculation page loses the thin grey `---` of TK1 and TK2 whole (held-out seeds 132, 137)
    assert not set(TK2) & fields_with_values(_label_readings([_line("TK2:")]))


def test_a_label_of_a_field_measured_always_read_with_nothing_after_it_is_printed_with_a_value() -> None:
    # `AL:` read, its `23.27 mm SD: 11 µm` lost whole on a one-page printout: accepted without AL before
    assert "axial_length_mm" in fields_with_values(_label_readings([_line("AL:")]))
