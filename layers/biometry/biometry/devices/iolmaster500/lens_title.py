"""IOLMaster 500 multi-formula page: the lens its header names (`Lens: Opt A119.1MA60AC`) read again alone.

The multi-formula page captions its boxes with formulas and names its one lens in the header only, in regular Times.
On the device frames the page pass splits and garbles it (`Opt Al 19.1N AA60AC`: the M read as `N A`), so every box of
the page goes to review with a lens name outside the catalogue. Read alone, the rest of the line after its label reads
right; it replaces the page pass's words only where two preparations agree on what it names (`caption_meaning`: the
same catalogue lens, or a name outside it character by character).
"""

from __future__ import annotations

from PIL import Image

from biometry.devices.iolmaster500.box_heads import caption_meaning
from biometry.document import Word, group_lines
from biometry.extract.boxes import Box
from biometry.extract.cells import centre_in, read_text_line

LABEL = ("Lens:", "Lens;")  # the header's label, its colon also read as a semicolon (a 150-dpi rescan, seed 289)
MARGIN_PX = 4  # kept around the line's type
REACH_PX = 40  # past the page pass's last word: a glyph it lost at the end of the name


def with_lens_title(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with the header's lens name read again where two readings agree; unchanged on pages without it."""
    line = next((line for line in group_lines(words) if line.words[0].text in LABEL), None)
    if line is None or len(line.words) < 2:
        return words
    width, height = image.size
    label = line.words[0]
    x0, x1 = round(label.bbox[2] * width) + MARGIN_PX, min(round(line.bbox[2] * width) + REACH_PX, width)
    area = Box(x0, round(line.bbox[1] * height) - MARGIN_PX, x1, round(line.bbox[3] * height) + MARGIN_PX)
    read = read_text_line(image, area, meaning=caption_meaning)
    if read is None:
        return words
    return [w for w in words if w is label or not centre_in(w, area, image.size)] + read
