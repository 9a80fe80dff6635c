"""An IOLMaster 700 analysis page's pupil row whose `P:` OCR garbled or lost is named by its centre offsets: the device
prints `Ix:` and `Iy:` after WTW and the pupil only."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster700.offset_rows import pupil_by_offsets
from biometry.devices.measurements import Token
from biometry.document import Word


def _rows(*lines: str) -> list[list[Token]]:
    return [[Token(text, Word(text, (0.1, 0.1, 0.2, 0.12))) for text in line.split()] for line in lines]


WTW_ROW = "AL: 23.72 mm SD: 10 um WTW: 11.9 mm Ix: +0.2 mm Iy: +0.3 mm"


def _texts(rows: list[list[Token]]) -> list[str]:
    return [" ".join(t.text for t in row) for row in rows]


@pytest.mark.parametrize("label", ["PE", "Pe", "P;"])
def test_a_pupil_label_ocr_garbled_before_a_value_with_offsets_is_the_pupil_label(label: str) -> None:
    rows = _rows(WTW_ROW, f"CCT: 527 um SD: 4 um {label} 4.4 mm Ix: +0.3 mm Iy: -0.5 mm")
    assert _texts(pupil_by_offsets(rows))[1] == "CCT: 527 um SD: 4 um P: 4.4 mm Ix: +0.3 mm Iy: -0.5 mm"


def test_a_pupil_whose_label_ocr_lost_is_labelled_before_its_value() -> None:
    rows = _rows(WTW_ROW, "CCT: 549 um SD: 4 um 4,1 mm Ix: +0,5 mm Iy: -0,2 mm")
    assert _texts(pupil_by_offsets(rows))[1] == "CCT: 549 um SD: 4 um P: 4,1 mm Ix: +0,5 mm Iy: -0,2 mm"


def test_without_wtw_read_by_its_label_the_offsets_name_no_row() -> None:
    rows = _rows("AL: 23.72 mm SD: 10 um 11.9 mm Ix: +0.2 mm", "CCT: 527 um SD: 4 um PE 4.4 mm Ix: +0.3 mm")
    assert pupil_by_offsets(rows) == rows


def test_a_block_reading_its_pupil_label_is_left_as_read() -> None:
    rows = _rows(WTW_ROW, "CCT: 527 um SD: 4 um P: 4.4 mm Ix: +0.3 mm", "ACD: 2.77 mm SD: 16 um 3.1 mm Ix: +0.1 mm")
    assert pupil_by_offsets(rows) == rows


def test_a_value_not_printed_as_a_pupil_is_no_pupil() -> None:
    rows = _rows(WTW_ROW, "CCT: 527 um SD: 4 um PE 11.4 mm Ix: +0.3 mm")
    assert pupil_by_offsets(rows) == rows
