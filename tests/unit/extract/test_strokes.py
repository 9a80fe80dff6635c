"""Stroke weight: thin low-resolution type is thickened before OCR, bold words are told from their measured ink."""

from __future__ import annotations

import numpy as np
from PIL import Image

from biometry.document import Word
from biometry.extract.strokes import is_low_resolution, thickened, with_bold

WIDTH, HEIGHT = 400, 100


def _page_with_strokes(widths_px: list[int]) -> tuple[Image.Image, list[Word]]:
    """A white page with one word per stroke width: vertical bars of that width, as glyph stems."""
    pixels = np.full((HEIGHT, WIDTH), 255, dtype=np.uint8)
    words = []
    cell = WIDTH // len(widths_px)
    for index, width in enumerate(widths_px):
        x0 = index * cell
        for stem in range(x0 + 4, x0 + cell - 8, 8):
            pixels[30:60, stem : stem + width] = 0
        words.append(Word(f"w{index}", (x0 / WIDTH, 0.3, (x0 + cell) / WIDTH, 0.6)))
    return Image.fromarray(pixels, mode="L"), words


def test_word_with_clearly_wider_strokes_is_bold() -> None:
    image, words = _page_with_strokes([2] * 9 + [4])
    assert [w.bold for w in with_bold(image, words)] == [False] * 9 + [True]


def test_words_of_one_weight_are_not_bold() -> None:
    image, words = _page_with_strokes([3] * 10)
    assert not any(w.bold for w in with_bold(image, words))


def test_too_few_words_give_no_bold() -> None:
    image, words = _page_with_strokes([2, 2, 5])
    assert not any(w.bold for w in with_bold(image, words))


def test_page_images_below_200_dpi_are_low_resolution() -> None:
    assert [is_low_resolution(dpi) for dpi in (140.0, 300.0, None)] == [True, False, False]


def test_thickening_widens_a_stroke_by_a_pixel_each_side() -> None:
    pixels = np.full((40, 40), 255, dtype=np.uint8)
    pixels[10:30, 19:21] = 0  # one stem, 2 px wide
    row = np.asarray(thickened(Image.fromarray(pixels, mode="L")))[20]
    assert int((row < 128).sum()) == 4
