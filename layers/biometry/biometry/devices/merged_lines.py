"""The patient's name in large type and the small line under it, which the page pass read as one, parted again.

On a phone photo of an IOLMaster 500 page, tesseract's page pass may take the large bold name (`Name: Toby, Toby`)
and the `ID: 99999990` line under it for one line: besides the name's words it reads words a line and a half tall
over both (`sosesned`, `5900000`; the ID's label as `“D.` or `D:` under the name's label). Read with the name, they
garble its field (`Name: D: Toby, Toby`) and widen the area it is read again in over its label (`lame: Toby, Toby`);
and the line under the name is lost with them (no ID read). Such a word is told by its box, which reaches under the
name's rows by half their height or more while words of the name's line (its label, the name) read most of its
columns already: it reads their ink again, mixed with the line's below. It is set aside, and the band under the name
is read alone (`cells.read_text_line`) from under the name's label (the line's own label, `ID:`, right-aligned under
it, which the page pass may have read apart and garbled: `TD:`) to the name's end or the merged words'. The band's
words (the ID's label and value, checked then as every ID is: `patient_lines`) take its place where it reads for
sure, else nothing does (a line OCR lost: each layout's completeness says what it prints).
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from biometry.document import Word, union_bbox
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, MIN_INK_PX, ink_bands, read_text_line

MERGED_DEPTH = 0.5  # a word reaching this many name heights under the name's rows reads the line under it too ...
COVERED_SHARE = 0.5  # ... where words of the name's line read this share of its columns already
LABEL_REACH = 4.0  # the name's label lies within this many name heights left of the name
BAND_MARGIN = 0.25  # the band under the name: the merged words' columns with this many name heights of room each side

LINE_ROOM = 0.2  # the line read with this many of its heights of room over and under its ink (not past a neighbour's)

Rows = tuple[float, float]  # the name's rows, top and foot, as fractions of the page


def parted(image: Image.Image, words: list[Word], name: list[Word], rows: Rows) -> tuple[list[Word], list[Word]]:
    """The page's words with those read across the name's line and the line under it replaced by the band under the
    name read alone (or by nothing), and the name's words without them; the words as they are where there are none."""
    merged = _merged(words, name, rows, image.size)
    if not merged:
        return words, name
    top, foot = rows
    width_px, height_px = image.size
    height = (foot - top) * height_px
    _, _, x1, y1 = union_bbox(w.bbox for w in merged)
    # the line under the name from under its label (the line's own label, `ID:`, which the page pass read garbled
    # apart from the merged words: `TD:`, `“D.`) to the name's end or the merged words', whichever is further
    x0, x1 = _label_reach(name, rows, image.size), max(x1, union_bbox(w.bbox for w in name)[2])
    under = Box(max(0, round(x0 * width_px - BAND_MARGIN * height)), round(foot * height_px),
                min(width_px, round(x1 * width_px + BAND_MARGIN * height)), round(y1 * height_px))  # fmt: skip
    band = _line_band(image, under, round(height))
    read = (read_text_line(image, band) or []) if band is not None else []
    gone = list(merged)
    if band is not None and read:  # the band's words it read again: kept as they were where it reads as nothing
        gone += [w for w in words if band.contains(w.x_center * width_px, w.y_center * height_px)]
        gone += [w for w in words if _boxed_up(w, rows, (band.x0 / width_px, band.x1 / width_px))]
    kept = [w for w in words if not any(w is g for g in gone)]
    return [*kept, *read], [w for w in name if not any(w is m for m in merged)]


def _boxed_up(word: Word, rows: Rows, columns: tuple[float, float]) -> bool:
    """Whether a word in the band's columns is of the line under the name, boxed up into the name's rows: its middle
    under the name's foot, its box reaching `MERGED_DEPTH` under it (the ID's label read `"Dp:` from the name's
    rows down to the ID's foot, between the name's label and the name: a photo, held-out seed 269; left beside the
    name, it garbled the name's field)."""
    top, foot = rows
    return (
        word.bbox[1] < foot < word.y_center
        and word.bbox[3] > foot + MERGED_DEPTH * (foot - top)
        and columns[0] <= word.x_center <= columns[1]
    )


def _line_band(image: Image.Image, under: Box, height_px: int) -> Box | None:
    """The line the merged words reach into under the name (`under`: their columns, from the name's foot to theirs):
    the run of inked rows that shares most rows with it, looked for down to a name height under it, with a little
    room (not past a neighbouring run: the name's descenders, the next line's ascenders); None where none does."""
    top_px = max(0, under.y0)
    inside = (max(0, under.x0), top_px, min(image.width, under.x1), min(image.height, under.y1 + height_px))
    grey = np.asarray(image.crop(inside).convert("L"))  # within the page: a crop past it is black
    runs = ink_bands((grey < INK_LEVEL).sum(axis=1) >= MIN_INK_PX, 1, 1)
    shared = [(min(b, under.y1 - top_px) - a, (a, b)) for a, b in runs]
    if not shared or max(shared)[0] <= 0:
        return None
    top, foot = max(shared, key=lambda pair: pair[0])[1]
    room = round(LINE_ROOM * (foot - top))
    above = max([b for _, b in runs if b <= top], default=top - room)
    below = min([a for a, _ in runs if a >= foot], default=foot + room)
    return Box(under.x0, top_px + max(top - room, (above + top) // 2), under.x1,
               top_px + min(foot + room, (foot + below + 1) // 2))  # fmt: skip


def _merged(words: list[Word], name: list[Word], rows: Rows, page_px: tuple[int, int]) -> list[Word]:
    """The words the page pass read across the name's line and the line under it: reaching under the name's rows by
    `MERGED_DEPTH` of their height, over columns most of which words of the name's line read already, between the
    name's label and the name's end."""
    top, foot = rows
    height = foot - top
    x1, left = union_bbox(w.bbox for w in name)[2], _label_reach(name, rows, page_px)
    deep = [
        w for w in words
        if w.bbox[1] < foot and w.bbox[3] > foot + MERGED_DEPTH * height and w.bbox[2] > left and w.bbox[0] < x1
    ]  # fmt: skip
    line = [w for w in words if top <= w.y_center <= foot and not any(w is d for d in deep)]
    return [w for w in deep if _covered(w, line) >= COVERED_SHARE]


def _label_reach(name: list[Word], rows: Rows, page_px: tuple[int, int]) -> float:
    """How far left of the name its label may lie (`LABEL_REACH`), as a fraction of the page's width."""
    return union_bbox(w.bbox for w in name)[0] - LABEL_REACH * (rows[1] - rows[0]) * page_px[1] / page_px[0]


def _covered(word: Word, line: list[Word]) -> float:
    """The share of a word's columns that words of a line read too."""
    spans = sorted((max(w.bbox[0], word.bbox[0]), min(w.bbox[2], word.bbox[2])) for w in line)
    covered, reach = 0.0, word.bbox[0]
    for start, end in spans:
        if end > max(start, reach):
            covered += end - max(start, reach)
            reach = end
    return covered / word.width if word.width > 0 else 0.0
