"""IOLMaster 500 lens names: a caption garbled before its model is named by the lens another box names."""

from __future__ import annotations

from biometry.devices.iolmaster500.model_copies import ends_with_model, with_models_named_elsewhere
from biometry.models import IolCalculation


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
