"""IOLMaster 700 targets: a target value the page pass lost whole after a label that ends its line (the right copy of
a two-eye page) is read again from the blank after the label, and added only where it reads the printed form."""

from __future__ import annotations

from PIL import Image

from biometry.devices.iolmaster700.line_end_targets import line_end_target_labels, with_line_end_targets
from biometry.document import Word
from tests.printed_pages import printed_page

PAGE_PT = (300.0, 80.0)
FOOTER = [("IOLMaster", 10, 60), ("700", 58, 60)]


def _page(printed: list[tuple[str, float, float]]) -> tuple[Image.Image, list[Word]]:
    """A small page printing the words left-aligned at their places (x, baseline from the top, in points), and its
    words as read."""
    return printed_page(printed, PAGE_PT, align="left")


def _targets(value: str) -> list[tuple[str, float, float]]:
    """Two eyes' `Ref. objetivo:` lines side by side, the right one printing `value`."""
    return [("Ref.", 10, 20), ("objetivo:", 30, 20), ("+0,00", 72, 20), ("D", 98, 20),
            ("Ref.", 160, 20), ("objetivo:", 180, 20), (value, 222, 20), ("D", 248, 20), *FOOTER]  # fmt: skip


def _lost(words: list[Word], after_x: float) -> list[Word]:
    """The words without those right of `after_x` (page fraction) on the target line: the right copy's value lost."""
    return [w for w in words if not (w.bbox[0] > after_x and w.y_center < 0.4 and w.text in {"+0,00", "-0,50", "D"})]


def test_a_target_lost_after_a_label_that_ends_its_line_is_read_again_from_the_blank_after_it() -> None:
    image, words = _page(_targets("-0,50"))
    read = with_line_end_targets(image, _lost(words, 0.5))
    right = [w.text for w in read if w.bbox[0] > 0.7 and w.y_center < 0.4]
    assert " ".join(right).replace(".", ",") in {"-0,50 D", "-0,50D"}


def test_a_label_with_its_value_read_is_no_line_end_label() -> None:
    _, words = _page(_targets("-0,50"))
    assert line_end_target_labels(words) == []


def test_a_blank_after_the_label_adds_nothing() -> None:
    printed = [p for p in _targets("-0,50") if not (p[1] > 200 and p[2] == 20)]  # the right copy prints no value
    image, words = _page(printed)
    assert with_line_end_targets(image, words) == words


def test_another_devices_page_keeps_its_words() -> None:
    image, words = _page([p for p in _targets("-0,50") if p not in FOOTER])
    lost = _lost(words, 0.5)
    assert with_line_end_targets(image, lost) == lost


def test_a_blank_reading_another_form_adds_nothing() -> None:
    image, words = _page(_targets("---"))
    lost = [w for w in words if w.text != "---" and not (w.text == "D" and w.bbox[0] > 0.5)]
    assert with_line_end_targets(image, lost) == lost
