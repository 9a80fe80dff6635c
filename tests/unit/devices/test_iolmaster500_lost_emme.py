"""IOLMaster 500 lens boxes: an `Emme. IOL:` line whose `Emme.` OCR lost is still the box's emmetropia line."""

from __future__ import annotations

from biometry.devices.iolmaster500.boxes import boxes, emme_lost_labels, is_emmetropia
from biometry.document import Line, Word


def _line(y: float, *texts: str) -> Line:
    return Line(tuple(Word(text, (0.1 + 0.05 * i, y, 0.14 + 0.05 * i, y + 0.01)) for i, text in enumerate(texts)))


def _box(emme_line: Line) -> list[Line]:
    rows = [_line(0.2 + 0.02 * i, f"{20.5 - 0.5 * i:.1f}", f"{-1.2 + 0.4 * i:.2f}") for i in range(7)]
    return [_line(0.1, "OptA119.1MA60AC"), _line(0.15, "IOL", "(D)", "REF", "(D)"), *rows, emme_line]


def test_an_iol_label_before_a_number_closes_the_box_as_its_emmetropia_line() -> None:
    (box,) = boxes(_box(_line(0.4, "-", "IOL:", "19.62")))
    assert box.emmetropia is not None
    assert len(box.rows) == 7


def test_an_iol_label_whose_emme_word_is_lost_counts_as_a_printed_box() -> None:
    assert [w.text for w in emme_lost_labels(list(_line(0.4, "-", "IOL:", "19.62").words))] == ["IOL:"]


def test_an_iol_label_after_its_emme_word_is_counted_once() -> None:
    assert emme_lost_labels(list(_line(0.4, "Emme.", "IOL:", "19.62").words)) == []


def test_an_iol_label_overlapping_its_emme_word_a_little_is_counted_once() -> None:
    # a line read again alone places its words by their characters: `Emme.` ended 0.003 page widths right of where
    # `IOL:` started (a 300-dpi rescan); the box was counted twice as printed and went to review
    words = [Word("Emme.", (0.5192, 0.5904, 0.5589, 0.599)), Word("IOL:", (0.5561, 0.5904, 0.6486, 0.599)),
             Word("18.49", (0.6526, 0.5904, 0.6811, 0.599))]  # fmt: skip
    assert emme_lost_labels(words) == []


def test_an_iol_label_left_of_an_emme_word_has_no_emme_word_before_it() -> None:
    words = [Word("IOL:", (0.30, 0.59, 0.34, 0.60)), Word("18.49", (0.35, 0.59, 0.38, 0.60)),
             Word("Emme.", (0.39, 0.59, 0.43, 0.60))]  # fmt: skip
    assert [w.text for w in emme_lost_labels(words)] == ["IOL:"]


def test_an_emme_word_ocr_read_with_a_trailing_comma_is_one() -> None:
    # the box's left rule glued before it, a speck after its point (a 300-dpi rescan): it counts the printed boxes
    # and places the box's table for the lens-cell refiner
    assert is_emmetropia(Word("jkmme.,", (0.7264, 0.7764, 0.7776, 0.7864)))


def test_a_box_header_whose_last_unit_ocr_closed_with_a_brace_opens_the_box() -> None:
    lines = _box(_line(0.4, "Emme.", "IOL:", "19.62"))
    lines[1] = _line(0.15, "TOL", "(D)", "REF", "(D}")  # `IOL` read `TOL`, `(D)` read `(D}`: a 300-dpi rescan
    (box,) = boxes(lines)
    assert len(box.rows) == 7
    assert box.head[0].text == "OptA119.1MA60AC"
