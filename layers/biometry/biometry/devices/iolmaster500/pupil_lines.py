"""IOLMaster 500 white-to-white values: each `Pup: 4.8 mm` line read again alone.

On the device's frames the page pass reads a pupil's 8 as 3 now and then (`Pup: 4.3 mm` for 4.8 on the white-to-white
page, one line of many read right, `wtw_readings_mismatch`); read alone, label, value and unit, it reads right. A line
is taken only where two preparations agree on `Pup: d.d mm` (`extract.cells.read_text_line`); the parser still holds
the white-to-white page's selected pupil against the three measurements the measurement page prints (read again
alike), so a reading neither shows goes to review.
"""

from __future__ import annotations

import re

from PIL import Image

from biometry.document import Word
from biometry.extract.cells import labelled_line_again

PUP_LABEL = re.compile(r"^[|\\/(\[{]?Pup:$")  # `\Pup:`: a box rule read before the label
_PUP_LINE = re.compile(r"^Pup:\s*\d\.\d\s*mm$")
WORDS_AFTER = 2  # the value and its unit


def with_pupil_lines(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with each `Pup:` line read again where two readings agree (see the module)."""
    for label in [w for w in words if PUP_LABEL.match(w.text)]:
        read = labelled_line_again(image, words, label, WORDS_AFTER, _PUP_LINE)
        if read is not None:
            line, before = read
            words = [w for w in words if w not in before] + line
    return words
