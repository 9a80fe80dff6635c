"""A PHI corpus: identifiers of every kind, in each UI language, printed on synthetic reports of every family.

Each language has the patterns seen leaking (names with and without labels, `LAST, FIRST`, MRN/PID/SSN/insurance
numbers, phone numbers, street addresses and postcodes, birth dates after 2004, spelled-out dates) and more
(e-mails, ages, ICD codes with names, referring doctors, clinic addresses, accession numbers, all-caps, diacritics,
hyphens). `Phi.printed` is what the report prints (cells split by three spaces), `Phi.secrets` what must not leak.
The lines are added to a rendered report: a header block, a footer block and one entry at the end of a
measurement line; the report's own words move to the middle of the page, unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from biometry.document import Document, Page, Word
from biometry.extract import load_document
from biometry.models import Patient
from biometry.synth import Case, render
from biometry.synth.eyesuite import report as eyesuite
from biometry.synth.iolmaster500 import report as iolmaster500
from biometry.synth.l10n import LANGUAGES, Language
from biometry.synth.unknown import render_unknown, unknown_cases

CHAR_W = 0.0065
LINE_H = 0.012
CELL_STEP = 0.45


@dataclass(frozen=True, slots=True)
class Phi:
    """One printed line and the identifying strings in it."""

    printed: str
    secrets: tuple[str, ...]


def _phi(printed: str, *secrets: str) -> Phi:
    return Phi(printed, secrets)


PHI: dict[Language, tuple[Phi, ...]] = {
    "en": (
        _phi("Patient: Jane Doe", "Jane Doe"),
        _phi("Doe, Jane", "Doe, Jane"),
        _phi("Surname: WHITAKER-O'NEILL   First name: BARNABY", "WHITAKER-O'NEILL", "BARNABY"),
        _phi("MRN 00123456   PID: 7781234", "00123456", "7781234"),
        _phi("SSN 123-45-6789   Medicare ID 1EG4-TE5-MK73", "123-45-6789", "1EG4-TE5-MK73"),
        _phi("Insurance no.: XEH 482 193 557", "XEH 482 193 557"),
        _phi("Phone: 555.123.4567   Mobile: (555) 987-6543", "555.123.4567", "(555) 987-6543"),
        _phi("Email: jane.doe@example.org   555 123 4567", "jane.doe@example.org", "555 123 4567"),
        _phi("Address: 742 Evergreen Terrace, Springfield, IL 62704", "742 Evergreen Terrace", "Springfield", "62704"),
        _phi("DOB: 07/21/2009   Born 14-Mar-1950", "07/21/2009", "14-Mar-1950"),
        _phi("Date of birth: March 14th, 1950   Age: 74 years", "March 14th, 1950", "74 years"),
        _phi("ICD-10 H25.13 cataract, Whitaker-O'Neill", "Whitaker-O'Neill"),
        _phi("Referring physician: Dr. Robert Whitfield", "Robert Whitfield"),
        _phi("Riverside Eye Center, 400 Oak Avenue, Boston MA 02114", "Riverside", "400 Oak Avenue", "Boston", "02114"),
        _phi("Accession no. ACC-2024-778812   Visit 2024-05-10", "ACC-2024-778812", "2024-05-10"),
    ),
    "de": (
        _phi("Nachname: Müller-Lüdenscheidt   Vorname: Jürgen", "Müller-Lüdenscheidt", "Jürgen"),
        _phi("MÜLLER-LÜDENSCHEIDT, JÜRGEN", "MÜLLER-LÜDENSCHEIDT, JÜRGEN"),
        _phi("Geb.-Datum: 14.03.1950   geboren am 3. Juli 2007", "14.03.1950", "3. Juli 2007"),
        _phi("Versichertennummer: A123456789   Pat.-Nr. 4711", "A123456789", "4711"),
        _phi("Tel.: 030 1234567   Mobil: 0171 2345678", "030 1234567", "0171 2345678"),
        _phi("Anschrift: Hauptstraße 5, 10115 Berlin", "Hauptstraße 5", "10115 Berlin"),
        _phi("Alter: 73 Jahre   E-Mail: j.mueller@beispiel.de", "73 Jahre", "j.mueller@beispiel.de"),
        _phi("Überweiser: Dr. med. Hannelore Brückner", "Hannelore Brückner"),
        _phi("Augenzentrum am Markt, Marktplatz 3, 80331 München", "Augenzentrum", "Marktplatz 3", "80331 München"),
        _phi("Diagnose: H25.1 Cataracta senilis – Jürgen Müller-Lüdenscheidt", "Jürgen Müller-Lüdenscheidt"),
        _phi("Fallnummer: 2024-0045678   Untersuchung 10.05.2024", "2024-0045678", "10.05.2024"),
    ),
    "pt": (
        _phi("Nome: João da Conceição   Sobrenome: Albuquerque Menezes", "João da Conceição", "Albuquerque Menezes"),
        _phi("CONCEIÇÃO, JOÃO", "CONCEIÇÃO, JOÃO"),
        _phi("CPF: 123.456.789-09   Prontuário: 00123456", "123.456.789-09", "00123456"),
        _phi("Cartão SUS: 898 0012 3456 7890", "898 0012 3456 7890"),
        _phi("Telefone: (11) 98765-4321", "(11) 98765-4321"),
        _phi("Endereço: Rua das Flores, 123 - São Paulo/SP, CEP 01310-100", "Rua das Flores, 123", "01310-100"),
        _phi("Data de nascimento: 14/03/1950   Nascido em 5 de março de 2006", "14/03/1950", "5 de março de 2006"),
        _phi("Idade: 74 anos   E-mail: joao.conceicao@exemplo.com.br", "74 anos", "joao.conceicao@exemplo.com.br"),
        _phi("Médico solicitante: Dra. Beatriz Albuquerque", "Beatriz Albuquerque"),
        _phi("CID H25.1 – João da Conceição", "João da Conceição"),
        _phi("Clínica Visão Clara, Av. Paulista, 1000, São Paulo", "Visão Clara", "Paulista, 1000", "São Paulo"),
    ),
    "es": (
        _phi("Apellidos: García-Fernández   Nombre: María José", "García-Fernández", "María José"),
        _phi("GARCÍA FERNÁNDEZ, MARÍA JOSÉ", "GARCÍA FERNÁNDEZ, MARÍA JOSÉ"),
        _phi("DNI: 12345678Z   NHC: 7781234", "12345678Z", "7781234"),
        _phi("Tarjeta sanitaria: BBBB 1234 5678 9012", "BBBB 1234 5678 9012"),
        _phi("Teléfono: 612 345 678   +34 91 123 45 67", "612 345 678", "+34 91 123 45 67"),
        _phi("612 345 678", "612 345 678"),
        _phi("Dirección: Calle Mayor 15, 28013 Madrid", "Calle Mayor 15", "28013 Madrid"),
        _phi("Fecha de nacimiento: 14/03/2006   14 de marzo de 1950", "14/03/2006", "14 de marzo de 1950"),
        _phi("Edad: 18 años   Correo: maria.garcia@ejemplo.es", "18 años", "maria.garcia@ejemplo.es"),
        _phi("Médico remitente: Dr. Íñigo Zubizarreta", "Íñigo Zubizarreta"),
        _phi("CIE-10 H25.1 – María García", "María García"),
        _phi(
            "Clínica Oftalmológica del Sol, Avenida de la Constitución 22, Sevilla", "Oftalmológica del Sol", "Sevilla"
        ),
    ),
    "fr": (
        _phi("Nom: Lefèvre-Dubois   Prénom: Hélène", "Lefèvre-Dubois", "Hélène"),
        _phi("LEFÈVRE-DUBOIS, HÉLÈNE", "LEFÈVRE-DUBOIS, HÉLÈNE"),
        _phi("N° sécurité sociale: 2 50 03 75 123 456 78   IPP: 00987654", "2 50 03 75 123 456 78", "00987654"),
        _phi("Tél.: 01 23 45 67 89", "01 23 45 67 89"),
        _phi("Adresse: 12 rue de la Paix, 75002 Paris", "12 rue de la Paix", "75002 Paris"),
        _phi("Date de naissance: 14/03/1950   née le 5 mars 2007", "14/03/1950", "5 mars 2007"),
        _phi("Âge: 74 ans   Courriel: helene.lefevre@exemple.fr", "74 ans", "helene.lefevre@exemple.fr"),
        _phi("Médecin prescripteur: Dr François Côté", "François Côté"),
        _phi("CIM-10 H25.1 – Hélène Lefèvre", "Hélène Lefèvre"),
        _phi(
            "Centre Saint-Michel, 8 boulevard Voltaire, 13001 Marseille", "Saint-Michel", "Voltaire", "13001 Marseille"
        ),
    ),
}
FAMILIES = ("iolmaster700", "eyesuite", "iolmaster500", "unknown")
# The corpus patient as a header parser would have read it (birth date 14 March 1950, printed in many spellings).
PATIENTS: dict[Language, Patient] = {
    "en": Patient(name="DOE, JANE", id="7781234", birth_date="1950-03-14"),
    "de": Patient(name="MÜLLER-LÜDENSCHEIDT, JÜRGEN", id="A123456789", birth_date="1950-03-14"),
    "pt": Patient(name="CONCEIÇÃO, JOÃO", id="00123456", birth_date="1950-03-14"),
    "es": Patient(name="GARCÍA FERNÁNDEZ, MARÍA JOSÉ", id="7781234", birth_date="1950-03-14"),
    "fr": Patient(name="LEFÈVRE-DUBOIS, HÉLÈNE", id="00987654", birth_date="1950-03-14"),
}


def secrets(language: Language) -> list[str]:
    """Every identifying string of a language's entries."""
    return [s for phi in PHI[language] for s in phi.secrets]


