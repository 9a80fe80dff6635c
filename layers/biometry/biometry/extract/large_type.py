"""Large type (the big OD/OS label of an analysis page): regions tesseract's page pass misses or splits.

At several times the height of body text a glyph looks like a picture to tesseract's page segmentation: the `O` of a
big `OD` is dropped, or read apart from its `D`. A region of large type is the union of the words read that tall and
of the ink no word covers that is that tall; each is read again alone, scaled down to body-text size.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import numpy as np
from PIL import Image

from biometry.document import Word
from biometry.extract.boxes import Box

LARGE_SHARE = 2.0  # type at least this many times the median word height is large
PICTURE_SHARE = 10.0  # ink taller than this many median word heights is a picture, not type
_INK_LEVEL = 128
CELL_PX = 8  # uncovered ink is traced on a grid of cells this size
_CELL_MIN_INK = 3  # inked pixels that make a cell part of a shape (fewer is noise)
_WORD_CLEARANCE_PX = 4  # ink this close to a word's box belongs to the word
_SAME_ROW_SHARE = 0.7  # a dropped letter's ink overlaps its neighbour's rows this much
_AS_TALL = (0.7, 1.4)  # a dropped letter's ink is about as tall as its neighbour (traced on a coarse grid)


def large_type_regions(image: Image.Image, words: Sequence[Word], uncovered: Sequence[Box]) -> list[Box]:
    """The regions of `image` (pixels) that hold large type, one per row of large glyphs; `uncovered`: the shapes of
    its ink no word covers (`uncovered_shapes`)."""
    heights = [w.height * image.height for w in words]
    if not heights:
        return []
    body = statistics.median(heights)
    low, high = LARGE_SHARE * body, PICTURE_SHARE * body
    pieces = [_pixels(w, image) for w, h in zip(words, heights, strict=True) if low <= h <= high]
    pieces += [b for b in uncovered if low <= b.y1 - b.y0 <= high]
    return join_rows(pieces, gap=3 * body)


def dropped_label_letters(image: Image.Image, words: Sequence[Word], body: float, within: Box) -> list[Box]:
    """Big eye labels inside `within` (a framed cell, its words read apart from the page's) whose first letter the
    read dropped: a large `D` or `S` kept alone, and just left of it on its row uncovered ink as tall (the `O` of a big
    `OD`). Each region holds the letter and that ink. `body`: the page's body-text height in pixels."""
    low, high = LARGE_SHARE * body, PICTURE_SHARE * body
    kept = [_pixels(w, image) for w in words if w.text in ("D", "S") and low <= w.height * image.height <= high]
    if not kept:
        return []
    shapes = uncovered_shapes(image, words, within)
    return [union for letter in kept for shape in shapes if (union := _letter_before(shape, letter)) is not None]


def _letter_before(shape: Box, letter: Box) -> Box | None:
    """The box holding both, where `shape` is a letter's ink just left of `letter` on its row and as tall."""
    height = letter.y1 - letter.y0
    gap = letter.x0 - shape.x1
    level = min(shape.y1, letter.y1) - max(shape.y0, letter.y0) > _SAME_ROW_SHARE * height
    as_tall = _AS_TALL[0] * height <= shape.y1 - shape.y0 <= _AS_TALL[1] * height
    close = -CELL_PX <= gap <= letter.x1 - letter.x0
    if not (level and as_tall and close):
        return None
    return Box(shape.x0, min(shape.y0, letter.y0), letter.x1, max(shape.y1, letter.y1))


def body_height_px(image: Image.Image, words: Sequence[Word]) -> float:
    """The median word height in pixels: the size large type is scaled down to."""
    return statistics.median(w.height * image.height for w in words) if words else 0.0


def _pixels(word: Word, image: Image.Image) -> Box:
    x0, y0, x1, y1 = word.bbox
    return Box(round(x0 * image.width), round(y0 * image.height), round(x1 * image.width), round(y1 * image.height))


def uncovered_shapes(image: Image.Image, words: Sequence[Word], within: Box | None = None) -> list[Box]:
    """Bounding boxes of inked shapes that no word's box covers (traced on a coarse grid), inside `within` if given."""
    area = within or Box(0, 0, image.width, image.height)
    ink = np.asarray(image.crop((area.x0, area.y0, area.x1, area.y1)).convert("L")) < _INK_LEVEL
    pad = _WORD_CLEARANCE_PX
    for word in words:
        box = _pixels(word, image)
        x0, y0, x1, y1 = box.x0 - area.x0, box.y0 - area.y0, box.x1 - area.x0, box.y1 - area.y0
        ink[max(y0 - pad, 0) : max(y1 + pad, 0), max(x0 - pad, 0) : max(x1 + pad, 0)] = False
    rows, cols = ink.shape[0] // CELL_PX, ink.shape[1] // CELL_PX
    cells = ink[: rows * CELL_PX, : cols * CELL_PX].reshape(rows, CELL_PX, cols, CELL_PX).sum(axis=(1, 3))
    return [
        Box(area.x0 + x0 * CELL_PX, area.y0 + y0 * CELL_PX, area.x0 + x1 * CELL_PX, area.y0 + y1 * CELL_PX)
        for x0, y0, x1, y1 in connected_shapes(cells >= _CELL_MIN_INK)
    ]


def connected_shapes(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x0, y0, x1, y1) of the 8-connected groups of True cells, in the order of each group's first
    cell row by row: each row's runs of True cells, joined with the runs of the row below they touch (corners
    included) by union-find over runs, not cell by cell."""
    steps = np.diff(np.pad(mask.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    rows, starts = np.nonzero(steps == 1)
    ends = np.nonzero(steps == -1)[1]  # past each run's last cell, in the same row-by-row order as the starts
    first_run = np.searchsorted(rows, np.arange(mask.shape[0] + 1)).tolist()
    starts_at, ends_at = starts.tolist(), ends.tolist()
    parent = list(range(len(starts_at)))
    for y in range(mask.shape[0] - 1):
        below, last = first_run[y + 1], first_run[y + 2]
        for run in range(first_run[y], first_run[y + 1]):
            while below < last and ends_at[below] < starts_at[run]:  # ends left of this run's left neighbour cell
                below += 1
            touching = below
            while touching < last and starts_at[touching] <= ends_at[run]:  # starts by its right neighbour cell
                _join(parent, run, touching)
                touching += 1
    boxes: dict[int, list[int]] = {}
    for run, (y, x0, x1) in enumerate(zip(rows.tolist(), starts_at, ends_at, strict=True)):
        box = boxes.setdefault(_root(parent, run), [x0, y, x1, y + 1])
        box[0], box[2], box[3] = min(box[0], x0), max(box[2], x1), y + 1
    return [(x0, y0, x1, y1) for _, (x0, y0, x1, y1) in sorted(boxes.items())]


def _root(parent: list[int], run: int) -> int:
    while parent[run] != run:
        parent[run] = parent[parent[run]]
        run = parent[run]
    return run


def _join(parent: list[int], one: int, other: int) -> None:
    """One group of both runs, named by its earliest run (so groups sort in the order of their first cell)."""
    a, b = _root(parent, one), _root(parent, other)
    if a != b:
        parent[max(a, b)] = min(a, b)


def join_rows(pieces: list[Box], *, gap: float) -> list[Box]:
    """Merge pieces that share a row and lie within `gap` of each other (`O` and `D` of one label)."""
    joined: list[Box] = []
    for piece in sorted(pieces, key=lambda b: b.x0):
        for index, region in enumerate(joined):
            same_row = min(region.y1, piece.y1) - max(region.y0, piece.y0) > 0.5 * min(
                region.y1 - region.y0, piece.y1 - piece.y0
            )
            if same_row and piece.x0 - region.x1 <= gap:
                joined[index] = Box(
                    min(region.x0, piece.x0),
                    min(region.y0, piece.y0),
                    max(region.x1, piece.x1),
                    max(region.y1, piece.y1),
                )
                break
        else:
            joined.append(piece)
    return joined
