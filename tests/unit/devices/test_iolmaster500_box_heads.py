"""IOLMaster 500 box heads: a serif minus OCR lost is told from the ink, a minus read apart is joined to its number."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from biometry.devices.iolmaster500.box_heads import (
    _bar_before_digit,
    _settled,
    _signs_joined,
    _without_words_between_lines,
    caption_meaning,
    voted_digits,
)
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL
from biometry.synth.fonts import font_path

HEIGHT = 30  # a digit's height in pixels at 300 dpi


def _ink(*strokes: tuple[int, int, int, int]) -> np.ndarray:
    """A line's ink with these (x0, x1, y0, y1) strokes inked."""
    ink = np.zeros((HEIGHT, 60), dtype=bool)
    for x0, x1, y0, y1 in strokes:
        ink[y0:y1, x0:x1] = True
    return ink


DIGIT = (30, 34, 0, HEIGHT)  # the first digit's full-height stroke


def test_a_mid_height_bar_glued_to_the_digit_is_a_minus() -> None:
    assert _bar_before_digit(_ink((20, 30, 14, 17), DIGIT))


def test_a_digit_alone_has_no_minus() -> None:
    assert not _bar_before_digit(_ink(DIGIT))


def test_a_speck_is_no_minus() -> None:
    assert not _bar_before_digit(_ink((27, 29, 14, 17), DIGIT))


def test_an_underline_is_no_minus() -> None:
    assert not _bar_before_digit(_ink((15, 29, 27, 30), DIGIT))


def _word(text: str, x0: float) -> Word:
    return Word(text, (x0, 0.5, x0 + 0.02, 0.51))


def test_a_hyphen_read_apart_joins_the_number_after_it() -> None:
    line = _signs_joined([_word("const:", 0.1), _word("-", 0.2), _word("1.302", 0.21)])
    assert [w.text for w in line] == ["const:", "-1.302"]


def test_a_dash_before_a_number_is_not_taken_for_its_sign() -> None:
    line = _signs_joined([_word("const:", 0.1), _word("—", 0.2), _word("0.100", 0.21)])
    assert [w.text for w in line] == ["const:", "—", "0.100"]


def test_caption_readings_that_name_the_same_formula_agree() -> None:
    assert caption_meaning("SRK@®/T") == caption_meaning("SRK®@®/T") == caption_meaning("SRK®/T")


def test_formula_captions_that_differ_by_a_stroke_do_not_agree() -> None:
    assert caption_meaning("SRK®/T") != caption_meaning("SRK®II")


def test_lens_caption_readings_agree_on_the_catalogue_model_they_name() -> None:
    assert caption_meaning("OptAl15.5MTA3U0") == caption_meaning("OptAl15.S5MTA3U0")


def test_lens_caption_readings_outside_the_catalogue_agree_only_as_read() -> None:
    assert caption_meaning("OPT119.00SN60WE") != caption_meaning("OPT119.00SN6OWE")


def test_a_word_the_page_pass_read_between_the_lines_of_a_box_head_is_dropped() -> None:
    head, lines = Box(0, 0, 100, 100), [Box(0, 0, 100, 20), Box(0, 60, 100, 80)]
    caption = Word("OptA119.1MA60AC", (0.1, 0.05, 0.9, 0.15))
    glued = Word("[Pranic", (0.1, 0.05, 0.9, 0.55))  # a rule and specks across caption and blank band
    below = Word("IOL", (0.1, 1.05, 0.2, 1.1))  # the table under the head
    kept = _without_words_between_lines([caption, glued, below], head, lines, (100, 100))
    assert kept == [caption, below]


def _constants_line_image(value: str) -> Image.Image:
    """A 300-dpi grey crop of a constants line's value, drawn in a sans face at body size."""
    image = Image.new("L", (400, 80), 255)
    ImageDraw.Draw(image).text((60, 20), value, font=ImageFont.truetype(str(font_path("DejaVuSans.ttf")), 36), fill=0)
    return image


def test_a_value_the_line_reading_garbled_is_read_again_as_its_value_cell() -> None:
    image = _constants_line_image("-0.111")
    ink = np.asarray(image) < INK_LEVEL
    ys, xs = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    value = Box(int(xs[0]), int(ys[0]), int(xs[-1]) + 1, int(ys[-1]) + 1)
    box = (value.x0 / 400, value.y0 / 80, value.x1 / 400, value.y1 / 80)
    garbled, page_pass = Word("-O.111", box), Word("0.111", box)
    assert _settled(image, garbled, [page_pass], value).text == "-0.111"


def test_a_garbled_value_whose_cell_reads_nothing_takes_the_page_pass_digits_only_where_they_agree() -> None:
    blank = Image.new("L", (400, 80), 255)
    value, box = Box(60, 20, 200, 60), (0.15, 0.25, 0.5, 0.75)
    garbled = Word("-O.111", box)
    assert _settled(blank, garbled, [Word("0.111", box)], value).text == "-0.111"
    assert _settled(blank, garbled, [Word("0.117", box)], value).text == "-O.111"


def test_a_garbled_value_whose_cell_reads_nothing_takes_the_digits_the_page_pass_spelled_alike() -> None:
    blank = Image.new("L", (400, 80), 255)
    value, box = Box(60, 20, 200, 60), (0.15, 0.25, 0.5, 0.75)
    assert _settled(blank, Word("-O.111", box), [Word("O.111", box)], value).text == "-0.111"


def test_a_garbled_value_whose_page_pass_spelling_has_other_digits_stays_garbled() -> None:
    blank = Image.new("L", (400, 80), 255)
    value, box = Box(60, 20, 200, 60), (0.15, 0.25, 0.5, 0.75)
    assert _settled(blank, Word("-O.111", box), [Word("O.117", box)], value).text == "-O.111"


def test_a_bar_parted_from_a_round_digit_by_its_low_edge_is_a_minus() -> None:
    assert _bar_before_digit(_ink((14, 25, 18, 21), (27, 29, 12, 17), DIGIT))


def test_digits_read_alike_by_two_readings_sign_aside_win_the_vote() -> None:
    assert voted_digits(["-0.111", "H.111", "-O.111", "-0.111", "4.111"]) == "0.111"


def test_digits_two_readings_each_say_otherwise_win_no_vote() -> None:
    assert voted_digits(["118.76", "118.76", "118.70", "118.70"]) is None


def test_digits_read_once_win_no_vote() -> None:
    assert voted_digits(["-0.323", "9.323", "40.323"]) is None
