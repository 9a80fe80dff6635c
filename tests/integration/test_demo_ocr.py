"""`make demo` reads the bundled scan inside the Extract text Lambda, a faxed copy again with Textract (slow: OCR)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console

from biometry.local.demo import run_demo
from biometry.local.ocr_demo import FAX_SOURCE

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def shown() -> str:
    console = Console(record=True, width=400)
    run_demo([SAMPLES / "iolmaster700-scan.pdf", SAMPLES / FAX_SOURCE], console=console)
    return console.export_text()


@pytest.mark.slow
def test_the_demo_shows_a_scan_read_in_lambda_with_its_cost_per_page(shown: str) -> None:
    assert "iolmaster700-scan.pdf: 2 page(s) read in Lambda for $" in shown


@pytest.mark.slow
def test_the_demo_shows_a_faxed_copy_read_again_by_textract(shown: str) -> None:
    assert re.search(r"short-fax\.pdf: 2 page\(s\) read in Lambda .*, then Textract read 2 page\(s\)", shown)
