"""IOLMaster 500 measurement page: an eye's `ACD: 3.08 mm` line the page pass lost is read again alone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PIL import Image

from biometry.devices.iolmaster500 import acd_lines
from biometry.devices.iolmaster500.acd_lines import with_acd_lines
from biometry.document import Line, Word, group_lines
from biometry.extract import cells
from biometry.extract.boxes import Box
from biometry.extract.cells import agreed_line


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


def test_an_acd_label_read_in_the_wrong_case_is_the_line_the_cell_prints(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a phone photo's bold Courier read alone as `acD: 3.73 mm`: the cell between the rules under the title is the
    # line, so the label is taken as printed and the length as read
    image, words = iolmaster500_measurement_page
    printed = _acd_texts(words)
    lost = [w for line in _acd_lines(words) for w in line.words]

    def lower_case_label(
        image: Image.Image, area: Box, meaning: Callable[[str], str | None], as_printed: Callable[[str], bool]
    ) -> list[Word] | None:
        line = agreed_line(image, area, meaning, as_printed)
        return [replace(line[0], text="acD:"), *line[1:]] if line else line

    monkeypatch.setattr(acd_lines, "agreed_line", lower_case_label)
    again = acd_lines.with_acd_lines(image, [w for w in words if w not in lost])
    assert sorted(_acd_texts(again)) == sorted(printed)


def test_a_word_boxed_over_the_line_and_the_reading_under_it_goes_with_the_lost_line(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    # a tilted photo: OCR boxed the OS label and the first single reading under it as one `3.74`, centred below the
    # line's cell; left there it stood between the label read again and `3.73 mm` (the ACD read as 3.74)
    image, words = iolmaster500_measurement_page
    printed = _acd_texts(words)
    lines = _acd_lines(words)
    label = next(w for w in lines[0].words if w.text == "ACD:" and w.x_center > 0.5)
    lost = [w for w in lines[0].words if w.x_center > 0.5]
    x0, y0, x1, y1 = label.bbox
    merged = Word("3.74", (x0, y0, x1, y1 + 2.5 * (y1 - y0)))  # down over the reading under the label
    again = with_acd_lines(image, [*(w for w in words if w not in lost), merged])
    assert sorted(_acd_texts(again)) == sorted(printed)
    assert merged not in again


def _read_by_preparations(readings: list[list[str]]) -> Callable[[Image.Image, Box], list[list[Word]]]:
    """A stand-in for the preparations' readings of a line: each its words side by side across the area."""

    def read(image: Image.Image, area: Box) -> list[list[Word]]:
        width, height = image.size
        placed = []
        for texts in readings:
            step = (area.x1 - area.x0) / len(texts)
            placed.append([Word(text, ((area.x0 + k * step) / width, area.y0 / height,
                                       (area.x0 + (k + 1) * step) / width, area.y1 / height))
                           for k, text in enumerate(texts)])  # fmt: skip
        return placed

    return read


def test_a_line_read_differently_by_each_preparation_is_taken_where_two_read_the_same_length(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a tilted photo's bold line (held-out seed 219): a speck read as a letter before the label in one preparation,
    # the unit garbled in another, the third as printed
    image, words = iolmaster500_measurement_page
    lost = [w for line in _acd_lines(words) for w in line.words]
    readings = [["aAcD:", "3.38mm"], ["ACD:", "3.38iz"], ["ACD:", "3.38", "mm"]]
    monkeypatch.setattr(cells, "text_line_words", _read_by_preparations(readings))
    again = with_acd_lines(image, [w for w in words if w not in lost])
    assert _acd_texts(again) == ["ACD: 3.38 mm", "ACD: 3.38 mm"]


def test_a_line_whose_preparations_read_different_lengths_is_left_unread(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]], monkeypatch: pytest.MonkeyPatch
) -> None:
    image, words = iolmaster500_measurement_page
    lost = [w for line in _acd_lines(words) for w in line.words]
    readings = [["ACD:", "3.38", "mm"], ["ACD:", "3.36", "mm"], ["ACD:", "3.88", "mm"]]
    monkeypatch.setattr(cells, "text_line_words", _read_by_preparations(readings))
    assert _acd_texts(with_acd_lines(image, [w for w in words if w not in lost])) == []


def test_a_reading_boxed_up_over_a_line_read_as_printed_goes_under_it(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    # held-out 200-dpi rescan (seed 231): OS's first single reading `3.74` boxed up over the label `ACD:`, centred
    # under the line, stood between the label and `3.73 mm` (the ACD read as 3.74)
    image, words = iolmaster500_measurement_page
    printed = _acd_texts(words)
    label = next(w for line in _acd_lines(words) for w in line.words if w.text == "ACD:" and w.x_center > 0.5)
    x0, y0, x1, y1 = label.bbox
    top, centre = y0 - 0.2 * (y1 - y0), y1 + 0.4 * (y1 - y0)  # from over the label to its centre under the line
    reading = Word("3.74", (x0 + 0.001, top, x1, 2 * centre - top))
    again = with_acd_lines(image, [*words, reading])
    assert sorted(_acd_texts(again)) == sorted(printed)
    assert [w.text for w in again if w.text == "3.74"] == ["3.74"]  # kept, as the reading under the line
