"""A hand-built two-column report with a PHI header, and the regex tier's partial result for it."""

from __future__ import annotations

from typing import Any

from biometry.document import Document, Page, Word
from biometry.models import Eye, Eyes, Patient
from tests.factories import result_of

CHAR_W = 0.007
PATIENT = Patient(name="DOE, JANE", id="PX-20417", birth_date="1950-03-14")
HEADER = [
    [(0.05, "Name: DOE, JANE"), (0.40, "DOB: 14.03.1950"), (0.70, "Patient ID: PX-20417")],
    [(0.05, "Address: 12 Main Street"), (0.40, "Phone: +1 555 123 4567"), (0.70, "jane.doe@example.org")],
    [(0.05, "Measurement date: 2024-05-10")],
]
BODY = [
    [(0.10, "OD"), (0.60, "OS")],
    [(0.05, "AL: 23,41 mm"), (0.55, "AL: 23,73 mm")],
    [(0.05, "K1: 42,30 D @ 95°"), (0.55, "K1: 42,10 D @ 90°")],
    [(0.05, "ACD: 3,02 mm"), (0.55, "ACD: 3,11 mm")],
    [(0.05, "+21,50 +0,04"), (0.55, "+22,00 -0,12")],
]


def page_of(rows: list[list[tuple[float, str]]], number: int = 1, bold_rows: tuple[int, ...] = ()) -> Page:
    """One page whose rows hold text runs starting at the given x fractions."""
    words: list[Word] = []
    for row, runs in enumerate(rows):
        y = 0.05 + 0.03 * row
        for x0, text in runs:
            x = x0
            for token in text.split():
                words.append(Word(token, (x, y, x + CHAR_W * len(token), y + 0.015), bold=row in bold_rows))
                x += CHAR_W * (len(token) + 1)
    return Page(number=number, width_pt=595, height_pt=842, source="text-layer", words=words)


def report() -> Document:
    """The sample report: PHI header, OD left and OS right."""
    page = page_of(HEADER + BODY, bold_rows=(len(HEADER) + 4,))
    return Document(filename="report.pdf", media_type="application/pdf", sha256="a" * 64, pages=[page])


def regex_partial(**eyes: Eye) -> Any:
    """What the regex tier found: the patient and whichever eyes are given."""
    return result_of(patient=PATIENT, eyes=Eyes(**eyes))
