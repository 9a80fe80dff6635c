"""An IOLMaster 500 box's `Emme. IOL:` power where its re-read and the page pass disagree: the reading that lies on
the line through the box's rows, if only one does."""

from __future__ import annotations

from biometry.devices.iolmaster500.cells import _fitting_the_rows, _past_printed_decimals
from biometry.document import Word
from biometry.extract.boxes import Box

PAGE_PX = (1000, 1000)
TABLE = Box(100, 100, 400, 300)
ROWS = [(24.5, -1.06), (24.0, -0.70), (23.5, -0.35), (23.0, 0.00), (22.5, 0.34), (22.0, 0.68), (21.5, 1.01)]


def _word(text: str, x: float, y: float) -> Word:
    return Word(text, (x, y, x + 0.04, y + 0.01))


def _rows(rows: list[tuple[float, float]]) -> list[Word]:
    words = []
    for i, (power, refraction) in enumerate(rows):
        y = 0.11 + 0.025 * i
        words += [_word(f"{power:.1f}", 0.12, y), _word(f"{refraction:.2f}", 0.3, y)]
    return words


def _emmetropia(text: str) -> Word:
    return _word(text, 0.3, 0.31)


def test_the_reading_on_the_rows_line_settles_a_units_digit_the_readings_disagree_on() -> None:
    readings = [_emmetropia("25.01"), _emmetropia("23.01")]
    chosen = _fitting_the_rows(readings, _rows(ROWS), TABLE, PAGE_PX)
    assert chosen is not None and chosen.text == "23.01"


def test_a_minus_the_re_read_found_in_an_underline_gives_way_to_the_reading_on_the_rows_line() -> None:
    readings = [_emmetropia("-23.01"), _emmetropia("23.01")]
    chosen = _fitting_the_rows(readings, _rows(ROWS), TABLE, PAGE_PX)
    assert chosen is not None and chosen.text == "23.01"


def test_readings_that_both_lie_on_the_rows_line_settle_nothing() -> None:
    readings = [_emmetropia("23.01"), _emmetropia("23.03")]
    assert _fitting_the_rows(readings, _rows(ROWS), TABLE, PAGE_PX) is None


def test_readings_off_the_rows_line_settle_nothing() -> None:
    readings = [_emmetropia("25.01"), _emmetropia("21.01")]
    assert _fitting_the_rows(readings, _rows(ROWS), TABLE, PAGE_PX) is None


def test_rows_that_do_not_all_read_settle_nothing() -> None:
    rows = _rows(ROWS)[:-1]
    assert _fitting_the_rows([_emmetropia("25.01"), _emmetropia("23.01")], rows, TABLE, PAGE_PX) is None


def test_a_page_pass_reading_with_a_third_decimal_is_no_reading_of_the_power() -> None:
    assert _past_printed_decimals(_emmetropia("22.435"))


def test_a_page_pass_reading_with_the_printed_decimals_is_a_reading_of_the_power() -> None:
    assert not _past_printed_decimals(_emmetropia("22.43"))
