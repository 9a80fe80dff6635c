"""IOLMaster 700: the null `---` after an eye label told from a value by the height of its box and of its ink.

The device prints a value it did not measure as three dashes in small grey type (`TK2: ---`). OCR reads them as a
digit now and then, with nothing else after the label: a real photo of page 4 (seed 389) read OS `TK2: ---` as
`TK2: 2`, a lone digit no value is printed as, so TK2 went to review as printed and unread (a one-page photo has no
other page to vote the null). The word's own box tells: OCR boxed the dashes' ink, 4 pixels tall beside a 24-pixel
label, and no digit is flatter than the label's type. A lone digit right after an eye label whose box is no taller
than FLAT_SHARE of the label's is read as the null; a digit as tall as type stays as read (completeness counts it).

The other way round, OCR read a printed value as the null: a 150-dpi rescan (held-out seed 203) read OS `CCT: 544 µm`
as `ccT: --- ym`, the dashes boxed flat over the digits' middle, and the result was accepted without the CCT, as
not measured. Dashes are flat; digits are as tall as the label's type. A null read after an eye label over ink at
least TALL_SHARE of the label's height (in the label's rows, the null's columns) is the value printed there, read
alone between the label and the next word (two preparations agree on a number in the digits the device prints for
the field), or written as the doubt mark (`refiners.DOUBT`: printed, unread, review).

A Holladay 2 box prints no emmetropia power: `--- Emetropia`. A 150-dpi rescan (held-out seed 210) read one such null
`S32`, boxed as tall as the label over the dashes' flat ink: a digit where every other box of the formula read the
null, so every OS Holladay 2 box went to review. A word with a digit right before an emmetropia label whose ink, in
the label's rows with rule rows cleared, spans at most FLAT_SHARE of the label's height is the null as well (digits
are as tall as type); its box as read does not decide. So are letters (a photo, held-out seed 218, read both
Holladay 2 boxes' nulls `ae` and `pra,`) where no number stands before them in the box: a speck read between a power
and its label stays as read.
"""

from __future__ import annotations

import dataclasses
import itertools
import re

import numpy as np
from PIL import Image

from biometry.devices.iolmaster700 import prints_own_page
from biometry.devices.iolmaster700.boxes import emmetropia_labels
from biometry.devices.iolmaster700.cells import ink_box
from biometry.devices.iolmaster700.precision import PRINTED_DIGITS, decimals_unprinted
from biometry.devices.iolmaster700.printed import vocabulary_label
from biometry.devices.iolmaster700.slots import FIELDS_OF_LABEL
from biometry.devices.measurements import label_spelling
from biometry.document import Word, group_lines
from biometry.extract.cells import INK_LEVEL, ink_bands, ink_without_rules, read_number_cell
from biometry.extract.refiners import DOUBT
from biometry.normalize import is_missing

NULL = "---"  # as the device prints it
FLAT_SHARE = 0.4  # of the label's box height: the dashes' box (the real photo: 0.17), a digit's at least ~0.9
TALL_SHARE = 0.6  # of the label's box height: ink this tall where a null was read is type, not dashes
_CCT = re.compile(r"^\d{3}$")  # a central corneal thickness in micrometres (`544`)
_DECIMAL_COMMA = re.compile(r"\d,\d")  # the page prints its values with decimal commas (`2,83 mm`)
RULE_REACH = 4.0  # label heights left of a word before an emmetropia label: a rule across the box runs that far
GLYPH_GAP = 0.2  # of the label's box height: columns of a value's glyphs stand closer; a space is wider


