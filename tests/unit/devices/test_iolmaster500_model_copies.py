"""IOLMaster 500 lens names: a caption garbled before its model is named by the lens another box names."""

from __future__ import annotations

from biometry.devices.iolmaster500.model_copies import (
    BoxPlace,
    ends_with_model,
    one_glyph_off,
    with_models_named_elsewhere,
    with_models_of_the_other_eye,
)
from biometry.models import EyeSide, IolCalculation


def _calculation(model: str) -> IolCalculation:
    return IolCalculation(eye="OD", formula="SRK/T", iol_model=model)


def test_a_garbled_caption_ending_with_a_lens_another_box_names_is_that_lens() -> None:
    settled = with_models_named_elsewhere([_calculation("MTA3U0"), _calculation("Opt ALIS SMTA3U0")])
    assert [c.iol_model for c in settled] == ["MTA3U0", "MTA3U0"]


def test_a_garbled_caption_whose_lens_no_other_box_names_stays_as_read() -> None:
    settled = with_models_named_elsewhere([_calculation("SN60WF"), _calculation("OptALISSMTA3U0")])
    assert settled[1].iol_model == "OptALISSMTA3U0"


def test_a_model_read_in_ocr_spelling_ends_the_caption() -> None:
    assert ends_with_model("Opt ALI9.CSN6OWF", "SN60WF")


def test_a_name_one_letter_off_the_lens_does_not_end_with_it() -> None:
    assert not ends_with_model("SN60WE", "SN60WF")


def _box(eye: EyeSide, model: str, a_constant: float = 118.8) -> IolCalculation:
    return IolCalculation(eye=eye, formula="SRK II", iol_model=model, constants={"a_constant": a_constant})


def _places(*sides: EyeSide) -> list[BoxPlace]:
    return [BoxPlace(page=5, side=side, rank=0, boxes=1) for side in sides]


def test_a_name_one_glyph_off_its_twins_lens_is_that_lens() -> None:
    # OS's `SN60WF` read `SNOOWF` (a bold 6 read O) beside OD's `SN60WF`, the same formula and A constant
    settled = with_models_of_the_other_eye([_box("OD", "SN60WF"), _box("OS", "SNOOWF")], _places("OD", "OS"))
    assert [c.iol_model for c in settled] == ["SN60WF", "SN60WF"]


def test_a_twin_with_other_constants_or_at_another_place_names_nothing() -> None:
    calculations = [_box("OD", "SN60WF", a_constant=118.4), _box("OS", "SNOOWF")]
    assert with_models_of_the_other_eye(calculations, _places("OD", "OS"))[1].iol_model == "SNOOWF"
    calculations = [_box("OD", "SN60WF"), _box("OS", "SNOOWF")]
    places = [BoxPlace(page=5, side="OD", rank=0, boxes=2), BoxPlace(page=5, side="OS", rank=0, boxes=1)]
    assert with_models_of_the_other_eye(calculations, places)[1].iol_model == "SNOOWF"
    assert with_models_of_the_other_eye(calculations, _places("OS", "OS"))[1].iol_model == "SNOOWF"


def test_a_name_two_glyphs_off_the_twins_lens_stays_as_read() -> None:
    assert not one_glyph_off("SNOOWE", "SN60WF")
    assert one_glyph_off("SN6GWF", "SN60WF") and one_glyph_off("SN 6OWE", "SN60WF")
    settled = with_models_of_the_other_eye([_box("OD", "SN60WF"), _box("OS", "SNOOWE")], _places("OD", "OS"))
    assert settled[1].iol_model == "SNOOWE"
