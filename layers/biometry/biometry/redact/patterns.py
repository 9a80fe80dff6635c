"""The deny-list: a known patient's identifiers and PHI-looking patterns (labelled names, dates, IDs, contacts).

Not what makes a payload safe (that is the allow-list in `allow.py`); it finds names the vocabulary would keep
(a patient called `Kane` or `Hill`) and proves nothing identifying is left.
"""

from __future__ import annotations

import re

from biometry.models import Patient
from biometry.redact.allow import MASK
from biometry.redact.known import known_terms

# Biometry labels that a short name part must not destroy ("AL" the surname vs "AL:" the axial length).
_LABELS = frozenset(
    ("al", "cct", "acd", "ad", "aqd", "lt", "wtw", "p", "se", "k", "k1", "k2", "tk1", "tk2", "tse", "sd", "od", "os")
)
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mär|Mai|Okt|Dez|Fev|Abr|Ago|Set|Out|Ene|Dic|Fév|Avr|Juil|Déc"
_DATE = (
    rf"(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}"
    rf"|(?:{_MONTHS})[a-zé]*\.?\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\.?\s+(?:{_MONTHS})[a-zé]*\.?\s+\d{{4}})"
)
_DOB_LABEL = (
    r"(?:DOB|D\.O\.B\.|Date\s+of\s+birth|Birth\s*date|Geburtsdatum|Geb\.(?:-Datum)?|Data\s+de\s+nascimento"
    r"|Fecha\s+de\s+nacimiento|Date\s+de\s+naissance|Nascimento|Born|Birth|geboren|Nacid[oa]|N[ée]e?(?:\(e\))?)"
)
_ANY_DATE = re.compile(rf"(?<![\w.]){_DATE}(?![\w])", re.IGNORECASE)
# A date as the proof looks for it: one separator used twice (`14.03.50`, not the `44.94/7.51` of a K reading).
_SAME_SEPARATOR_DATE = re.compile(r"(?<![\w.,/])\d{1,4}(?P<sep>[./-])\d{1,2}(?P=sep)\d{1,4}(?![\w/])")
OLD_DATE_YEAR = 2005
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_CAPS_WORDS = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+(?:[^\S\n]{1,3}[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+)*"  # "LAST, FIRST" as printed
_ANY_CASE_WORDS = r"[^\W\d_][\w'’-]*(?:[^\S\n]{1,3}[^\W\d_][\w'’-]*){0,3}"  # "LAST, FIRST" as an operator typed it
_NAME_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?P<gap>)(?P<phi>\b{_CAPS_WORDS},[^\S\n]+{_CAPS_WORDS})(?![\w])"),
    # unlabelled before a date, in any case: EyeSuite's `exemplo, maria, 04/23/1950`, `Fulano da Silva, Marie, ...`
    re.compile(rf"(?P<gap>)(?P<phi>\b{_ANY_CASE_WORDS},[^\S\n]*{_ANY_CASE_WORDS})(?=,[^\S\n]*{_DATE})"),
    re.compile(
        r"(?P<gap>\b(?:(?:Last|First|Given|Family|Full)\s+name|Name|Nachname|Vorname|Surname|Patient(?:enname|e|a)?"
        r"|Nome|Sobrenome|Nombre|Apellidos?|Nom|Prénom|Paciente)\s*:[^\S\n]*)(?P<phi>[^\s:][^\n]*?)(?=\s{2,}|$)",
        re.IGNORECASE | re.MULTILINE,
    ),
)
_PATTERNS: tuple[re.Pattern[str], ...] = (
    *_NAME_PATTERNS,
    re.compile(rf"(?P<gap>{_DOB_LABEL}[^\n\d]{{0,20}}?)(?P<phi>{_DATE})", re.IGNORECASE),
    re.compile(
        r"(?P<gap>(?:\bPatient(?:en)?[\s-]*(?:ID|No\.?|Nr\.?|number)|\bPat\.?[\s-]*ID|\bMRN|\bID)\s*[:#.]\s*)"
        r"(?P<phi>[A-Za-z0-9][A-Za-z0-9/_.-]*\d[A-Za-z0-9/_.-]*)",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?P<gap>\b(?:Address|Adresse|Anschrift|Endereço|Dirección|Tel(?:efon[eo]?)?|Phone|Fax|Teléfono|Téléphone|Mobile"
        r"|Handy|E-?mail)\s*[:.]\s*)(?P<phi>[^\n]*?)(?=\s{2,}|$)",
        re.IGNORECASE | re.MULTILINE,
    ),
    re.compile(rf"(?P<gap>)(?P<phi>{_EMAIL})"),
    re.compile(r"(?P<gap>)(?P<phi>\+\d{1,3}(?:[\s/-]?\(?\d{1,5}\)?){1,4}[\s/-]\d{3,8})(?![\d,.])"),
    re.compile(r"(?P<gap>)(?P<phi>(?<![\d.,+-])\(?\d{2,5}\)?[\s/-]\d{3,4}[\s-]\d{3,5})(?![\d,.])"),
    re.compile(
        r"(?P<gap>)(?P<phi>\d{1,5}[a-z]?\s+[A-ZÄÖÜ][\w.'-]*(?:\s+[A-Z][\w.'-]*)*\s+"
        r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.?|Lane|Drive|Dr\.|Boulevard|Blvd\.?|Way|Court|Place))",
    ),
    re.compile(
        r"(?P<gap>)(?P<phi>\b(?:Rua|Calle|Avenida|Av\.|Rue|Via)\s+[^\n\d]{2,40}?,?\s*\d{1,5}|"
        r"\b[A-ZÄÖÜ][a-zäöüß-]*(?:straße|strasse|str\.|weg|gasse|platz|allee)\s+\d{1,4}[a-z]?)",
    ),
    re.compile(
        r"(?P<gap>)(?P<phi>\b\d{5}(?:-\d{3,4})?\s+[A-ZÄÖÜ][a-zäöüß]+(?:[\s-][A-Z][a-zäöüß]+)?)(?=\s{2,}|$)",
        re.MULTILINE,
    ),
)


