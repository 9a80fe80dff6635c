"""IOLMaster 500 measurement page: the keratometer's `MV: 43.83/43.95 D` line read again alone.

The line is printed in Courier bold; read with the page at 140 dpi, an 8 comes out as 6, 0 or 3 (`43.03` for 43.83,
`44.62` for 44.82), on rescans a point as a hyphen and the slash as a 7 (`43-10/43.27`, `42.72/743-38`), and the
document goes to review on conflicting copies or unread means. Read alone it reads right: on the seed-41 and seed-44
development corpora every line read alike twice was right, also those the page pass garbled.

The line is read in its own ruled cell: from its label to the first vertical rule right of it (the device rules the
cell, and the rule runs on down between the single K readings and their radii), so neither the `SD:` cell beside it
nor the page pass's word boxes (on rescans one box spans the whole line) decide what is read. Two preparations must
agree on the two powers (`MV: dd.dd/dd.dd D`; whatever the crop catches after the unit does not count). Where no
rule is found, the label and the two words after it are read as before. The parser still holds each mean within its
single readings, against the IOL pages' K1/K2 and against the radii.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
from PIL import Image

from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import (
    INK_LEVEL,
    LINE_MARGIN_PX,
    labelled_line_again,
    line_characters,
    read_text_line,
    words_after,
)

MV_LABEL = re.compile(r"^[|\\/(\[{‘’'`]?[MNH][Vv](?:s|s?[:;])$")  # `MV:` as OCR reads it (`Mv:`, `Nv:`, `‘MV:`)
# A label OCR garbled past that (`wv:`, `WwW:`, `‘KV:`: the frame's bold `MV:` glued to the cell's left rule; `:`
# alone, a phone photo of the real page) before the line's powers (`44.41/44.53`, `.72/4.4`, `42.51/43.`: a point or
# hyphen before the slash, which no date has; `45.06745.55`: the slash read as a 7 between two powers): read again
# too, and taken only where the cell's reading prints `MV:` (two preparations alike), so the guess decides nothing.
_GARBLED_LABEL = re.compile(r"^\W?\w{0,3}[:;]$")
_SLASH_AS_SEVEN = r"\d{2}[.\-]\d{2}7\d{2}[.\-]\d{2}"
_POWERS_WORD = re.compile(rf"^(?:[^\s/]*[.\-][^\s/]*/|{_SLASH_AS_SEVEN}$)")  # `©.4/&.95`: digits garbled too
# The line's powers whose label OCR lost past recognition (`3`, `:` for the OS `MV:`, or nothing): the powers word
# itself anchors the cell, which starts at the rule left of it
_LINE_POWERS = re.compile(rf"^(?:\d{{2}}[.\-]\d{{2}}/\d{{2}}[.\-]\d{{2}}|{_SLASH_AS_SEVEN})$")
LEFT_REACH = 0.06  # the cell's left rule lies within this share of the page left of the label (or the powers)
_MV_LINE = re.compile(r"^M[Vv]:\s*\d{2}\.\d{2}/\d{2}\.\d{2}\s*D$")
# A reading of the cell, spaces aside: the cell's left rule read before the label (`|MV:`, `IMV:`), anything after
# the unit (a rule, a speck).
_MV_CELL = re.compile(r"^[|\\/(\[{‘’'`Il!\]]?M[Vv]:(\d{2}\.\d{2}/\d{2}\.\d{2})D")
WORDS_AFTER = 2  # the two powers (`43.83/43.95`) and the unit
CELL_SHARE = 0.35  # the cell's rule lies within this share of the page right of the label (0.21 on the real page)
RULE_INK_SHARE = 0.95  # a vertical rule inks (almost) every row from the label's middle to the readings below


def with_mean_values(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with each `MV:` line read again where two readings agree (see the module); other pages unchanged."""
    labels = [w for w in words if MV_LABEL.match(w.text) or _garbled_label(w, words)]
    labelled = {id(after) for label in labels for after in words_after(label, words, 1)}
    for anchor in [*labels, *(w for w in words if _LINE_POWERS.match(w.text) and id(w) not in labelled)]:
        words = _with_mv_line(image, words, anchor)
    return words


def _garbled_label(word: Word, words: list[Word]) -> bool:
    """True for a short label OCR garbled (`wv:`) whose next word holds the line's two powers (`44.41/44.53`)."""
    after = words_after(word, words, 1) if _GARBLED_LABEL.match(word.text) else []
    return bool(after) and _POWERS_WORD.match(after[0].text) is not None


