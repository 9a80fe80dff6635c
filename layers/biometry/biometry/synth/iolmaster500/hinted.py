"""Courier, Times and Arial as the device rasterises them into its frames: hinted glyphs, its stems, no anti-aliasing.

The real frames' Courier New is hinted (the three stems of `mm` stay apart at 140 dpi); pdfium draws a PDF's
Courier from unhinted outlines, which merges `mm` into one blot. So the frames get their Courier runs drawn by
FreeType's hinter (the Type 1 Courier reportlab ships), glyph by glyph on the device's pitch, in black on the
frame pdfium rendered without them. Courier New is taller for its width than Courier: hinted at the device's width
(digits 8 px wide) Courier's regular digits are 12 px high where the device's are 13, so each regular glyph is
stretched by 13/12, repeating its least inked inner rows (the stems grow, no bar doubles); the device's bold digits
are 12 x 8 px, which hinted Courier Bold gives at the device's 10-pt pitch size, unstretched. Courier New's point and
minus are heavier than Courier's: the device prints a 3 x 3 px point on the baseline and an 8-px minus (Courier
hinted: 2 x 2 px, lifted a pixel, and 6 px), drawn as the device prints them, centred on their advance.

Times New Roman (labels, values, the bold lens captions) and Arial Bold (section titles, footer) are hinted on the
device too, their stems at the widths its hinting gives them: Times bold 3 px from 8.5 to 12.2 pt and 4 px at 15 pt,
regular 2 px at 10.6 pt, Arial bold 3 px (the real frames). Pdfium drew them from unhinted outlines: the bold lens
captions with 4-px stems and 11-16 % more ink than the device's at the same extents (OCR read their `F` as `E`), the
Arial titles 12 % heavier, the regular labels 12 % lighter with 1-px stems. So this type, up to `BODY_MAX_PT`, is drawn
by FreeType's hinter (the Type 1 Times New Roman PS and Arial MT reportlab ships) glyph by glyph, and a vertical stem
drawn one pixel off the device's width (`_device_stem_px`) is set to that width.

The glyphs stand on the device's advances: Windows hints at whole pixels per em (10.6 pt at 140 dpi is 20.6 px: 21
ppem) and rounds each advance there, half up, so a digit (half an em) is 11 px wide on the real frames; the clones
hinted at 20.6 px gave 10, which glued `/2` and `01` of a date and drew values 5-11 px short. The faces' widths are
Times New Roman's and Arial's (the metric clones'), so the advance is the face's width at that ppem, rounded
(`_device_advance_px`). The glyphs are the clones' outlines hinted at the run's size, regular Times 3 % larger: at
20.6 px the clone's `0` leaned (OCR read it `6`: `118.96` for `118.90`), at 21.2 px it is the device's symmetric oval
(at the whole 21 ppem the clone's `I` loses its left serifs: `ID:` read `(D:`). Bold stays at its size (larger, its
`0` is the device's too, but the captions carry 5-6 % more ink than the device's: its `4` keeps a 4-px stem). Two
glyphs are exceptions (`_OTHER_FACE_GLYPHS`, `_UNSCALED_GLYPHS`): the bold `1` is Liberation Serif's, and the regular
`1` is hinted at the size. Measured glyph by glyph against the same digits on the real formula page (IoU after
alignment, mean regular 0.76 -> 0.82, bold 0.83 -> 0.84; the regular `0` 0.71 -> 0.86, the bold `1` 0.86 -> 0.92), and
by OCR: the generated formula page reads the captions `OptA119.1MA60AC` as the real one does (the clones':
`OptAlI9.1IMA60AC`). Liberation Serif 1 and 2 as the whole face (metric-compatible with Times New Roman, hinted by their
own bytecode) are farther from the device's other digits at every size from 20 to 25 px (mean IoU regular 0.57-0.63,
bold 0.67-0.79; the clones 0.66-0.82 and 0.74-0.88).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import reportlab
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase import pdfmetrics

from biometry.synth.fonts import font_path

# face: Type 1 file, size factor, vertical stretch (the real frames: Courier's regular digits 13 x 8 px, bold 12 x 8 px)
# (Courier at 0.98 of the size: there hinting draws the 0 a symmetric oval as the device's; at the full size it leans,
# and a cell re-read took `19.0` for `19.90` on 2 % of the cells)
_FACES = {
    "Courier": ("com_____.pfb", 0.98, 13 / 12),
    "Courier-Bold": ("cob_____.pfb", 0.96, 1.0),
    "Times-Roman": ("_er_____.pfb", 1.03, 1.0),
    "Times-Bold": ("_eb_____.pfb", 1.0, 1.0),
    "Helvetica-Bold": ("_ab_____.pfb", 1.0, 1.0),
}
# glyphs drawn from another face: Times New Roman's bold `1` (the device's: an 8-px foot and a flag running down to the
# left) is Liberation Serif's design; the clone's has a 6-px foot and a short flag, which OCR read as `I` in the lens
# captions (`OptAlI9.1IMA60AC`) where it reads the real `OptA119.1MA60AC` right. (Liberation's regular `1` read `i` in
# `A1 const:`, where the real one reads `Al`, so the regular `1` stays the clone's.)
_OTHER_FACE_GLYPHS = {("Times-Bold", "1"): "LiberationSerif-Bold.ttf"}
# glyphs hinted at the size itself, not the face's factor: 3 % larger the clone's regular `1` thins to a 1-px stem that
# the stem rule widens into a kink (OCR read `K1:` as `K}:`, `22.71` as `22.7)`)
_UNSCALED_GLYPHS = frozenset({("Times-Roman", "1")})
MONO_FACES = frozenset({"Courier", "Courier-Bold"})
BODY_MAX_PT = 16.0  # larger type (the 42-pt eye labels) is drawn from its outlines, as before
# vertical stems on the device: share of the em and the fewest pixels (the real frames: Times New Roman bold 3 px at
# 8.5-12.2 pt, 4 px at 15 pt, regular 2 px at 10.6 pt; Arial bold 3 px at 11.9 pt)
_DEVICE_STEMS = {"Times-Bold": (0.137, 3), "Times-Roman": (0.084, 1), "Helvetica-Bold": (0.137, 3)}
_STEM_ROWS = 6  # a run of ink at the same columns in this many rows running is a vertical stem (a slash's steps: 3-5)
_POINT = 72.0
# Courier New's marks as the real frames print them: ink (rows x columns) and its bottom row's height above the
# baseline's row, centred on the character's advance
_DEVICE_MARKS = {".": (np.ones((3, 3), dtype=bool), 0), "-": (np.ones((1, 8), dtype=bool), 5)}
_PAD = 8  # pixels around a glyph's own canvas


@dataclass(frozen=True, slots=True)
class DeviceRun:
    """One run of type as the drawing places it: page (0-based), its anchor `x` (aligned `align`: left, right or
    centre) and baseline (pt from the top-left), text, face, size, and Courier's advance per character (pt; None: the
    face's own hinted advances)."""

    page: int
    x: float
    baseline: float
    text: str
    font: str
    size: float
    advance: float | None = None
    align: str = "left"


