"""Report header fields in the UI languages seen (en, de, pt, es, fr): patient (PHI), dates, lens status."""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from typing import NamedTuple

from biometry.document import Document, Line, Page, Word
from biometry.models import Patient
from biometry.normalize import canonical, date_order_hint, parse_date

_DATE = r"(\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
_NAME_WORD = r"[A-ZÀ-Ý][A-Za-zÀ-ÿ'\-]+"
# `LAST, FIRST`: a surname of up to four words (`FULANO DA SILVA`, `DE LA CRUZ`), up to two given names
_NAME = rf"({_NAME_WORD}(?: {_NAME_WORD}){{0,3}},\s*{_NAME_WORD}(?: {_NAME_WORD})?)"
_WHOLE_NAME = re.compile(_NAME, re.IGNORECASE)  # in the case the operator typed it (`Toby, Toby`)
# OCR may lose a space between a label's words (`Data denascim.`, `Datadenascim.` on generated IOLMaster 700 scans)
_BIRTH_LABEL = (
    r"(?:date ?of ?birth|birth ?date|\bDOB\b|geburtsdatum|geb\.-?datum|data ?de ?nascimento|data ?de ?nascim\.?"
    r"|data ?nasc\.?|fecha ?de ?nacimiento|fecha ?nac\.?|date ?de ?naissance)"
)
BIRTH_DATE = re.compile(_BIRTH_LABEL + r"\s*:?\s*" + _DATE, re.IGNORECASE)
# A birth date's label, or the word of it that names the birth (OCR may part `Date of` from `birth:` on a photo)
BIRTH_DATE_LABEL = re.compile(
    r"birth|\bDOB\b|geburt|geb\.-?datum|nascim|\bnasc\.|nacimiento|\bnac\.|naissance", re.IGNORECASE
)
EXAM_DATE = re.compile(
    r"(?:measurement date|date of measurement|exam date|examination date|messdatum|untersuchungsdatum"
    r"|data da medi[çc][ãa]o|data do exame|data de medi[çc][ãa]o|fecha de (?:la )?medici[óo]n|fecha del examen"
    r"|date de (?:la )?mesure|date d'examen|date de l'examen)\s*:?\s*" + _DATE,
    re.IGNORECASE,
)
_ID_LABEL = (
    r"(?:patient id|patient-id|pat\.? ?id|patienten-?id|id do paciente|id de paciente|id del paciente|id du patient"
    r"|id patient|(?<![\w-])id(?=\s*:)|n[º°] (?:de )?paciente)"
    r"[^\S\n]*:?[^\S\n]*\n?[^\S\n]*"  # across a field gap, never onto the next line
)
# The ID is the whole of its field: where more type follows it in the field (OCR split `TEST-9811093` into
# `TEST-981 1093`), no part of it is taken for it.
_ID_VALUE = r"[A-Za-z0-9][A-Za-z0-9\-/]{1,24}"
ID_VALUE = re.compile(_ID_VALUE)
PATIENT_ID = re.compile(_ID_LABEL + rf"({_ID_VALUE})(?![A-Za-z0-9\-/])(?![^\S\n]+[A-Za-z0-9])", re.IGNORECASE)
# An ID label and what its field holds after it; or EyeSuite's unlabelled `ID 0000000` line
ID_FIELD = re.compile(_ID_LABEL + r"([^\n]*)", re.IGNORECASE)
UNLABELLED_ID_FIELD = re.compile(r"^[^\S\n]*ID[^\S\n]+([^\n]*)$", re.MULTILINE)
_NAME_LABEL = r"(?:patient name|patient|name|nome do paciente|nome|paciente|nombre|nom du patient|nom|patientenname)"
PATIENT_NAME = re.compile(_NAME_LABEL + r"\s*:?\s*" + _NAME, re.IGNORECASE)
# EyeSuite IOL 4.12 prints no labels: `DOE, JANE, 04/23/1950` on the first line, `ID 0000000` below it.
_UNLABELLED = r"[^\W\d][^,\d\n]*,[^\S\n]*[^,\d\n]+"
_UNLABELLED_SHAPE = re.compile(_UNLABELLED)
# Written where the name stands when OCR could not read it for sure (`patient_lines`): printed, unread. Apart from the
# refiners' `?` (a doubted value), so that the doubt is told wherever a tilted page's lines put it.
NAME_DOUBT = "?name?"
ID_DOUBT = "?id?"  # the same for the patient ID
_NAME_AND_BIRTH = re.compile(rf"^({_UNLABELLED}|{re.escape(NAME_DOUBT)}),\s*(\d{{1,2}}/\d{{1,2}}/\d{{4}})$")
_UNLABELLED_NAME = re.compile(  # the same on one line of a header text, for where the name stands
    rf"^[^\S\n]*({_UNLABELLED}),[^\S\n]*\d{{1,2}}/\d{{1,2}}/\d{{4}}[^\S\n]*$", re.MULTILINE
)
ID_LINE = re.compile(r"^ID\s+([A-Za-z0-9][A-Za-z0-9\-/]{0,24})$")
# EyeSuite's `ID` alone on a line: a tilted photo's lines parted it from its value
_ID_LINE_PARTED = re.compile(r"^[^\S\n]*ID[^\S\n]*$", re.MULTILINE)
# A labelled value with a comma that is not a name by its shape: a name OCR garbled (`MULLER-MUSTER, ° LUCIA`, an
# accent boxed apart), read again (`patient_lines`)
_NAME_FIELD = re.compile(  # the value on the label's line or the next (the IOLMaster 700 sets it apart: a field gap)
    r"(?<![^\W\d_])" + _NAME_LABEL + r"[^\S\n]*:?[^\S\n]*\n?[^\S\n]*([A-ZÀ-Ý][^\n,]*,[^\n]*\S)", re.IGNORECASE
)
# Any value after a name label with its colon (`Name: Tob socatoed 9 Tob y`, a photo's `Toby, Toby`): a name OCR
# garbled out of its shape, comma and all, read again (`patient_lines`). Not after `Patient`, which heads other fields.
_NAME_COLON_FIELD = re.compile(
    r"(?<![^\W\d_])(?:patient name|name|nome do paciente|nome|nombre|nom du patient|nom|patientenname)"
    r"[^\S\n]*:[^\S\n]*\n?[^\S\n]*([^\s|][^\n]*)",
    re.IGNORECASE,
)
_DATE_WORD = re.compile(_DATE)
_BESIDE_HEIGHTS = 6.0  # a label's value starts within this many of its heights right of it (the value column)
_NAME_ALONE = re.compile(rf"^[^\S\n]*{_NAME}[^\S\n]*$", re.MULTILINE | re.IGNORECASE)
_FIELD_GAP_HEIGHTS = 2.5  # a gap this many word heights wide separates two header fields on one line
# A gap this wide separates two blocks of the header (a label's value column lies within ~6 heights of it; the clinic's
# address block ~20 or more): no label reads its value across it (`ID de paciente` whose value OCR lost, beside
# `Clinica Exemplo`). The break holds a mark no value starts with.
_BLOCK_GAP_HEIGHTS = 15.0
_BLOCK_BREAK = "\n|\n"
_LINE_END = "\n\n"  # apart from a field gap's one `\n`: a label's value is read across a field gap, not a line end
# The lookahead only lets the search skip, in one test, every position no label can start at (4x faster on a page
# that prints `Sexo: Feminino`, where the search runs to the end): it admits every first letter the labels have.
# The label and its letter on one line (a photo's B-scan read as text, `sex` over `f so a`, is no sex field).
SEX = re.compile(r"(?=[sg])\b(?:sex|gender|geschlecht|sexo|sexe)[ \t]*:?[ \t]*([MFmfWw])\b", re.IGNORECASE)
DATE_TOKEN = re.compile(r"(?<![\d.,])" + _DATE + r"(?![\d.,])")
_ENGLISH_EXAM_LABEL = re.compile(r"measurement|exam", re.IGNORECASE)
# The exam-date labels as printed, for OCR that garbles a letter or two (`Fecha de medicién`, `Data da medicéo`).
EXAM_DATE_LABELS = (
    "measurement date",
    "date of measurement",
    "exam date",
    "examination date",
    "messdatum",
    "untersuchungsdatum",
    "data da medição",
    "data do exame",
    "data de medição",
    "fecha de medición",
    "fecha de la medición",
    "fecha del examen",
    "date de mesure",
    "date de la mesure",
    "date d'examen",
)
_LABEL_LIKENESS = 0.85  # one or two letters misread in a label of 15; the header's other dates' labels are far off
_LABEL_WORDS = 4

