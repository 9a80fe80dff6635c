"""On the real reports, redaction keeps every value the layout text shows and lets no identifier through."""

from __future__ import annotations

import re

import pytest

from biometry.extract import load_document
from biometry.llm.prompt import layout_text, redacted_layout_text
from biometry.models import BiometryResult
from biometry.parse import parse_document
from biometry.redact import phi_values
from tests.real_reports import real_report

TEXT_LAYER = "iolmaster700-ptbr.pdf"
SCAN = "eyestar900-scan.pdf"


def printed_values(result: BiometryResult) -> list[str]:
    """AL, ACD, K1, K2 of each eye and every IOL power, as two-decimal strings."""
    eyes = [eye for eye in (result.eyes.OD, result.eyes.OS) if eye]
    values = [v for eye in eyes for v in (eye.axial_length_mm, eye.acd_mm, eye.k1_d, eye.k2_d) if v is not None]
    values += [row.iol_power_d for calc in result.iol_calculations for row in calc.rows]
    return [f"{abs(v):.2f}" for v in values]


def values_lost(name: str, *, ocr: bool) -> list[str]:
    """Values the unredacted layout shows that the payload (no parsed patient) lacks."""
    data, truth = real_report(name)
    document = load_document(data, name, ocr=ocr)
    shown, sent = (t.replace(",", ".") for t in (layout_text(document), redacted_layout_text(document, None)))
    return [v for v in printed_values(truth.result) if v in shown and v not in sent]


def identifiers_sent(name: str) -> list[str]:
    data, truth = real_report(name)
    document = load_document(data, name)
    sent = redacted_layout_text(document, parse_document(document).patient)
    return [v for v in phi_values(truth.result.patient) if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", sent, re.I)]


def test_redaction_keeps_every_value_of_the_real_text_layer_report() -> None:
    assert values_lost(TEXT_LAYER, ocr=False) == []


def test_no_identifier_of_the_real_text_layer_report_is_sent() -> None:
    assert identifiers_sent(TEXT_LAYER) == []


@pytest.mark.slow
def test_redaction_keeps_every_value_ocr_read_on_the_real_scan() -> None:
    assert values_lost(SCAN, ocr=True) == []