def is_hinted(font: str, size: float) -> bool:
    """Type this module draws: Courier at any size, Times and Arial (Helvetica in the drawing) up to `BODY_MAX_PT`."""
    return font in MONO_FACES or (font in _FACES and size <= BODY_MAX_PT)


@functools.cache
def _face(font: str, size_px: float, scaled: bool = True) -> ImageFont.FreeTypeFont:
    filename, factor, _ = _FACES[font]
    size = size_px * factor if scaled else size_px
    return ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / filename), size=size)


@functools.cache
def _glyph(font: str, size_px: float, char: str) -> tuple[np.ndarray, int, int]:
    """The glyph's ink (True = black), stretched, and its top-left offset from the pen at the baseline."""
    other = _OTHER_FACE_GLYPHS.get((font, char))
    if other is not None:
        face = ImageFont.truetype(str(font_path(other)), size=size_px)
    else:
        face = _face(font, size_px, scaled=(font, char) not in _UNSCALED_GLYPHS)
    side = int(size_px) + 2 * _PAD
    canvas = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(canvas)
    draw.fontmode = "1"
    baseline = side - _PAD
    draw.text((_PAD, baseline), char, font=face, fill=0, anchor="ls")
    ink = np.asarray(canvas) < 128
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return ink[:0, :0], 0, 0
    glyph = _stretched(ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1], _FACES[font][2])
    return glyph, int(cols[0]) - _PAD, int(rows[-1]) + 1 - glyph.shape[0] - baseline


def _stretched(glyph: np.ndarray, stretch: float) -> np.ndarray:
    """Taller by `stretch`: the least inked inner rows repeated (stable order, so equal glyphs stay equal)."""
    height = glyph.shape[0]
    extra = round(height * stretch) - height
    if extra <= 0 or height < 5:
        return glyph
    inner = range(2, height - 2)
    chosen = sorted(sorted(inner, key=lambda r: (int(glyph[r].sum()), abs(2 * r - height)))[:extra])
    return np.repeat(glyph, [2 if r in chosen else 1 for r in range(height)], axis=0)


