"""Every real report in ../shared/real is read to its truth: accepted, every printed value right, nothing missing.

One specification for all devices, generated over the reports: the text-layer one in the default run, the OCR ones
slow (`make test-slow`; the DICOM rendition is in tests/unit/extract/test_dicom_real.py). Device traits (overprinted
rows, glued OCR labels, page images) are specified beside each parser; this file says what "accepted" means.
"""

from __future__ import annotations

import pytest

from biometry.evaluate import Comparison, Truth
from biometry.models import BiometryResult
from biometry.parse import parse_bytes
from tests.real_reports import compared, real_report

REPORTS = [
    pytest.param("iolmaster700-ptbr.pdf", id="iolmaster700-text-layer"),
    pytest.param("eyestar900-scan.pdf", id="eyestar900-scan", marks=pytest.mark.slow),
    pytest.param("iolmaster500-exam1.pdf", id="iolmaster500-page-images", marks=pytest.mark.slow),
]
Parsed = tuple[BiometryResult, Comparison, Truth]


@pytest.fixture(scope="module", params=REPORTS)
def parsed(request: pytest.FixtureRequest) -> Parsed:
    data, truth = real_report(request.param)
    result = parse_bytes(data, request.param)
    return result, compared(result, truth), truth


def test_real_report_is_accepted(parsed: Parsed) -> None:
    result = parsed[0]
    assert result.status == "accepted", [i.message for i in result.extraction.issues if i.severity == "error"]


def test_real_report_has_no_wrong_value(parsed: Parsed) -> None:
    assert parsed[1].wrong == []


def test_real_report_misses_no_printed_value(parsed: Parsed) -> None:
    assert parsed[1].missed == []


def test_every_result_box_is_read_once_or_as_often_as_printed(parsed: Parsed) -> None:
    result, _, truth = parsed
    printed = [c for c in truth.result.iol_calculations if c.rows]
    required = [c for i, c in enumerate(truth.result.iol_calculations) if c.rows and i not in truth.optional]
    assert len(required) <= sum(1 for c in result.iol_calculations if c.rows) <= len(printed)


def test_exactly_one_row_is_selected_in_every_box(parsed: Parsed) -> None:
    assert all(sum(row.selected for row in c.rows) == 1 for c in parsed[0].iol_calculations if c.rows)
