"""IOLMaster 500 measurement page: the keratometer's `MV: 43.83/43.95 D` line read again alone.

The line is printed in Courier bold; read with the page at 140 dpi, an 8 comes out as 6, 0 or 3 (`43.03` for 43.83,
`44.62` for 44.82) and the document goes to review on conflicting copies. Read alone (label, both powers, unit) it
reads right: on the seed-41 development corpus every line read alike twice was right, also the eight the page pass
garbled. The re-read is taken only when two preparations agree on `MV: dd.dd/dd.dd D`; the parser still holds each
mean within its single readings, against the IOL pages' K1/K2 and against the radii.
"""

from __future__ import annotations

import re

from PIL import Image

from biometry.document import Word
from biometry.extract.cells import labelled_line_again, words_after

MV_LABEL = re.compile(r"^[|\\/(\[{]?[MNH][Vv](?:s|s?[:;])$")  # `MV:` as OCR reads it (`Mv:`, `Nv:`, `NVs:`)
_MV_LINE = re.compile(r"^M[Vv]:\s*\d{2}\.\d{2}/\d{2}\.\d{2}\s*D$")
WORDS_AFTER = 2  # the two powers (`43.83/43.95`) and the unit


def with_mean_values(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with each `MV:` line read again where two readings agree (see the module); other pages unchanged."""
    for label in [w for w in words if MV_LABEL.match(w.text)]:
        words = _with_mv_line(image, words, label)
    return words


def _with_mv_line(image: Image.Image, words: list[Word], label: Word) -> list[Word]:
    after = words_after(label, words, 1)
    read = labelled_line_again(image, words, label, WORDS_AFTER, _MV_LINE) if after and "/" in after[0].text else None
    if read is None:
        return words
    line, before = read
    return [w for w in words if w not in before] + line
