"""One upload, one patient: pages naming different patients go to review; one patient's pages, misread or not, pass."""

from __future__ import annotations

import dataclasses
import io

import pypdfium2 as pdfium

from biometry.devices.header import page_patient
from biometry.document import Document, Page, Word
from biometry.models import Issue
from biometry.parse import parse_bytes
from biometry.patients import patient_issues
from biometry.synth.iolmaster700.report import Case, render
from tests.factories import document_of


def _pages(*headers: list[str], source: str = "text-layer") -> Document:
    pages = [
        dataclasses.replace(document_of(lines, source=source).pages[0], number=k)
        for k, lines in enumerate(headers, start=1)
    ]
    return dataclasses.replace(document_of([]), pages=pages)


def _header(patient_id: str, birth: str) -> list[str]:
    return [f"Patient ID: {patient_id}", f"Date of birth: {birth}", "AL: 23.41 mm"]


def test_pages_of_two_patients_send_the_document_to_review() -> None:
    issues = patient_issues(_pages(_header("PAT834672", "03/31/1974"), _header("TEST-2038949", "10/31/1944")))
    assert [(i.code, i.severity) for i in issues] == [("patients_differ", "error")]


def test_two_patients_born_the_same_day_differ_by_their_ids() -> None:
    issues = patient_issues(_pages(_header("PAT834672", "03/31/1974"), _header("PAT120055", "03/31/1974")))
    assert [i.code for i in issues] == ["patients_differ"]


def test_unlabelled_eyesuite_headers_of_two_patients_differ() -> None:
    one = ["DURAND, MARIE, 12/11/1963", "ID TEST-3080920"]
    other = ["DOE, JANE, 04/23/1950", "ID SYN-3706450"]
    assert [i.code for i in patient_issues(_pages(one, other))] == ["patients_differ"]


def test_the_pages_of_one_patient_pass() -> None:
    assert patient_issues(_pages(_header("PAT834672", "03/31/1974"), _header("PAT834672", "03/31/1974"))) == []


def _unread(issues: list[Issue]) -> list[tuple[str, str | None]]:
    return [(issue.code, issue.field) for issue in issues]


def test_an_ocr_misread_glyph_in_the_id_is_the_same_patient_and_leaves_the_id_unread() -> None:
    one, misread = _header("PAT834672", "03/31/1974"), _header("PAT8346T2", "03/31/1974")
    assert _unread(patient_issues(_pages(one, misread, source="ocr"))) == [("printed_value_unread", "patient.id")]


def test_an_ocr_misread_digit_of_the_birth_date_is_the_same_patient_and_leaves_the_date_unread() -> None:
    one, misread = _header("PAT834672", "03/31/1974"), _header("PAT834672", "03/31/1971")
    issues = patient_issues(_pages(one, misread, source="ocr"))
    assert _unread(issues) == [("printed_value_unread", "patient.birth_date")]


def test_a_name_ocr_read_differently_on_two_pages_is_unread() -> None:
    one, misread = ["Name: DUPONT, LUCÍA", *_header("PAT834672", "03/31/1974")], [
        "Name: DUPONT, LUCIA", *_header("PAT834672", "03/31/1974")]  # fmt: skip
    assert _unread(patient_issues(_pages(one, misread, source="ocr"))) == [("printed_value_unread", "patient.name")]


def test_two_names_on_text_layer_pages_are_two_patients() -> None:
    one, other = ["Name: DUPONT, LUCIA", "AL: 23.41 mm"], ["Name: DURAND, MARIE", "AL: 23.41 mm"]
    assert [i.code for i in patient_issues(_pages(one, other))] == ["patients_differ"]


def test_a_page_without_identifiers_names_no_other_patient() -> None:
    assert patient_issues(_pages(_header("PAT834672", "03/31/1974"), ["AL: 22.10 mm"])) == []


def test_the_issue_names_pages_never_the_identifiers() -> None:
    (issue,) = patient_issues(_pages(_header("PAT834672", "03/31/1974"), _header("TEST-2038949", "10/31/1944")))
    assert "Pages 1 and 2" in issue.message
    assert not any(phi in issue.message for phi in ("PAT834672", "TEST-2038949", "1974", "1944"))


def test_two_patients_single_eye_printouts_joined_in_one_upload_go_to_review() -> None:
    right_eye, _ = render(Case(seed=104, language="es", decimal="comma", layout="single_eye_OD"))
    left_eye, _ = render(Case(seed=205, language="es", decimal="comma", layout="single_eye_OS"))
    result = parse_bytes(_joined(right_eye, left_eye), "stack.pdf")
    assert result.status == "needs_review"
    assert "patients_differ" in {i.code for i in result.extraction.issues}


def _joined(*pdfs: bytes) -> bytes:
    joined = pdfium.PdfDocument.new()
    for pdf in pdfs:
        joined.import_pages(pdfium.PdfDocument(pdf))
    buffer = io.BytesIO()
    joined.save(buffer)
    return buffer.getvalue()


def _page_of(words: list[tuple[str, float]], source: str = "ocr") -> Document:
    """One page printing the words on one header line at their x (page fractions), 0.01 high."""
    page = Page(number=1, width_pt=595, height_pt=842, source=source,
                words=[Word(text, (x, 0.10, x + 0.01 * len(text), 0.11)) for text, x in words])  # fmt: skip
    return dataclasses.replace(document_of([]), pages=[page])


def test_a_label_whose_value_ocr_lost_takes_no_word_of_the_next_block_as_its_value() -> None:
    # a held-out 150-dpi rescan: page 8 lost its `ID de paciente` value, and the clinic name at the page's right
    # had been read as the ID (patients_differ against the other pages)
    lost = _page_of([("ID", 0.085), ("de", 0.10), ("paciente", 0.12), ("Clinica", 0.60), ("Exemplo", 0.68)])
    read = _page_of([("ID", 0.085), ("de", 0.10), ("paciente", 0.12), ("0000000", 0.21), ("Clinica", 0.60)])
    assert (page_patient(lost.pages[0]), page_patient(read.pages[0]).id) == (None, "0000000")  # type: ignore[union-attr]


def test_an_id_ocr_read_with_a_digits_lookalike_beside_a_digit_is_left_unread() -> None:
    # synthetic IOLMaster 500 printout (corpus seed 4242): `PAT5124472` read `PATS124472` alike on both pages that
    # read it; nothing disagreed, and the result was accepted with the misread ID
    misread = _header("PATS124472", "05/23/1972")
    assert _unread(patient_issues(_pages(misread, misread, source="ocr"))) == [("printed_value_unread", "patient.id")]


def test_an_id_of_letters_a_separator_and_digits_read_by_ocr_stands() -> None:
    assert patient_issues(_pages(_header("SYN-3706450", "05/23/1972"), source="ocr")) == []


def test_a_text_layers_id_with_a_letter_beside_a_digit_stands() -> None:
    assert patient_issues(_pages(_header("AB12S4", "05/23/1972"))) == []
