"""A result box's table ends at its rows' pitch, and an emmetropia power OCR set apart from its line is read with it."""

from __future__ import annotations

from biometry.devices.iolmaster700.boxes import IolBox, read_box
from biometry.document import Line, Word

POWER_X, REF_X, LABEL_X = 0.13, 0.23, 0.21
ROWS = ["+23,00 -0,82", "+22,50 -0,48", "+22,00 -0,13", "+21,50 +0,21", "+21,00 +0,54"]
PITCH, FIRST_ROW, HEIGHT = 0.014, 0.62, 0.01


def _line(y: float, *words: tuple[str, float, float], height: float = HEIGHT) -> Line:
    return Line(tuple(Word(text, (x0, y, x1, y + height)) for text, x0, x1 in words))


def _header() -> Line:
    return _line(0.61, ("IOL", 0.14, 0.16), ("(D)", 0.17, 0.19), ("Ref", 0.22, 0.24), ("(D)", 0.25, 0.27))


def _rows() -> list[Line]:
    return [
        _line(FIRST_ROW + PITCH * k, (p, POWER_X, POWER_X + 0.05), (r, REF_X, REF_X + 0.04))
        for k, (p, r) in enumerate(row.split() for row in ROWS)
    ]


def _box(*after_rows: Line) -> IolBox:
    return read_box("SRK/T", [], [_header(), *_rows(), *after_rows])


EMMETROPIA_Y = FIRST_ROW + PITCH * len(ROWS)


def test_the_footer_under_a_box_whose_emmetropia_label_ocr_lost_is_no_row() -> None:
    power = _line(EMMETROPIA_Y, ("+21,81", POWER_X, POWER_X + 0.05))
    footer = _line(0.97, ("1", POWER_X + 0.01, POWER_X + 0.015), ("1", REF_X + 0.01, REF_X + 0.015))
    box = _box(power, footer)
    assert len(box.rows) == len(ROWS)
    assert box.emmetropia is not None and box.emmetropia.number == 21.81


def test_an_emmetropia_power_split_at_its_mark_across_two_lines_is_read_left_to_right() -> None:
    decimals = _line(EMMETROPIA_Y, ("61", POWER_X + 0.028, POWER_X + 0.05), (":", POWER_X + 0.06, POWER_X + 0.062))
    label = _line(EMMETROPIA_Y + 0.001, ("+21", POWER_X, POWER_X + 0.024), ("Emetropia", LABEL_X, LABEL_X + 0.06))
    box = _box(decimals, label)
    assert box.emmetropia is not None and box.emmetropia.number == 21.61 and not box.emmetropia_unread


def test_a_number_boxed_as_flat_as_a_rule_leaves_the_row_it_was_grouped_with_for_the_emmetropia_line() -> None:
    *rows, last = _rows()
    flat = Word("___+21,43", (POWER_X - 0.03, last.bbox[3] - 0.0003, POWER_X + 0.02, last.bbox[3]))
    last_with_flat = Line((flat, *last.words))
    label = _line(EMMETROPIA_Y, ("_Emetropia", LABEL_X, LABEL_X + 0.06), height=0.018)
    box = read_box("SRK/T", [], [_header(), *rows, last_with_flat, label])
    assert [row[0].number for row in box.rows] == [23.0, 22.5, 22.0, 21.5, 21.0]
    assert box.emmetropia is not None and box.emmetropia.number == 21.43


def test_a_row_of_numbers_as_tall_as_each_other_keeps_them_all() -> None:
    *rows, last = _rows()
    third = Word("+0,99", (0.3, last.bbox[1], 0.34, last.bbox[3]))
    box = read_box("SRK/T", [], [_header(), *rows, Line((*last.words, third))])
    assert len(box.rows) == len(ROWS) - 1  # three numbers of full height: no row, the box a row short (review)
