"""A known patient's identifiers as they may be printed: name parts, ID, every spelling of the birth date."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from biometry.models import Patient


def phi_values(patient: Patient | None) -> list[str]:
    """The identifiers of a patient as they may be printed: name, name parts, ID and birth-date spellings."""
    return sorted(set(known_terms(patient)), key=len, reverse=True)


def known_terms(patient: Patient | None) -> list[str]:
    """Name, name parts (both orders), ID and birth-date spellings of a patient, longest first."""
    if patient is None:
        return []
    terms: list[str] = []
    if patient.name:
        parts = [p for p in re.split(r"[,\s]+", patient.name) if len(p) >= 2]
        terms += [patient.name, " ".join(reversed(parts)), " ".join(parts), *parts]
    if patient.id:
        terms.append(patient.id)
    if patient.birth_date:
        terms += [patient.birth_date, *date_spellings(patient.birth_date)]
    return sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)


def date_spellings(iso: str) -> Iterable[str]:
    """An ISO date as reports print it: numeric orders and separators, month names, ordinals."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return []
    d, m, y, yy = day.day, day.month, day.year, day.year % 100
    numeric = [
        f"{d:02d}.{m:02d}.{y}",
        f"{d}.{m}.{y}",
        f"{d:02d}/{m:02d}/{y}",
        f"{d}/{m}/{y}",
        f"{m:02d}/{d:02d}/{y}",
        f"{m}/{d}/{y}",
        f"{m}/{d}/{yy:02d}",
        f"{d:02d}/{m:02d}/{yy:02d}",
        f"{d:02d}.{m:02d}.{yy:02d}",
        f"{d:02d}-{m:02d}-{y}",
        f"{y}/{m:02d}/{d:02d}",
        f"{y}.{m:02d}.{d:02d}",
    ]
    month, full = day.strftime("%b"), day.strftime("%B")
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(d % 10 if d not in (11, 12, 13) else 0, "th")
    words = [f"{month} {d}, {y}", f"{d} {month} {y}", f"{d:02d} {month} {y}", f"{d:02d}-{month}-{y}"]
    return [*numeric, *words, f"{d}-{month}-{y}", f"{full} {d}, {y}", f"{full} {d}{suffix}, {y}", f"{d} {full} {y}"]