def leaked(payload: str, language: Language) -> list[str]:
    """The secrets, their name parts of 3+ letters and their digit runs of 5+ that appear in the payload."""
    found = [s for s in secrets(language) if _contains(payload, s)]
    parts = {p for s in secrets(language) for p in re.findall(r"[^\W\d_]{3,}", s)}
    runs = {r for s in secrets(language) for r in re.findall(r"\d{5,}", s)}
    return found + sorted(p for p in parts if _contains(payload, p)) + sorted(r for r in runs if r in payload)


def _contains(payload: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(text)}(?!\w)", payload, re.IGNORECASE) is not None


def report(family: str, language: Language) -> tuple[Document, dict[str, Any]]:
    """A rendered report of `family` (an IOLMaster 700 in `language`) carrying `language`'s PHI, and its truth."""
    pdf, truth, filename = _rendered(family, language)
    document = load_document(pdf, filename)
    entries = PHI[language]
    first_page = _with_phi(document.pages[0], entries)
    return Document(document.filename, document.media_type, document.sha256, [first_page, *document.pages[1:]]), truth


def _rendered(family: str, language: Language) -> tuple[bytes, dict[str, Any], str]:
    seed = LANGUAGES.index(language) + 1
    if family == "iolmaster700":
        case = Case(seed=seed, language=language, decimal="comma" if seed % 2 else "point", layout="short")
        return (*render(case), case.filename)
    if family == "eyesuite":
        es_case = list(eyesuite.cases(5, 21, 0.0))[seed - 1]
        return (*eyesuite.render(es_case), es_case.filename)
    if family == "iolmaster500":
        iom_case = list(iolmaster500.cases(5, 21, 0.0))[seed - 1]
        return (*iolmaster500.render_drawing(iom_case), iom_case.filename)  # its words without OCR
    unknown_case = list(unknown_cases(5, 21))[seed - 1]
    return (*render_unknown(unknown_case), unknown_case.filename)


