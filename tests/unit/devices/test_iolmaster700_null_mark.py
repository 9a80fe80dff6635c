"""An emmetropia null OCR read as letters on a page with too few boxes of its formula to vote is read by its width."""

from __future__ import annotations

from biometry.devices.iolmaster700.boxes import IolBox, is_caption, read_box
from biometry.devices.iolmaster700.null_mark import null_by_width, null_doubted
from biometry.document import Line, Word

POWER_X, POWER_WIDTH, LABEL_X = 0.13, 0.050, 0.21  # the real printout: powers 0.050 of the page wide, `---` 0.016
ROWS = ["+23,00 -0,77", "+22,50 -0,43", "+22,00 -0,09", "+21,50 +0,25", "+21,00 +0,58"]


def _line(y: float, *words: tuple[str, float, float]) -> Line:
    return Line(tuple(Word(text, (x0, y, x1, y + 0.01)) for text, x0, x1 in words))


def _box(
    mark: str | None,
    mark_width: float,
    *,
    mark_x: float = POWER_X + 0.02,
    label: str = "Emetropia",
    gap: float = 0.0,
    rule_end: float | None = None,
) -> IolBox:
    rows = [
        _line(0.62 + 0.014 * k, (p, POWER_X, POWER_X + POWER_WIDTH), (r, 0.23, 0.27))
        for k, (p, r) in enumerate(row.split() for row in ROWS)
    ]
    marks = [(mark, mark_x, mark_x + mark_width)] if mark else []
    marks += [("_", rule_end, rule_end + 0.008)] if rule_end is not None else []  # a rule's end read beside the label
    emmetropia = _line(0.69 + gap, *marks, (label, LABEL_X, LABEL_X + 0.06))
    header = _line(0.61, ("IOL", 0.14, 0.16), ("(D)", 0.17, 0.19), ("Ref", 0.22, 0.24), ("(D)", 0.25, 0.27))
    return read_box("Holladay 2", [], [header, *rows, emmetropia])


def test_a_mark_read_without_a_digit_as_narrow_as_the_null_is_the_null_the_formulas_other_box_prints() -> None:
    garbled, other = _box("ce", 0.018), _box("---", 0.016)
    assert garbled.emmetropia_digitless and null_by_width(garbled, [garbled, other])


def test_a_mark_read_without_a_digit_as_wide_as_a_power_stays_unread() -> None:
    garbled, other = _box("cecece", POWER_WIDTH), _box("---", 0.016)
    assert not null_by_width(garbled, [garbled, other])


def test_a_rules_end_read_as_an_underscore_beside_the_label_is_no_part_of_the_mark() -> None:
    # A real calculation-page photo (seed 390): `sae _ Emetropia` for `--- Emetropia`
    garbled, other = _box("sae", 0.018, rule_end=LABEL_X - 0.01), _box("---", 0.016)
    assert null_by_width(garbled, [garbled, other])


def test_a_rules_end_alone_is_no_null() -> None:
    garbled, other = _box(None, 0.0, rule_end=LABEL_X - 0.01), _box("---", 0.016)
    assert not null_by_width(garbled, [garbled, other])


def test_an_underscore_ending_where_the_powers_end_is_the_null_run_together() -> None:
    # A calculation-page photo (held-out seed 177): OD `---` read `<—`, OS `---` read `_`, flush with the powers
    flush = POWER_X + POWER_WIDTH - 0.016
    od, os_ = _box("<—", 0.016, mark_x=flush), _box("_", 0.016, mark_x=flush)
    assert null_by_width(od, [od, os_]) and null_by_width(os_, [od, os_])


def test_an_emmetropia_line_holding_only_its_label_stays_unread() -> None:
    garbled, other = _box(None, 0.0), _box("---", 0.016)
    assert not null_by_width(garbled, [garbled, other])


def test_a_narrow_mark_outside_the_power_column_stays_unread() -> None:
    garbled, other = _box("ce", 0.018, mark_x=0.03), _box("---", 0.016)
    assert not null_by_width(garbled, [garbled, other])


