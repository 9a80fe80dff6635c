"""Black-and-white pages for tesseract: a low-resolution raster is read from its Otsu binarisation.

Tesseract's LSTM recogniser reads the grey levels it is given. A page stored as a raster below 175 dpi (an IOLMaster
500 printout's 140-dpi DICOM frames, a 150-dpi rescan) is enlarged to 300 dpi for OCR, and its soft grey edges and
JPEG ringing make tesseract misread thin type (`L735` for `17.5`, `18)..5` for `18.5`, a lost minus); the same crop
binarised reads right (docs/real-reports.md, IOLMaster 500). Pages at 200 dpi and more keep their grey levels: up to
250 dpi the binarisation cost IOLMaster 700 200-dpi scans (14 -> 9 of 28 accepted) and EyeSuite 200-240-dpi rescans
(38 -> 34 of 57), and the Eyestar 900 scan (vectors) read from a binarisation loses digits. A rescan's type, blurred
by the scanner, keeps its grey levels at any resolution (`soft_edged`): binarised, a 150-dpi rescan read worse.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from biometry.extract.preprocess import otsu_threshold

# Between the resolutions measured both ways: 140-150 dpi read better binarised, 200-240 dpi grey. Not 200 itself: a
# page scanned at 200 dpi measures 199.9999 from its PDF's image bounds, and binarised it lost 5 of 14 IOLMaster 700
# and 8 of 25 EyeSuite rescans that grey levels accept (seed 7 and 2026 corpora, 0 silent errors either way).
BINARISE_BELOW_DPI = 175.0
# Grey fringe pixels per pixel of ink edge (the width of the type's grey edges) above which a page's type has soft
# edges: a rescan or a photo, blurred by its optics (150-dpi rescans of IOLMaster 700, EyeSuite and IOLMaster 500
# pages: 1.85-4.9 px), not a device's crisp frames enlarged (the real and generated IOLMaster 500 140-dpi frames:
# 1.28-1.44 px). Measured per pixel of edge, not of ink: a rescan of bold type (an IOLMaster 700 page with one eye's
# boxes) has more ink per edge, measured crisp by fringe per ink (0.88-1.09 against 1.1), and was thickened and misread.
SOFT_EDGE_PX = 1.6
_INK_BELOW, _FRINGE_BELOW = 96, 224  # grey levels: ink, then the fringe around it (paper above)


def is_enlarged_raster(source_dpi: float | None) -> bool:
    """True for a page stored as a raster of too low a resolution to be read from its grey levels."""
    return source_dpi is not None and 0 < source_dpi < BINARISE_BELOW_DPI


def binarised(image: Image.Image) -> Image.Image:
    """The grey page in black and white, split at its Otsu threshold (its resolution info kept)."""
    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    level = otsu_threshold(grey)
    table = [0 if value < level else 255 for value in range(256)]
    black_white = image.convert("L").point(table)
    black_white.info = dict(image.info)
    return black_white


def soft_edged(image: Image.Image) -> bool:
    """True when the page's type has wide grey edges (a rescan blurred by the scanner's optics): thickened or
    binarised, a 150-dpi rescan's sans-serif glyphs run together (`Phakic`, filled degree signs) and tesseract reads
    it less surely and wrongly (real Eyestar 900 at 150 dpi: 33 values missed, read from grey 12 or none)."""
    grey = np.asarray(image.convert("L"))
    ink = grey < _INK_BELOW
    fringe = int(np.count_nonzero((grey >= _INK_BELOW) & (grey < _FRINGE_BELOW)))
    return fringe > SOFT_EDGE_PX * max(_edge_pixels(ink), 1)


def _edge_pixels(ink: np.ndarray) -> int:
    """The ink pixels with a pixel that is not ink above, below, left or right of them."""
    edge = np.zeros_like(ink)
    edge[1:, :] |= ink[1:, :] & ~ink[:-1, :]
    edge[:-1, :] |= ink[:-1, :] & ~ink[1:, :]
    edge[:, 1:] |= ink[:, 1:] & ~ink[:, :-1]
    edge[:, :-1] |= ink[:, :-1] & ~ink[:, 1:]
    return int(np.count_nonzero(edge))
