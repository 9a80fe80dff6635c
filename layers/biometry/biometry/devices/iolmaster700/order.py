"""IOLMaster 700 eye blocks print their rows in a fixed label order: a row whose label OCR garbled or lost in every
copy (`tt: 4,28 mm` for `LT:`) is the row the order puts between the rows above and below it, where both of them are
read and the value is printed in that label's unit; else it stays unread (completeness counts it)."""

from __future__ import annotations

from collections.abc import Sequence

from biometry.devices.iolmaster700.printed import FIELDS_OF_LABEL
from biometry.devices.iolmaster700.slots import UNIT_OF, UNIT_OF_FIELD
from biometry.devices.measurements import Token

# The labels that begin the rows of an eye block, top to bottom, in each layout: the calculation page's first column
# (the real printout and the generator), the real analysis page's first column, the generator's analysis blocks.
ROW_ORDERS: tuple[tuple[str, ...], ...] = (
    ("AL:", "ACD:", "LT:", "WTW:", "SE:", "ΔK:", "TSE:", "ΔTK:"),
    ("AL:", "CCT:", "ACD:", "LT:", "SE:", "K1:", "K2:", "ΔK:"),
    ("AL:", "CCT:", "ACD:", "LT:"),
    ("SE:", "K1:", "K2:", "ΔK:"),
    ("TSE:", "TK1:", "TK2:", "ΔTK:"),
)
EDGE = ""  # beyond the block: no row there, or a line without a value (a heading `Keratometry`, the lens names)
_MAX_GARBLED = 2  # `Ea Be 3,71 mm`: the words OCR made of a two-letter label


def between(above: str | None, below: str | None) -> str | None:
    """The one label every known layout prints between a row beginning with `above` and one beginning with
    `below` (`EDGE`: the block begins or ends there), or None (no such row, several, or a neighbour unread)."""
    if above is None or below is None:
        return None
    padded = [(EDGE, *order, EDGE) for order in ROW_ORDERS]
    windows = (order[k - 1 : k + 2] for order in padded for k in range(1, len(order) - 1))
    found = {middle for first, middle, last in windows if (first, last) == (above, below)}
    return found.pop() if len(found) == 1 else None


def labelled_by_order(rows: Sequence[list[Token]], labels: frozenset[str]) -> list[list[Token]]:
    """The rows (each a line's tokens, top to bottom), a row without a readable label given the label the order
    puts between its neighbours' labels (`labels`: the vocabulary a row may begin with)."""
    leaders = [_leader(row, labels) for row in [[], *rows, []]]  # the rows beyond the ends are edges
    out = [list(row) for row in rows]
    for k in range(len(rows)):
        label = between(leaders[k], leaders[k + 2])
        if leaders[k + 1] is None and label is not None and FIELDS_OF_LABEL.get(label):
            out[k] = _relabelled(rows[k], label, labels)
    return out


def _leader(row: list[Token], labels: frozenset[str]) -> str | None:
    """The label a row begins with, `EDGE` for a line without a value, None for a row whose label is unread."""
    if not any(token.number is not None for token in row):
        return EDGE
    return row[0].text if row[0].text in labels else None


def _relabelled(row: list[Token], label: str, labels: frozenset[str]) -> list[Token]:
    """The row with its garbled label words (at most two, no digit, none a label) replaced by `label`, where the
    value after them is followed by the label's unit; else the row as read."""
    first = next((k for k, token in enumerate(row) if token.number is not None), None)
    if first is None or first > _MAX_GARBLED or first + 1 >= len(row):
        return row
    garbled = row[:first]
    if any(t.text in labels or any(ch.isdigit() for ch in t.text) for t in garbled):
        return row
    if UNIT_OF.get(row[first + 1].text.lower()) != UNIT_OF_FIELD[FIELDS_OF_LABEL[label][0]]:
        return row
    anchor = garbled[0].word if garbled else row[first].word
    return [Token(label, anchor), *row[first:]]