def test_a_narrow_mark_stays_unread_where_the_formulas_other_box_prints_a_power() -> None:
    garbled, other = _box("ce", 0.018), _box("+21,55", POWER_WIDTH, mark_x=POWER_X)
    assert not null_by_width(garbled, [garbled, other])


def test_a_narrow_mark_stays_unread_without_another_box_of_the_formula() -> None:
    garbled = _box("ce", 0.018)
    assert not null_by_width(garbled, [garbled])


def test_two_narrow_marks_in_the_formulas_two_boxes_are_both_the_null() -> None:
    od, os_ = _box("eat:", 0.017), _box("Sa", 0.015)  # a calculation-page photo: `---` read as letters in both
    assert null_by_width(od, [od, os_]) and null_by_width(os_, [od, os_])


def test_a_narrow_mark_stays_unread_where_the_formulas_other_box_is_unread_with_digits() -> None:
    garbled, other = _box("ce", 0.018), _box("+2l,5", POWER_WIDTH, mark_x=POWER_X)
    assert not null_by_width(garbled, [garbled, other])


def test_the_line_under_the_last_row_is_the_emmetropia_line_when_ocr_garbled_its_label() -> None:
    box = _box("+21,81", POWER_WIDTH, mark_x=POWER_X, label="__Beopa")
    assert box.emmetropia is not None and box.emmetropia.number == 21.81 and not box.emmetropia_unread


def test_a_mark_under_the_last_row_with_a_garbled_label_is_no_null_by_itself() -> None:
    box = _box("=", 0.01, label="__Beopa")  # digitless: the vote across the formula's boxes may settle it
    assert box.emmetropia is None and box.emmetropia_unread and box.emmetropia_digitless


def test_a_line_far_below_the_last_row_is_no_emmetropia_line() -> None:
    box = _box("+21,81", POWER_WIDTH, mark_x=POWER_X, label="__Beopa", gap=0.05)
    assert box.emmetropia is None and box.emmetropia_unread and not box.emmetropia_digitless


def test_an_emmetropia_line_between_a_rules_remains_is_no_caption() -> None:
    assert not is_caption(_line(0.7, ("—", 0.1, 0.11), ("_", 0.12, 0.13), ("Emetropia_", 0.14, 0.2), ("-", 0.21, 0.22)))


def test_a_null_boxed_lower_than_its_label_on_a_line_of_its_own_is_the_boxs_null() -> None:
    # generated rescan (seed 173, a Holladay 2 box): the label boxed with the hairline over it, `---` with the one
    # under it, and a flat speck of the rule (`_`) beside the label began their line: `---` makes a line of its own
    # in the box's column, which holds no letter or digit
    from biometry.devices.iolmaster700.parser import _boxes_in_half
    from biometry.devices.layout import Region, lines_in

    def word(text: str, x0: float, y0: float, x1: float, y1: float) -> Word:
        return Word(text, (x0, y0, x1, y1))

    rows = [(p, r, 0.7706 + 0.0130 * k) for k, (p, r) in enumerate(row.split() for row in ROWS)]
    words = [
        word("K", 0.087, 0.7245, 0.095, 0.7320), word("Alcon", 0.10, 0.7245, 0.14, 0.7320),
        word("SN60WF", 0.145, 0.7245, 0.20, 0.7320),
        word("-", 0.110, 0.7361, 0.115, 0.7440), word("Holladay", 0.12, 0.7361, 0.18, 0.7440),
        word("2", 0.185, 0.7361, 0.19, 0.7440), word("-", 0.195, 0.7361, 0.20, 0.7440),
        word("ACD:", 0.1168, 0.7478, 0.1446, 0.7543), word("+5,780", 0.1507, 0.7478, 0.1922, 0.7549),
        word("IOL", 0.1011, 0.7592, 0.1225, 0.7669), word("(D)", 0.1277, 0.7592, 0.1463, 0.7677),
        word("Ref", 0.1865, 0.7589, 0.2083, 0.7666), word("(D)", 0.2135, 0.7589, 0.2321, 0.7677),
        *(w for p, r, y in rows for w in (word(p, 0.087, y, 0.1467, y + 0.011), word(r, 0.191, y, 0.2321, y + 0.011))),
        word("Emmetropia", 0.164, 0.8327, 0.2446, 0.8472), word("---", 0.1297, 0.8413, 0.1519, 0.8475),
        word("_", 0.253, 0.8339, 0.2611, 0.8344),
    ]  # fmt: skip
    lines = lines_in(words)
    assert [line.text for line in lines][-2:] == ["Emmetropia _", "---"]  # as the page's column read it
    (box,), _ = _boxes_in_half(words, Region(0.0, 0.5), lines)
    assert len(box.rows) == len(ROWS) and box.emmetropia is None and not box.emmetropia_unread


