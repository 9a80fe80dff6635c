"""Stroke weight in a page image: thin type restored before OCR, bold words told from their measured ink.

A page printed as a low-resolution raster (an IOLMaster 500 printout stored as 140-dpi DICOM frames) and enlarged
to 300 dpi shows its light Courier as grey hairlines that tesseract misreads (`2305` for `23.5`); thickening every
stroke by a pixel restores it. Bold is a property of the ink, not of the text: a word whose strokes are clearly
wider than those of the page's other words is printed bold (the selected row of an IOL table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

import numpy as np
from PIL import Image, ImageFilter

from biometry.document import Word

# A page image below this resolution was enlarged for OCR: its strokes are thin (the IOLMaster 500's 140-dpi frames,
# 150-dpi rescans). Not 200: a page scanned at 200 dpi measures 199.99999918 dpi from its PDF image bounds, and
# thickened it lost 9 of the 14 documents at 200 dpi that read unthickened (seed 7/2026 dev sets, 0 silent errors).
LOW_RESOLUTION_DPI = 175
SMOOTH_PX = 1.0  # then a slight blur rounds the square corners the filter leaves (tesseract misread `17.5` as `17.25`)
BOLD_STROKE_SHARE = 1.3  # strokes this much wider than the words around are bold (real 500: 1.6; generator: 1.4)
MIN_WORDS_FOR_BOLD = 6  # fewer words around give no median to compare with
NEIGHBOUR_HEIGHTS = 8.0  # the words around: within this many word heights (about five lines) in every direction
_INK_LEVEL = 128
_MAX_STROKE_PX = 20  # longer horizontal runs are rules or filled areas, not strokes
_MIN_RUNS = 4  # a word with fewer ink runs has no measurable stroke


def is_low_resolution(source_dpi: float | None) -> bool:
    """True for a page image whose own resolution is too low to read its thin strokes after enlarging."""
    return source_dpi is not None and 0 < source_dpi < LOW_RESOLUTION_DPI


def thickened(image: Image.Image) -> Image.Image:
    """The image with every dark stroke one pixel wider on each side (its resolution info kept)."""
    wider = Image.fromarray(_darkest_around(np.asarray(image.convert("L"))))
    wider = wider.filter(ImageFilter.GaussianBlur(SMOOTH_PX))
    wider.info = dict(image.info)
    return wider


def _darkest_around(pixels: np.ndarray) -> np.ndarray:
    """Each pixel the darkest of its 3 x 3 neighbourhood, edges repeated (PIL's MinFilter(3), in two 1-D passes)."""
    padded = np.pad(pixels, 1, mode="edge")
    rows = np.minimum(np.minimum(padded[:, :-2], padded[:, 1:-1]), padded[:, 2:])
    darkest: np.ndarray = np.minimum(np.minimum(rows[:-2], rows[1:-1]), rows[2:])
    return darkest


def with_bold(image: Image.Image, words: Sequence[Word]) -> list[Word]:
    """The words, those whose measured stroke width is clearly above that of the words around them marked bold.

    Around: the words within a few lines above and below that overlap it sideways (its table column), so a bold
    row stands out against the rows of its own table, not against a page of other fonts.
    """
    runs = _ink_runs(np.asarray(image if image.mode == "L" else image.convert("L")) < _INK_LEVEL)
    strokes = [_stroke_px(runs, word) for word in words]
    measured = [(word, stroke) for word, stroke in zip(words, strokes, strict=True) if stroke is not None]
    bold = {id(word) for (word, _), stands_out in zip(measured, _standing_out(measured), strict=True) if stands_out}
    return [replace(word, bold=True) if id(word) in bold else word for word in words]


class _Runs(NamedTuple):
    """Every horizontal ink run of a page, row by row, left to right: row, first and past-last column."""

    rows: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    shape: tuple[int, int]


def _ink_runs(ink: np.ndarray) -> _Runs:
    """The page's horizontal ink runs, found once for all its words: where a row, blank at both ends, turns from paper
    to ink (a start) and back (an end); in each row these alternate, start first."""
    height, width = ink.shape
    padded = np.zeros((height, width + 2), dtype=bool)
    padded[:, 1:-1] = ink
    rows, columns = np.divmod(np.flatnonzero(padded[:, 1:] != padded[:, :-1]), width + 1)
    return _Runs(rows[0::2], columns[0::2], columns[1::2], (height, width))


def _standing_out(measured: list[tuple[Word, float]]) -> list[bool]:
    """For each measured word: its stroke is clearly above the median of the words around it (itself included)."""
    if not measured:
        return []
    x0, y0, x1, y1 = np.array([word.bbox for word, _ in measured], dtype=np.float64).T
    strokes = np.array([stroke for _, stroke in measured], dtype=np.float64)
    y_center, reach = (y0 + y1) / 2, NEIGHBOUR_HEIGHTS * (y1 - y0)
    around = (  # around[i, j]: word j is around word i (same arithmetic as Word.y_center and Word.height)
        (np.abs(y_center[None, :] - y_center[:, None]) <= reach[:, None])
        & (x0[None, :] < (x1 + reach)[:, None])
        & (x0[:, None] < x1[None, :] + reach[:, None])
    )
    return [
        int(row.sum()) >= MIN_WORDS_FOR_BOLD and stroke >= BOLD_STROKE_SHARE * float(np.median(strokes[row]))
        for row, stroke in zip(around, strokes.tolist(), strict=True)
    ]


def _stroke_px(runs: _Runs, word: Word) -> float | None:
    """The mean length of the horizontal ink runs inside a word's box (its stroke width), None when too few.

    A run crossing the box's side counts the part inside it, as if the box were cut out of the page."""
    height, width = runs.shape
    x0, y0, x1, y1 = word.bbox
    top, bottom, _ = slice(round(y0 * height), round(y1 * height)).indices(height)
    left, right, _ = slice(round(x0 * width), round(x1 * width)).indices(width)
    if bottom <= top or right <= left:
        return None
    first, last = np.searchsorted(runs.rows, (top, bottom))
    starts = np.maximum(runs.starts[first:last], left)
    lengths = np.minimum(runs.ends[first:last], right) - starts
    lengths = lengths[(lengths > 0) & (lengths <= _MAX_STROKE_PX)]
    return float(lengths.mean()) if lengths.size >= _MIN_RUNS else None