def _with_phi(page: Page, entries: tuple[Phi, ...]) -> Page:
    """The page's words moved to y 0.2-0.85, PHI lines above and below, one entry in its own cell after a value."""
    moved = [_squeezed(w) for w in page.words]
    split = (len(entries) * 2) // 3
    header = [w for k, phi in enumerate(entries[:split]) for w in printed_words(phi.printed, 0.02 + LINE_H * 1.1 * k)]
    footer = [w for k, phi in enumerate(entries[split:]) for w in printed_words(phi.printed, 0.87 + LINE_H * 1.1 * k)]
    anchor = next(w for w in moved if w.bbox[1] > 0.3 and re.fullmatch(r"[+-]?\d{1,3}[.,]\d{2}", w.text))
    line_end = max(w.bbox[2] for w in moved if abs(w.bbox[1] - anchor.bbox[1]) < LINE_H / 2)
    inline = printed_words(entries[0].printed, anchor.bbox[1], x0=line_end + 0.05)
    return Page(page.number, page.width_pt, page.height_pt, page.source, [*moved, *header, *footer, *inline])


def _squeezed(word: Word) -> Word:
    x0, y0, x1, y1 = word.bbox
    return Word(word.text, (x0, 0.2 + 0.65 * y0, x1, 0.2 + 0.65 * y1), word.bold)


def printed_words(printed: str, y: float, x0: float = 0.05) -> list[Word]:
    """Words of one printed line; cells (split by three spaces) start `CELL_STEP` apart."""
    words = []
    for k, cell in enumerate(printed.split("   ")):
        x = x0 + CELL_STEP * k
        for token in cell.split():
            words.append(Word(token, (x, y, x + CHAR_W * len(token), y + LINE_H)))
            x += CHAR_W * (len(token) + 1)
    return words
