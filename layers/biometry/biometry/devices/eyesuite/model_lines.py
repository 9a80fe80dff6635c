"""EyeSuite lens model lines the page pass garbled past the catalogue, read again alone from the page image.

A lens block prints its model line over its manufacturer line and its `IOL [D] | Eye [D]` table header, left-aligned
(`maker_lines`). On a rescan the page pass may garble the model (`ActySof IQ SN6OWF`, `A 1Q SN60WF` for
`AcrySof IQ SN60WF`, a 200-dpi scan). A model line that is no catalogue name as read is read again alone, over the
band of its words from the block's left edge (`extract.cells.read_text_line`: two preparations must agree, on the
catalogue name they spell where they spell one: `AcrySof 1Q SN60WF` as is and `AcrySof IQ SN60WF` thickened); the
reading replaces the page pass's words only where it is a catalogue name (`lens_catalogue.catalogue_name`) and starts
where the model line starts. Anything else keeps its words, and the parser's checks (`iol_model_unverified`) judge it.
"""

from __future__ import annotations

import statistics

from PIL import Image

from biometry.devices.eyesuite.maker_lines import HEADER_REACH, INDENT, MODEL_LINE, header_iol
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import read_text_line
from biometry.lens_catalogue import catalogue_name
from biometry.normalize import canonical

BAND_MARGIN = 0.15  # model-line heights above and below its band
PAST_END = 1.0  # header heights read past the model line's last word


def with_model_lines(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each lens block's model line that is no catalogue name read again, where the reading
    is one."""
    headers = [(eye, iol) for eye in words if canonical(eye.text) == "Eye" and (iol := header_iol(eye, words))]
    for eye, iol in headers:
        words = _with_model_read_again(image, words, eye, iol, _next_block_left(eye, iol, headers))
    return words


def _lens_meaning(characters: str) -> str:
    """What a reading of a model line says: the catalogue name it spells as OCR reads it, else its characters."""
    return catalogue_name(characters) or characters


def _block_left(eye: Word, iol: Word) -> float:
    """The left edge of a header's block, as far left of its `IOL` as a block reaches."""
    return iol.bbox[0] - HEADER_REACH * eye.height


def _next_block_left(eye: Word, iol: Word, headers: list[tuple[Word, Word]]) -> float:
    """Where the next block right of a header's starts, on the header's line (the page's edge after the last)."""
    level = [_block_left(e, i) for e, i in headers if abs(e.y_center - eye.y_center) < eye.height / 2]
    return min((left for left in level if left > eye.bbox[2]), default=1.0)


def _model_line(found: list[Word], words: list[Word], end: float) -> list[Word]:
    """The model line whose words were found near the header: every word level with them (the median band of the
    found ones) from the leftmost found on, up to the next block: a name wider than the header goes on right of it,
    a word may stand apart where OCR lost the one between (`A` `1Q` for `AcrySof IQ`), and a word whose centre fell
    just outside the header's reach is still on the line."""
    if not found:
        return []
    line_top = statistics.median(w.bbox[1] for w in found)
    line_bottom = statistics.median(w.bbox[3] for w in found)
    start = min(w.bbox[0] for w in found)
    line = [w for w in words if line_top <= w.y_center <= line_bottom and start <= w.bbox[0] and w.x_center < end]
    return sorted(line, key=lambda w: w.bbox[0])


def _maker_start(words: list[Word], below: float, above: float, left: float, right: float) -> float:
    """Where the manufacturer line under a model line starts (the block's left edge: both lines are left-aligned),
    from the words between the model line and the table header; the page's right edge where none is read. A model
    line that starts right of it lost its first word (`1Q SN60WF`, `AcrySof` unread on a rescan): it is read again
    from there."""
    return min((w.bbox[0] for w in words if below < w.y_center < above and left <= w.bbox[0] < right), default=1.0)


def _with_model_read_again(image: Image.Image, words: list[Word], eye: Word, iol: Word, end: float) -> list[Word]:
    """The words with the model line of a header's block read again alone where it is no catalogue name and the
    reading is one starting where the line starts."""
    height, top = eye.height, min(eye.bbox[1], iol.bbox[1])
    left, right = _block_left(eye, iol), eye.bbox[2]
    low, high = MODEL_LINE
    found = [w for w in words if left <= w.bbox[0] < right and top - high * height <= w.y_center <= top - low * height]
    if found:  # the next block starts where its manufacturer line does, its header lost (a 200-dpi rescan, seed 223)
        end = min(end, _maker_start(words, statistics.median(w.bbox[3] for w in found), top, right, end))
    model = _model_line(found, words, end)
    if not model or catalogue_name(" ".join(w.text for w in model)) is not None:
        return words
    start = model[0].bbox[0]
    line_top = statistics.median(w.bbox[1] for w in model)
    line_bottom = statistics.median(w.bbox[3] for w in model)
    margin = BAND_MARGIN * (line_bottom - line_top)
    width_px, height_px = image.size
    area = Box(
        round((min(start, _maker_start(words, line_bottom, top, left, right)) - INDENT * height) * width_px),
        round((line_top - margin) * height_px),
        round(min(max(w.bbox[2] for w in model) + PAST_END * height, end) * width_px),
        round((line_bottom + margin) * height_px),
    )
    read = read_text_line(image, area, meaning=_lens_meaning) if area.x1 > area.x0 and area.y1 > area.y0 else None
    if not read or catalogue_name(" ".join(w.text for w in read)) is None or read[0].bbox[0] > start + INDENT * height:
        return words
    x0, x1 = area.x0 / width_px, area.x1 / width_px  # the page pass's words read again: the model's and any other
    replaced = {id(w) for w in model} | {  # on its band in the area (a first word the model line was not found with)
        id(w) for w in words if line_top <= w.y_center <= line_bottom and x0 <= w.x_center <= x1
    }
    return [w for w in words if id(w) not in replaced] + read
