"""The lens model of an IOLMaster 500 box caption, as printed and as OCR reads the bold Times."""

from __future__ import annotations

import pytest

from biometry.devices.collect import EyeCollector
from biometry.devices.iolmaster500.boxes import Box
from biometry.devices.iolmaster500.iol import (
    SRK_BY_ROWS,
    _caption_constant_problems,
    _formula_without_flat_specks,
    _srk_by_precision,
    formula_name,
    formula_of,
    model_of,
)
from biometry.devices.measurements import Token
from biometry.document import Line, Page, Word
from biometry.lens_catalogue import catalogue_name, is_known_model


@pytest.mark.parametrize(
    ("caption", "model"),
    [
        ("OptA119.1MA60AC", "MA60AC"),
        ("OPT 115.54 MTA3U0", "MTA3U0"),
        ("OptA119.1MA60AC =", "MA60AC"),  # the box's right rule read after the caption
        ("|}OPT 118.70 SA60AT", "SA60AT"),  # its left rule before it
        ("OptAl15.5MTA3U0", "MTA3U0"),  # a 1 of the constant read as l
        ("Opt A119. 1IMA60AC", "MA60AC"),  # a stroke doubled after the constant's last digit
        ("Opt Al 19.0SN60WF", "SN60WF"),  # a space inside the constant
        ("OptA! 19.0SN60WF", "SN60WF"),  # a 1 read as `!`
        ("Opt Al 15.SMTA3U0", "MTA3U0"),  # a decimal read as a letter
        ("OptAl 15.5SMTA3U0", "MTA3U0"),  # a decimal doubled
        ("Opt A119. MA60AC", "MA60AC"),  # the decimal lost
        ("OptA118.7SA60A T", "SA60AT"),  # a space inside the model
        ("Opt A119.3Z.CB00", "ZCB00"),  # the bold Z's foot read as a point
    ],
)
def test_caption_names_its_model(caption: str, model: str) -> None:
    assert model_of(caption) == model


def test_a_caption_model_ocr_spelled_with_o_for_0_stands_for_its_catalogue_name() -> None:
    assert catalogue_name(model_of("OptA! 19.3ZCBOO")) == "ZCB00"  # the parse names it so; grounding folds O and 0


@pytest.mark.parametrize("caption", ["OptAl19.1QX99ZZ", "OntAliS.5MTA300", "Opt AIL9.IMAG6DAC", "Opt A119.1SN60WE"])
def test_a_garbled_caption_names_no_model_outside_the_catalogue(caption: str) -> None:
    assert not is_known_model(model_of(caption))


def _constant(text: str) -> dict[str, Token]:
    return {"a_constant": Token(text, Word(text, (0.1, 0.1, 0.2, 0.12)))}


def test_an_srkt_constant_that_differs_from_its_caption_is_doubted() -> None:
    assert _caption_constant_problems("OptA119.1MA60AC", "SRK/T", _constant("114.10"))


def test_an_srkt_constant_as_its_caption_prints_it_is_not_doubted() -> None:
    assert _caption_constant_problems("Opt A119. 1MA60AC", "SRK/T", _constant("119.10")) == []


def test_a_caption_whose_constant_ocr_garbled_checks_nothing() -> None:
    assert _caption_constant_problems("OptAl19.1MA60AC", "SRK/T", _constant("114.10")) == []


@pytest.mark.parametrize("caption", ["HofferQ", "HofferOQ", "HofferO"])
def test_hoffer_q_caption_as_ocr_reads_it(caption: str) -> None:
    assert formula_name(caption) == "Hoffer Q"


def _header_page(line: str) -> Page:
    words = [Word(t, (0.1 + 0.06 * i, 0.09, 0.15 + 0.06 * i, 0.1)) for i, t in enumerate(line.split())]
    return Page(number=2, width_pt=598.6, height_pt=863.0, source="ocr", words=words)


@pytest.mark.parametrize("title", ["Formnula: Haigis", "Formnula: Haigis a"])
def test_a_formula_title_ocr_garbled_still_names_the_pages_formula(title: str) -> None:
    assert formula_of(_header_page(f"ID: TEST-2461 {title}"), EyeCollector()) == "Haigis"


def test_a_title_naming_srk_with_its_suffix_garbled_leaves_each_box_to_its_rows_precision() -> None:
    page_formula = formula_of(_header_page("ID: TEST-2461 Formula: SRK@YT"), EyeCollector())
    assert page_formula == SRK_BY_ROWS
    assert _srk_by_precision(page_formula, _box("OptA119.1MA60AC", ".2f")) == "SRK/T"