LENS_STATUS = {
    "pseudophakic": (
        "pseudofácico",
        "pseudofácica",
        "pseudofacico",
        "pseudophakic",
        "pseudophak",
        "pseudofáquico",
        "pseudofáquica",
        "pseudofaquico",
        "pseudophaque",
        "pseudofaco",
        "pseudofáqu",
    ),
    "aphakic": ("afácico", "afácica", "afacico", "aphakic", "aphak", "afáquico", "afáquica", "afaquico", "aphaque"),
    "phakic": ("fácico", "fácica", "facico", "phakic", "phak", "fáquico", "fáquica", "faquico", "fáquico", "phaque"),
}


def find_patient(text: str) -> Patient | None:
    """The patient block (PHI), or None when the report shows no identifier."""
    name = PATIENT_NAME.search(text)
    patient_id = PATIENT_ID.search(text)
    birth = BIRTH_DATE.search(text)
    sex = SEX.search(text)
    if not (name or patient_id or birth):
        return None
    return Patient(
        name=name.group(1).strip() if name else None,
        id=patient_id.group(1) if patient_id else None,
        birth_date=birth.group(1) if birth else None,
        sex=sex.group(1).upper() if sex else None,
    )


def report_patient(document: Document) -> Patient | None:
    """The pages' patient block (PHI, `document_patient`), its birth date as ISO in the document's own date order
    (null where that order cannot be told and the date reads both ways)."""
    patient = document_patient(document)
    if patient is None or patient.birth_date is None:
        return patient
    born = parse_date(patient.birth_date, _exam_date_and_order(document)[1])
    return patient.model_copy(update={"birth_date": born.isoformat() if born else None})


