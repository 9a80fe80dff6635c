"""No identifier of the PHI corpus reaches any provider's payload, in any language; the clinical values still do."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import pytest

from biometry.document import Document
from biometry.llm.prompt import layout_text
from biometry.llm.tier import build_llm_request
from biometry.models import BiometryResult, Patient
from biometry.parse import parse_document
from biometry.redact import phi_values
from biometry.redact.allow import key
from biometry.redact.vocabulary import FREE_WORDS, PHRASES
from biometry.synth.l10n import LANGUAGES, Language
from tests.factories import result_of
from tests.unit.phi.phi_corpus import FAMILIES, PATIENTS, leaked, report, secrets
from tests.unit.phi.provider_payloads import provider_payloads

SAMPLES = [(language, family) for language in LANGUAGES for family in FAMILIES]
REGEX_RESULTS: dict[str, Callable[[Document, Language], BiometryResult]] = {
    "no-parsed-patient": lambda _, __: result_of(),
    "report-patient-parsed": lambda document, _: parse_document(document),
    "corpus-patient-known": lambda _, language: result_of(patient=PATIENTS[language]),
}
_VOCABULARY = FREE_WORDS | {key(w) for phrase in PHRASES for w in phrase.split()}


@functools.cache
def sample(language: Language, family: str) -> tuple[Document, dict[str, Any]]:
    return report(family, language)


def payloads(language: Language, family: str, regex: str) -> dict[str, str]:
    document, _ = sample(language, family)
    return provider_payloads(build_llm_request(document, REGEX_RESULTS[regex](document, language)))


def missing_values(payload: str, truth: dict[str, Any]) -> list[str]:
    """The truth's printed eye values, IOL rows, lens names and formulas that the payload lacks."""
    fields = {"axial_length_mm": 2, "acd_mm": 2, "k1_d": 2, "k2_d": 2, "lens_thickness_mm": 2, "wtw_mm": 1, "cct_um": 0}
    eyes = [eye for eye in truth["eyes"].values() if eye]
    numbers = [f"{eye[name]:.{places}f}" for eye in eyes for name, places in fields.items() if eye[name] is not None]
    rows = [row for box in truth["iol_calculations"] for row in box["rows"]]
    numbers += [f"{abs(row[name]):.2f}" for row in rows for name in ("iol_power_d", "refraction_d")]
    words = [w for box in truth["iol_calculations"] for w in box["iol_model"].split()]
    words += [re.split(r"\W", box["formula"])[0] for box in truth["iol_calculations"]]
    shorter = {n: n[:-1] if n.endswith("0") else n for n in numbers}  # the IOLMaster 500 prints 18.5 and -0.1
    missing = [n for n in numbers if not any(f in payload or f.replace(".", ",") in payload for f in {n, shorter[n]})]
    # a lens or formula word may be printed fused on one side (`A119.0SN60WF`, `HofferQ` on the IOLMaster 500)
    return missing + [w for w in words if re.search(rf"(?<!\w){re.escape(w)}|{re.escape(w)}(?!\w)", payload) is None]


@pytest.mark.parametrize("regex", REGEX_RESULTS)
@pytest.mark.parametrize(("language", "family"), SAMPLES)
def test_no_phi_of_the_corpus_reaches_any_provider_payload(language: Language, family: str, regex: str) -> None:
    leaks = {provider: leaked(payload, language) for provider, payload in payloads(language, family, regex).items()}
    assert leaks == {"runpod": [], "openai": [], "bedrock": []}


@pytest.mark.parametrize(("language", "family"), SAMPLES)
def test_the_reports_own_patient_reaches_no_provider_payload(language: Language, family: str) -> None:
    patient = Patient.model_validate(sample(language, family)[1]["patient"])
    text = " ".join(payloads(language, family, "no-parsed-patient").values())
    assert [v for v in phi_values(patient) if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text, re.I)] == []


@pytest.mark.parametrize(("language", "family"), SAMPLES)
def test_clinical_values_and_lens_names_survive_redaction(language: Language, family: str) -> None:
    truth = sample(language, family)[1]
    assert missing_values(payloads(language, family, "no-parsed-patient")["runpod"], truth) == []


@pytest.mark.parametrize(("language", "family"), SAMPLES)
def test_every_secret_is_printed_on_the_report_before_redaction(language: Language, family: str) -> None:
    assert leaked(layout_text(sample(language, family)[0]), language)[: len(secrets(language))] == secrets(language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_corpus_name_is_allowed_vocabulary(language: Language) -> None:
    parts = {p.casefold() for s in secrets(language) for p in re.findall(r"[^\W\d_]{3,}", s)}
    assert parts & _VOCABULARY == set()
