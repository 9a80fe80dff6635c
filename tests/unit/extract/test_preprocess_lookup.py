"""Clean-up by look-up tables: the same pixels as the per-pixel float arithmetic they replace, and the same strokes."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFilter

from biometry.extract.preprocess import _divided_table, normalise_contrast
from biometry.extract.strokes import _darkest_around


def _noisy_page(seed: int, shape: tuple[int, int] = (60, 80)) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (rng.random(shape) * rng.integers(40, 256)).astype(np.uint8) + np.uint8(rng.integers(0, 20))


def _contrast_by_float_arithmetic(pixels: np.ndarray) -> np.ndarray:
    values = pixels.astype(np.float32)
    dark, light = np.percentile(values, (0.5, 90.0))
    return np.clip((values - dark) / (light - dark) * 255.0, 0, 255).astype(np.uint8)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_contrast_stretch_matches_percentiles_and_float_arithmetic(seed: int) -> None:
    pixels = _noisy_page(seed)
    stretched = np.asarray(normalise_contrast(Image.fromarray(pixels)))
    assert np.array_equal(stretched, _contrast_by_float_arithmetic(pixels))


def test_division_table_matches_float_arithmetic_for_every_pair_of_grey_levels() -> None:
    light, ink = np.meshgrid(np.arange(256, dtype=np.float32), np.arange(256, dtype=np.float32), indexing="ij")
    expected = np.clip(ink / np.maximum(light, 1.0) * 255.0, 0, 255).astype(np.uint8)
    assert np.array_equal(_divided_table(), expected)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_darkest_around_is_pils_three_by_three_minimum_filter(seed: int) -> None:
    pixels = _noisy_page(seed, (37, 53))
    expected = np.asarray(Image.fromarray(pixels).filter(ImageFilter.MinFilter(3)))
    assert np.array_equal(_darkest_around(pixels), expected)
