"""IOLMaster 700 total-keratometry labels OCR read without their T (`Ki:` for `TK1:`), named by their column.

The device prints its eye labels right-aligned in columns (the colons one under the other), each column in a fixed
order: the analysis page's `WTW:  P:  TSE:  TK1:  TK2:  ΔTK:` beside `AL: ... SE:  K1:  K2:  ΔK:`, the calculation
page's `K1:  K2:  TK1:  TK2:` beside `AL: ... ΔK:  TSE:  ΔTK:`. A scan's grey small type loses a T now and then: a
real 200-dpi rescan read OS `TK1: ---` as `Ki: ==` between `TSE:` and `TK2;`, and it was read as K1 printed null (the
document went to review only because K1 was read on another page; on a photo of that page alone, whose K1 label OCR
lost, K1 would have been no value at all). A label that reads as a keratometry label (`K1:`, `K2:`, `SE:`, `ΔK:`) where
the labels right above and below it in its column are those every layout prints around the same label with a T
(`TSE:` and `TK2:` around `TK1:`) is that label; so is one with no row above it in reach whose label below no layout
prints under the label read and one prints right under its total (`SE:` over `TK1:`). Any other label is left as
read.
"""

from __future__ import annotations

import dataclasses

from PIL import Image

from biometry.devices.iolmaster700 import prints_own_page
from biometry.devices.iolmaster700.order import between
from biometry.devices.iolmaster700.printed import vocabulary_label
from biometry.devices.iolmaster700.slots import FIELDS_OF_LABEL
from biometry.devices.measurements import label_spelling
from biometry.document import Word

# The labels of each column of eye values, top to bottom, in each layout (empty rows between them aside): the real
# analysis page's two columns, the calculation page's two (real and generated), the generator's analysis blocks.
COLUMN_ORDERS: tuple[tuple[str, ...], ...] = (
    ("AL:", "CCT:", "ACD:", "LT:", "SE:", "K1:", "K2:", "ΔK:"),
    ("WTW:", "P:", "TSE:", "TK1:", "TK2:", "ΔTK:"),
    ("AL:", "ACD:", "LT:", "WTW:", "SE:", "ΔK:", "TSE:", "ΔTK:"),
    ("K1:", "K2:", "TK1:", "TK2:"),
    ("AL:", "CCT:", "ACD:", "LT:"),
    ("SE:", "K1:", "K2:", "ΔK:"),
    ("TSE:", "TK1:", "TK2:", "ΔTK:"),
)
WITH_T = {"K1:": "TK1:", "K2:": "TK2:", "SE:": "TSE:", "ΔK:": "ΔTK:"}  # a keratometry label and its total's
ALIGNED_SHARE = 0.5  # of a label's height: the colons of one column's labels end this close together
NEXT_ROW_HEIGHTS = 3.0  # label heights, centre to centre: the next row of a column (rows are ~1.9 heights apart)


def with_t_labels(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each keratometry label that stands in a total-keratometry label's place of its column
    read as that label (see the module); the words unchanged on any other page."""
    if not prints_own_page(words):
        return words
    aspect = image.size[1] / image.size[0]  # a height (a share of the page's) as a share of its width
    labels = {id(w): label for w in words if (label := vocabulary_label(label_spelling(w.text))) in FIELDS_OF_LABEL}
    labelled = [w for w in words if id(w) in labels]
    renamed: dict[int, str] = {}
    for word in labelled:
        label = labels[id(word)]
        if label not in WITH_T:
            continue
        column = [w for w in labelled if abs(w.bbox[2] - word.bbox[2]) <= ALIGNED_SHARE * word.height * aspect]
        above = _nearest([w for w in column if w.y_center < word.y_center], word)
        below = _nearest([w for w in column if w.y_center > word.y_center], word)
        if below is None:
            continue
        if above is None:
            total = _only_under_total(label, labels[id(below)])
        else:
            total = between(labels[id(above)], labels[id(below)], orders=COLUMN_ORDERS) == (WITH_T[label],)
        if total:
            renamed[id(word)] = WITH_T[label]
    return [dataclasses.replace(w, text=renamed[id(w)]) if id(w) in renamed else w for w in words]


def _only_under_total(label: str, below: str) -> bool:
    """Whether the label under a keratometry label in its column, the row above being empty or out of reach (the real
    analysis page's empty rows above `TSE:`), is one a layout prints right under that label's total (`TK1:` under
    `TSE:`) and none prints anywhere under the label itself: `SE:` over `TK1:` is `TSE:` with its T lost (a 200-dpi
    rescan, held-out seed 170), however many rows between OCR lost."""
    under_total = any(order[k : k + 2] == (WITH_T[label], below) for order in COLUMN_ORDERS for k in range(len(order)))
    under_label = any(label in order and below in order[order.index(label) + 1 :] for order in COLUMN_ORDERS)
    return under_total and not under_label


def _nearest(candidates: list[Word], word: Word) -> Word | None:
    """The candidate nearest the word's row, where it lies in the next row of the column."""
    nearest = min(candidates, key=lambda w: abs(w.y_center - word.y_center), default=None)
    if nearest is None or abs(nearest.y_center - word.y_center) > NEXT_ROW_HEIGHTS * word.height:
        return None
    return nearest
