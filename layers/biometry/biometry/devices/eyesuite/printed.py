"""What an EyeSuite IOL printout prints, counted per eye from labels and table headers, apart from the values read."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from biometry.completeness import NAME_PRINTED, Printed
from biometry.devices.eyesuite.halves import halves, lens_section_top
from biometry.devices.eyesuite.heading import eye_heading
from biometry.devices.eyesuite.iol import TABLE_HEADER
from biometry.devices.eyesuite.target import starts_with_target
from biometry.devices.eyesuite.values import (
    LABELS,
    Row,
    index_token,
    labels_in,
    labels_without_value,
    rows_of,
    value_under_wtw_heading,
    wtw_row_lost,
)
from biometry.devices.layout import lines_in
from biometry.document import Document, Line, Page
from biometry.extract.refiners import DOUBT
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
        copies = list(_eye_halves(page))
        for side, lines in copies:
            fields[side] |= {name for line in lines for name in _labelled_fields(line)}
            fields[side] |= _values_lost(lines) if page.source != "text-layer" else set()
            fields[side] |= {"wtw_mm"} if value_under_wtw_heading(lines) is not None else set()
            tables[side] += sum(_table_headers(line) for line in lines)
            if any(_has_target(line) for line in lines):
                targets.add(side)
        for side, names in _unlabelled_fields(copies, lens_section_top(page.lines)).items():
            fields[side] |= names
    for names in fields.values():
        if names & _CORNEA_FIELDS:
            names.add("keratometric_index")  # the anterior cornea block's heading prints it: `(n=1.3375)`
        if names:
            names.add("lens_status")  # under every eye's heading (`OD right eye` / `Phakic`), whatever OCR made of it
    return Printed(
        eye_fields={side: frozenset(names) for side, names in fields.items()},
        iol_boxes=tables,
        targets=frozenset(targets),
        exam_date=True,  # every page prints the measurement line `ES 900 Sep 27, 2024 - 0` per eye
        patient_fields=NAME_PRINTED,  # `exemplo, maria, 04/23/1950` on every page's first line
    )


def _eye_halves(page: Page) -> Iterable[tuple[EyeSide, list[Line]]]:
    """Each half of the page (see eyesuite.halves) that carries an eye label, as lines from the label down."""
    for half in halves(page):
        label = eye_heading(half.words)
        if label is not None:
            side, word = label
            yield side, lines_in(half.words, y0=word.bbox[1] - word.height)


def _unlabelled_fields(copies: list[tuple[EyeSide, list[Line]]], seam: float) -> dict[EyeSide, set[str]]:
    """Per eye, the fields the other eye's copy on the page prints with a value whose label this eye's copy lacks
    (read under no spelling): both copies print the same rows, a value or `---` (or nothing, as OS's `Q`) beside
    every label, so a label this copy lacks is one OCR garbled (`AlL[mm] 24.82`, `WWW [mm] 12.85` on a photo), its
    value printed all the same. Without this the value was neither read nor counted as printed: a silent omission.
    Where the other copy prints `---`, this copy's row counts where a number stands level with it (`[mm] 4.20`, its
    `LT` lost, beside OS's `LT [mm] ---`)."""
    found: dict[EyeSide, set[str]] = {}
    for (side, lines), (other, other_lines) in itertools.permutations(copies, 2):
        if side == other:
            continue
        named = {LABELS[key][1] for line in lines if line.bbox[1] < seam for key in labels_in(line)}
        for line in (line for line in other_lines if line.bbox[1] < seam):
            for row in rows_of(line):
                if LABELS[row.key][1] not in named:
                    printed = _row_fields(row) or (_fields_of(row.key) if _number_level_with(lines, line) else ())
                    found.setdefault(side, set()).update(printed)
    return found


def _number_level_with(lines: list[Line], other: Line) -> bool:
    """Whether one of `lines` level with `other` (centres within half its height) holds a digit."""
    _, top, _, bottom = other.bbox
    centre, reach = (top + bottom) / 2, (bottom - top) / 2
    return any(
        abs((line.bbox[1] + line.bbox[3]) / 2 - centre) < reach and any(c.isdigit() for c in line.text)
        for line in lines
    )


def _labelled_fields(line: Line) -> set[str]:
    found = {"keratometric_index"} if index_token(line) is not None else set()
    for row in rows_of(line):
        found.update(_row_fields(row))
    return found


def _values_lost(lines: list[Line]) -> set[str]:
    """The fields whose value OCR lost beside its label, or with it under the `White-to-White` heading: the device
    prints a value or `---` beside every label of a contract field, so a label read with nothing after it (`AL [mm]`
    without its `22.97`), or the WTW heading with nothing under it, stands for a value printed all the same. Without
    this such a value was neither read nor counted as printed: accepted without it."""
    lost = {name for line in lines for key in labels_without_value(line) for name in _fields_of(key)}
    return lost | ({"wtw_mm"} if wtw_row_lost(lines) else set())


def _row_fields(row: Row) -> tuple[str, ...]:
    """The fields a row prints a value for (none for `---`, or for a row without a contract field); a value a refiner
    doubted (`refiners.DOUBT`) is printed."""
    printed = row.text == DOUBT or (not is_missing(row.text) and any(c.isdigit() for c in row.text))
    return _fields_of(row.key) if printed else ()


def _fields_of(key: str) -> tuple[str, ...]:
    """The contract fields a row label's value fills (none for a row without one: `Q`)."""
    kind, field = LABELS[key]
    return FIELDS_OF_KIND.get(field, (field,)) if kind in ("value", "k", "mean") else ()


def _table_headers(line: Line) -> int:
    """`IOL [D] | Eye [D]` headers on the line (two lens columns share a line): one per `Eye` word."""
    if not TABLE_HEADER.search(canonical(line.text)):
        return 0
    return max(1, sum(canonical(w.text).strip("|[](){}").lower() == "eye" for w in line.words))


def _has_target(line: Line) -> bool:
    return starts_with_target(line.text) and any(parse_number(canonical(w.text)) is not None for w in line.words)
