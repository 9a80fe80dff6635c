"""IOLMaster 700 target refractions the page pass lost whole where their label ends its line, read again from the
blank after the label.

Each result box prints its target above its tables (`Target ref.: +0,00 D`, `Ref. objetivo: +0,00 D`). A rescan's page
pass may read a copy's label and lose its value whole; where the label is the last word read on its line (the right
copy of a two-eye page: nothing to its right), `cells.with_table_cells` finds no next label to bound the gap. The blank
right of the label, LOST_VALUE_WIDTH label heights wide, is read alone as one line of type
(`extract.cells.read_text_line`, two preparations agree), and its words are added only where they read the target's
printed form (`+0,00 D`: a signed power with two decimals, its unit or none) and nothing else. Else the page keeps its
words and the inventory reports the target printed and unread. Only this device's pages
(`prints_own_page`) are read again.
"""

from __future__ import annotations

import re

from PIL import Image

from biometry.devices.iolmaster700 import prints_own_page
from biometry.devices.iolmaster700.printed import TARGET_LABEL
from biometry.document import Word, group_lines
from biometry.extract.boxes import Box
from biometry.extract.cells import read_text_line

PRINTED_TARGET = re.compile(r"^[+-]\d{1,2}[.,]\d\d(?: ?D)?$")  # `+0,00 D`, `-0,50D`
LOST_VALUE_WIDTH = 8.0  # label heights: the blank after a line-ending label read for its lost value (`+0,00 D`: ~5)
EDGE_PX = 2  # white kept between the label's ink and the area read
MARGIN = 0.5  # label heights above and below the label's box read with it (a scan's tilt)


def with_line_end_targets(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each target value lost after a label that ends its line read again from the blank after
    the label, where that reading is the target's printed form; the words unchanged on any other page."""
    if not prints_own_page(words):
        return words
    for label in line_end_target_labels(words):
        words = _with_lost_target(image, words, label)
    return words


def line_end_target_labels(words: list[Word]) -> list[Word]:
    """The last word of each line that ends a target label (`objetivo:` after `Ref.`, `ref.:` after `Target`, or the
    label in one word: `Zielrefr.:`): a label with a colon and no value read after it."""
    found = []
    for line in group_lines(words):
        *before, last = line.words
        if not last.text.endswith(":"):
            continue
        label = [*before[-1:], last]
        if any(TARGET_LABEL.match(w.text) for w in label):
            found.append(last)
    return found


def _with_lost_target(image: Image.Image, words: list[Word], label: Word) -> list[Word]:
    """The words with the blank after the label read alone added, where it reads the target's printed form."""
    width, height = image.size
    label_px = (label.bbox[3] - label.bbox[1]) * height
    margin = round(MARGIN * label_px)
    x0, y0, y1 = round(label.bbox[2] * width) + EDGE_PX, round(label.bbox[1] * height), round(label.bbox[3] * height)
    area = Box(x0, max(y0 - margin, 0), min(x0 + round(LOST_VALUE_WIDTH * label_px), width), min(y1 + margin, height))
    if area.x1 - area.x0 < label_px:
        return words
    read = read_text_line(image, area)
    if not read or not PRINTED_TARGET.match(" ".join(w.text for w in read)):
        return words
    return [*words, *read]
