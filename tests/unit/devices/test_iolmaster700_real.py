"""The real IOLMaster 700 printout (pt-BR, 13 pages, text layer) is read to its truth: accepted, exact, complete."""

from __future__ import annotations

import pytest

from biometry.evaluate import Comparison
from biometry.models import BiometryResult
from biometry.parse import parse_bytes
from tests.real_reports import compared, real_report

NAME = "iolmaster700-ptbr.pdf"


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


def test_real_printout_holds_all_88_calculations(parsed: tuple[BiometryResult, Comparison]) -> None:
    assert len(parsed[0].iol_calculations) == 88


def test_highlighted_row_is_the_overprinted_one_in_every_box(parsed: tuple[BiometryResult, Comparison]) -> None:
    assert all(sum(row.selected for row in calc.rows) == 1 for calc in parsed[0].iol_calculations)
