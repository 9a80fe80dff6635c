"""An IOLMaster 500 box whose `Emme. IOL:` line OCR garbled past recognition is read again where its row prints it.

The boxes of a row close together, their `Emme. IOL:` lines at one height: where the page pass read the row's header
over a box but no `Emme.` word under it (a rescan: `mme . ; ‘`), the line is read alone from the band its neighbours
print theirs in, between the box's rules, and taken only in the device's form. The generator's drawing gives the
printed words with their places (its text layer) and the page image.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PIL import Image

from biometry.devices.iolmaster500.boxes import is_emmetropia
from biometry.devices.iolmaster500.cells import with_lens_cells
from biometry.devices.iolmaster500.emme_lines import _as_printed, _value_read, with_emmetropia_lines
from biometry.document import Word

RENDER_DPI = 300


def _line_of(words: list[Word], emme: Word) -> list[Word]:
    """The words of one box's `Emme. IOL: 18.67` line: the `Emme.` word and the two right of it."""
    beside = sorted((w for w in words if abs(w.y_center - emme.y_center) < 0.003 and w.bbox[0] >= emme.bbox[0]),
                    key=lambda w: w.bbox[0])  # fmt: skip
    return beside[:3]


def _garbled(words: list[Word], line: list[Word]) -> list[Word]:
    """The words with one line read as OCR reads a rescan's lost line: specks where the words were."""
    specks = {id(w): replace(w, text=text) for w, text in zip(line, ("mme", ".", ";"), strict=True)}
    return [specks.get(id(w), w) for w in words]


def test_a_box_whose_emme_line_is_garbled_has_it_read_again_beside_its_neighbours(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_iol_page
    line = _line_of(words, [w for w in words if is_emmetropia(w)][1])  # the second box of the first row
    again = with_emmetropia_lines(image, _garbled(words, line))
    read = [w for w in again if abs(w.y_center - line[0].y_center) < 0.005 and line[0].bbox[0] - 0.01 <= w.bbox[0]]
    assert [w.text for w in sorted(read, key=lambda w: w.bbox[0])][:3] == ["Emme.", "IOL:", line[2].text]


def test_the_boxes_whose_emme_lines_were_read_keep_their_words(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_iol_page
    assert with_emmetropia_lines(image, words) == words


def test_a_row_whose_every_emme_line_is_lost_is_left_as_it_is(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_iol_page  # no neighbour tells where the row's lines lie
    first = next(w for w in words if is_emmetropia(w))
    row = [w for w in words if is_emmetropia(w) and abs(w.y_center - first.y_center) < 0.003]
    garbled = words
    for emme in row:
        garbled = _garbled(garbled, _line_of(garbled, emme))
    assert with_emmetropia_lines(image, garbled) == garbled


def test_a_speck_read_as_a_word_after_the_power_is_no_word_of_the_line() -> None:
    # seed-174 rescan 0002: the OS Hoffer Q line read `Emme. IOL: 21.32 °°` by one preparation
    read = [Word(text, (0.54 + 0.05 * i, 0.74, 0.58 + 0.05 * i, 0.75)) for i, text in
            enumerate(("Emme.", "IOL:", "21.32", "°°"))]  # fmt: skip
    assert [w.text for w in _as_printed(read)] == ["Emme.", "IOL:", "21.32"]


def test_a_power_read_glued_to_its_label_is_parted_from_it_where_its_share_of_the_box_ends() -> None:
    # held-out photo (seed 363), page 6: the OS Hoffer Q line read `Emme. IOL:_16.20 _ _` by its first preparation
    read = [Word("Emme.", (0.52, 0.75, 0.567, 0.757)), Word("IOL:_16.20", (0.573, 0.749, 0.683, 0.757)),
            Word("_", (0.69, 0.749, 0.70, 0.757))]  # fmt: skip
    printed = _as_printed(read)
    assert [w.text for w in printed] == ["Emme.", "IOL:", "16.20"]
    assert printed[1].bbox[2] == printed[2].bbox[0] == pytest.approx(0.573 + 0.11 * 4 / 10)


def test_readings_with_an_underline_before_the_power_and_specks_after_it_say_the_same_power() -> None:
    # the same line's three preparations: `Emme.IOL:_16.20__`, `Emme.IOL:16.20`, `Emme.IOL:16.20—_.|`
    assert {_value_read(text) for text in ("Emme.IOL:_16.20__", "Emme.IOL:16.20", "Emme.IOL:16.20—_.|")} == {"16.20"}
    assert _value_read("Emme.IOL:16.205") == "Emme.IOL:16.205"  # a third decimal is no speck


def test_a_row_whose_every_emme_line_is_lost_is_read_again_from_a_line_the_box_heads_below_read(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    # seed-177 rescan 0007: a row's two lines read `. : .` and `e. : .`; the head of the box under the right one read
    # its line again, and that line then places the left one's (the page's boxes below the row: its left boxes)
    image, words = iolmaster500_iol_page
    first = next(w for w in words if is_emmetropia(w))
    lines = [_line_of(words, w) for w in words if is_emmetropia(w) and abs(w.y_center - first.y_center) < 0.003]
    garbled = words
    for line in lines:
        garbled = _garbled(garbled, line)
    again = with_lens_cells(image, garbled)
    for line in lines:
        read = [w for w in again if abs(w.y_center - line[0].y_center) < 0.005 and line[0].bbox[0] - 0.01 <= w.bbox[0]]
        assert [w.text for w in sorted(read, key=lambda w: w.bbox[0])][:3] == ["Emme.", "IOL:", line[2].text]
