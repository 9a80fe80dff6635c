"""Shared reading of device-export Documents (see extract/exports.py): CSV rows by column, XML elements by path."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from biometry.devices.collect import EyeCollector
from biometry.devices.measurements import Token
from biometry.document import Document, Page, Word
from biometry.extract.exports import XML_VALUE_X
from biometry.models import BiometryResult, Device, Extraction, EyeSide, Issue, Patient, Source
from biometry.normalize import is_missing, parse_date, parse_number

_SIDES: dict[str, EyeSide] = {"od": "OD", "r": "OD", "right": "OD", "os": "OS", "l": "OS", "left": "OS"}


@dataclass(frozen=True, slots=True)
class XmlElement:
    """One XML element read back from its line: tag path from the root, attributes, and its text word."""

    path: tuple[str, ...]
    attrs: dict[str, str]
    value: Word | None
    ancestors: tuple[dict[str, str], ...] = field(default=())


def csv_rows(page: Page) -> tuple[list[str], list[dict[str, Word]]]:
    """The header's column names and each data row as column name -> cell word (empty cells are absent)."""
    lines = page.lines
    if not lines:
        return [], []
    header = [(w.text, w.bbox[0], w.bbox[2]) for w in lines[0].words]
    rows = []
    for line in lines[1:]:
        row: dict[str, Word] = {}
        for word in line.words:
            name = next((n for n, x0, x1 in header if x0 <= word.x_center <= x1), None)
            if name is not None:
                row[name] = word
        rows.append(row)
    return [name for name, _, _ in header], rows


def xml_elements(page: Page) -> list[XmlElement]:
    """Every element line in document order, its path rebuilt from the indentation of its tag."""
    stack: list[tuple[float, str, dict[str, str]]] = []
    elements = []
    for line in page.lines:
        labels = [w for w in line.words if w.bbox[0] < XML_VALUE_X]
        if not labels:
            continue
        value = next((w for w in line.words if w.bbox[0] >= XML_VALUE_X), None)
        x0 = labels[0].bbox[0]
        while stack and stack[-1][0] >= x0:
            stack.pop()
        attrs = dict(_attribute(w.text) for w in labels[1:])
        stack.append((x0, labels[0].text, attrs))
        elements.append(XmlElement(tuple(s[1] for s in stack), attrs, value, tuple(s[2] for s in stack[:-1])))
    return elements


def eye_side(text: str) -> EyeSide | None:
    """`OD`/`R`/`right` -> OD, `OS`/`L`/`left` -> OS, anything else None."""
    return _SIDES.get(text.strip().lower())


def store_cell(
    collector: EyeCollector, side: EyeSide, name: str, word: Word, *, as_int: bool = False, page: int = 1
) -> None:
    """Store one numeric cell; dashes flag `not_measured`; text or a bad axis is an error issue, never 0."""
    if is_missing(word.text):
        collector.flag(side, name, "not_measured")
        return
    number = parse_number(word.text)
    if number is None or (as_int and number != int(number)):
        collector.issue("export_value_invalid", f"{side} {name} holds {word.text!r}, not a number.", side=side)
        return
    if as_int and not 0 <= number <= 180:
        collector.issue(
            "axis_out_of_range", f"{side} {name} = {word.text} is not an axis 0..180.", side=side, field=name
        )
        return
    collector.saw(side)
    collector.set_number(side, name, Token(word.text, word), page, as_int=as_int)


def export_date(text: str | None) -> date | None:
    """ISO (`2024-09-12`, with or without a time) or European dotted (`12.09.2024`) dates; anything else None."""
    if not text:
        return None
    day = text.strip().replace("T", " ").split(" ")[0]
    return parse_date(day, day_first=True if "." in day else None)


def patient_of(
    last: str | None, first: str | None, patient_id: str | None, birth: str | None, sex: str | None = None
) -> Patient | None:
    """The contract's patient (`LAST, FIRST`); None when the export names nobody."""
    name = ", ".join(part for part in (last, first) if part) or None
    born = export_date(birth)
    if name is None and patient_id is None and born is None:
        return None
    return Patient(name=name, id=patient_id, birth_date=born.isoformat() if born else None, sex=sex)


def export_result(
    document: Document,
    source: Source,
    device: Device,
    parser: str,
    collector: EyeCollector,
    header: tuple[Patient | None, date | None],
) -> BiometryResult:
    """The unvalidated result of an export parser: method `export`, confidence 1, collector's eyes and issues."""
    patient, exam_date = header
    return BiometryResult(
        document_id=document.sha256,
        source=source,
        device=device,
        exam_date=exam_date.isoformat() if exam_date else None,
        patient=patient,
        eyes=collector.eyes(),
        status="needs_review",
        extraction=Extraction(
            method="export",
            parser=parser,
            confidence=1.0,
            issues=list(collector.issues),
            provenance=dict(collector.provenance),
        ),
    )


def info(code: str, message: str) -> Issue:
    """An informational issue (does not block acceptance)."""
    return Issue(code=code, severity="info", message=message)


def warning(code: str, message: str) -> Issue:
    """A warning issue (lowers confidence a little)."""
    return Issue(code=code, severity="warning", message=message)


def _attribute(text: str) -> tuple[str, str]:
    name, _, value = text.partition("=")
    return name, value
