"""The lens model of an IOLMaster 500 box caption, as printed and as OCR reads the bold Times."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster500.iol import _caption_constant_problems, formula_name, model_of
from biometry.devices.measurements import Token
from biometry.document import Word


@pytest.mark.parametrize(
    ("caption", "model"),
    [
        ("OptA119.1MA60AC", "MA60AC"),
        ("OPT 115.54 MTA3U0", "MTA3U0"),
        ("OptA119.1MA60AC =", "MA60AC"),  # the box's right rule read after the caption
        ("|}OPT 118.70 SA60AT", "SA60AT"),  # its left rule before it
        ("OptAl15.5MTA3U0", "MTA3U0"),  # a 1 of the constant read as l
        ("Opt A119. 1IMA60AC", "MA60AC"),  # a stroke doubled after the constant's last digit
    ],
)
def test_caption_names_its_model(caption: str, model: str) -> None:
    assert model_of(caption) == model


def test_a_garbled_constant_names_no_model_outside_the_catalogue() -> None:
    assert model_of("OptAl19.1QX99ZZ") == "OptAl19.1QX99ZZ"


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
