"""Report header fields in the UI languages seen (en, de, pt, es, fr): patient (PHI), dates, lens status."""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from datetime import date

from biometry.document import Document, Page
from biometry.models import Patient
from biometry.normalize import canonical, date_order_hint, parse_date

_DATE = r"(\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
_NAME_WORD = r"[A-ZÀ-Ý][A-Za-zÀ-ÿ'\-]+"
# `LAST, FIRST`: a surname of up to four words (`FULANO DA SILVA`, `DE LA CRUZ`), up to two given names
_NAME = rf"({_NAME_WORD}(?: {_NAME_WORD}){{0,3}},\s*{_NAME_WORD}(?: {_NAME_WORD})?)"
BIRTH_DATE = re.compile(
    r"(?:date of birth|birth date|\bDOB\b|geburtsdatum|geb\.-?datum|data de nascimento|data de nascim\.?|data nasc\.?"
    r"|fecha de nacimiento|fecha nac\.?|date de naissance)\s*:?\s*" + _DATE,
    re.IGNORECASE,
)
EXAM_DATE = re.compile(
    r"(?:measurement date|date of measurement|exam date|examination date|messdatum|untersuchungsdatum"
    r"|data da medi[çc][ãa]o|data do exame|data de medi[çc][ãa]o|fecha de (?:la )?medici[óo]n|fecha del examen"
    r"|date de (?:la )?mesure|date d'examen|date de l'examen)\s*:?\s*" + _DATE,
    re.IGNORECASE,
)
PATIENT_ID = re.compile(
    r"(?:patient id|patient-id|pat\.? ?id|patienten-?id|id do paciente|id de paciente|id del paciente|id du patient"
    r"|id patient|(?<![\w-])id(?=\s*:)"
    r"|n[º°] (?:de )?paciente)\s*:?\s*([A-Za-z0-9][A-Za-z0-9\-/]{1,24})",
    re.IGNORECASE,
)
PATIENT_NAME = re.compile(
    r"(?:patient name|patient|name|nome do paciente|nome|paciente|nombre|nom du patient|nom|patientenname)"
    r"\s*:?\s*" + _NAME,
    re.IGNORECASE,
)
# EyeSuite IOL 4.12 prints no labels: `DOE, JANE, 04/23/1950` on the first line, `ID 0000000` below it.
_NAME_AND_BIRTH = re.compile(r"^([^\W\d][^,\d]*,\s*[^,\d]+),\s*(\d{1,2}/\d{1,2}/\d{4})$")
_ID_LINE = re.compile(r"^ID\s+([A-Za-z0-9][A-Za-z0-9\-/]{0,24})$")
_FIELD_GAP_HEIGHTS = 2.5  # a gap this many word heights wide separates two header fields on one line
# A gap this wide separates two blocks of the header (a label's value column lies within ~6 heights of it; the clinic's
# address block ~20 or more): no label reads its value across it (`ID de paciente` whose value OCR lost, beside
# `Clinica Exemplo`). The break holds a mark no value starts with.
_BLOCK_GAP_HEIGHTS = 15.0
_BLOCK_BREAK = "\n|\n"
# The lookahead only lets the search skip, in one test, every position no label can start at (4x faster on a page
# that prints `Sexo: Feminino`, where the search runs to the end): it admits every first letter the labels have.
SEX = re.compile(r"(?=[sg])(?:sex|gender|geschlecht|sexo|sexe)\s*:?\s*([MFmfWw])\b", re.IGNORECASE)
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
    """The first page's patient block (PHI), its birth date as ISO in the document's own date order (null where
    that order cannot be told and the date reads both ways)."""
    patient = page_patient(document.pages[0]) if document.pages else None
    if patient is None or patient.birth_date is None:
        return patient
    born = parse_date(patient.birth_date, _exam_date_and_order(document)[1])
    return patient.model_copy(update={"birth_date": born.isoformat() if born else None})


def page_patient(page: Page) -> Patient | None:
    """The patient block (PHI) a page prints, labelled or unlabelled (EyeSuite IOL 4.12), or None; dates as printed."""
    header = _header_text(page)
    return find_patient(header) or _unlabelled_patient(header)


def _unlabelled_patient(header: str) -> Patient | None:
    name = next(filter(None, (_NAME_AND_BIRTH.match(line.strip()) for line in header.splitlines())), None)
    patient_id = next(filter(None, (_ID_LINE.match(line.strip()) for line in header.splitlines())), None)
    if name is None:
        return None
    return Patient(name=name.group(1), id=patient_id.group(1) if patient_id else None, birth_date=name.group(2))


def _header_text(page: Page) -> str:
    """The page text with wide gaps as line breaks, so `Patient: DOE, JANE   Patient ID: 123` stays two fields, and
    wider ones as block breaks no label reads across."""
    out = []
    for line in page.lines:
        words = line.words
        if len(words) == 1:
            out.append(words[0].text)
            continue
        parts = [words[0].text]
        for a, b in itertools.pairwise(words):
            _, top, x1, bottom = a.bbox  # `a.height`, without the property call: this runs for every word
            gap = (b.bbox[0] - x1) / (bottom - top) if bottom > top else 0.0
            parts.append(_BLOCK_BREAK if gap > _BLOCK_GAP_HEIGHTS else "\n" if gap > _FIELD_GAP_HEIGHTS else " ")
            parts.append(b.text)
        out.append("".join(parts))
    return canonical("\n".join(out))


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
