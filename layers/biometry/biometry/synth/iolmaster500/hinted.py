"""Courier as the device rasterises it into its frames: hinted glyphs, one-pixel stems, no anti-aliasing.

The real frames' Courier New is hinted (the three stems of `mm` stay apart at 140 dpi); pdfium draws a PDF's
Courier from unhinted outlines, which merges `mm` into one blot. So the frames get their Courier runs drawn by
FreeType's hinter (the Type 1 Courier reportlab ships), glyph by glyph on the device's pitch, in black on the
frame pdfium rendered without them. Courier New is taller for its width than Courier: hinted at the device's width
(digits 8 px wide) Courier's regular digits are 12 px high where the device's are 13, so each regular glyph is
stretched by 13/12, repeating its least inked inner rows (the stems grow, no bar doubles); the device's bold digits
are 12 x 8 px, which hinted Courier Bold gives at the device's 10-pt pitch size, unstretched. Courier New's point and
minus are heavier than Courier's: the device prints a 3 x 3 px point on the baseline and an 8-px minus (Courier
hinted: 2 x 2 px, lifted a pixel, and 6 px), drawn as the device prints them, centred on their advance.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import reportlab
from PIL import Image, ImageDraw, ImageFont

# face: Type 1 file, size factor, vertical stretch (the real frames: regular digits 13 x 8 px, bold 12 x 8 px)
# (regular at 0.98 of the size: there hinting draws the 0 a symmetric oval as the device's; at the full size it leans,
# and a cell re-read took `19.0` for `19.90` on 2 % of the cells)
_FACES = {"Courier": ("com_____.pfb", 0.98, 13 / 12), "Courier-Bold": ("cob_____.pfb", 0.96, 1.0)}
_POINT = 72.0
# Courier New's marks as the real frames print them: ink (rows x columns) and its bottom row's height above the
# baseline's row, centred on the character's advance
_DEVICE_MARKS = {".": (np.ones((3, 3), dtype=bool), 0), "-": (np.ones((1, 8), dtype=bool), 5)}
_PAD = 8  # pixels around a glyph's own canvas


@dataclass(frozen=True, slots=True)
class MonoRun:
    """One Courier run as the drawing places it: page (0-based), left edge and baseline (pt from the top-left),
    text, face, size and the advance of each character (pt)."""

    page: int
    x: float
    baseline: float
    text: str
    font: str
    size: float
    advance: float


def is_hinted_face(font: str) -> bool:
    """Faces this module draws."""
    return font in _FACES


@functools.cache
def _face(font: str, size_px: float) -> ImageFont.FreeTypeFont:
    filename, factor, _ = _FACES[font]
    return ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / filename), size=size_px * factor)


@functools.cache
def _glyph(font: str, size_px: float, char: str) -> tuple[np.ndarray, int, int]:
    """The glyph's ink (True = black), stretched, and its top-left offset from the pen at the baseline."""
    face = _face(font, size_px)
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


def draw_runs(frame: Image.Image, runs: Sequence[MonoRun], dpi: float) -> None:
    """Draw every run on the frame: each glyph hinted and aliased at its own place on the run's pitch."""
    scale = dpi / _POINT
    for run in runs:
        size_px = round(run.size * scale, 2)
        for i, char in enumerate(run.text):
            glyph, dx, dy = _placed_glyph(run.font, size_px, char, run.advance * scale)
            if glyph.size:
                x, y = round((run.x + i * run.advance) * scale) + dx, round(run.baseline * scale) + dy
                mask = Image.fromarray(glyph.astype(np.uint8) * 255, "L")
                frame.paste((0, 0, 0), (x, y, x + mask.width, y + mask.height), mask)
