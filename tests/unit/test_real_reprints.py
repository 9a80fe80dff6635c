"""The real text-layer printout printed again to PDF (a PDF printer's rewrite of its text) reads like the original."""

from __future__ import annotations

import shutil

import pytest

from biometry.parse import parse_bytes
from tests.real_reports import compared, real_report
from tests.renditions import reprinted_through_cairo, without_unicode_maps


@pytest.mark.skipif(shutil.which("pdftocairo") is None, reason="poppler-utils (scripts/setup.sh) absent")
def test_printout_reprinted_through_cairo_is_accepted_and_exact() -> None:
    data, truth = real_report("iolmaster700-ptbr.pdf")
    result = parse_bytes(reprinted_through_cairo(data), "reprinted.pdf")
    comparison = compared(result, truth)
    assert (result.status, comparison.wrong, comparison.missed) == ("accepted", [], [])


@pytest.mark.slow
def test_printout_whose_fonts_lost_their_unicode_maps_is_read_by_ocr_accepted_and_exact() -> None:
    data, truth = real_report("iolmaster700-ptbr.pdf")
    result = parse_bytes(without_unicode_maps(data), "reprinted.pdf")
    comparison = compared(result, truth)
    assert (result.status, comparison.wrong, comparison.missed) == ("accepted", [], [])
