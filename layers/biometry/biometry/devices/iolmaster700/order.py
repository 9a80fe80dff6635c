"""IOLMaster 700 eye blocks print their rows in a fixed label order: a row whose label OCR garbled or lost in every
copy (`tt: 4,28 mm` for `LT:`) is the row the order puts between the rows above and below it, where both of them are
read and the value is printed in that label's unit; else it stays unread (completeness counts it)."""

from __future__ import annotations

from collections.abc import Sequence

from biometry.devices.iolmaster700.slots import FIELDS_OF_LABEL, UNIT_OF, unit_of_label
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
_DASHES = "-=~_—–"  # the null `---` and the glyphs OCR reads its dashes as (`normalize.is_missing`)
_MAX_GARBLED = 2  # `Ea Be 3,71 mm`: the words OCR made of a two-letter label


def between(
    above: str | None, below: str | None, count: int = 1, orders: tuple[tuple[str, ...], ...] = ROW_ORDERS
) -> tuple[str, ...] | None:
    """The `count` labels every known layout prints, in order, between a row beginning with `above` and one beginning
    with `below` (`EDGE`: the block begins or ends there), or None (no such rows, several, or a neighbour unread).
    `orders`: the layouts' label orders (rows' first labels; `t_labels` asks a column's)."""
    if above is None or below is None:
        return None
    padded = [(EDGE, *order, EDGE) for order in orders]
    found = {
        order[k + 1 : k + 1 + count]
        for order in padded
        for k in range(len(order) - count - 1)
        if (order[k], order[k + count + 1]) == (above, below)
    }
    return found.pop() if len(found) == 1 else None


def labelled_by_order(rows: Sequence[list[Token]], labels: frozenset[str]) -> list[list[Token]]:
    """The rows (each a line's tokens, top to bottom), a run of rows without a readable label given the labels the
    order puts between the run's neighbours' labels (`labels`: the vocabulary a row may begin with). Every row of the
    run must show its label's unit after its value, else none is relabelled."""
    out = [list(row) for row in rows]
    for run in _unread_runs(rows, labels):
        relabelled = [row for k, label in run if (row := _relabelled(rows[k], label, labels)) is not None]
        if len(relabelled) == len(run):
            for (k, _), row in zip(run, relabelled, strict=True):
                out[k] = row
    return out


def labels_of_unread_rows(rows: Sequence[list[Token]], labels: frozenset[str]) -> dict[int, str]:
    """The labels the order puts at the rows whose label is unread (a number read, no label: `/4145D @ 75°`, a
    photo's K1 row, held-out seed 287), by row index, whatever their values read as: those rows are printed."""
    return dict(pair for run in _unread_runs(rows, labels) for pair in run)


def _unread_runs(rows: Sequence[list[Token]], labels: frozenset[str]) -> list[list[tuple[int, str]]]:
    """Each run of rows without a readable label that the order names: each row's index and its label. A line of
    specks (`_is_specks`) is no row: the rows above and below it are neighbours."""
    kept = [k for k, row in enumerate(rows) if not _is_specks(row)]
    leaders = [_leader(row, labels) for row in [[], *(rows[k] for k in kept), []]]  # the rows beyond the ends: edges
    runs = []
    k = 0
    while k < len(kept):
        run = next((n for n in range(k, len(kept)) if leaders[n + 1] is not None), len(kept)) - k
        named = between(leaders[k], leaders[k + run + 1], run) if run else None
        if named:
            runs.append(list(zip(kept[k : k + run], named, strict=True)))
        k += run or 1
    return runs


def _is_specks(row: list[Token]) -> bool:
    """Whether a line holds nothing but specks: no word with a letter or a digit, none all dashes (the null `---` as
    OCR reads it: `—`, `==`, `~~`). A photo read `=)` between K2's row and ΔK's (held-out seed 393); as a line without
    a value it had ended the block there, and the two rows above it, their labels lost, were named by no order."""
    return bool(row) and not any(
        any(ch.isalnum() for ch in token.text) or not token.text.strip(_DASHES) for token in row
    )


def _leader(row: list[Token], labels: frozenset[str]) -> str | None:
    """The label a row begins with (its value read or the null `---`: `LT: --- mm` is LT's row), `EDGE` for a line
    without a label or a value, None for a row whose label is unread."""
    if row and row[0].text in labels:
        return row[0].text
    return EDGE if not any(token.number is not None for token in row) else None


def _relabelled(row: list[Token], label: str, labels: frozenset[str]) -> list[Token] | None:
    """The row with its garbled label words (at most two, no digit, none a label) replaced by `label`, where the
    value after them is followed by the label's unit (a label that fills no eye field: as read); else None."""
    if not FIELDS_OF_LABEL.get(label):
        return row
    first = next((k for k, token in enumerate(row) if token.number is not None), None)
    if first is None or first > _MAX_GARBLED or first + 1 >= len(row):
        return None
    garbled = row[:first]
    if any(t.text in labels or any(ch.isdigit() for ch in t.text) for t in garbled):
        return None
    if UNIT_OF.get(row[first + 1].text.lower()) != unit_of_label(label):
        return None
    anchor = garbled[0].word if garbled else row[first].word
    return [Token(label, anchor), _unsigned(row[first]), *row[first + 1 :]]


def _unsigned(value: Token) -> Token:
    """A row's value without a minus before it: every field a label fills is printed unsigned, so a minus glued to a
    value whose label was lost is that label's colon (`-41,45D` for `K1: 41,45 D` on photos, held-out seeds 245 and
    253: an out-of-range K1)."""
    return Token(value.text.removeprefix("-"), value.word) if value.text.startswith("-") else value
