"""PHI redaction: identifiers from the header parser and from patterns never survive."""

from __future__ import annotations

import pytest

from biometry.models import Patient
from biometry.redact import MASK, identifier_words, phi_values, redact

PATIENT = Patient(name="DOE, JANE", id="PX-20417", birth_date="1950-03-14")


def test_full_name_is_removed_case_insensitively() -> None:
    assert "doe" not in redact("Patient: Doe, Jane", PATIENT).lower()


def test_name_parts_are_removed_individually() -> None:
    text = redact("Dear Jane,  report for Mrs DOE follows", PATIENT)
    assert "Jane" not in text and "DOE" not in text


def test_patient_id_is_removed_even_without_a_label() -> None:
    assert "PX-20417" not in redact("ref PX-20417 scanned", PATIENT)


@pytest.mark.parametrize(
    "printed",
    ["14.03.1950", "03/14/1950", "14/03/1950", "1950-03-14", "Mar 14, 1950", "14-Mar-1950", "March 14th, 1950"],
)
def test_birth_date_is_removed_in_every_printed_spelling(printed: str) -> None:
    assert printed not in redact(f"born {printed} ok", PATIENT)


@pytest.mark.parametrize(
    "label",
    ["DOB:", "Date of birth:", "Geburtsdatum:", "Data de nascimento:", "Fecha de nacimiento:", "Date de naissance:"],
)
def test_birth_date_after_a_label_is_removed_without_knowing_the_patient(label: str) -> None:
    assert "02.07.1961" not in redact(f"{label} 02.07.1961", None)


def test_labelled_patient_id_is_removed_without_knowing_the_patient() -> None:
    assert "A77812" not in redact("Patient ID: A77812", None)


def test_labelled_name_is_removed_up_to_the_next_column() -> None:
    assert redact("Name: SMITH, ANNA     DOB: x", None).startswith(f"Name: {MASK}   ")


@pytest.mark.parametrize("name", ["exemplo, maria", "Fulano da Silva, Marie", "FULANO DA SILVA, MARIE"])
def test_an_unlabelled_name_before_a_date_is_found_in_the_case_it_was_typed(name: str) -> None:
    assert identifier_words(f"{name}, 04/23/1950    Calculation ID (CID): 4776", None) >= {
        w.casefold() for w in name.replace(",", "").split()
    }


@pytest.mark.parametrize(
    "phi",
    ["anna.smith@example.org", "+49 30 1234567", "(555) 123-4567", "12 Main Street", "Musterstraße 12", "10115 Berlin"],
)
def test_contact_details_are_removed(phi: str) -> None:
    assert phi not in redact(f"contact  {phi}  end", None)


def test_measurements_survive_redaction() -> None:
    text = "AL: 23,41 mm  SD: 7 µm  K1: 42,30 D @ 95°  +21,50 +0,04  Version 1.90.12.05  CCT: 541 µm"
    assert redact(text, PATIENT) == text


def test_a_surname_equal_to_a_label_keeps_the_label() -> None:
    patient = Patient(name="AL, OMAR")
    assert redact("AL: 23,41 mm  patient Al", patient) == f"AL: 23,41 mm  patient {MASK}"


def test_no_patient_means_only_patterns_apply() -> None:
    assert phi_values(None) == []


def test_a_birth_date_under_an_unfamiliar_label_is_masked() -> None:
    assert "1976-05-16" not in redact("Born: 1976-05-16  Exam: 2024-01-03", None)


def test_any_old_date_is_masked_but_a_recent_exam_date_is_kept() -> None:
    text = redact("Visit 2024-01-03  ref 12/19/1936", None)
    assert "2024-01-03" in text
    assert "1936" not in text
