"""EyeSuite: a copy read with marks glued after the field's complete printed number (`24.82g)`) is the value the other
pages read when they agree on that very value; anything else stays unreadable (review)."""

from __future__ import annotations

from biometry.devices.collect import EyeCollector
from biometry.devices.eyesuite.glued import GluedCopies
from biometry.devices.measurements import Token
from biometry.document import Word


def _codes(glued_text: str, *read_elsewhere: str) -> list[str]:
    """OS AL read as `glued_text` on one page (unreadable) and as `read_elsewhere` on the others."""
    collector, glued = EyeCollector(), GluedCopies()
    for page, text in enumerate(read_elsewhere, start=2):
        collector.set_number("OS", "axial_length_mm", Token(text, Word(text, (0.2, 0.3, 0.25, 0.31))), page)
    collector.issue("unreadable_value", "OS AL: not in the device's format.", side="OS", field="axial_length_mm")
    glued.add("OS", "axial_length_mm", glued_text, 2)
    glued.settle(collector)
    return sorted(issue.code for issue in collector.issues)


def test_a_copy_with_marks_glued_after_the_value_the_other_pages_read_is_that_value() -> None:
    assert _codes("24.82g)", "24.82", "24.82") == ["ocr_glued_marks"]


def test_a_copy_with_marks_glued_after_another_value_stays_unreadable() -> None:
    assert _codes("24.87g)", "24.82", "24.82") == ["unreadable_value"]


def test_a_copy_short_of_the_printed_decimals_stays_unreadable() -> None:
    assert _codes("24.8g)", "24.8", "24.8") == ["unreadable_value"]


def test_a_copy_is_not_settled_by_pages_that_disagree() -> None:
    assert "unreadable_value" in _codes("24.82g)", "24.82", "24.87")


def test_a_copy_without_another_page_stays_unreadable() -> None:
    assert _codes("24.82g)") == ["unreadable_value"]
