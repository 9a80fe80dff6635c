"""Text rows in a box's ink: a box read as one line (tesseract's single-line mode) must hold only one.

A low box can hold two rows of small type: the IOLMaster 500's `ACD: 3.31 mm` over its row of readings is 88 px at
300 dpi, under the height below which a box is taken for one framed line. Read as one line, the two rows garble
(`er =a 331 mmm`); read as a block they come out right. Rows are counted from the ink's horizontal profile.
"""

from __future__ import annotations

import numpy as np

MIN_ROW_PX = 8  # an ink band lower than this is a speck, an underline or the remains of a rule (300 dpi)
MIN_GAP_PX = 3  # rows are parted by at least this many rows without ink


def text_rows(ink: np.ndarray) -> int:
    """The bands of inked rows of a box's text ink at least MIN_ROW_PX high, bands closer than MIN_GAP_PX joined."""
    inked = np.flatnonzero(ink.any(axis=1)) if ink.size else np.zeros(0, dtype=np.int64)
    if inked.size == 0:
        return 0
    breaks = np.flatnonzero(np.diff(inked) > MIN_GAP_PX)
    starts, ends = np.r_[inked[0], inked[breaks + 1]], np.r_[inked[breaks], inked[-1]]
    return int(((ends - starts + 1) >= MIN_ROW_PX).sum())
