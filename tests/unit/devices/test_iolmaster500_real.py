"""The real IOLMaster 500 printout (six 140-dpi page images, OCR) is read to its truth: accepted, exact, complete."""

from __future__ import annotations

import pytest

from biometry.evaluate import Comparison
from biometry.models import BiometryResult
from biometry.parse import parse_bytes
from tests.real_reports import compared, real_report

NAME = "iolmaster500-exam1.pdf"
pytestmark = pytest.mark.slow  # six OCR pages: about 40 s of tesseract


@pytest.fixture(scope="module")
def parsed() -> tuple[BiometryResult, Comparison]:
    data, truth = real_report(NAME)
    result = parse_bytes(data, NAME)
    return result, compared(result, truth)


def test_real_printout_is_accepted(parsed: tuple[BiometryResult, Comparison]) -> None:
    result, _ = parsed
    assert result.status == "accepted", [i.message for i in result.extraction.issues if i.severity == "error"]


def test_real_printout_has_no_wrong_value(parsed: tuple[BiometryResult, Comparison]) -> None:
    assert parsed[1].wrong == []


def test_real_printout_misses_no_printed_value(parsed: tuple[BiometryResult, Comparison]) -> None:
    assert parsed[1].missed == []


def test_every_box_of_both_iol_pages_is_read(parsed: tuple[BiometryResult, Comparison]) -> None:
    per_eye = {side: sum(c.eye == side for c in parsed[0].iol_calculations) for side in ("OD", "OS")}
    assert per_eye == {"OD": 8, "OS": 8}  # four lenses on the IOL page, four formulas on the multi-formula page


def test_exactly_one_bold_row_is_selected_in_every_box(parsed: tuple[BiometryResult, Comparison]) -> None:
    assert all(sum(row.selected for row in calc.rows) == 1 for calc in parsed[0].iol_calculations)