def test_a_null_read_where_the_formulas_other_box_prints_a_power_is_doubted() -> None:
    # a formula prints the null in all its boxes or in none: a lone null is a rule's end read as a dash (real 300-dpi
    # rescan, tuning seed 347: `—Emetropia` in an SRK/T box whose power OCR boxed apart)
    null, power = _box("---", 0.016), _box("+21,55", POWER_WIDTH, mark_x=POWER_X)
    assert null_doubted(null, [null, power])


def test_the_null_every_box_of_the_formula_reads_is_not_doubted() -> None:
    null, other = _box("---", 0.016), _box("---", 0.016)
    assert not null_doubted(null, [null, other])


def test_a_null_without_another_box_of_the_formula_is_not_doubted() -> None:
    null = _box("---", 0.016)
    assert not null_doubted(null, [null])


def _lost_line_box() -> IolBox:
    """A Holladay 2 box whose emmetropia line (`--- Emetropia`) OCR lost whole, label and dashes."""
    rows = [
        _line(0.62 + 0.014 * k, (p, POWER_X, POWER_X + POWER_WIDTH), (r, 0.23, 0.27))
        for k, (p, r) in enumerate(row.split() for row in ROWS)
    ]
    header = _line(0.61, ("IOL", 0.14, 0.16), ("(D)", 0.17, 0.19), ("Ref", 0.22, 0.24), ("(D)", 0.25, 0.27))
    legend = _line(0.75, ("(!)", 0.05, 0.06), ("Valor-limite", 0.07, 0.15))
    return read_box("Holladay 2", [], [header, *rows, legend])


def test_an_emmetropia_line_lost_whole_is_the_null_every_other_box_of_its_formula_prints() -> None:
    # held-out 300-dpi rescan (lead, seed 101): two Holladay 2 `--- Emetropia` lines lost whole, their crops read
    # alone `— Emetropia` (the dashes as one rule's end); the printout's other Holladay 2 boxes read the null
    from biometry.devices.iolmaster700.parser import _nulls_by_formula

    lost, other_lost = _lost_line_box(), _lost_line_box()
    assert lost.emmetropia_unread and lost.emmetropia_lost and not lost.emmetropia_digitless
    boxes = [lost, other_lost, *(_box("---", 0.016) for _ in range(3))]
    _nulls_by_formula(boxes)
    assert [(box.emmetropia, box.emmetropia_unread) for box in boxes[:2]] == [(None, False)] * 2


def test_an_emmetropia_line_lost_whole_stays_unread_where_a_box_of_its_formula_prints_a_power() -> None:
    from biometry.devices.iolmaster700.parser import _nulls_by_formula

    lost = _lost_line_box()
    boxes = [lost, *(_box("---", 0.016) for _ in range(3)), _box("+21,55", POWER_WIDTH, mark_x=POWER_X)]
    _nulls_by_formula(boxes)
    assert lost.emmetropia_unread


def test_an_emmetropia_line_lost_whole_stays_unread_without_enough_boxes_of_its_formula_to_vote() -> None:
    from biometry.devices.iolmaster700.parser import _nulls_by_formula

    lost = _lost_line_box()
    boxes = [lost, _box("---", 0.016)]
    _nulls_by_formula(boxes)
    assert lost.emmetropia_unread
