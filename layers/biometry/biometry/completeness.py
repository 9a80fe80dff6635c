"""Completeness: an accepted result holds every eye value, target and IOL calculation the pages print."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from biometry.devices.header import EXAM_DATE, doubted_fields, garbled_exam_date, id_label_read
from biometry.models import BiometryResult, EyeSide, Issue
from biometry.normalize import canonical, parse_number

if TYPE_CHECKING:
    from biometry.document import Document, Page

SIDES: tuple[EyeSide, ...] = ("OD", "OS")
# Every printout layout read here prints the patient's name in each page's header: one that no page reads (its label
# and place lost to OCR, or a name in a shape no pattern knows) is printed and unread, not absent.
NAME_PRINTED = frozenset({"name"})
_UNREAD_PATIENT = {
    "name": "The patient's name is printed but could not be read for sure.",
    "id": "The patient ID is printed but OCR could not read it for sure.",
    "birth_date": "The patient's birth date is printed but was not read (its day/month order may be ambiguous).",
}


def name_and_id_printed(document: Document) -> frozenset[str]:
    """The patient fields of a layout whose every page's header prints the name and an ID label (`ID:`, `ID de
    paciente`), its value typed or blank: the name, and the ID where no page reads its label (OCR lost it with its
    value: a photo's page pass read the ID's line into the large name over it), printed and unread."""
    return NAME_PRINTED if any(map(id_label_read, document.pages)) else NAME_PRINTED | {"id"}


@dataclass(frozen=True, slots=True)
class Printed:
    """What a report prints, counted from its labels, captions and table headers, not from the values read.

    `eye_fields`: per eye, the `Eye` field names whose label is printed with a value (not `---`).
    `iol_boxes`: per eye, the result boxes printed with result rows (a box without rows is not counted).
    `targets`: the eyes whose target refraction is printed.
    `exam_date`: an exam-date label with a date is printed (an ambiguous `06/10/2024` must not pass as read).
    `patient_fields`: the patient fields a page prints that must be read: the name where the layout prints one
    (`NAME_PRINTED`), a name or ID OCR could not read for sure (`patient_lines`), a birth date whose label is printed.
    A name or ID on a report must be the patient's, or none is accepted.
    """

    eye_fields: Mapping[EyeSide, frozenset[str]] = field(default_factory=dict)
    iol_boxes: Mapping[EyeSide, int] = field(default_factory=dict)
    targets: frozenset[EyeSide] = frozenset()
    exam_date: bool = False
    patient_fields: frozenset[str] = frozenset()


def inventory(
    document: Document,
    fields: Mapping[EyeSide, set[str]],
    boxes: Mapping[EyeSide, int],
    targets: set[EyeSide],
    *,
    exam_date: bool = False,
    patient_fields: frozenset[str] = frozenset(),
) -> Printed:
    """A printout's inventory; a keratometric index printed once in the header (`n: 1,3375`) holds for every eye
    with printed values. `exam_date`: the layout always prints one (its label may be lost to OCR); `patient_fields`:
    the patient fields it always prints (`NAME_PRINTED`)."""
    index = any(_index_printed(page) for page in document.pages)
    return Printed(
        eye_fields={
            side: frozenset(names | ({"keratometric_index"} if index and names else set()))
            for side, names in fields.items()
        },
        iol_boxes=dict(boxes),
        targets=frozenset(targets),
        exam_date=exam_date,
        patient_fields=patient_fields,
    )


_INDEX_VALUE = re.compile(r"^1[.,]?33\d\d$")  # a keratometric index (1.3375, 1,3320), also read without its mark


def _index_printed(page: Page) -> bool:
    """`n: 1,3375` on the page, or the index's value alone where OCR garbled its label (`rm 1.3375`, `ni 13375`)."""
    from biometry.devices.measurements import tokens_of

    for line in page.lines:
        tokens = tokens_of(line.words)
        if any(t.text == "n:" and parse_number(n.text) is not None for t, n in itertools.pairwise(tokens)):
            return True
        if any(_INDEX_VALUE.match(t.text) for t in tokens):
            return True
    return False


def printed_in(document: Document) -> Printed | None:
    """The inventory of the device parser that claims the document, or None for an unknown layout."""
    from biometry.devices.registry import detect

    parser = document.memo("parser", detect)  # the parse detected it already
    if parser is None:
        return None
    printed = parser.printed(document)
    text = canonical(document.text)
    dated = printed.exam_date or bool(EXAM_DATE.search(text)) or garbled_exam_date(text) is not None
    doubted = printed.patient_fields.union(*map(doubted_fields, document.pages))
    # a label OCR garbled or a rule between it and its date too; a name or ID OCR doubted
    return dataclasses.replace(printed, exam_date=dated, patient_fields=doubted)


def check_complete(result: BiometryResult, printed: Printed) -> list[Issue]:
    """A `printed_value_unread` error for every printed value, target or IOL calculation the result lacks."""
    issues: list[Issue] = []
    if printed.exam_date and result.exam_date is None:
        message = "An exam date is printed but was not read (its day/month order may be ambiguous)."
        issues.append(Issue(code="printed_value_unread", severity="error", field="exam_date", message=message))
    issues += _unread_patient_fields(result, printed)
    for side in SIDES:
        issues += _unread_eye_fields(result, printed, side)
        issues += _unread_calculations(result, printed, side)
        if side in printed.targets:
            issues += _unread_targets(result, side)
    return issues


def _unread_patient_fields(result: BiometryResult, printed: Printed) -> list[Issue]:
    unread = sorted(name for name in printed.patient_fields if getattr(result.patient, name, None) is None)
    return [
        Issue(code="printed_value_unread", severity="error", field=f"patient.{name}", message=_UNREAD_PATIENT[name])
        for name in unread
    ]


def _unread_eye_fields(result: BiometryResult, printed: Printed, side: EyeSide) -> list[Issue]:
    eye = getattr(result.eyes, side)
    missing = sorted(name for name in printed.eye_fields.get(side, ()) if eye is None or getattr(eye, name) is None)
    return [_unread(side, f"{side}.{name}", f"{side} {name} is printed but was not read.") for name in missing]


def _unread_calculations(result: BiometryResult, printed: Printed, side: EyeSide) -> list[Issue]:
    boxes = printed.iol_boxes.get(side, 0)
    read = sum(1 for calc in result.iol_calculations if calc.eye == side and calc.rows)
    if read >= boxes:
        return []
    message = f"{side}: {boxes} IOL calculations are printed with results, {read} were read."
    return [_unread(side, "iol_calculations", message)]


def _unread_targets(result: BiometryResult, side: EyeSide) -> list[Issue]:
    return [
        _unread(side, f"iol_calculations[{index}].target_refraction_d", f"{side} target refraction is printed.")
        for index, calc in enumerate(result.iol_calculations)
        if calc.eye == side and calc.target_refraction_d is None
    ]


def _unread(side: EyeSide, path: str, message: str) -> Issue:
    return Issue(code="printed_value_unread", severity="error", eye=side, field=path, message=message)