def _with_mv_line(image: Image.Image, words: list[Word], label: Word) -> list[Word]:
    read = _cell_again(image, words, label) or _words_again(image, words, label)
    if read is None:
        return words
    line, before = read
    return [w for w in words if w not in before] + line


def _words_again(image: Image.Image, words: list[Word], label: Word) -> tuple[list[Word], list[Word]] | None:
    """The label and the two words after it read again (no cell rule found), where the page pass read a slash."""
    after = words_after(label, words, 1)
    if not (after and "/" in after[0].text):
        return None
    return labelled_line_again(image, words, label, WORDS_AFTER, _MV_LINE)


def _cell_again(image: Image.Image, words: list[Word], label: Word) -> tuple[list[Word], list[Word]] | None:
    """The `MV:` cell read alone: its three words as printed and the page-pass words they replace, or None."""
    area = mv_cell(image, label)
    if area is None:
        return None
    line = read_text_line(image, area, meaning=_powers_read)
    if line is None or _MV_CELL.match(line_characters(line)) is None:
        return None
    printed = _as_printed(line)
    reach = replace(area, x0=min(area.x0, round(label.bbox[0] * image.size[0]) - LINE_MARGIN_PX))  # the rule too
    return (printed, [w for w in words if _starts_in(w, reach, image.size)]) if printed else None


def mv_cell(image: Image.Image, label: Word) -> Box | None:
    """The `MV:` line's cell (pixels): from the label to just left of the first vertical rule right of it, or None."""
    width, height = image.size
    x0, top = round(label.bbox[0] * width), round(label.bbox[1] * height)
    x1, bottom = round(label.bbox[2] * width), round(label.bbox[3] * height)
    tall = bottom - top
    start, stop = x1 + tall, min(width, x0 + round(CELL_SHARE * width))
    if stop - start < 3:
        return None
    margin = LINE_MARGIN_PX
    ruled = _rule_columns(image, (start, stop), (top + tall // 2, bottom + 3 * tall // 2))
    if ruled.size == 0:
        return None
    reach = x0 - round(LEFT_REACH * width)
    left = _rule_columns(image, (reach, x0 + tall), (top + tall // 2, bottom + 3 * tall // 2))
    x_left = reach + int(left[-1]) + 3 if left.size else x0 - margin  # past the cell's left rule (`wv:`)
    return Box(x_left, top - margin, start + int(ruled[0]), bottom + margin)


def _rule_columns(image: Image.Image, columns: tuple[int, int], rows: tuple[int, int]) -> np.ndarray:
    """The columns (from `columns[0]`) of an area of the page that a vertical rule inks from top to bottom."""
    grey = np.asarray(image.crop((max(columns[0], 0), rows[0], columns[1], rows[1])).convert("L"))
    ink = grey < INK_LEVEL
    near = ink[:, :-2] | ink[:, 1:-1] | ink[:, 2:]  # a rule on a tilted rescan leans a pixel or two
    return np.flatnonzero(near.mean(axis=0) >= RULE_INK_SHARE) + max(columns[0], 0) - columns[0]


def _starts_in(word: Word, area: Box, page_px: tuple[int, int]) -> bool:
    """True for a page-pass word that starts in the cell at its height: on rescans OCR boxes the bold line as one
    word reaching into the `SD:` cell (`43-10/43.27` from the label to past `SD:`); it was read from the cell."""
    width, height = page_px
    return area.contains(word.bbox[0] * width, word.y_center * height)


def _powers_read(characters: str) -> str:
    """What a reading of the cell says: its two powers where it has the line's form, else its characters."""
    match = _MV_CELL.match(characters)
    return match.group(1) if match else characters


def _as_printed(line: list[Word]) -> list[Word]:
    """The reading as the line's three words (`MV:`, `43.83/43.95`, `D`), each across the word read for it and as
    high as the powers (a label read with the cell's rule, `|MV:`, is boxed as tall as the cell, and a word that tall
    would join another line); [] where the powers were read glued to the label or the unit."""
    match = _MV_CELL.match(line_characters(line))
    powers = match.group(1) if match else ""
    at = next((i for i, w in enumerate(line) if w.text == powers), None)
    if at is None or at == 0 or at + 1 >= len(line) or not line[at + 1].text.startswith("D"):
        return []
    top, bottom = line[at].bbox[1], line[at].bbox[3]
    label, unit = line[at - 1], line[at + 1]
    return [
        Word("MV:", (label.bbox[0], top, label.bbox[2], bottom), confidence=label.confidence),
        line[at],
        Word("D", (unit.bbox[0], top, unit.bbox[2], bottom), confidence=unit.confidence),
    ]