def document_patient(document: Document) -> Patient | None:
    """The patient block (PHI) the pages print, dates as printed: each field as the first page that reads it (OCR may
    lose a field on one page; pages that read a field differently go to review: `patients`)."""
    found = [patient for patient in map(page_patient, document.pages) if patient is not None]
    if not found:
        return None
    read = {name: [value for p in found if (value := getattr(p, name)) is not None] for name in Patient.model_fields}
    return Patient(**{name: values[0] if values else None for name, values in read.items()})


def patient_name(header: str) -> str | None:
    """The patient's name a header text (`header_text`) prints, labelled or unlabelled, or None."""
    patient = _header_patient(header)
    return patient.name if patient is not None else None


def _header_patient(header: str) -> Patient | None:
    """The patient block a header text prints, labelled or unlabelled (EyeSuite IOL 4.12), or None."""
    return find_patient(header) or _unlabelled_patient(header)


def page_patient(page: Page) -> Patient | None:
    """The patient block (PHI) a page prints, labelled or unlabelled (EyeSuite IOL 4.12), or None; dates as printed."""
    return page.memo("header.patient", _page_patient)


def _page_patient(page: Page) -> Patient | None:
    header = _header_text(page)
    patient = _header_patient(header)
    if (patient is not None and patient.birth_date is not None) or not BIRTH_DATE_LABEL.search(header):
        return patient
    # a page whose name and ID are unread still reads its birth date beside its label
    born = _birth_date_beside(page.words)
    if patient is None:
        return Patient(birth_date=born) if born is not None else None
    return patient.model_copy(update={"birth_date": born})


