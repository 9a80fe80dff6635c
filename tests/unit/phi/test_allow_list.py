"""The allow-list: only measurement vocabulary and measurement-shaped numbers leave; the layout stays."""

from __future__ import annotations

import pytest

from biometry.document import Document, Page
from biometry.errors import PhiUnredactable
from biometry.llm import prompt
from biometry.llm.local import run_llm_tier
from biometry.llm.prompt import redacted_layout_text
from biometry.llm.tier import LlmJob, LlmRequest
from biometry.models import Method, Patient
from tests.factories import result_of
from tests.unit.phi.phi_corpus import printed_words


def document(*lines: str) -> Document:
    """One page of printed lines (cells split by three spaces)."""
    words = [w for row, line in enumerate(lines) for w in printed_words(line, 0.05 + 0.03 * row)]
    page = Page(number=1, width_pt=595, height_pt=842, source="text-layer", words=words)
    return Document(filename="x.pdf", media_type="application/pdf", sha256="0" * 64, pages=[page])


def sent(*lines: str, patient: Patient | None = None) -> str:
    return redacted_layout_text(document(*lines), patient)


@pytest.mark.parametrize(
    ("printed", "secrets"),
    [
        ("Jane Doe", ("Jane", "Doe")),
        ("Doe, Jane", ("Jane", "Doe")),
        ("Nachname: Mustermann   Vorname: Erika", ("Mustermann", "Erika")),
        ("Surname: Whitaker   Apellidos: García", ("Whitaker", "García")),
        ("MRN 00123456   PID: 7781234", ("00123456", "7781234")),
        ("SSN 123-45-6789", ("123", "45", "6789")),
        ("Insurance no.: XEH 482 193 557", ("XEH", "482", "193", "557")),
        ("555.123.4567   030 1234567", ("555", "123", "4567", "030", "1234567")),
        ("555 123 4567", ("555", "123", "4567")),
        ("612 345 678", ("612", "345", "678")),
        ("12 Main Street   10115 Berlin", ("12", "Main", "Street", "10115", "Berlin")),
        ("DOB: 07/21/2009   Born 14-Mar-1950   March 14th, 1950", ("07", "21", "2009", "Mar", "14", "1950")),
        ("jane.doe@example.org   Age: 74", ("jane", "doe", "example", "74")),
        ("Referring physician: Dr. Robert Whitfield", ("Robert", "Whitfield")),
        ("ICD-10 H25.1 - Erika Mustermann", ("H25", "Erika", "Mustermann")),
    ],
)
def test_identifiers_without_a_parsed_patient_are_masked(printed: str, secrets: tuple[str, ...]) -> None:
    text = sent(printed)
    assert [s for s in secrets if s in text.replace("[x]", " ")] == []


def test_measurements_keep_labels_numbers_units_and_axes() -> None:
    printed = "AL: 23,41 mm   K1: 42,30 D @ 95°   CCT: 541 µm   n = 1,3375   +21,50 -0,04"
    assert sent(printed).split()[4:] == printed.split()


def test_lens_and_formula_names_are_kept() -> None:
    text = sent("Alcon AcrySof IQ SN60WF   Barrett Universal II   Hill RBF + Abulafia-Koch")
    assert "[x]" not in text


def test_a_lens_word_that_is_also_a_first_name_is_kept_only_in_its_lens_name() -> None:
    assert "LUCIA" in sent("ZEISS CT LUCIA 611P") and "Lucia" not in sent("Lucia Rossi")


def test_a_patient_named_like_a_formula_is_masked_everywhere() -> None:
    assert "Kane" not in sent("Name: Kane   Formula: Kane", patient=Patient(name="KANE, ANNA"))


def test_a_name_printed_as_last_first_is_masked_even_where_it_is_vocabulary() -> None:
    assert "Haigis" not in sent("HAIGIS, ANNA", "Formula: Haigis")


def test_a_number_in_a_cell_with_a_masked_word_is_masked() -> None:
    assert "12" not in sent("Room 12")


def test_a_value_in_its_own_cell_survives_a_name_beside_it() -> None:
    assert "23,41" in sent("AL: 23,41 mm   Jane Doe")


def test_eye_columns_keep_their_positions() -> None:
    line = next(li for li in sent("Jane Doe   AL: 23,41 mm   AL: 23,73 mm").splitlines() if "AL:" in li)
    assert line.index("23,41") < line.index("23,73") and line.index("23,73") > 100


def test_a_payload_that_cannot_be_proved_clean_is_never_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prompt, "redact_document", lambda document, identifiers: document)
    with pytest.raises(PhiUnredactable):
        sent("MRN 00123456")


class NeverCalledProvider:
    method: Method = "gpu_llm"

    def submit(self, request: LlmRequest, idempotency_key: str) -> str:
        raise AssertionError("a payload that could not be proved clean was submitted")

    def poll(self, job_id: str) -> LlmJob:
        raise AssertionError("never polled")

    def cancel(self, job_id: str) -> None:
        raise AssertionError("never cancelled")


def test_an_unprovable_document_goes_to_review_as_phi_unredactable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prompt, "redact_document", lambda document, identifiers: document)
    result = run_llm_tier(document("MRN 00123456"), result_of(), NeverCalledProvider())
    assert (result.status, result.extraction.issues[-1].code) == ("needs_review", "phi_unredactable")


def test_a_fused_iolmaster_500_caption_keeps_its_catalogue_lens_but_not_a_name_glued_the_same_way() -> None:
    text = sent("OptA119.1MA60AC      John119.1MA60AC")
    assert ("OptA119.1MA60AC" in text, "John" in text) == (True, False)
