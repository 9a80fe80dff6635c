"""IOLMaster 700: the null `---` after an eye label that OCR read as a digit or letters is the null where OCR boxed it
flatter than type (the dashes' ink); a word as tall as type, or a flat sign before a value's digits, stays as read."""

from __future__ import annotations

from PIL import Image

from biometry.devices.iolmaster700.flat_nulls import with_flat_nulls
from biometry.document import Word

PAGE = Image.new("L", (1618, 2043), 255)  # a phone photo's page
FOOTER = Word("IOLMaster 700", (0.09, 0.97, 0.2, 0.98))
LABEL = Word("TK2:", (0.753, 0.549, 0.78, 0.561))  # 24 pixels tall


def _after_label(top: float, bottom: float, text: str = "2", *following: Word) -> str:
    """What the refiner makes of `text` boxed from `top` to `bottom` right after the label."""
    after = Word(text, (0.811, top, 0.836, bottom))
    return with_flat_nulls(PAGE, [LABEL, after, *following, FOOTER])[1].text


def test_a_lone_digit_boxed_as_flat_as_dashes_after_an_eye_label_is_the_null() -> None:
    # OS `TK2: ---` read `TK2: 2` on a real photo of page 4 (seed 389), its box 4 pixels tall: it went to review
    assert _after_label(0.553, 0.555) == "---"


def test_letters_boxed_as_flat_as_dashes_after_an_eye_label_are_the_null() -> None:
    # OS `TK1: ---` read `TK1: a5` on a photo of page 6 (held-out seed 176), its box 2 pixels tall: it went to review
    assert _after_label(0.5535, 0.5545, "a5") == "---"


def test_a_flat_mark_before_digits_stays_as_read() -> None:
    # a value's minus set apart (`ΔK: - 2,79 D`) is as flat as dashes, whatever OCR reads it as
    digits = Word("2,79", (0.845, 0.549, 0.88, 0.561))
    assert _after_label(0.5535, 0.5545, "a", digits) == "a"


def test_a_lone_digit_as_tall_as_type_stays_as_read() -> None:
    assert _after_label(0.549, 0.561) == "2"


def test_a_page_without_the_devices_footer_is_left_as_read() -> None:
    digit = Word("2", (0.811, 0.553, 0.836, 0.555))
    assert with_flat_nulls(PAGE, [LABEL, digit])[1].text == "2"