def _birth_date_beside(words: list[Word]) -> str | None:
    """The date on a birth-date label's row right of it, where a tilted photo's lines parted them (`Date of birth:`
    on one line, `01/01/2001` grouped on another): the nearest within a field's reach, or None."""
    for label in (w for w in words if BIRTH_DATE_LABEL.search(w.text) and w.text.endswith(":")):
        height = label.bbox[3] - label.bbox[1]
        beside = [
            w for w in words
            if _DATE_WORD.fullmatch(w.text) and 0 <= w.bbox[0] - label.bbox[2] <= _BESIDE_HEIGHTS * height
            and abs(w.y_center - label.y_center) <= height / 2
        ]  # fmt: skip
        if beside:
            return min(beside, key=lambda w: w.bbox[0]).text
    return None


def _unlabelled_patient(header: str) -> Patient | None:
    name = next(filter(None, (_NAME_AND_BIRTH.match(line.strip()) for line in header.splitlines())), None)
    patient_id = next(filter(None, (ID_LINE.match(line.strip()) for line in header.splitlines())), None)
    if name is None:
        return None
    return Patient(
        name=None if name.group(1) == NAME_DOUBT else name.group(1),
        id=patient_id.group(1) if patient_id else None,
        birth_date=name.group(2),
    )


class NameSpan(NamedTuple):
    """Where the patient's name stands in a header text: its characters' span, and whether it is unlabelled
    (EyeSuite's `DOE, JANE, 04/23/1950` line)."""

    start: int
    end: int
    unlabelled: bool


def name_span(header: str) -> NameSpan | None:
    """Where the name stands in a header text (`header_text`): a label's value, to the end of its field (OCR may
    read a comma too many: `PEREZ, EJEMPLO, JOAO`), or EyeSuite's unlabelled name before its birth date; else a
    label's value with a comma, or any value after a name label's colon, that OCR garbled out of a name's shape, or
    a name alone whose label OCR lost (`_name_alone`). None where the text shows none of these."""
    labelled = PATIENT_NAME.search(header)
    if labelled is None:
        unlabelled = _UNLABELLED_NAME.search(header)
        if unlabelled is not None:
            return NameSpan(*unlabelled.span(1), unlabelled=True)
        labelled = _NAME_FIELD.search(header) or _NAME_COLON_FIELD.search(header) or _name_alone(header)
        if labelled is None:
            return None
    end = header.find("\n", labelled.start(1))
    return NameSpan(labelled.start(1), len(header) if end < 0 else end, unlabelled=False)


def _name_alone(header: str) -> re.Match[str] | None:
    """A `LAST, FIRST` line alone on a page that prints a birth date's or an ID's label: the name whose label OCR lost
    (`Paciente` on an IOLMaster 700 photo), a printed name no label reads."""
    if not (BIRTH_DATE_LABEL.search(header) or ID_FIELD.search(header)):
        return None
    return _NAME_ALONE.search(header)


def is_name(text: str, *, unlabelled: bool) -> bool:
    """True for a text that is a `LAST, FIRST` name as the header reads one after a label, or unlabelled (EyeSuite's,
    in the case the operator typed it: the real scan's `exemplo, maria`)."""
    return (_UNLABELLED_SHAPE if unlabelled else _WHOLE_NAME).fullmatch(text) is not None


def id_label_read(page: Page) -> bool:
    """True where the page's header reads a patient ID's label (its value read, doubted or blank)."""
    return ID_FIELD.search(_header_text(page)) is not None


def doubted_fields(page: Page) -> set[str]:
    """The patient fields the page prints and OCR could not read for sure (`name`, `id`: `patient_lines`; an `ID`
    line's label parted from its value by a tilted photo's lines), and the birth date where its label is printed
    (OCR may part it from its date; the date's order may be ambiguous)."""
    text = _header_text(page)
    doubted = {name for name, mark in (("name", NAME_DOUBT), ("id", ID_DOUBT)) if mark in text}
    doubted |= {"id"} if _ID_LINE_PARTED.search(text) else set()
    return doubted | ({"birth_date"} if BIRTH_DATE_LABEL.search(text) else set())


