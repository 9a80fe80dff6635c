"""One upload, one patient: pages whose headers name different patients send the document to review.

A clinic that scans a stack of printouts into one file joins reports of different patients; read as one, a
single-eye report of one patient and one of another become a complete, consistent pair of eyes with the first
patient's name on it. Each page's header is read for the patient ID, birth date and name (the identifiers every
device prints on every page); two pages that disagree on one of them send the document to review. OCR misreads a
digit or two, so on OCR'd pages an identifier differs only when it differs beyond that (names are not compared
there), and pages that read one differently within that leave it unread: which page misread it is not known, and a
report filed under a misread ID or name is a silent error. An ID read by OCR with a letter OCR confuses with a digit
beside a digit (`PATS124472` for `PAT5124472` on every page that read it) is left unread too: no page can tell which
it is. The identifiers are PHI: issues name pages and fields, never values.
"""

from __future__ import annotations

import difflib
import re
from itertools import combinations

from biometry.devices.header import page_patient
from biometry.document import Document, Page
from biometry.models import Issue, Patient

Identity = tuple[str | None, str | None, str | None]  # (patient ID, birth date's digits, name) as one page prints them
OCR_SAME_ID = 0.75  # an OCR'd ID this alike (difflib ratio) to another may be the same ID misread
OCR_DATE_DIGITS_MISREAD = 1  # an OCR'd birth date may differ from another in this many digits and be the same date
_LOOKALIKE_GLYPHS = "OoQDIl|SBZ"
_LOOKALIKES = str.maketrans(_LOOKALIKE_GLYPHS, "0000111582")  # glyphs OCR confuses with the digits of an ID
_LOOKALIKE_BESIDE_DIGIT = re.compile(rf"(?<=\d)[{re.escape(_LOOKALIKE_GLYPHS)}]|[{re.escape(_LOOKALIKE_GLYPHS)}](?=\d)")


_READ_DIFFERENTLY = {"name": "name", "id": "ID", "birth_date": "birth date"}


def patient_issues(document: Document) -> list[Issue]:
    """`patients_differ` (an error) when two pages of the document name different patients; else
    `printed_value_unread` on each identifier the pages read differently, and on an ID OCR read with a digit's
    lookalike beside a digit."""
    named = [(page, _identity(page)) for page in document.pages]
    for (first, one), (second, other) in combinations([(p, i) for p, i in named if i != (None, None, None)], 2):
        if _differ(one, other, ocr="ocr" in (first.source, second.source)):
            message = f"Pages {first.number} and {second.number} name different patients: one upload, one patient."
            return [Issue(code="patients_differ", severity="error", message=message)]
    issues = _read_differently([patient for patient in map(page_patient, document.pages) if patient is not None])
    if any(issue.field == "patient.id" for issue in issues) or not _id_with_lookalikes(document):
        return issues
    message = "The patient's ID was read by OCR with a letter OCR confuses with a digit beside a digit: check it."
    return [*issues, Issue(code="printed_value_unread", severity="error", field="patient.id", message=message)]


def _id_with_lookalikes(document: Document) -> bool:
    """Whether a page read by OCR reads the patient ID with a letter OCR confuses with a digit (`_LOOKALIKE_GLYPHS`)
    beside a digit: `S` for `5` in `PAT5124472`, read alike on every page that read it (a 4-page IOLMaster 500 printout
    of the synthetic corpus, accepted with the misread ID). IDs printed as letters, then a separator or digits of
    their own (`SYN-3706450`, `PAT834672`), have none."""
    ids = [patient.id for page in document.pages if page.source in ("ocr", "textract")
           and (patient := page_patient(page)) is not None and patient.id]  # fmt: skip
    return any(_LOOKALIKE_BESIDE_DIGIT.search(patient_id) for patient_id in ids)


def _read_differently(patients: list[Patient]) -> list[Issue]:
    """`printed_value_unread` on each identifier two pages read differently (OCR misread it on one of them)."""
    return [
        Issue(code="printed_value_unread", severity="error", field=f"patient.{name}",
              message=f"The pages read the patient's {label} differently: OCR misread it on some.")
        for name, label in _READ_DIFFERENTLY.items()
        if len({getattr(patient, name) for patient in patients} - {None}) > 1
    ]  # fmt: skip


def _identity(page: Page) -> Identity:
    patient = page_patient(page)
    if patient is None:
        return None, None, None
    birth = "".join(ch for ch in patient.birth_date or "" if ch.isdigit()) or None
    return patient.id, birth, patient.name


def _differ(one: Identity, other: Identity, *, ocr: bool) -> bool:
    (id_a, birth_a, name_a), (id_b, birth_b, name_b) = one, other
    ids_differ = id_a is not None and id_b is not None and not _same_id(id_a, id_b, ocr=ocr)
    births_differ = birth_a is not None and birth_b is not None and not _same_date(birth_a, birth_b, ocr=ocr)
    names_differ = not ocr and name_a is not None and name_b is not None and name_a != name_b
    return ids_differ or births_differ or names_differ


def _same_id(a: str, b: str, *, ocr: bool) -> bool:
    if not ocr:
        return a == b
    a, b = a.upper().translate(_LOOKALIKES), b.upper().translate(_LOOKALIKES)
    return difflib.SequenceMatcher(None, a, b).ratio() >= OCR_SAME_ID


def _same_date(a: str, b: str, *, ocr: bool) -> bool:
    if not ocr or len(a) != len(b):
        return a == b
    return sum(x != y for x, y in zip(a, b, strict=True)) <= OCR_DATE_DIGITS_MISREAD