def redact(text: str, patient: Patient | None) -> str:
    """The text with every identifier of `patient` and every PHI-looking pattern replaced by `[REDACTED]`.

    Defence in depth for layouts no parser knows: any date before `OLD_DATE_YEAR` is masked too (a birth date
    under a label we have not seen); measurement dates are recent.
    """
    found = [m["phi"] for pattern in _NAME_PATTERNS for m in pattern.finditer(text)]
    terms = {*known_terms(patient), *(t for name in found for t in known_terms(Patient(name=name)))}
    for term in sorted(terms, key=len, reverse=True):
        text = _mask_term(text, term)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group("gap") + MASK, text)
    return _ANY_DATE.sub(lambda m: MASK if _year_of(m.group(0)) < OLD_DATE_YEAR else m.group(0), text)


def _year_of(printed: str) -> int:
    years = [int(y) for y in re.findall(r"\d{4}", printed)] or [2000 + int(y) for y in re.findall(r"\d{2}$", printed)]
    return years[0] if years else OLD_DATE_YEAR


def _mask_term(text: str, term: str) -> str:
    body = re.escape(term)
    left = r"(?<![\w])" if term[0].isalnum() else ""
    right = r"(?![\w])" if term[-1].isalnum() else ""
    guard = r"(?!\s*[:\[])" if term.lower() in _LABELS else ""
    return re.sub(left + body + right + guard, MASK, text, flags=re.IGNORECASE)


def identifier_words(text: str, patient: Patient | None) -> frozenset[str]:
    """Case-folded words of the patient's name and ID and of names printed after a name label or as `LAST, FIRST`.

    The allow-list masks these even where the vocabulary knows them (a patient called `Kane`); measurement labels
    (`AL` the surname vs `AL:` the axial length) are left to the allow-list.
    """
    found = [m["phi"] for pattern in _NAME_PATTERNS for m in pattern.finditer(text)]
    names = [*(p.name for p in [patient] if p and p.name), *found]
    words = {w.casefold() for name in names for w in re.findall(r"[^\W\d_][\w'’-]*", name)}
    ids = {patient.id.casefold()} if patient and patient.id else set()
    return frozenset(w for w in words | ids if len(w) >= 2 and w not in _LABELS)


def leftover_identifiers(text: str, patient: Patient | None) -> list[str]:
    """What still looks identifying in a redacted text: a known identifier, an e-mail, a date, five digits in a row."""
    terms = [t for t in known_terms(patient) if len(t) >= 3 and t.casefold() not in _LABELS]
    known = [t for t in terms if _mask_term(text, t) != text]
    patterns = (re.compile(_EMAIL), _SAME_SEPARATOR_DATE, re.compile(r"\d{5,}"))
    return known + [m.group(0) for pattern in patterns for m in pattern.finditer(text)]
