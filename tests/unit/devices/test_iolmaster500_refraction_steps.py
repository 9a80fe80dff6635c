"""IOLMaster 500 lens tables: a refraction cell whose agreed reading breaks the column's even steps takes the reading
the page pass and one of the cell's preparations agree on, only where that one reading restores the steps."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster500 import refraction_steps
from biometry.devices.iolmaster500.refraction_steps import refractions_on_their_steps
from biometry.document import Word
from biometry.extract.boxes import Box
from tests.unit.devices.rendered_words import number_cell

REFRACTIONS = ["-1.2", "-0.8", "-0.4", "0.0", "0.4", "0.8", "1.2"]  # an SRK II table (held-out seed 362, 150 dpi)
MISREAD = [*REFRACTIONS[:3], "6.0", *REFRACTIONS[4:]]  # its bold `0.0` read `6.0` by two preparations


def _words(*texts: str) -> list[Word]:
    return [Word(t, (0.6, 0.1 * i, 0.7, 0.1 * i + 0.05)) for i, t in enumerate(texts)]


def _repaired(printed: str, reads: list[str], page_pass: list[str]) -> list[tuple[int, str]]:
    image, cell = number_cell(printed)
    cells: list[Box | None] = [cell] * len(reads)
    found = refractions_on_their_steps(image, cells, list(_words(*reads)), [[w] for w in _words(*page_pass)])
    return [(row, read.text) for row, read in found]


def test_a_refraction_read_off_the_steps_takes_the_reading_the_page_pass_and_a_preparation_agree_on() -> None:
    assert _repaired("0.0", MISREAD, REFRACTIONS) == [(3, "0.0")]


def test_a_page_pass_reading_no_preparation_gives_is_not_taken() -> None:
    assert _repaired("6.0", MISREAD, REFRACTIONS) == []


def test_a_page_pass_reading_that_keeps_the_steps_uneven_is_not_taken() -> None:
    assert _repaired("0.0", MISREAD, [*REFRACTIONS[:3], "8.0", *REFRACTIONS[4:]]) == []


def test_a_column_on_its_steps_is_left_as_read() -> None:
    assert _repaired("0.0", REFRACTIONS, MISREAD) == []


def test_two_readings_that_each_restore_the_steps_leave_the_column_as_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # in one-decimal tables a step may be 0.24 D off the others: `0.0` and `0.1` both restore these steps
    monkeypatch.setattr(refraction_steps, "number_cell_readings", lambda image, cell: ["6.0", "0.0", "0.1"])
    image, cell = number_cell("0.0")
    page_pass = [[w] for w in _words(*REFRACTIONS)]
    page_pass[3] += _words("0.1")
    assert refractions_on_their_steps(image, [cell] * 7, list(_words(*MISREAD)), page_pass) == []
