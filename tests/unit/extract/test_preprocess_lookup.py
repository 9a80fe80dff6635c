"""Faster image work, same results: look-up tables, separable filters and page-wide runs give exactly what the code
they replace gave (per-pixel float arithmetic, PIL's rank filters, per-word and per-row searches)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFilter

from biometry.document import Word
from biometry.extract.boxes import _rows_with_runs
from biometry.extract.large_type import connected_shapes
from biometry.extract.preprocess import _brightest_around, _divided_table, normalise_contrast
from biometry.extract.strokes import _darkest_around, _ink_runs, _stroke_px


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


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 40), st.integers(1, 40))
def test_brightest_around_is_pils_nine_by_nine_maximum_filter(seed: int, height: int, width: int) -> None:
    pixels = _noisy_page(seed, (height, width))
    expected = np.asarray(Image.fromarray(pixels).filter(ImageFilter.MaxFilter(9)))
    assert np.array_equal(_brightest_around(pixels, 9), expected)


def _stroke_px_of_the_cut_out_box(ink: np.ndarray, word: Word) -> float | None:
    """The stroke measure as it was: the word's box cut out of the page, its rows' ink runs measured inside it."""
    height, width = ink.shape
    x0, y0, x1, y1 = word.bbox
    cell = ink[round(y0 * height) : round(y1 * height), round(x0 * width) : round(x1 * width)]
    if cell.size == 0:
        return None
    edges = np.diff(np.pad(cell, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    runs = np.nonzero(edges == -1)[1] - np.nonzero(edges == 1)[1]
    runs = runs[runs <= 20]
    return float(runs.mean()) if runs.size >= 4 else None


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.lists(st.floats(-0.2, 1.2), min_size=4, max_size=4))
def test_stroke_width_from_the_page_s_runs_equals_measuring_the_cut_out_box(seed: int, corners: list[float]) -> None:
    ink = _noisy_page(seed, (50, 70)) < 90
    word = Word("w", (min(corners[:2]), min(corners[2:]), max(corners[:2]), max(corners[2:])))
    assert _stroke_px(_ink_runs(ink), word) == _stroke_px_of_the_cut_out_box(ink, word)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 30))
def test_rows_with_long_runs_are_the_rows_a_full_page_search_finds(seed: int, length: int) -> None:
    mask = _noisy_page(seed, (40, 60)) < 150
    counts = np.cumsum(np.pad(mask, ((0, 0), (1, 0))), axis=1, dtype=np.int32)
    expected = np.flatnonzero(((counts[:, length:] - counts[:, :-length]) == length).any(axis=1))
    assert np.array_equal(_rows_with_runs(mask, length), expected)


def _flood_filled_shapes(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The 8-connected groups' boxes as a cell-by-cell flood fill finds them, in the order of their first cell."""
    seen = np.zeros_like(mask)
    found = []
    for start in zip(*np.nonzero(mask), strict=True):
        if seen[start]:
            continue
        seen[start] = True
        stack, ys, xs = [start], [], []
        while stack:
            y, x = stack.pop()
            ys.append(y)
            xs.append(x)
            for ny in range(max(y - 1, 0), min(y + 2, mask.shape[0])):
                for nx in range(max(x - 1, 0), min(x + 2, mask.shape[1])):
                    if mask[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        found.append((int(min(xs)), int(min(ys)), int(max(xs)) + 1, int(max(ys)) + 1))
    return found


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_connected_shapes_are_the_groups_a_flood_fill_finds_in_its_order(seed: int) -> None:
    rng = np.random.default_rng(seed)
    mask = rng.random(tuple(rng.integers(1, 40, 2))) < rng.random()
    assert connected_shapes(mask) == _flood_filled_shapes(mask)
