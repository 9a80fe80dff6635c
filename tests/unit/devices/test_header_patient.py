"""The header's patient block (PHI, fictional here): labels in every UI language, names of several words, and the
birth date as ISO in the document's own date order."""

from __future__ import annotations

import pytest

from biometry.devices.header import report_patient
from biometry.models import Patient
from tests.factories import document_of


def _patient_of(*lines: str) -> Patient:
    patient = report_patient(document_of(list(lines)))
    assert patient is not None
    return patient


@pytest.mark.parametrize(
    ("lines", "born"),
    [
        (["Paciente EXEMPLO, JOAO TESTE", "Data de nascim. 23/04/1950", "Data da medição: 01/02/2023"], "1950-04-23"),
        (["Patient DOE, JANE", "Date of birth 03/19/1968", "Measurement date: 02/01/2023"], "1968-03-19"),
        (["Patient MUSTER, ANA", "Geburtsdatum 02.04.1979", "Messdatum: 07.01.2022"], "1979-04-02"),
    ],
)
def test_the_birth_date_is_iso_in_the_documents_own_date_order(lines: list[str], born: str) -> None:
    assert _patient_of(*lines).birth_date == born


def test_a_birth_date_that_reads_both_ways_in_a_document_of_unknown_order_is_null() -> None:
    patient = _patient_of("Patient DOE, JANE", "Date of birth 03/04/1968", "Measurement date: 02/01/2023")
    assert patient.name == "DOE, JANE" and patient.birth_date is None


def test_the_french_patient_id_label_gives_the_id() -> None:
    assert _patient_of("Patient DURAND, MARIE", "ID patient PAT689280").id == "PAT689280"


@pytest.mark.parametrize("name", ["FULANO DA SILVA, JEAN", "DE LA CRUZ, MARIA", "PÉREZ EJEMPLO, JOHN PAUL"])
def test_a_surname_of_several_words_is_read_whole(name: str) -> None:
    assert _patient_of(f"Paciente {name}", "ID de paciente 1600691").name == name


def test_a_bare_id_label_gives_the_id_and_no_word_ending_in_id_does() -> None:
    # The IOLMaster 500 header: `Name: Toby, Toby` / `ID: 99999990`
    assert _patient_of("Name: Toby, Toby", "ID: 99999990").id == "99999990"
    assert _patient_of("Name: Toby, Toby", "Valid: 99999990").id is None
