"""Black-and-white pages for tesseract: a low-resolution raster is read from its Otsu binarisation.

Tesseract's LSTM recogniser reads the grey levels it is given. A page stored as a raster below 175 dpi (an IOLMaster
500 printout's 140-dpi DICOM frames, a 150-dpi rescan) is enlarged to 300 dpi for OCR, and its soft grey edges and
JPEG ringing make tesseract misread thin type (`L735` for `17.5`, `18)..5` for `18.5`, a lost minus); the same crop
binarised reads right (docs/real-reports.md, IOLMaster 500). Pages at 200 dpi and more keep their grey levels: up to
250 dpi the binarisation cost IOLMaster 700 200-dpi scans (14 -> 9 of 28 accepted) and EyeSuite 200-240-dpi rescans
(38 -> 34 of 57), and the Eyestar 900 scan (vectors) read from a binarisation loses digits.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from biometry.extract.preprocess import otsu_threshold

# Between the resolutions measured both ways: 140-150 dpi read better binarised, 200-240 dpi grey. Not 200 itself: a
# page scanned at 200 dpi measures 199.9999 from its PDF's image bounds, and binarised it lost 5 of 14 IOLMaster 700
# and 8 of 25 EyeSuite rescans that grey levels accept (seed 7 and 2026 corpora, 0 silent errors either way).
BINARISE_BELOW_DPI = 175.0


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
