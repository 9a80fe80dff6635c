"""The IOLMaster 500 measurement page's `MV:` lines are read again alone where two readings agree.

The generator's drawing gives the printed words with their places (its text layer) and the page image (rendered); the
page pass's reading of each `MV:` value is replaced by a wrong one (an 8 read as 0), and the re-read must restore it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PIL import Image

from biometry.devices.iolmaster500 import PAGE_REFINERS, prints_the_footer
from biometry.devices.iolmaster500.mean_values import MV_LABEL, _powers_read, mv_cell, with_mean_values
from biometry.document import Word, group_lines
from tests.factories import words_after


def _mv_values(words: list[Word]) -> list[str]:
    return words_after(MV_LABEL, words)


def test_mean_values_read_wrong_by_the_page_pass_are_read_again_as_printed(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_measurement_page
    printed = _mv_values(words)
    garbled = [replace(w, text="43.03/43.95") if w.text in printed else w for w in words]
    assert len(printed) == 2 and _mv_values(with_mean_values(image, garbled)) == printed


def test_a_page_without_mean_values_keeps_its_words(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_measurement_page
    printed = _mv_values(words)
    others = [w for w in words if not MV_LABEL.match(w.text) and w.text not in printed]
    assert with_mean_values(image, others) == others


def test_a_line_whose_label_ocr_lost_is_read_again_from_its_powers(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    """The OS `MV:` read as a lone `3` (or not at all) before `43.21/43-72`: the powers anchor the cell."""
    image, words = iolmaster500_measurement_page
    printed = _mv_values(words)
    garbled = [replace(w, text=w.text.replace(".", "-", 1)) if w.text in printed else w for w in words
               if not MV_LABEL.match(w.text)]  # fmt: skip
    assert _mv_values(with_mean_values(image, garbled)) == printed


def test_a_mean_values_line_the_page_pass_boxed_as_one_word_is_read_in_its_cell(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    """A rescan's page pass reads the bold line as one garbled word boxed from the label to past `SD:`."""
    image, words = iolmaster500_measurement_page
    printed = _mv_values(words)
    garbled = [replace(w, text="43-10/743-38", bbox=(w.bbox[0], w.bbox[1], 0.49, w.bbox[3])) if w.text in printed
               else w for w in words]  # fmt: skip
    assert _mv_values(with_mean_values(image, garbled)) == printed


def test_the_mean_values_cell_ends_between_the_unit_and_the_sd_beside_it(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_measurement_page
    width = image.size[0]
    for line in group_lines(words):
        texts = [w.text for w in line.words]
        if "MV:" not in texts:
            continue
        label = line.words[texts.index("MV:")]
        unit, sd = line.words[texts.index("D")], line.words[texts.index("SD:")]
        cell = mv_cell(image, label)
        assert cell is not None and unit.bbox[2] * width < cell.x1 < sd.bbox[0] * width


@pytest.mark.parametrize("reading", ["MV:44.12/44.88D", "|Mv:44.12/44.88D_|", "IMV:44.12/44.88D", "‘MV:44.12/44.88D"])
def test_a_cell_reading_means_its_two_powers_whatever_rule_or_speck_it_caught(reading: str) -> None:
    assert _powers_read(reading) == "44.12/44.88"


def test_a_label_garbled_with_the_cells_left_rule_is_read_again(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    """A frame's bold `MV:` read `wv:` and boxed from the cell's left rule: the line is read in its cell still."""
    image, words = iolmaster500_measurement_page
    printed = _mv_values(words)

    def garbled(word: Word) -> Word:
        if MV_LABEL.match(word.text):
            return replace(word, text="wv:", bbox=(word.bbox[0] - 0.006, *word.bbox[1:]))
        return replace(word, text="44.91/44.53") if word.text in printed else word

    assert _mv_values(with_mean_values(image, [garbled(w) for w in words])) == printed


@pytest.mark.parametrize("label", ["‘KV:", "wv:", None])  # None: the label lost whole
def test_a_line_whose_slash_ocr_read_as_a_seven_is_read_again(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]], label: str | None
) -> None:
    """A frame's `MV: 45.06/45.55 D` read `‘KV: 45.06745.55 D`: the powers word still anchors the line's cell."""
    image, words = iolmaster500_measurement_page
    printed = _mv_values(words)

    def garbled(word: Word) -> Word | None:
        if MV_LABEL.match(word.text):
            return replace(word, text=label) if label else None
        return replace(word, text=word.text.replace("/", "7")) if word.text in printed else word

    assert _mv_values(with_mean_values(image, [g for g in map(garbled, words) if g is not None])) == printed


def test_a_line_whose_label_and_digits_ocr_garbled_is_read_again_from_its_slash(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    """A frame's OS line read `Ww: ©.4/&.95 D`: a word with a point before its slash still anchors the line's cell."""
    image, words = iolmaster500_measurement_page
    printed = _mv_values(words)

    def garbled(word: Word) -> Word:
        if MV_LABEL.match(word.text):
            return replace(word, text="Ww:")
        return replace(word, text="©.4/&.95") if word.text in printed else word

    assert _mv_values(with_mean_values(image, [garbled(w) for w in words])) == printed


@pytest.mark.parametrize("label", [":", ";"])
def test_a_line_whose_label_ocr_read_as_its_colon_alone_is_read_again_from_its_slash(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]], label: str
) -> None:
    """A photo of the real page read the OD line `: 42.51/43. D`: the label's colon before a word with a point before
    its slash anchors the line's cell, as a label garbled with letters does."""
    image, words = iolmaster500_measurement_page
    printed = _mv_values(words)

    def garbled(word: Word) -> Word:
        if MV_LABEL.match(word.text):
            return replace(word, text=label)
        return replace(word, text=word.text[:-2]) if word.text in printed else word

    assert _mv_values(with_mean_values(image, [garbled(w) for w in words])) == printed


MEAN_VALUES_REFINER = PAGE_REFINERS[1]  # the registered with_mean_values, scoped to the device's pages


@pytest.mark.parametrize("with_footer", [True, False])
def test_the_registered_refiner_reads_mv_lines_again_only_on_pages_that_print_the_500_footer(
    iolmaster500_measurement_page: tuple[Image.Image, list[Word]], with_footer: bool
) -> None:
    image, words = iolmaster500_measurement_page
    printed = _mv_values(words)
    garbled = [replace(w, text="43.03/43.95") if w.text in printed else w for w in words]
    if not with_footer:
        garbled = [w for w in garbled if w.text not in {"V.", "Advanced"}]  # the footer: `Advanced Technology V. 7.1`
    refined = MEAN_VALUES_REFINER(image, garbled)
    assert prints_the_footer(" ".join(w.text for w in garbled)) == with_footer
    assert (_mv_values(refined) == printed) == with_footer
