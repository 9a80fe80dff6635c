"""IOLMaster 500 measurement page: an eye's `ACD: 3.08 mm` line the page pass lost is read again alone."""

from __future__ import annotations

from dataclasses import replace

from PIL import Image

from biometry.devices.iolmaster500.acd_lines import with_acd_lines
from biometry.document import Line, Word, group_lines


def _acd_lines(words: list[Word]) -> list[Line]:
    return [line for line in group_lines(words) if line.words[0].text == "ACD:"]


def _acd_texts(words: list[Word]) -> list[str]:
    return [
        " ".join(w.text for w in line.words[i : i + 3])
        for line in _acd_lines(words)
        for i, w in enumerate(line.words)
        if w.text == "ACD:"
    ]


def test_acd_lines_the_page_pass_lost_are_read_again_as_printed(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_measurement_page
    printed = _acd_texts(words)
    assert len(printed) == 2  # one line per eye
    lost = [w for line in _acd_lines(words) for w in line.words]
    again = with_acd_lines(image, [w for w in words if w not in lost])
    assert sorted(_acd_texts(again)) == sorted(printed)


def test_acd_lines_read_as_printed_keep_their_words(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_measurement_page
    assert with_acd_lines(image, words) == words


def test_a_reading_that_is_no_acd_line_changes_nothing(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_measurement_page
    blank = Image.new("L", image.size, 255)  # the page's words, but no line (nor rules) on the image
    garbled = [replace(w, text="pe") if w.text == "ACD:" else w for w in words]
    assert with_acd_lines(blank, garbled) == garbled
