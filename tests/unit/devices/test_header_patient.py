"""The header's patient block (PHI, fictional here): labels in every UI language, names of several words, and the
birth date as ISO in the document's own date order."""

from __future__ import annotations

import dataclasses

import pytest

from biometry.devices.header import (
    ID_DOUBT,
    NAME_DOUBT,
    _birth_date_beside,
    doubted_fields,
    is_name,
    name_span,
    page_patient,
    report_patient,
)
from biometry.document import Page, Word
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


def test_an_id_label_whose_value_ocr_lost_takes_no_word_from_the_next_line() -> None:
    # A real IOLMaster 500 200-dpi rescan: `ID:` read alone, a garbled word one line lower taken for the ID
    assert _patient_of("Name: Toby, Toby", "ID:", "ZELAN").id is None


def test_a_field_one_page_lost_is_read_from_the_next_page_that_prints_it() -> None:
    # A real IOLMaster 500 200-dpi rescan: page 1's ID lost to OCR, pages 2-6 print `ID: 99999990`
    lost, read = document_of(["Name: Toby, Toby", "ID:"]), document_of(["Name: Toby, Toby", "ID: 99999990"])
    document = dataclasses.replace(lost, pages=[lost.pages[0], dataclasses.replace(read.pages[0], number=2)])
    assert report_patient(document) == Patient(name="Toby, Toby", id="99999990")


def test_an_id_ocr_doubted_is_null_and_named_doubted() -> None:
    document = document_of(["Name: DUPONT, LUCIA", f"ID: {ID_DOUBT}"])
    assert (report_patient(document).id, doubted_fields(document.pages[0])) == (None, {"id"})  # type: ignore[union-attr]


def test_a_birth_date_label_printed_names_the_birth_date_a_field_to_read() -> None:
    # A real IOLMaster 500 page-1 photo: `Date of birth: 01/01/2001` grouped as `birth:` / `Date of` / `01/01/2001`
    document = document_of(["Name: Toby, Toby", "birth:", "Date of", "01/01/2001"])
    assert (report_patient(document).birth_date, doubted_fields(document.pages[0])) == (None, {"birth_date"})  # type: ignore[union-attr]


def test_the_date_on_a_birth_date_labels_row_is_its_value_where_a_tilted_photos_lines_parted_them() -> None:
    label = [Word("Date", (0.10, 0.200, 0.14, 0.212)), Word("of", (0.15, 0.200, 0.17, 0.212)),
             Word("birth:", (0.18, 0.200, 0.23, 0.212))]  # fmt: skip
    exam_date_below = Word("09/09/2015", (0.25, 0.222, 0.34, 0.234))
    assert _birth_date_beside([*label, Word("01/01/2001", (0.25, 0.203, 0.34, 0.215)), exam_date_below]) == "01/01/2001"
    assert _birth_date_beside([*label, exam_date_below]) is None


def test_a_page_whose_name_and_id_are_unread_still_reads_its_birth_date_beside_a_parted_label() -> None:
    # A real IOLMaster 500 page-1 photo (seed 408): the name doubted, the ID line lost, `Date of` and `birth:` on
    # lines of their own: the birth date beside `birth:` was read only on a page whose name or ID read
    label = [Word("Date", (0.10, 0.190, 0.14, 0.202)), Word("of", (0.15, 0.190, 0.17, 0.202)),
             Word("birth:", (0.18, 0.203, 0.23, 0.215)), Word("01/01/2001", (0.25, 0.203, 0.34, 0.215))]  # fmt: skip
    name = [Word("Name:", (0.10, 0.150, 0.15, 0.162)), Word(NAME_DOUBT, (0.16, 0.150, 0.30, 0.162))]
    page = Page(number=1, width_pt=595, height_pt=842, source="ocr", words=[*name, *label])
    assert page_patient(page) == Patient(birth_date="01/01/2001")


def test_an_eyesuite_id_label_a_tilted_photos_lines_parted_from_its_value_names_the_id_doubted() -> None:
    document = document_of(["exemplo, maria, 04/23/1950", "Calculation ID (CID): 0000", "0000000", "ID"])
    assert doubted_fields(document.pages[0]) == {"id"}


def test_an_id_ocr_split_in_two_is_null_not_its_first_part() -> None:
    assert _patient_of("Name: DUPONT, LUCIA", "ID: TEST-981 1093").id is None


def test_a_name_ocr_doubted_is_null_and_the_birth_date_and_id_under_it_stay() -> None:
    patient = _patient_of(f"{NAME_DOUBT}, 04/23/1950", "ID 0000123")
    assert (patient.name, patient.id, patient.birth_date) == (None, "0000123", "1950-04-23")


def test_a_labelled_names_place_runs_to_the_end_of_its_field() -> None:
    header = "Name: PEREZ, EJEMPLO, JOAO\nID: 123456"
    found = name_span(header)
    assert found is not None and header[found.start : found.end] == "PEREZ, EJEMPLO, JOAO"


def test_a_labelled_value_ocr_garbled_out_of_a_names_shape_has_a_place_too() -> None:
    header = "Name: MULLER-MUSTER, ° LUCIA\nID: 123456"
    found = name_span(header)
    assert found is not None and header[found.start : found.end] == "MULLER-MUSTER, ° LUCIA"


def test_a_birth_date_label_ocr_read_without_its_spaces_still_gives_the_birth_date() -> None:
    patient = _patient_of("Paciente DOE, LUCIA", "Data denascim. 16/03/1959", "Data da medição: 01/02/2023")
    assert patient.birth_date == "1959-03-16"


def test_a_garbled_name_on_the_line_after_its_label_has_a_place() -> None:
    header = "Paciente\nDURAN D, LUCIA\nData de nascim.\n21/07/1958"
    found = name_span(header)
    assert found is not None and header[found.start : found.end] == "DURAN D, LUCIA"


def test_a_name_alone_whose_label_ocr_lost_has_a_place_where_the_page_prints_patient_labels() -> None:
    # A real IOLMaster 700 page-1 photo: `Paciente` lost, `EXEMPLO, JOAO TESTE` alone on its line
    header = "EXEMPLO, JOAO TESTE\n\nData de nascim.\n23/04/1950\n\nID de paciente\n0000000"
    found = name_span(header)
    assert found is not None and header[found.start : found.end] == "EXEMPLO, JOAO TESTE"
    assert name_span("EXEMPLO, JOAO TESTE\n\nAL: 23.41 mm") is None


@pytest.mark.parametrize("name", ["Toby, Toby", "exemplo, maria", "Fulano da Silva, João", "MÜLLER-MUSTER, HÉLÈNE"])
def test_a_name_is_a_name_in_the_case_the_operator_typed_it(name: str) -> None:
    assert is_name(name, unlabelled=False)


def test_a_name_alone_in_small_letters_whose_label_ocr_lost_has_a_place_too() -> None:
    header = "exemplo, maria\n\nDate of birth:\n23/04/1950"
    found = name_span(header)
    assert found is not None and header[found.start : found.end] == "exemplo, maria"
