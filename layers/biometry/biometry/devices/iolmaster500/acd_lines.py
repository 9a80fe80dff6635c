"""IOLMaster 500 measurement page: each eye's `ACD: 3.08 mm` line read again alone where the page pass lost it.

Under the `Anterior chamber depth values` title the device rules one line per eye block in Courier bold (`ACD: 3.08
mm`), and under it a row of five single readings. On 300-dpi rescans the page pass now and then reads the bold line
and the readings as one garbled line (`i mals mm | 3.08 mm | ...`) or reads the OS label as a speck (`pe 2-67 mm`),
and the ACD goes to review unread. The line lies between the first two rules under the title; its eye cells are
parted by the vertical rules that cross it (the eye blocks' frames). A cell whose page-pass words do not read
`ACD:` and a printed length is read alone by every preparation (`extract.cells.agreed_line`) and taken only where two
preparations read the same length after the label and one reads the device's form, `ACD: d.dd mm`, the label in
either case (a phone photo's bold Courier read `acD:`; the cell's place says which label it is, and the label is taken
as printed; a tilted photo's line read `aAcD:3.38mm`, `ACD:3.38iz` and `ACD:3.38mm`, held-out seed 219). The reading
replaces every word of the cell's line: those centred in the cell and any boxed over its middle with ink above or
below it (a tilted photo's OS label and first reading under it read as one `3.74`, which had stood between the label
and `3.73 mm`). A cell read as printed keeps its words; a word boxed up over its middle whose centre lies under it is
the reading under the line, its box cut to there (a 200-dpi rescan's OS `3.74`, held-out seed 231, had stood between
`ACD:` and `3.73`). The parser still compares the value with the IOL pages' copies. Anything else keeps the words as
read.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import numpy as np
from PIL import Image

from biometry.document import Word, group_lines
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, agreed_line, centre_in, line_characters, rule_rows

ACD_TITLE = re.compile(r"(?:anterior\s*cham|chamber\s*depth).*values", re.IGNORECASE)  # `Anterior chamk depth`
_ACD_LINE = re.compile(r"^ACD:\d\.\d{2}mm$", re.IGNORECASE)  # a reading, spaces aside (`acD:` on a photo)
_LABEL = "ACD:"
_LENGTH_READ = re.compile(r"ACD:(\d\.\d{2})", re.IGNORECASE)  # the length a reading gives, whatever is around it
_READ_AS_PRINTED = re.compile(r"ACD:\s*\d\.\d{2}\b")  # the page pass's words of a cell that read the line
SEARCH_SHARE = 0.05  # the line's two rules lie within this share of the page height below the title
RULE_GAP_PX = 2  # pixel rows (columns) of one rule lie this close together
VERTICAL_RULE_SHARE = 0.9  # a pixel column inked over this share of the line's height is a vertical rule
MIN_CELL_SHARE = 0.2  # an eye's cell is at least this share of the page wide (the frame's double rules are closer)
EDGE_PX = 4  # kept clear of the cell's rules
LINE_RULES = 2  # the rule over the line and the one under it


def with_acd_lines(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with each eye's `ACD:` line read again where the page pass did not read it (see the module)."""
    title = next((line for line in group_lines(words) if ACD_TITLE.search(line.text)), None)
    if title is None:
        return words
    grey = np.asarray(image.convert("L"))
    for cell in _line_cells(grey, title.bbox[3]):
        inside = sorted((w for w in words if centre_in(w, cell, image.size)), key=lambda w: w.bbox[0])
        if _READ_AS_PRINTED.search(" ".join(w.text for w in inside)):
            words = [_under(w, cell, image.size) if _centred_under(w, cell, image.size) else w for w in words]
            continue
        line = agreed_line(image, cell, _length_read, _as_printed)
        if line is not None and _as_printed(line_characters(line)):
            label = replace(line[0], text=_LABEL) if line[0].text.upper() == _LABEL else line[0]
            on_line = [w for w in words if w in inside or _over_middle(w, cell, image.size)]
            words = [w for w in words if w not in on_line] + [label, *line[1:]]
    return words


def _as_printed(characters: str) -> bool:
    """Whether a reading of the line (its characters, spaces aside) is the device's form, `ACD: d.dd mm`."""
    return _ACD_LINE.match(characters) is not None


def _length_read(characters: str) -> str | None:
    """The length a reading of the line gives after its label (`aAcD:3.38mm`, a speck read before it: `3.38`)."""
    match = _LENGTH_READ.search(characters)
    return match[1] if match else None


def _over_middle(word: Word, cell: Box, page_px: tuple[int, int]) -> bool:
    """A word over the middle of the cell's line, inside its columns: read on the line, whatever ink over or under the
    line OCR boxed with it (a tilted photo's `3.74` boxed over the OS label and the first reading under it)."""
    width, height = page_px
    middle = (cell.y0 + cell.y1) / 2
    return cell.x0 <= word.x_center * width <= cell.x1 and word.bbox[1] * height < middle < word.bbox[3] * height


def _centred_under(word: Word, cell: Box, page_px: tuple[int, int]) -> bool:
    """A word boxed over the middle of the cell's line whose centre lies under the cell."""
    return _over_middle(word, cell, page_px) and word.y_center * page_px[1] > cell.y1


def _under(word: Word, cell: Box, page_px: tuple[int, int]) -> Word:
    """A word boxed up over a line read as printed, centred under it: the reading under the line, its box from the
    cell's foot down (a 200-dpi rescan, held-out seed 231: OS's first reading `3.74` boxed over the label `ACD:` stood
    between it and `3.73`, and the ACD was read as 3.74)."""
    x0, _, x1, y1 = word.bbox
    return replace(word, bbox=(x0, cell.y1 / page_px[1], x1, y1))


def _line_cells(grey: np.ndarray, title_bottom: float) -> list[Box]:
    """The eye cells (pixels) of the line between the first two rules under the title; [] where they are not found."""
    height, width = grey.shape
    top = round(title_bottom * height)
    ink = grey[top : top + round(SEARCH_SHARE * height)] < INK_LEVEL
    rules = _runs(np.flatnonzero(rule_rows(ink)))
    if len(rules) < LINE_RULES:
        return []
    y0, y1 = top + rules[0][1] + 1, top + rules[1][0]
    band = grey[y0:y1] < INK_LEVEL
    if band.size == 0:
        return []
    verticals = _runs(np.flatnonzero(band.mean(axis=0) >= VERTICAL_RULE_SHARE))
    return [
        Box(left[1] + EDGE_PX, y0 + 1, right[0] - EDGE_PX, y1 - 1)
        for left, right in itertools.pairwise(verticals)
        if right[0] - left[1] >= MIN_CELL_SHARE * width
    ]


def _runs(indices: np.ndarray) -> list[tuple[int, int]]:
    """Consecutive pixel indices (rows or columns of one rule) grouped as (first, last)."""
    runs: list[tuple[int, int]] = []
    for index in (int(i) for i in indices):
        if runs and index - runs[-1][1] <= RULE_GAP_PX:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs
