"""IOLMaster 700 result tables on OCR pages: a row the page pass lost whole (power and refraction) shows as a line
of ink in the power column where no row was read, above the emmetropia line; it is read alone, its power and its
refraction, and added only where both read in the printed form. A table of five rows read, a line that reads no
such row, or a page without the device's footer is left as read."""

from __future__ import annotations

from PIL import Image

from biometry.devices.iolmaster700.lost_cells import with_lost_rows
from biometry.document import Word
from tests.printed_pages import printed_page

PAGE_PT = (300.0, 150.0)
HEADER = [("IOL", 70, 30), ("(D)", 88, 30), ("Ref", 130, 30), ("(D)", 148, 30)]
FOOTER = [("IOLMaster", 90, 140), ("700", 110, 140)]
# One box's five rows and its emmetropia line as printed (text, x of its right edge in points, baseline in points).
ROWS = [("+22,50", 88, 45), ("-0,40", 148, 45), ("+22,00", 88, 58), ("-0,04", 148, 58), ("+21,50", 88, 71),
        ("+0,32", 148, 71), ("+21,00", 88, 84), ("+0,67", 148, 84), ("+20,50", 88, 97), ("+1,01", 148, 97),
        ("+21,96", 88, 112), ("Emmetropia", 148, 112)]  # fmt: skip


def _page(rows: list[tuple[str, float, float]] = ROWS) -> tuple[Image.Image, list[Word]]:
    return printed_page([*HEADER, *rows, *FOOTER], PAGE_PT)


def _without(words: list[Word], *lost: str) -> list[Word]:
    return [w for w in words if w.text not in lost]


def _added(read: list[Word], refined: list[Word]) -> list[str]:
    return sorted(w.text for w in refined if w not in read)


def test_the_last_row_lost_over_the_emmetropia_line_is_read_alone() -> None:
    # generated rescan (redrawn generator, seed 190): `+17,00  +0,64` over the rule unread, `4 rows instead of 5`
    image, words = _page()
    read = _without(words, "+20,50", "+1,01")
    assert _added(read, with_lost_rows(image, read)) == ["+1.01", "+20.50"]


def test_a_row_lost_between_two_rows_read_is_read_alone() -> None:
    image, words = _page()
    read = _without(words, "+21,50", "+0,32")
    assert _added(read, with_lost_rows(image, read)) == ["+0.32", "+21.50"]


def test_a_row_read_as_marks_without_a_digit_is_read_alone_in_their_place() -> None:
    # generated scan (seed 174, page 5): an OS Hoffer Q box's last row `+18,00  +0,63` read `— +`, `4 rows instead of 5`
    image, words = _page()
    power, refraction = (next(w for w in words if w.text == text) for text in ("+20,50", "+1,01"))
    marks = [Word("—", power.bbox, confidence=0.3), Word("+", refraction.bbox, confidence=0.3)]
    read = [*_without(words, "+20,50", "+1,01"), *marks]
    refined = with_lost_rows(image, read)
    assert _added(read, refined) == ["+1.01", "+20.50"] and not any(m in refined for m in marks)


def test_a_table_of_five_rows_read_is_left_as_read() -> None:
    image, words = _page()
    assert with_lost_rows(image, words) == words


def test_a_line_that_reads_no_row_in_the_printed_form_adds_nothing() -> None:
    rows = [(text, x, y) if text != "+1,01" else ("abc", x, y) for text, x, y in ROWS]
    image, words = _page(rows)
    read = _without(words, "+20,50", "abc")
    assert with_lost_rows(image, read) == read


def test_a_row_whose_power_alone_was_lost_is_read_alone_its_refraction_once() -> None:
    # held-out photo (seed 184, page 6): an OD SRK/T box's `+21,00` lost, its `+0,59` read: `4 rows instead of 5`
    image, words = _page()
    read = _without(words, "+20,50")
    refined = with_lost_rows(image, read)
    assert sorted(w.text for w in refined if "1,01" in w.text or "1.01" in w.text) == ["+1.01"]
    assert _added(read, refined) == ["+1.01", "+20.50"]


def test_a_row_whose_refraction_reads_otherwise_alone_is_left_to_the_table_checks() -> None:
    image, words = _page()
    refraction = next(w for w in words if w.text == "+1,01")
    read = [Word("+1,07", refraction.bbox, confidence=0.9) if w is refraction else w for w in words]
    read = _without(read, "+20,50")
    assert with_lost_rows(image, read) == read


def test_a_speck_read_as_a_digit_in_the_lost_row_is_read_over() -> None:
    # the same photo: a speck over the lost `+21,50` read `3`, a fraction of the type's height
    image, words = _page()
    power = next(w for w in words if w.text == "+20,50")
    x, y = power.x_center, power.y_center
    speck = Word("3", (x, y - 0.002, x + 0.002, y + 0.002), confidence=0.46)
    read = [*_without(words, "+20,50", "+1,01"), speck]
    refined = with_lost_rows(image, read)
    assert _added(read, refined) == ["+1.01", "+20.50"] and speck not in refined


def test_a_row_lost_under_a_row_boxed_down_over_its_top_is_read() -> None:
    # the same photo: the highlighted row above boxed down to the lost row's first line of ink
    image, words = _page()
    above = next(w for w in words if w.text == "+21,00")
    lost = next(w for w in words if w.text == "+20,50")
    low = Word(above.text, (*above.bbox[:3], lost.bbox[1] + 0.3 * lost.height), confidence=above.confidence)
    read = [low if w is above else w for w in _without(words, "+20,50", "+1,01")]
    assert _added(read, with_lost_rows(image, read)) == ["+1.01", "+20.50"]


def test_a_page_without_the_device_footer_keeps_its_words() -> None:
    image, words = _page()
    read = _without(words, "700", "+20,50", "+1,01")
    assert with_lost_rows(image, read) == read


def test_the_last_row_is_read_where_ocr_boxed_the_emmetropia_label_up_over_it() -> None:
    # generated rescan (seed 173): the hairline over the emmetropia line read with its label, whose box then reached
    # up over the lost row's lower half; the row's ink touched the end of the gap searched and was left out
    image, words = _page()
    lost = next(w for w in words if w.text == "+20,50")
    label = next(w for w in words if w.text == "Emmetropia")
    tall = Word(label.text, (label.bbox[0], lost.y_center, label.bbox[2], label.bbox[3]), confidence=label.confidence)
    read = [tall if w is label else w for w in _without(words, "+20,50", "+1,01")]
    assert _added(read, with_lost_rows(image, read)) == ["+1.01", "+20.50"]


def test_the_last_row_is_read_where_ocr_glued_the_null_and_the_rule_to_the_emmetropia_label() -> None:
    # held-out 300-dpi rescan (seed 196), page 6: an OD Holladay 2 box's `--- Emetropia` read `_--__Emetropia`, one word
    # reaching left over the power column, and the last row `+21,00 +0,52` lost: `4 rows instead of 5`
    image, words = _page()
    label = next(w for w in words if w.text == "Emmetropia")
    glued = Word("_--__Emmetropia", (78 / PAGE_PT[0], *label.bbox[1:]), confidence=0.16)
    read = [*_without(words, "+20,50", "+1,01", "+21,96", "Emmetropia"), glued]
    assert _added(read, with_lost_rows(image, read)) == ["+1.01", "+20.50"]


def test_a_last_row_read_under_a_label_boxed_up_over_it_is_not_read_again_beside_itself() -> None:
    # held-out 300-dpi rescan (seed 216), page 11: the label boxed from the last row's middle down, the row read by the
    # page pass but left out of the table above the label's top; read alone, it replaces the row, not adds a second
    image, words = _page()
    last = next(w for w in words if w.text == "+20,50")
    label = next(w for w in words if w.text == "Emmetropia")
    tall = Word(label.text, (label.bbox[0], last.bbox[1] + 0.3 * last.height, label.bbox[2], label.bbox[3]))
    refined = with_lost_rows(image, [tall if w is label else w for w in words])
    assert sorted(w.text for w in refined if w.text.replace(",", ".") in ("+20.50", "+1.01")) in (
        ["+1,01", "+20,50"],
        ["+1.01", "+20.50"],
    )
