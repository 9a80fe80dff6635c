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


def test_a_label_boxed_as_flat_as_a_rule_on_the_last_row_leaves_it_a_row() -> None:
    # real 300-dpi rescan (tuning seed 313): the page pass read the emmetropia label a second time, boxed by the
    # hairline rule's pixel row at the last row's foot (`+21,00 Emetropia +0,54`): the row was read as the emmetropia
    # line (4 rows instead of 5, the power unreadable)
    *rows, last = _rows()
    flat = Word("Emetropia", (LABEL_X, last.bbox[3] - 0.0003, LABEL_X + 0.03, last.bbox[3]))
    last_with_flat = Line(tuple(sorted((*last.words, flat), key=lambda w: w.bbox[0])))
    label = _line(EMMETROPIA_Y, ("+21,81", POWER_X, POWER_X + 0.05), ("Emetropia_", LABEL_X, LABEL_X + 0.06))
    box = read_box("SRK/T", [], [_header(), *rows, last_with_flat, label])
    assert [row[0].number for row in box.rows] == [23.0, 22.5, 22.0, 21.5, 21.0]
    assert box.emmetropia is not None and box.emmetropia.number == 21.81


def test_a_half_counts_no_emmetropia_line_for_a_label_boxed_as_flat_as_a_rule() -> None:
    from biometry.devices.iolmaster700.parser import _emmetropia_lines

    *_, last = _rows()
    flat = Word("Emetropia", (LABEL_X, last.bbox[3] - 0.0003, LABEL_X + 0.03, last.bbox[3]))
    label = _line(EMMETROPIA_Y, ("+21,81", POWER_X, POWER_X + 0.05), ("Emetropia_", LABEL_X, LABEL_X + 0.06))
    words = [*(w for line in (_header(), *_rows(), label) for w in line.words), flat]
    assert _emmetropia_lines(words, 0.6) == 1


def test_a_speck_read_right_of_the_emmetropia_label_is_no_part_of_the_line() -> None:
    # real 300-dpi rescan (tuning seed 314): a Holladay 2 null line read `—_ _Emetropia 7`, the `7` the rule's end
    # right of the label; the device prints the power or the null left of its label and nothing after it
    null = _line(EMMETROPIA_Y, ("---", POWER_X + 0.03, POWER_X + 0.046), ("_Emetropia", LABEL_X, LABEL_X + 0.06),
                 ("7", LABEL_X + 0.07, LABEL_X + 0.075))  # fmt: skip
    box = _box(null)
    assert box.emmetropia is None and not box.emmetropia_unread


def test_an_emmetropia_label_read_without_its_r_is_the_label() -> None:
    # real 300-dpi rescan (tuning seed 314): `= Emetopia |` under a Holladay 2 table
    null = _line(EMMETROPIA_Y, ("---", POWER_X + 0.03, POWER_X + 0.046), ("Emetopia", LABEL_X, LABEL_X + 0.06))
    box = _box(null)
    assert box.emmetropia is None and not box.emmetropia_unread


def test_a_power_boxed_as_flat_as_a_rule_outweighs_a_rules_dash_glued_to_its_label() -> None:
    # real 300-dpi rescan (tuning seed 347): an SRK/T box's `—+21,68` boxed by the rule's pixel row at the last row's
    # foot and its label read `—Emetropia` (the rule's end glued on): the dash was taken for the null `---` and the
    # printout accepted without the box's emmetropia power (a silent omission)
    *rows, last = _rows()
    flat = Word("—+21,68", (POWER_X - 0.01, last.bbox[3] - 0.0003, POWER_X + 0.05, last.bbox[3]))
    last_with_flat = Line((flat, *last.words))
    label = _line(EMMETROPIA_Y, ("—Emetropia", POWER_X + 0.057, POWER_X + 0.13), height=0.018)
    box = read_box("SRK/T", [], [_header(), *rows, last_with_flat, label])
    assert box.emmetropia is not None and box.emmetropia.number == 21.68 and not box.emmetropia_unread


def test_a_rules_dash_glued_to_the_label_right_of_the_power_column_is_no_null() -> None:
    # the null `---` is printed under the rows' powers; a dash glued to the label right of them is a rule's end
    box = _box(_line(EMMETROPIA_Y, ("—Emetropia", POWER_X + 0.057, POWER_X + 0.13)))
    assert box.emmetropia is None and box.emmetropia_unread


def test_the_null_glued_to_its_label_from_the_power_column_is_the_null() -> None:
    box = _box(_line(EMMETROPIA_Y, ("---__Emetropia", POWER_X + 0.03, POWER_X + 0.13)))
    assert box.emmetropia is None and not box.emmetropia_unread


def test_a_last_row_boxed_down_over_its_rule_and_grouped_with_the_emmetropia_line_is_still_a_row() -> None:
    # held-out 150- and 200-dpi rescans (seeds 225, 228): a Holladay 2 box's last row `+21,00 +0,54` boxed from its
    # top down over the rule under it, so grouped with `--- Emetropia`; the row lost, the box a row short
    *rows, last = _rows()
    top = last.bbox[1]
    tall = [Word(w.text, (w.bbox[0], top, w.bbox[2], EMMETROPIA_Y + HEIGHT)) for w in last.words]
    null, label = (
        Word("---", (POWER_X + 0.03, EMMETROPIA_Y, POWER_X + 0.046, EMMETROPIA_Y + HEIGHT)),
        Word("Emetropia", (LABEL_X, EMMETROPIA_Y, LABEL_X + 0.06, EMMETROPIA_Y + HEIGHT)),
    )
    box = read_box("Holladay 2", [], [_header(), *rows, Line((tall[0], null, tall[1], label))])
    assert [row[0].number for row in box.rows] == [23.0, 22.5, 22.0, 21.5, 21.0]
    assert box.emmetropia is None and not box.emmetropia_unread  # the null
