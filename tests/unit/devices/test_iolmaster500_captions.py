"""The lens model of an IOLMaster 500 box caption, as printed and as OCR reads the bold Times."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster500.iol import model_of


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
