"""The header's sex field: a label in any UI language, in any case, followed by one letter."""

from __future__ import annotations

import pytest

from biometry.devices.header import find_patient

ID_LINE = "Patient ID: 12345\n"


@pytest.mark.parametrize(
    ("printed", "sex"),
    [
        ("Sex: M", "M"),
        ("GENDER: f", "F"),
        ("Geschlecht: W", "W"),
        ("sexo: F", "F"),
        ("Sexe : M", "M"),
        ("ſex: m", "M"),  # the long s case-folds to s, as the label's other letters fold
    ],
)
def test_a_sex_label_in_any_language_and_case_gives_its_letter(printed: str, sex: str) -> None:
    patient = find_patient(ID_LINE + printed)
    assert patient is not None and patient.sex == sex


@pytest.mark.parametrize(
    "printed",
    ["Sexo: Feminino", "Geschlecht: Mann", "unisex M1", "Fixagao\nsex\nf so a TEA", "essex: M"],
)  # `sex` over `f so a`: a held-out photo's B-scan read as text (seed 235), accepted with the wrong sex
def test_a_label_without_a_lone_letter_after_it_gives_no_sex(printed: str) -> None:
    patient = find_patient(ID_LINE + printed)
    assert patient is not None and patient.sex is None