def _placed_glyph(font: str, size_px: float, char: str, advance_px: float) -> tuple[np.ndarray, int, int]:
    """The glyph's ink and its top-left offset from the pen at the baseline: a device mark centred on the advance,
    any other character hinted (`_glyph`)."""
    if char not in _DEVICE_MARKS or font != "Courier":
        return _glyph(font, size_px, char)
    ink, lift = _DEVICE_MARKS[char]
    return ink, round((advance_px - ink.shape[1]) / 2), -lift - ink.shape[0]


def draw_runs(frame: Image.Image, runs: Sequence[DeviceRun], dpi: float) -> None:
    """Draw every run on the frame in black: Courier glyph by glyph on the run's pitch, Times as whole runs."""
    scale = dpi / _POINT
    for run in runs:
        size_px = round(run.size * scale, 2)
        if run.advance is None:
            ink, dx, dy = _proportional(run.font, size_px, run.text)
            left = run.x * scale - {"left": 0.0, "right": 1.0, "centre": 0.5}[run.align] * _length(run, size_px)
            _paste(frame, ink, round(left) + dx, round(run.baseline * scale) + dy)
            continue
        left = run.x - {"left": 0.0, "right": 1.0, "centre": 0.5}[run.align] * run.advance * len(run.text)
        for i, char in enumerate(run.text):
            glyph, dx, dy = _placed_glyph(run.font, size_px, char, run.advance * scale)
            _paste(frame, glyph, round((left + i * run.advance) * scale) + dx, round(run.baseline * scale) + dy)


def _paste(frame: Image.Image, ink: np.ndarray, x: int, y: int) -> None:
    if ink.size:
        mask = Image.fromarray(ink.astype(np.uint8) * 255, "L")
        frame.paste((0, 0, 0), (x, y, x + mask.width, y + mask.height), mask)


def _length(run: DeviceRun, size_px: float) -> float:
    """The run's width in pixels on the device's advances."""
    return float(sum(_device_advance_px(run.font, size_px, char) for char in run.text))


def _ppem(size_px: float) -> int:
    """The whole pixels per em the device hints a size at (rounded half up)."""
    return math.floor(size_px + 0.5)


def _device_advance_px(font: str, size_px: float, char: str) -> int:
    """A character's advance as the device's hinting gives it: the face's width (Times New Roman's and Arial's are
    the clones') at the size's whole ppem, rounded half up (a digit, half an em, 11 px at 21 ppem)."""
    return math.floor(float(pdfmetrics.stringWidth(char, font, _ppem(size_px))) + 0.5)


@functools.cache
def _proportional(font: str, size_px: float, text: str) -> tuple[np.ndarray, int, int]:
    """A Times or Arial run's ink (True = black): hinted glyphs on the device's advances, stems at the device's width;
    and its top-left offset from the pen at the baseline."""
    placed, pen = [], 0
    for char in text:
        glyph, dx, dy = _glyph(font, size_px, char)
        if glyph.size:
            placed.append((glyph, pen + dx, dy))
        pen += _device_advance_px(font, size_px, char)
    if not placed:
        return np.zeros((0, 0), dtype=bool), 0, 0
    left, top = min(x for _, x, _ in placed), min(y for _, _, y in placed)
    width = max(x + glyph.shape[1] for glyph, x, _ in placed) - left
    height = max(y + glyph.shape[0] for glyph, _, y in placed) - top
    ink = np.zeros((height, width), dtype=bool)
    for glyph, x, y in placed:
        ink[y - top : y - top + glyph.shape[0], x - left : x - left + glyph.shape[1]] |= glyph
    return _device_stems(ink, _device_stem_px(font, size_px)), left, top


def _device_stem_px(font: str, size_px: float) -> int:
    """The width the device's hinting gives Times New Roman's vertical stems at this size."""
    share, fewest = _DEVICE_STEMS[font]
    return max(round(share * size_px), fewest)


def _device_stems(ink: np.ndarray, stem_px: int) -> np.ndarray:
    """Vertical stems one pixel wider than `stem_px` lose their right column, one narrower gains one (the bold's 1-px
    hairlines stay). A stem: the same run of ink in `_STEM_ROWS` rows or more running."""
    out = ink.copy()
    row_runs = [set(_runs(row)) for row in ink]
    for top, runs in enumerate(row_runs):
        for start, end in runs:
            if abs(end - start - stem_px) != 1 or (top and (start, end) in row_runs[top - 1]):
                continue
            rows = 1
            while top + rows < len(row_runs) and (start, end) in row_runs[top + rows]:
                rows += 1
            if rows >= _STEM_ROWS:
                column = end - 1 if end - start > stem_px else end
                if column < out.shape[1]:
                    out[top : top + rows, column] = end - start < stem_px
    return out


def _runs(row: np.ndarray) -> list[tuple[int, int]]:
    """Start and end of each run of ink in a row."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], row.astype(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
