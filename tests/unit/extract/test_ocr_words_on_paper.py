"""A word with a letter or digit that tesseract read over blank paper (no ink in its box) is no word of the page."""

from __future__ import annotations

from PIL import Image, ImageDraw

from biometry.document import Word
from biometry.extract import ocr

PAGE_PX = (1000, 1000)
LABEL = Word("TK2:", (0.333, 0.546, 0.360, 0.554), confidence=0.91)
PHANTOM = Word("9", (0.374, 0.541, 0.384, 0.557), confidence=0.0)  # a held-out photo (seed 246): white under it
NULL = Word("---", (0.391, 0.550, 0.407, 0.552), confidence=0.6)


def _page(*inked: Word) -> Image.Image:
    image = Image.new("L", PAGE_PX, 250)  # a cleaned page's paper
    draw = ImageDraw.Draw(image)
    for word in inked:
        x0, y0, x1, y1 = (round(v * 1000) for v in word.bbox)
        draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=40)
    return image


def test_a_digit_read_over_blank_paper_is_dropped() -> None:
    kept = ocr._without_words_on_paper(_page(LABEL, NULL), [LABEL, PHANTOM, NULL])
    assert kept == [LABEL, NULL]


def test_a_word_over_ink_stays_however_unsure() -> None:
    unsure = Word("9", PHANTOM.bbox, confidence=0.0)
    assert ocr._without_words_on_paper(_page(LABEL, unsure), [LABEL, unsure]) == [LABEL, unsure]


def test_a_mark_over_paper_stays_for_the_parsers_to_judge() -> None:
    mark = Word("=", PHANTOM.bbox, confidence=0.1)
    assert ocr._without_words_on_paper(_page(LABEL), [LABEL, mark]) == [LABEL, mark]


def test_a_word_boxed_a_pixel_wide_is_not_judged() -> None:
    # a photo (held-out seed 217): the `2` of `Holladay 2` boxed one pixel wide, on the white beside its strokes
    sliver = Word("2", (0.6300, 0.541, 0.6320, 0.557), confidence=0.93)
    assert ocr._without_words_on_paper(_page(LABEL), [LABEL, sliver]) == [LABEL, sliver]
