"""No identifier from a synthetic report reaches the payloads sent to RunPod or Bedrock."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from biometry.extract import load_document
from biometry.llm.bedrock_client import converse_request
from biometry.llm.runpod_client import RunPodClient
from biometry.llm.tier import LlmRequest, build_llm_request
from biometry.models import Patient
from biometry.parse import parse_document
from biometry.redact import phi_values
from biometry.synth import cases, render

TEXT_LAYER_CASES = list(cases(30, seed=11, image_share=0.0))


def runpod_payload(request: LlmRequest) -> str:
    sent: list[dict[str, Any] | None] = []
    client = RunPodClient("ep", "key", transport=lambda m, u, body, h: sent.append(body) or {"id": "j"})
    client.submit(request, "doc")
    return json.dumps(sent[0], ensure_ascii=False)


def leaks(payload: str, patient: Patient) -> list[str]:
    return [v for v in phi_values(patient) if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", payload, re.IGNORECASE)]


@pytest.mark.parametrize("case", TEXT_LAYER_CASES, ids=lambda c: c.name)
def test_no_identifier_reaches_runpod_or_bedrock(case: Any) -> None:
    pdf, truth = render(case)
    document = load_document(pdf, case.filename, ocr=False)
    request = build_llm_request(document, parse_document(document))
    patient = Patient.model_validate(truth["patient"])
    payloads = runpod_payload(request) + json.dumps(converse_request("model", request), ensure_ascii=False)
    assert leaks(payloads, patient) == []
