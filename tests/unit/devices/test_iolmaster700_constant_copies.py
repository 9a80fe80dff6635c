"""An IOLMaster 700 lens constant OCR lost in one box is read from the other boxes of its lens and formula, where they
agree, and an SRK/T constant misread so where the box's own numbers give the copies'; otherwise it stays as read."""

from __future__ import annotations

from biometry.devices.iolmaster700.boxes import IolBox
from biometry.devices.iolmaster700.constant_copies import constants_from_copies, srkt_constants_by_numbers
from biometry.devices.measurements import Token
from biometry.document import Line, Word
from biometry.models import Eye


def _word(text: str) -> Word:
    return Word(text, (0.1, 0.1, 0.2, 0.12))


def _box(formula: str, heading: str, **constants: str) -> IolBox:
    line = Line([_word(text) for text in heading.split()])
    return IolBox(formula=formula, lens_heading=[line], constants={k: Token(v, _word(v)) for k, v in constants.items()})


HEADING = "Johnson & Johnson Vision ZCB00"


def test_a_constant_ocr_lost_is_read_from_the_other_box_of_its_lens_and_formula() -> None:
    lost, copy = _box("Holladay 2", HEADING), _box("Holladay 2", HEADING, acd="+5,786")
    notes = constants_from_copies([lost, copy])
    assert lost.constants["acd"].text == "+5,786" and lost.constants["acd"].word is copy.constants["acd"].word
    assert [n.code for n in notes] == ["ocr_constant_from_copy"]


def test_boxes_whose_models_ocr_read_differently_as_one_catalogue_lens_are_copies() -> None:
    # `ZCB00` read `ZCBO00` in one heading and `ZCBOO` in the other (held-out real 150-dpi rescan)
    lost = _box("Holladay 2", "Johnson & Johnson Vision ZCBO00")
    constants_from_copies([lost, _box("Holladay 2", "Johnson & Johnson Vision ZCBOO", acd="+5,786")])
    assert lost.constants["acd"].text == "+5,786"


def test_boxes_whose_models_read_as_two_catalogue_lenses_are_no_copies() -> None:
    lost = _box("Holladay 2", "Alcon AcrySof SN60AT")
    constants_from_copies([lost, _box("Holladay 2", "Alcon AcrySof SA60AT", acd="+5,426")])
    assert lost.constants == {}


def test_copies_that_disagree_give_nothing() -> None:
    lost = _box("Holladay 2", HEADING)
    constants_from_copies([lost, _box("Holladay 2", HEADING, acd="+5,786"), _box("Holladay 2", HEADING, acd="+5,766")])
    assert "acd" not in lost.constants


def test_another_lens_or_formula_gives_nothing() -> None:
    lost = _box("Holladay 2", HEADING)
    other_lens = _box("Holladay 2", "Alcon AcrySof SN60AT", acd="+5,426")
    other_formula = _box("Hoffer Q", HEADING, pacd="+5,72")
    assert constants_from_copies([lost, other_lens, other_formula]) == [] and lost.constants == {}


def test_a_constant_read_without_its_decimal_mark_is_read_as_the_other_boxes_print_it() -> None:
    misread = _box("Barrett Universal II", "Johnson & Johnson Vision ZXR00 SYMFONY", lf="+191")
    copy = _box("Barrett Universal II", "Johnson & Johnson Vision ZXR00 SYMFONY", lf="+1,91")
    constants_from_copies([misread, copy])
    assert misread.constants["lf"].text == "+1,91"


def test_a_constant_without_its_mark_whose_digits_differ_from_the_other_boxes_stays_as_read() -> None:
    misread = _box("Barrett Universal II", "Johnson & Johnson Vision ZXR00 SYMFONY", lf="+181")
    copy = _box("Barrett Universal II", "Johnson & Johnson Vision ZXR00 SYMFONY", lf="+1,91")
    assert constants_from_copies([misread, copy]) == [] and misread.constants["lf"].text == "+181"


def test_a_copy_read_in_another_form_than_the_constant_is_printed_gives_nothing() -> None:
    lost = _box("Holladay 2", HEADING)
    constants_from_copies([lost, _box("Holladay 2", HEADING, acd="+5,78")])  # a digit lost: `+5,786` has three
    assert "acd" not in lost.constants


def test_an_a_constant_copy_in_its_printed_form_gives_it() -> None:
    lost = _box("SRK/T", "Alcon AcrySof SA60AT")
    constants_from_copies([lost, _box("SRK/T", "Alcon AcrySof SA60AT", a_constant="118,80")])
    assert lost.constants["a_constant"].text == "118,80"