def _header_text(page: Page) -> str:
    """The page's header text (`header_text`), worked out once per page (the patient block, its doubt, each page's
    identifiers for `patients`)."""
    return page.memo("header.text", _page_header_text)


def _page_header_text(page: Page) -> str:
    return header_text(page.lines)[0]


def header_text(lines: list[Line]) -> tuple[str, list[tuple[Word, tuple[int, int]]]]:
    """The lines' text with wide gaps as line breaks, so `Patient: DOE, JANE   Patient ID: 123` stays two fields, and
    wider ones as block breaks no label reads across; and each word with its characters' span in it."""
    parts: list[str] = []
    spans: list[tuple[Word, tuple[int, int]]] = []
    at = 0
    for line in lines:
        previous = None
        for word in line.words:
            if previous is not None:
                _, top, x1, bottom = previous.bbox  # `previous.height` without the property call: runs for every word
                gap = (word.bbox[0] - x1) / (bottom - top) if bottom > top else 0.0
                parts.append(_BLOCK_BREAK if gap > _BLOCK_GAP_HEIGHTS else "\n" if gap > _FIELD_GAP_HEIGHTS else " ")
                at += len(parts[-1])
            text = canonical(word.text)
            parts.append(text)
            spans.append((word, (at, at + len(text))))
            at += len(text)
            previous = word
        parts.append(_LINE_END)
        at += len(_LINE_END)
    return "".join(parts)[: -len(_LINE_END)] if parts else "", spans


def find_exam_date(document: Document) -> date | None:
    """The measurement date, read in the document's own date order; None when that order cannot be told."""
    found, day_first = _exam_date_and_order(document)
    return parse_date(found[1], day_first) if found else None


def _exam_date_and_order(document: Document) -> tuple[tuple[str, str] | None, bool | None]:
    """(label, date as printed) of the measurement date, and the document's date order, worked out once per
    document (the exam date and the birth date read in it)."""
    return document.memo("header.exam_date_and_order", _read_exam_date_and_order)


def _read_exam_date_and_order(document: Document) -> tuple[tuple[str, str] | None, bool | None]:
    """The exam date's label garbled by OCR or not; the order told by a date that reads one way only, else by the exam
    date's label (every non-English UI language seen writes the day first), else None."""
    text = canonical(document.text)
    match = EXAM_DATE.search(text)
    found = (match.group(0), match.group(1)) if match else garbled_exam_date(text)
    day_first = date_order_hint(DATE_TOKEN.findall(text))
    if day_first is None and found is not None and not _ENGLISH_EXAM_LABEL.match(found[0]):
        day_first = True
    return found, day_first


def garbled_exam_date(text: str) -> tuple[str, str] | None:
    """(label, date) for a date after words that spell an exam-date label with a letter or two misread by OCR."""
    for line in text.splitlines():
        for match in DATE_TOKEN.finditer(line):
            label = _exam_label_before(line[: match.start()])
            if label is not None:
                return label, match.group(1)
    return None


def _exam_label_before(prefix: str) -> str | None:
    words = prefix.rstrip(" :;.").lower().split()
    for count in range(1, _LABEL_WORDS + 1):
        said = " ".join(words[-count:])
        for label in EXAM_DATE_LABELS:
            if difflib.SequenceMatcher(None, _unaccented(said), _unaccented(label)).ratio() >= _LABEL_LIKENESS:
                return label
    return None


def _unaccented(text: str) -> str:
    """Letters without their accents: OCR reads `ç` as `c¢` or `c`, `é` as `e`: a label's accents count for none."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def lens_status(text: str) -> str | None:
    """The lens status named in a block of text, normalised (`Phak` -> `phakic`), or None."""
    words = {w.strip(".,:;()").lower() for w in canonical(text).split()}
    for status, spellings in LENS_STATUS.items():
        if words & set(spellings):
            return status
    return None
