"""IOLMaster 500 lens boxes: an `Emme. IOL:` line whose `Emme.` OCR lost is still the box's emmetropia line."""

from __future__ import annotations

from biometry.devices.iolmaster500.boxes import boxes, emme_lost_labels
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
