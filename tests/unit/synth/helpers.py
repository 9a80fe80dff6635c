"""Helpers for the synthetic-report tests: pick a seed whose plan shows a trait, read page text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pypdfium2 as pdfium

from biometry.synth.case import Case, Plan, make_plan


def find_case(trait: Callable[[Plan], bool], **knobs: Any) -> Case:
    """The first case (seed 0, 1, ...) with these knobs whose plan has the trait."""
    for seed in range(500):
        case = Case(seed=seed, **knobs)
        if trait(make_plan(case)):
            return case
    raise AssertionError("no seed below 500 shows the trait")


def page_texts(pdf: bytes) -> list[str]:
    """pypdfium2's text of every page, in its own reading order."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
