"""The IOLMaster 500 `Pup: 4.8 mm` lines are read again alone where two readings agree."""

from __future__ import annotations

from dataclasses import replace

from PIL import Image

from biometry.devices.iolmaster500.pupil_lines import PUP_LABEL, with_pupil_lines
from biometry.document import Word
from tests.factories import words_after


def _pupils(words: list[Word]) -> list[str]:
    return words_after(PUP_LABEL, words)


def test_pupils_the_page_pass_misread_are_read_again_as_printed(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_measurement_page
    printed = _pupils(words)
    garbled = [replace(w, text=w.text.replace("8", "3").replace("6", "5")) if w.text in printed else w for w in words]
    assert len(printed) == 6 and _pupils(garbled) != printed and _pupils(with_pupil_lines(image, garbled)) == printed


def test_a_page_without_pupils_keeps_its_words(iolmaster500_measurement_page: tuple[Image.Image, list[Word]]) -> None:
    image, words = iolmaster500_measurement_page
    others = [w for w in words if not PUP_LABEL.match(w.text)]
    assert with_pupil_lines(image, others) == others
