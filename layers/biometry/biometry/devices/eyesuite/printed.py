"""What an EyeSuite IOL printout prints, counted per eye from labels and table headers, apart from the values read."""

from __future__ import annotations

from collections.abc import Iterable

from biometry.completeness import Printed
from biometry.devices.eyesuite.halves import halves
from biometry.devices.eyesuite.heading import eye_heading
from biometry.devices.eyesuite.iol import TABLE_HEADER
from biometry.devices.eyesuite.target import starts_with_target
from biometry.devices.eyesuite.values import LABELS, index_token, rows_of
from biometry.devices.layout import lines_in
from biometry.document import Document, Line, Page
from biometry.models import EyeSide
from biometry.normalize import canonical, is_missing, parse_number

# The Eye fields a row of each kind fills (a keratometry row prints power, radius and axis).
FIELDS_OF_KIND: dict[str, tuple[str, ...]] = {
    "k1": ("k1_d", "k1_radius_mm", "k1_axis_deg"),
    "k2": ("k2_d", "k2_radius_mm", "k2_axis_deg"),
    "mean_k_d": ("mean_k_d",),
}
_CORNEA_FIELDS = frozenset(FIELDS_OF_KIND["k1"] + FIELDS_OF_KIND["k2"] + FIELDS_OF_KIND["mean_k_d"])


def printed(document: Document) -> Printed:
    """Per eye: the labelled values, the result tables (by their `IOL [D] | Eye [D]` headers), the target."""
    fields: dict[EyeSide, set[str]] = {"OD": set(), "OS": set()}
    tables: dict[EyeSide, int] = {"OD": 0, "OS": 0}
    targets: set[EyeSide] = set()
    for page in document.pages:
        for side, lines in _eye_halves(page):
            fields[side] |= {name for line in lines for name in _labelled_fields(line)}
            tables[side] += sum(_table_headers(line) for line in lines)
            if any(_has_target(line) for line in lines):
                targets.add(side)
    for names in fields.values():
        if names & _CORNEA_FIELDS:
            names.add("keratometric_index")  # the anterior cornea block's heading prints it: `(n=1.3375)`
    return Printed(
        eye_fields={side: frozenset(names) for side, names in fields.items()},
        iol_boxes=tables,
        targets=frozenset(targets),
        exam_date=True,  # every page prints the measurement line `ES 900 Sep 27, 2024 - 0` per eye
    )


def _eye_halves(page: Page) -> Iterable[tuple[EyeSide, list[Line]]]:
    """Each half of the page (see eyesuite.halves) that carries an eye label, as lines from the label down."""
    for half in halves(page):
        label = eye_heading(half.words)
        if label is not None:
            side, word = label
            yield side, lines_in(half.words, y0=word.bbox[1] - word.height)


def _labelled_fields(line: Line) -> set[str]:
    found = {"keratometric_index"} if index_token(line) is not None else set()
    for row in rows_of(line):
        kind, field = LABELS[row.key]
        if kind in ("value", "k", "mean") and not is_missing(row.text) and any(c.isdigit() for c in row.text):
            found.update(FIELDS_OF_KIND.get(field, (field,)))
    return found


def _table_headers(line: Line) -> int:
    """`IOL [D] | Eye [D]` headers on the line (two lens columns share a line): one per `Eye` word."""
    if not TABLE_HEADER.search(canonical(line.text)):
        return 0
    return max(1, sum(canonical(w.text).strip("|[](){}").lower() == "eye" for w in line.words))


def _has_target(line: Line) -> bool:
    return starts_with_target(line.text) and any(parse_number(canonical(w.text)) is not None for w in line.words)
