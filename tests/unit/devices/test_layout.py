"""Layout helpers: the eye label of a half page, as printed and as OCR reads it."""

from __future__ import annotations

import pytest

from biometry.devices.layout import eye_label
from biometry.document import Word


def label(*texts: str, height: float = 0.05) -> tuple[str, str] | None:
    words = [Word(text, (0.1 * k, 0.1, 0.1 * k + 0.08, 0.1 + height)) for k, text in enumerate(texts)]
    found = eye_label(words)
    return None if found is None else (found[0], found[1].text)


@pytest.mark.parametrize(("text", "side"), [("OD", "OD"), ("OS", "OS"), ("OSOSOS", "OS"), ("OSs", "OS"), ("ODD", "OD")])
def test_eye_label_as_printed_overprinted_or_with_a_doubled_last_letter(text: str, side: str) -> None:
    assert label(text, "right", "eye") == (side, text)


@pytest.mark.parametrize("text", ["0S", "OSD", "ODS", "O", "S", "Os5"])
def test_other_readings_are_no_eye_label(text: str) -> None:
    assert label(text) is None


def test_two_labels_of_the_same_size_name_no_eye() -> None:
    assert label("OD", "OS") is None
