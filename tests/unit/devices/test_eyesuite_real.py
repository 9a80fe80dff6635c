"""The real Eyestar 900 scan (EyeSuite IOL 4.12, 4 image-only pages, OCR) is read to its truth: accepted and exact."""

from __future__ import annotations

import pytest

from biometry.evaluate import Comparison
from biometry.models import BiometryResult
from biometry.parse import parse_bytes
from tests.real_reports import compared, real_report

NAME = "eyestar900-scan.pdf"
pytestmark = pytest.mark.slow  # four pages of tesseract OCR


@pytest.fixture(scope="module")
def parsed() -> tuple[BiometryResult, Comparison]:
    data, truth = real_report(NAME)
    result = parse_bytes(data, NAME)
    return result, compared(result, truth)


def test_real_scan_is_accepted(parsed: tuple[BiometryResult, Comparison]) -> None:
    result, _ = parsed
    assert result.status == "accepted", [i.message for i in result.extraction.issues if i.severity == "error"]


def test_real_scan_has_no_wrong_value(parsed: tuple[BiometryResult, Comparison]) -> None:
    assert parsed[1].wrong == []


def test_real_scan_misses_only_boxes_printed_without_rows(parsed: tuple[BiometryResult, Comparison]) -> None:
    assert parsed[1].missed == []


def test_every_box_printed_with_rows_is_read_once(parsed: tuple[BiometryResult, Comparison]) -> None:
    _, truth = real_report(NAME)
    with_rows = [calc for calc in truth.result.iol_calculations if calc.rows]
    assert len(parsed[0].iol_calculations) == len(with_rows)
