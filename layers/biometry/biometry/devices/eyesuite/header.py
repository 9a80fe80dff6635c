"""EyeSuite IOL report header and measurement lines: patient (PHI), device model, exam date, software version."""

from __future__ import annotations

import re
from datetime import date, datetime

from biometry.devices.collect import EyeCollector
from biometry.devices.eyesuite import MEASUREMENT  # the score reads it too
from biometry.devices.header import document_patient
from biometry.document import Document
from biometry.models import EyeSide, Patient
from biometry.normalize import canonical, parse_date

MODELS = {"ES": "Eyestar 900", "LS": "Lenstar LS 900"}
_VERSION = re.compile(r"EyeSuite\S*\s+IOL,?\s+V\s?(\d+(?:\.\d+){1,3})")

Dates = dict[EyeSide, set[tuple[str, date | None]]]  # per eye: (device code, exam date) of each measurement line


def measurement_line(text: str) -> tuple[str, date | None] | None:
    """(device code, exam date) of an `ES 900 Sep 27, 2024 - 0` line, or None."""
    match = MEASUREMENT.search(text)
    return (match.group(1), _month_date(match)) if match else None


def _month_date(match: re.Match[str]) -> date | None:
    try:
        return datetime.strptime(f"{match.group(2)} {match.group(3)} {match.group(4)}", "%b %d %Y").date()
    except ValueError:
        return None


def device_model(dates: Dates, collector: EyeCollector) -> str:
    """The one device the measurement lines name; an issue when they name none or two."""
    codes = {code for lines in dates.values() for code, _ in lines}
    if len(codes) == 1:
        return MODELS[codes.pop()]
    collector.issue("device_model_unknown", "The measurement lines do not name one device (ES 900 / LS 900).")
    return "EyeSuite device"


def exam_date(dates: Dates, collector: EyeCollector) -> str | None:
    """The one date every measurement line carries, ISO; an issue when they disagree."""
    found = {day for lines in dates.values() for _, day in lines}
    if len(found) == 1 and None not in found:
        return found.pop().isoformat()  # type: ignore[union-attr]
    if len(found) > 1:
        collector.issue("exam_date_unclear", "The eyes carry different or unreadable measurement dates.")
    return None


def patient(document: Document) -> Patient | None:
    """Name and ID as printed, birth date (US order) as ISO; PHI, never logged."""
    patient = document_patient(document)
    if patient is None or patient.birth_date is None:
        return patient
    born = parse_date(patient.birth_date, day_first=False)
    return patient.model_copy(update={"birth_date": born.isoformat() if born else None})


def software_version(document: Document) -> str | None:
    """`EyeSuite™ IOL, V4.12.0` in the footer -> `4.12.0`."""
    match = _VERSION.search(canonical(document.text))
    return match.group(1) if match else None
