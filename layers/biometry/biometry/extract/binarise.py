"""Black-and-white pages for tesseract: a low-resolution raster is read from its Otsu binarisation.

Tesseract's LSTM recogniser reads the grey levels it is given. A page stored as a raster below 200 dpi (an IOLMaster
500 printout's 140-dpi DICOM frames, a 150-dpi rescan) is enlarged to 300 dpi for OCR, and its soft grey edges and
JPEG ringing make tesseract misread thin type (`L735` for `17.5`, `18)..5` for `18.5`, a lost minus); the same crop
binarised reads right (docs/real-reports.md, IOLMaster 500). Pages at 200 dpi and more keep their grey levels: below
250 dpi the binarisation cost IOLMaster 700 200-dpi scans (14 -> 9 of 28 accepted) and EyeSuite 200-240-dpi rescans
(38 -> 34 of 57), and the Eyestar 900 scan (vectors) read from a binarisation loses digits.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from biometry.extract.preprocess import otsu_threshold

BINARISE_BELOW_DPI = 200.0  # the low resolution below which strokes are also thickened (strokes.LOW_RESOLUTION_DPI)


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