def with_flat_nulls(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each word after an eye label boxed flatter than type read as the null `---` (see the
    module); the words unchanged on any other page. `image` is not needed: the boxes tell."""
    del image
    if not prints_own_page(words):
        return words
    flat = {
        id(after)
        for line in group_lines(words)
        for label, after, following in zip(line.words, line.words[1:], [*line.words[2:], None], strict=False)
        if vocabulary_label(label_spelling(label.text)) in FIELDS_OF_LABEL
        and after.height <= FLAT_SHARE * label.height
        and any(ch.isalnum() for ch in after.text)
        and not (following is not None and any(ch.isdigit() for ch in following.text))
    }
    return [dataclasses.replace(w, text=NULL) if id(w) in flat else w for w in words]


def with_flat_emmetropia_nulls(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each word read right before an emmetropia label over ink as flat as dashes read as the
    null `---`: one with a digit, or letters with no number before them in the box (see the module); the words
    unchanged on any other page."""
    if not prints_own_page(words):
        return words
    grey = np.asarray(image.convert("L"))
    flat = {
        id(before)
        for before, label, earlier in _before_emmetropia_labels(words)
        if not is_missing(before.text)
        and (_has_digit(before.text) or not _number_within_reach(earlier, before, label, grey.shape))
        and _inked_flat(grey, before, label)
    }
    return [dataclasses.replace(w, text=NULL) if id(w) in flat else w for w in words]


def _before_emmetropia_labels(words: list[Word]) -> list[tuple[Word, Word, tuple[Word, ...]]]:
    """(word, label, the words before it on its line): each emmetropia label of the page (`boxes.emmetropia_labels`)
    with the word right before it on its line, level with it (its middle within the label's rows: a line may take in
    the last row above, whose power then stands before the label over the null's dashes, a 200-dpi rescan, held-out
    seed 215)."""
    pairs = []
    for line in group_lines(words):
        labels = {id(w) for w in emmetropia_labels(line.words)}
        pairs += [
            (before, label, line.words[:k])
            for k, (before, label) in enumerate(itertools.pairwise(line.words))
            if id(label) in labels and label.bbox[1] <= before.y_center <= label.bbox[3]
        ]
    return pairs


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _number_within_reach(earlier: tuple[Word, ...], word: Word, label: Word, page_px: tuple[int, ...]) -> bool:
    """Whether a word with a digit ends within RULE_REACH label heights left of the word: the power printed in the box,
    before which letters OCR read from a speck are no null."""
    return any(_has_digit(w.text) and w.bbox[2] >= word.bbox[0] - _rule_reach(label, page_px) for w in earlier)


def _rule_reach(label: Word, page_px: tuple[int, ...]) -> float:
    """RULE_REACH label heights as a share of the page's width (label heights are page-height fractions; `page_px`:
    the page's pixel rows and columns)."""
    return RULE_REACH * label.height * page_px[0] / page_px[1]


def _inked_flat(grey: np.ndarray, word: Word, label: Word) -> bool:
    """Whether the ink in a word's columns, within its label's rows, spans at most FLAT_SHARE of the label's height
    (rule rows judged from RULE_REACH label heights left of the word to the label's end); False without ink there."""
    share = _ink_share(grey, word, label, (word.bbox[0] - _rule_reach(label, grey.shape), label.bbox[2]))
    return share is not None and share <= FLAT_SHARE


def with_tall_nulls_read(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each null read after an eye label over ink as tall as type read alone as the value, or
    doubted (see the module); the words unchanged on any other page."""
    if not prints_own_page(words):
        return words
    grey = np.asarray(image.convert("L"))
    comma = any(_DECIMAL_COMMA.search(w.text) for w in words)
    settled: dict[int, Word] = {}
    for line in group_lines(words):
        for label, null, after in zip(line.words, line.words[1:], [*line.words[2:], None], strict=False):
            fields = FIELDS_OF_LABEL.get(vocabulary_label(label_spelling(label.text)), ())
            right = after.bbox[0] if after is not None else null.bbox[2] + label.height
            if fields and is_missing(null.text) and _inked_as_type(grey, null, label, right):
                settled[id(null)] = _read_alone(image, grey, null, (label, after), fields[0], comma=comma)
    return [settled.get(id(w), w) for w in words]


def _inked_as_type(grey: np.ndarray, null: Word, label: Word, right: float) -> bool:
    """Whether the ink in the null's columns, within its label's rows, spans TALL_SHARE of the label's height, with the
    rows of a rule cleared (judged across the gap from the label to `right`, the next word: a box's frame under the
    line crossed the null's columns on a 300-dpi rescan, held-out seed 163, and made the dashes tall)."""
    share = _ink_share(grey, null, label, (label.bbox[2], right))
    return share is not None and share >= TALL_SHARE


def _ink_share(grey: np.ndarray, word: Word, label: Word, across: tuple[float, float]) -> float | None:
    """The share of its label's rows (pixels) the ink in a word's columns spans within them, the rows of a rule
    cleared (`ink_without_rules`, judged across `across`: left and right, page fractions); None without ink there."""
    height, width = grey.shape
    y0, y1 = round(label.bbox[1] * height), round(label.bbox[3] * height)
    x0 = max(round(across[0] * width), 0)
    ink = ink_without_rules(grey[y0:y1, x0 : max(round(across[1] * width), x0 + 1)])
    columns = slice(max(round(word.bbox[0] * width) - x0, 0), max(round(word.bbox[2] * width) - x0, 0))
    rows = np.flatnonzero(ink[:, columns].any(axis=1))
    return (rows[-1] + 1 - rows[0]) / (y1 - y0) if rows.size else None


def _read_alone(
    image: Image.Image, grey: np.ndarray, null: Word, neighbours: tuple[Word, Word | None], field: str, *, comma: bool
) -> Word:
    """The value printed where a null was read, read alone (`extract.cells.read_number_cell`: two preparations agree)
    in the digits the device prints for the field; else the doubt mark. It is the run of ink through the null's middle
    between its label and the next word on the line (or a label's height past the null), in the label's rows: the
    label's colon and the unit's first stroke stay out."""
    label, after = neighbours
    x1 = after.bbox[0] if after is not None else null.bbox[2] + label.height
    x0, x1 = _value_run(grey, (label.bbox[2], label.bbox[1], x1, label.bbox[3]), null.x_center)
    cell = ink_box(grey, (x0, label.bbox[1], x1, label.bbox[3]), image.size)
    whole = field not in PRINTED_DIGITS
    read = read_number_cell(image, cell, comma=comma, whole=whole) if cell is not None else None
    text = read.text if read is not None and _printed_form(read.text, field) else DOUBT
    return dataclasses.replace(null, text=text, bbox=(x0, label.bbox[1], x1, label.bbox[3]))


def _printed_form(text: str, field: str) -> bool:
    """Whether a number shows the digits the device prints for the field (CCT: three, micrometres)."""
    if field in PRINTED_DIGITS:
        return not decimals_unprinted(text, field)
    return field == "cct_um" and _CCT.match(text) is not None


def _value_run(grey: np.ndarray, area: tuple[float, float, float, float], middle: float) -> tuple[float, float]:
    """The left and right (page fractions) of the run of inked columns in an area that holds `middle`, columns less
    than GLYPH_GAP of the area's height apart joined; the area's own where no run holds it."""
    height, width = grey.shape
    x0, y0, x1, y1 = round(area[0] * width), round(area[1] * height), round(area[2] * width), round(area[3] * height)
    columns = (grey[y0:y1, x0:x1] < INK_LEVEL).any(axis=0)
    gap = max(round(GLYPH_GAP * (y1 - y0)), 1)
    centre = round(middle * width) - x0
    run = next(((a, b) for a, b in ink_bands(columns, 1, gap) if a <= centre < b), None)
    return (area[0], area[2]) if run is None else ((x0 + run[0]) / width, (x0 + run[1]) / width)