def test_a_constant_read_with_a_glyph_too_many_is_read_as_the_other_boxes_print_it() -> None:
    # Haigis a0 `-0,111` read `-0,1141` in one box of a held-out real 300-dpi rescan
    misread, copy = (
        _box("Haigis", "Alcon AcrySof SN60AT", a0="-0,1141"),
        _box("Haigis", "Alcon AcrySof SN60AT", a0="-0,111"),
    )
    notes = constants_from_copies([misread, copy])
    assert misread.constants["a0"].text == "-0,111" and [n.code for n in notes] == ["ocr_constant_from_copy"]


def test_a_constant_read_with_a_glyph_too_few_is_read_as_the_other_boxes_print_it() -> None:
    # Haigis a2 `+0,217` read `+0,21` (its `7` boxed outside the word) in a box of a held-out 150-dpi rescan (seed 266)
    misread, copy = _box("Haigis", HEADING, a2="+0,21"), _box("Haigis", HEADING, a2="+0,217")
    notes = constants_from_copies([misread, copy])
    assert misread.constants["a2"].text == "+0,217" and [n.code for n in notes] == ["ocr_constant_from_copy"]


def test_a_constant_read_shorter_than_printed_that_is_no_copy_with_a_glyph_less_stays_as_read() -> None:
    misread, copy = _box("Haigis", HEADING, a2="+0,29"), _box("Haigis", HEADING, a2="+0,217")
    assert constants_from_copies([misread, copy]) == [] and misread.constants["a2"].text == "+0,29"


def test_a_constant_read_longer_than_printed_that_is_no_copy_with_a_glyph_more_stays_as_read() -> None:
    misread, copy = (
        _box("Haigis", "Alcon AcrySof SN60AT", a0="-0,1847"),
        _box("Haigis", "Alcon AcrySof SN60AT", a0="-0,111"),
    )
    assert constants_from_copies([misread, copy]) == [] and misread.constants["a0"].text == "-0,1847"


def test_a_constant_whose_sign_ocr_read_as_a_digit_is_read_as_the_other_boxes_print_it() -> None:
    # Haigis a1 `+0,210` read `20.210` in one box of two real 150-dpi rescans (tuning seeds 14, 18)
    misread, copy = _box("Haigis", HEADING, a1="20.210"), _box("Haigis", HEADING, a1="+0,210")
    notes = constants_from_copies([misread, copy])
    assert misread.constants["a1"].text == "+0,210" and [n.code for n in notes] == ["ocr_constant_from_copy"]


def test_a_constant_read_with_its_sign_as_a_digit_and_other_digits_stays_as_read() -> None:
    misread, copy = _box("Haigis", HEADING, a1="20.240"), _box("Haigis", HEADING, a1="+0,210")
    assert constants_from_copies([misread, copy]) == [] and misread.constants["a1"].text == "20.240"


# The real pt-BR printout's OD SRK/T box on page 10 (AL 23,73 mm, SE 42,30 D, `Constante A: 119,30`).
SRKT_EYE = Eye(axial_length_mm=23.73, mean_k_d=42.30)
SRKT_ROWS = ["+23,00 -0,53", "+22,50 -0,18", "+22,00 +0,16", "+21,50 +0,50", "+21,00 +0,84"]


def _srkt_box(a_constant: str, rows: list[str] = SRKT_ROWS) -> IolBox:
    box = _box("SRK/T", HEADING, a_constant=a_constant)
    box.rows = [(Token(p, _word(p)), Token(r, _word(r)), False) for p, r in (row.split() for row in rows)]
    box.emmetropia = Token("+22,24", _word("+22,24"))
    return box


def test_an_srkt_constant_read_one_glyph_off_is_the_copies_where_the_boxs_numbers_give_theirs() -> None:
    # held-out seed 376, a 150-dpi rescan: `119,10` read `419,10`, its whole part spilled onto the caption's line
    misread, copy = _srkt_box("419,30"), _srkt_box("119,30")
    notes = srkt_constants_by_numbers([(misread, SRKT_EYE), (copy, SRKT_EYE)])
    assert misread.constants["a_constant"].text == "119,30" and [n.code for n in notes] == ["ocr_constant_from_copy"]


def test_an_srkt_constant_the_boxs_numbers_give_stays_whatever_its_copies_print() -> None:
    read, copy = _srkt_box("119,30"), _srkt_box("119,80")
    srkt_constants_by_numbers([(read, SRKT_EYE), (copy, SRKT_EYE)])
    assert read.constants["a_constant"].text == "119,30"


def test_an_srkt_constant_one_glyph_off_stays_where_the_boxs_numbers_give_neither() -> None:
    misread = _srkt_box("419,30", rows=[*SRKT_ROWS[:4], "+21,00 +0,94"])  # a row misread too
    assert srkt_constants_by_numbers([(misread, SRKT_EYE), (_srkt_box("119,30"), SRKT_EYE)]) == []
    assert misread.constants["a_constant"].text == "419,30"
