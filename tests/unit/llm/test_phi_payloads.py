"""No identifier from a synthetic report reaches the payloads sent to RunPod, an OpenAI-compatible server or Bedrock."""

from __future__ import annotations

import re
from typing import Any

import pytest

from biometry.extract import load_document
from biometry.llm.tier import build_llm_request
from biometry.models import Patient
from biometry.parse import parse_document
from biometry.redact import phi_values
from biometry.synth import Case, cases, render
from biometry.synth.eyesuite import report as eyesuite
from biometry.synth.iolmaster500 import report as iolmaster500
from biometry.synth.unknown import render_unknown, unknown_cases
from tests.unit.phi.provider_payloads import provider_payloads

TEXT_LAYER_CASES = list(cases(30, seed=11, image_share=0.0))
# Every other printout family, text layer and image-only, rendered with its own generator.
OTHER_FAMILIES = [
    (name, case, render_other)
    for name, family_cases, render_other in (
        ("eyesuite", eyesuite.cases, eyesuite.render),
        ("iolmaster500", iolmaster500.cases, iolmaster500.render_drawing),  # page images: their words, no OCR
        ("unknown", lambda n, seed, _: unknown_cases(n, seed), render_unknown),
    )
    for case in family_cases(8, 12, 0.0)
]
IMAGE_CASES = [
    ("iolmaster700-image", Case(seed=13, layout="short", image_only=True), render),
    ("eyesuite-image", next(iter(eyesuite.cases(1, 14, 1.0))), eyesuite.render),
]


def leaks(payload: str, patient: Patient) -> list[str]:
    return [v for v in phi_values(patient) if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", payload, re.IGNORECASE)]


def assert_no_leak(pdf: bytes, truth: dict[str, Any], filename: str, *, ocr: bool = False) -> None:
    document = load_document(pdf, filename, ocr=ocr)
    request = build_llm_request(document, parse_document(document))
    patient = Patient.model_validate(truth["patient"])
    assert leaks(" ".join(provider_payloads(request).values()), patient) == []


@pytest.mark.parametrize("case", TEXT_LAYER_CASES, ids=lambda c: c.name)
def test_no_identifier_reaches_any_provider(case: Any) -> None:
    pdf, truth = render(case)
    assert_no_leak(pdf, truth, case.filename)


@pytest.mark.parametrize(("family", "case", "render_case"), OTHER_FAMILIES, ids=lambda v: getattr(v, "name", None))
def test_no_identifier_of_any_device_family_reaches_a_third_party(family: str, case: Any, render_case: Any) -> None:
    pdf, truth = render_case(case)
    assert_no_leak(pdf, truth, case.filename)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "case", "render_case"), IMAGE_CASES, ids=lambda v: v if isinstance(v, str) else None)
def test_no_identifier_read_by_ocr_reaches_a_third_party(name: str, case: Any, render_case: Any) -> None:
    pdf, truth = render_case(case)
    assert_no_leak(pdf, truth, case.filename, ocr=True)
