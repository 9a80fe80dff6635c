"""The selected row of an IOLMaster 500 lens box read by OCR where stroke widths mark only one of its two numbers
bold (a short refraction like `0.0` is too little ink to measure)."""

from __future__ import annotations

from biometry.devices.iolmaster500.boxes import RowTokens
from biometry.devices.iolmaster500.iol import _half_bold_selected
from biometry.devices.measurements import Token
from biometry.document import Word

TABLE = [(22.0, -1.0), (21.5, -0.7), (21.0, -0.3), (20.5, 0.0), (20.0, 0.4), (19.5, 0.7), (19.0, 1.1)]


def _token(text: str, *, bold: bool) -> Token:
    return Token(text, Word(text, (0.1, 0.1, 0.15, 0.11), bold=bold))


def _rows(half_bold: int) -> list[RowTokens]:
    return [
        (_token(f"{p:.1f}", bold=i == half_bold), _token(f"{r:.1f}", bold=False), False)
        for i, (p, r) in enumerate(TABLE)
    ]


def _plano() -> tuple[float, Token | None]:
    return 0.0, _token("plano", bold=False)


def test_the_one_half_bold_row_closest_to_the_target_is_selected() -> None:
    selected = [bold for _, _, bold in _half_bold_selected(_rows(3), _plano())]
    assert selected == [i == 3 for i in range(7)]


def test_a_half_bold_row_away_from_the_target_is_not_selected() -> None:
    assert not any(bold for _, _, bold in _half_bold_selected(_rows(1), _plano()))


def test_a_half_bold_row_is_not_selected_against_a_target_read_without_its_sign() -> None:
    unsigned = (0.5, _token("0.50", bold=False))
    assert not any(bold for _, _, bold in _half_bold_selected(_rows(4), unsigned))


def test_rows_with_a_bold_row_are_left_as_measured() -> None:
    rows = _rows(3)
    rows[5] = (rows[5][0], rows[5][1], True)
    assert _half_bold_selected(rows, _plano()) == rows