def test_a_mark_read_far_right_of_the_formula_title_is_no_part_of_it() -> None:
    words = [Word("ID:", (0.203, 0.093, 0.224, 0.102)), Word("4691040", (0.233, 0.093, 0.299, 0.102)),
             Word("Formula:", (0.586, 0.092, 0.651, 0.102)), Word("HofferQ", (0.661, 0.092, 0.722, 0.104)),
             Word("aie", (0.851, 0.080, 0.898, 0.102))]  # fmt: skip  # `aie`: a mark in the photo box (a rescan)
    page = Page(number=3, width_pt=598.6, height_pt=863.0, source="ocr", words=words)
    assert formula_of(page, EyeCollector()) == "Hoffer Q"


def test_a_garbled_title_naming_no_formula_names_none() -> None:
    assert formula_of(_header_page("Fantasia: Bob"), EyeCollector()) is None


def _box(caption: str, refraction_format: str) -> Box:
    def line(text: str, y: float) -> Line:
        return Line(tuple(Word(t, (0.1 + 0.06 * i, y, 0.15 + 0.06 * i, y + 0.01)) for i, t in enumerate(text.split())))

    texts = [f"{22.0 - 0.5 * i:.1f} {format(-1.0 + 0.35 * i, refraction_format)}" for i in range(7)]
    rows = [line(text, 0.5 + 0.013 * i) for i, text in enumerate(texts)]
    return Box(head=[line(caption, 0.45)], rows=rows)


@pytest.mark.parametrize(("refraction_format", "formula"), [(".1f", "SRK II"), (".2f", "SRK/T")])
def test_a_caption_read_as_srk_alone_is_named_by_its_rows_precision(refraction_format: str, formula: str) -> None:
    assert _srk_by_precision("SRK®", _box("SRK®", refraction_format)) == formula


def test_a_caption_read_as_srk_alone_over_rows_of_mixed_precision_names_no_formula() -> None:
    box = _box("SRK®", ".2f")
    box.rows[3] = Line((box.rows[3].words[0], Word("0.1", box.rows[3].words[1].bbox)))
    assert _srk_by_precision("SRK®", box) is None


def test_a_speck_read_after_a_caption_is_no_part_of_its_catalogue_model() -> None:
    assert model_of("OptA119.1IMA60AC a") == "MA60AC"


def test_a_caption_outside_the_catalogue_keeps_the_speck_after_it() -> None:
    assert model_of("OPT 119.00 SN60WE a") == "OPT 119.00 SN60WE a"


@pytest.mark.parametrize(("refraction_format", "formula"), [(".1f", "SRK II"), (".2f", "SRK/T")])
def test_a_caption_read_as_srk_and_a_garbled_glyph_is_named_by_its_rows_precision(
    refraction_format: str, formula: str
) -> None:
    assert _srk_by_precision("SRK® 0", _box("SRK® 0", refraction_format)) == formula


@pytest.mark.parametrize(("refraction_format", "formula"), [(".1f", "SRK II"), (".2f", "SRK/T")])
def test_a_caption_read_as_srk_and_three_garbled_glyphs_is_named_by_its_rows_precision(
    refraction_format: str, formula: str
) -> None:
    # `SRK®/T` read `SRK® IIT` on a 300-dpi rescan: `II` + `T` or `/T`, never guessed from the caption alone
    assert formula_name("SRK® IIT") is None
    assert _srk_by_precision("SRK® IIT", _box("SRK® IIT", refraction_format)) == formula


def test_a_caption_naming_srk_and_more_than_three_glyphs_is_not_named_by_its_rows() -> None:
    assert _srk_by_precision("SRK® IIT a", _box("SRK® IIT a", ".2f")) is None


def _caption_box(*words: tuple[str, float]) -> Box:
    """A box whose caption line holds these words (text, height as a page fraction), side by side."""
    line = [Word(text, (0.52 + 0.1 * i, 0.428, 0.57 + 0.1 * i, 0.428 + tall)) for i, (text, tall) in enumerate(words)]
    return Box(head=[Line(tuple(line))])


def test_a_flat_mark_read_beside_a_formula_caption_is_no_part_of_it() -> None:
    # real 200-dpi rescan seed 5, page 6: the OS Haigis caption read `Haigis a`, its `a` a rule's remains 0.0003 high
    assert _formula_without_flat_specks(_caption_box(("Haigis", 0.016), ("a", 0.0003))) == "Haigis"


def test_a_glyph_of_the_captions_own_size_stays_part_of_it() -> None:
    assert _formula_without_flat_specks(_caption_box(("Haigis", 0.016), ("L", 0.012))) is None
