"""The lens model of an IOLMaster 500 box caption, as printed and as OCR reads the bold Times."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster500.iol import _caption_constant_problems, formula_name, model_of
from biometry.devices.measurements import Token
from biometry.document import Word
from biometry.lens_catalogue import is_known_model


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
