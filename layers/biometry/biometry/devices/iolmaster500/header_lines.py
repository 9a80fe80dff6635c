"""IOLMaster 500 table headers OCR garbled in one box of a row, read again where the row prints them.

The boxes of one row print their `IOL (D)  REF (D)` headers on one line. Where the page pass read that line over every
box but one whose header it garbled (a 150-dpi rescan: `A = REF (D)`: one `(D)` left), the parser cannot part the row
into its boxes and the box goes unread. Each box is found by its `Emme.` word and the vertical rules either side of
it; where the header line holds other than two units within those rules, the band of type nearest the line (along its
slant) between the rules is read again alone and taken only where two preparations read `IOL (D) REF (D)`.
"""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

from biometry.devices.iolmaster500.boxes import emmetropia_words, is_table_header
from biometry.devices.iolmaster500.emme_lines import box_sides, nearest_type_band, row_emmetropia, slope_of
from biometry.devices.iolmaster500.iol import TABLE_UNIT
from biometry.document import Line, Word, group_lines
from biometry.extract.boxes import Box
from biometry.extract.cells import centre_in, line_characters, read_text_line

UNITS = 2  # a box's header prints `(D)` twice
SEARCH_LINES = 1.0  # the header is looked for this many line heights above and below the row's header line
_HEADER = re.compile(r"^[|\[(lIjJ!]?[IL1lT|][O0]L\(D[)}\]]REF\(D[)}\]]$")  # a reading, spaces aside
PRINTED = ("IOL", "(D)", "REF", "(D)")


def with_table_headers(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with each box's table header read again where its row's header line holds other than two `(D)`
    within the box's rules and the header reads in the device's form; every other word as it was."""
    emme = emmetropia_words(words)
    headers = sorted((line for line in group_lines(words) if is_table_header(line)), key=lambda ln: ln.bbox[1])
    if not emme or not headers:
        return words
    grey = np.asarray(image.convert("L"))
    height, width = grey.shape
    for index, header in enumerate(headers):
        below = headers[index + 1].bbox[1] if index + 1 < len(headers) else 1.0
        for word in row_emmetropia(emme, header, below):
            sides = box_sides(grey, round(header.bbox[3] * height), round(word.bbox[1] * height), word.bbox[2] * width)
            if sides is None:
                continue
            mine = [w for w in header.words if sides[0] <= w.x_center * width <= sides[1]]
            if sum(1 for w in mine if TABLE_UNIT.search(w.text)) == UNITS:
                continue
            area = _header_area(grey, header, sides)
            words = _with_header(image, words, area) if area is not None else words
    return words


def _header_area(grey: np.ndarray, header: Line, sides: tuple[int, int]) -> Box | None:
    """The band of type nearest the header line's height at the box (along its slant), between the box's rules."""
    height = grey.shape[0]
    units = [w for w in header.words if TABLE_UNIT.search(w.text)]
    middle = (sides[0] + sides[1]) / 2 / grey.shape[1]
    nearest = min(units or header.words, key=lambda w: abs(w.x_center - middle))
    centre = round((nearest.y_center + slope_of(header) * (middle - nearest.x_center)) * height)
    reach = round(nearest.height * height * (0.5 + SEARCH_LINES))
    return nearest_type_band(grey, centre, reach, sides)


def _with_header(image: Image.Image, words: list[Word], area: Box) -> list[Word]:
    """The words with the header in `area` read again, where two preparations read it in the device's form."""
    read = read_text_line(image, area, meaning=_form)
    if read is None or _form(line_characters(read)) != "header" or len(read) != len(PRINTED):
        return words
    printed = [Word(text, w.bbox, confidence=w.confidence) for text, w in zip(PRINTED, read, strict=True)]
    return [w for w in words if not _read_there(w, area, image.size)] + printed


def _read_there(word: Word, area: Box, page_px: tuple[int, int]) -> bool:
    """True for a page-pass word of the header band: its centre in it, or a word across the band's middle (a garbled
    `(D)` boxed down into the first row, `=` 78 px high, would stay a table line of its own)."""
    width, height = page_px
    middle = (area.y0 + area.y1) / 2
    across = word.bbox[1] * height <= middle <= word.bbox[3] * height and area.x0 <= word.x_center * width <= area.x1
    return across or centre_in(word, area, page_px)


def _form(characters: str) -> str:
    """What a reading of the band says: `header` where it has the device's form, else its characters."""
    return "header" if _HEADER.match(characters) else characters
