"""The highlighted row of a result table read by OCR: the devices centre the table on it, so where the row closest to
the target as read lies off the middle, clearly nearer than the middle row, the target was misread (a minus lost) and
the table goes to review."""

from __future__ import annotations

from biometry.models import IolCalculation, IolRow
from biometry.rules import check_iol

_ROWS = [(16.0, 0.66), (16.5, 0.33), (17.0, -0.01), (17.5, -0.34), (18.0, -0.69)]


def _table(selected: int, target: float) -> IolCalculation:
    rows = [IolRow(iol_power_d=p, refraction_d=r, selected=i == selected) for i, (p, r) in enumerate(_ROWS)]
    return IolCalculation(eye="OS", formula="Barrett Universal II", iol_model="EYHANCE", target_refraction_d=target,
                          rows=rows)  # fmt: skip


def _codes(calculation: IolCalculation, *, ocr: bool) -> set[str]:
    return {issue.code for issue in check_iol(0, calculation, ocr=ocr)}


def test_an_ocr_table_whose_row_closest_to_the_target_is_its_middle_one_passes() -> None:
    assert "iol_selected_row" not in _codes(_table(2, 0.0), ocr=True)


def test_an_ocr_table_whose_row_closest_to_the_target_lies_off_the_middle_goes_to_review() -> None:
    assert "iol_selected_row" in _codes(_table(1, 0.25), ocr=True)  # `-0.25` read `0.25`: its minus lost


def test_an_ocr_table_whose_middle_row_is_as_close_to_the_target_as_the_one_taken_passes() -> None:
    assert "iol_selected_row" not in _codes(_table(1, 0.16), ocr=True)  # 0.17 D from either: a near-tie


def test_a_text_layer_table_highlighting_a_row_off_the_middle_is_taken_as_printed() -> None:
    assert "iol_selected_row" not in _codes(_table(1, 0.25), ocr=False)
