"""IOLMaster 700: the null `---` after an eye label that OCR read as a digit or letters is the null where OCR boxed it
flatter than type (the dashes' ink); a word as tall as type, or a flat sign before a value's digits, stays as read.
A null read over ink as tall as type is the value printed there: read alone, or doubted."""

from __future__ import annotations

import numpy as np
from PIL import Image

from biometry.devices.iolmaster700.flat_nulls import with_flat_emmetropia_nulls, with_flat_nulls, with_tall_nulls_read
from biometry.document import Word, group_lines
from biometry.extract.refiners import DOUBT
from tests.printed_pages import printed_page

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


def _printed(value: str) -> tuple[Image.Image, list[Word]]:
    """A page printing `CCT: <value> µm` and `TK1: ---` with the device's footer, as the page pass reads it."""
    printed = [("CCT:", 20, 30), (value, 48, 30), ("µm", 66, 30), ("TK1:", 20, 50), ("---", 48, 50),
               ("IOLMaster", 60, 100), ("700", 80, 100)]  # fmt: skip
    image, words = printed_page(printed, (200.0, 120.0), align="left")
    return image, [_tight(w) for w in words]


def _tight(word: Word) -> Word:
    """A word boxed as OCR boxes it, from its type's top to its baseline (9-point type on a page 120 points high)."""
    x0, y0, x1, y1 = word.bbox
    return Word(word.text, (x0, y0 + 0.28 * 9 / 120, x1, y1 - 2 / 120), confidence=word.confidence)


def _read_as_null(words: list[Word], printed: str) -> list[Word]:
    """The words with `printed` read as the null, boxed flat over its middle as OCR boxed it (held-out seed 203)."""
    return [Word("---", (w.bbox[0] + 0.3 * w.width, w.y_center, w.bbox[2] - 0.2 * w.width, w.y_center + 0.002))
            if w.text == printed else w for w in words]  # fmt: skip


def test_a_value_read_as_the_null_over_ink_as_tall_as_type_is_read_alone() -> None:
    # held-out 150-dpi rescan (seed 203), page 2: OS `CCT: 544 µm` read `ccT: --- ym`, accepted without the CCT
    image, words = _printed("544")
    texts = [w.text for w in with_tall_nulls_read(image, _read_as_null(words, "544"))]
    assert texts[:3] == ["CCT:", "544", "µm"]


def test_a_value_read_as_the_null_that_reads_no_number_alone_is_doubted() -> None:
    image, words = _printed("5a4")
    texts = [w.text for w in with_tall_nulls_read(image, _read_as_null(words, "5a4"))]
    assert texts[1] == DOUBT


def test_a_null_printed_as_dashes_stays_the_null() -> None:
    image, words = _printed("544")
    assert with_tall_nulls_read(image, words) == words


def test_a_null_with_a_rule_through_its_labels_rows_stays_the_null() -> None:
    # held-out 300-dpi rescan (seed 163), page 3: the frame of the lens box below ran through the `TK2:` label's rows,
    # across the null's columns, and made the dashes look as tall as type
    image, words = _printed("544")
    label = next(w for w in words if w.text == "TK1:")
    grey = np.asarray(image).copy()
    grey[round(label.bbox[1] * image.height) + 1, :] = 0  # the rule, one pixel row inside the label's box
    ruled = Image.fromarray(grey)
    assert with_tall_nulls_read(ruled, words) == words


def _emmetropia_line(value: str, *, rule: bool = False) -> tuple[Image.Image, list[Word]]:
    """A page printing `<value> Emetropia` with the device's footer (and a rule across the label's rows), its words
    boxed as tall as the type's line, as the page pass boxed `S32` over a Holladay 2 null (held-out seed 210)."""
    printed = [(value, 30, 30), ("Emetropia", 70, 30), ("IOLMaster", 60, 100), ("700", 80, 100)]
    image, words = printed_page(printed, (200.0, 120.0), align="left")
    if rule:
        label = next(w for w in words if w.text == "Emetropia")
        grey = np.asarray(image).copy()
        grey[round(label.bbox[1] * image.height) + 2, :] = 0
        image = Image.fromarray(grey)
    return image, words


def _read_as(words: list[Word], printed: str, read: str) -> list[Word]:
    return [Word(read, w.bbox, confidence=0.15) if w.text == printed else w for w in words]


def test_digits_read_over_ink_as_flat_as_dashes_before_an_emmetropia_label_are_the_null() -> None:
    # held-out 150-dpi rescan (seed 210): a Holladay 2 box's `--- Emetropia` read `S32 Emetropia`, boxed tall
    image, words = _emmetropia_line("---")
    assert [w.text for w in with_flat_emmetropia_nulls(image, _read_as(words, "---", "S32"))][:2] == [
        "---",
        "Emetropia",
    ]


def test_letters_read_over_ink_as_flat_as_dashes_before_an_emmetropia_label_are_the_null() -> None:
    # a held-out photo (seed 218) read both Holladay 2 boxes' `--- Emetropia` as `ae Emetropia` and `pra, Emetropia`
    image, words = _emmetropia_line("---")
    assert with_flat_emmetropia_nulls(image, _read_as(words, "---", "pra,"))[0].text == "---"


def test_letters_read_between_a_power_and_its_emmetropia_label_stay_as_read() -> None:
    # a speck between the power and the label is no null: the power is printed there
    image, words = _emmetropia_line("+21,86")
    power = next(w for w in words if w.text == "+21,86")
    label = next(w for w in words if w.text == "Emetropia")
    speck = Word("ae", (power.bbox[2] + 0.002, label.y_center - 0.002, label.bbox[0] - 0.002, label.y_center + 0.002))
    grey = np.asarray(image).copy()
    row, (x0, x1) = (
        round(label.y_center * image.height),
        (round(v * image.width) for v in (speck.bbox[0], speck.bbox[2])),
    )
    grey[row, x0:x1] = 0  # the speck's ink: as flat as dashes
    page = [*words, speck]
    assert with_flat_emmetropia_nulls(Image.fromarray(grey), page) == page


def test_a_power_misread_before_an_emmetropia_label_stays_as_read() -> None:
    image, words = _emmetropia_line("+21,81")
    misread = _read_as(words, "+21,81", "+21,8l")
    assert with_flat_emmetropia_nulls(image, misread) == misread


def test_dashes_read_as_digits_with_a_rule_through_their_labels_rows_are_still_the_null() -> None:
    image, words = _emmetropia_line("---", rule=True)
    assert with_flat_emmetropia_nulls(image, _read_as(words, "---", "S32"))[0].text == "---"


def test_a_rows_power_on_the_emmetropia_labels_line_but_above_its_rows_stays_as_read() -> None:
    # held-out 200-dpi rescan (seed 215): a margin glyph read `i` over both lines joined the last row's `+21,50` to
    # the `--- Emetropia` line, the null's flat dashes in its columns within the label's rows; it is no word before
    # the label, and stays a power
    image, words = _emmetropia_line("---")
    label = next(w for w in words if w.text == "Emetropia")
    dashes = next(w for w in words if w.text == "---")
    power = Word("+21,50", (dashes.bbox[0] - 0.02, label.bbox[1] - 0.9 * label.height, dashes.bbox[2], label.bbox[1]))
    glyph = Word("i", (0.02, label.bbox[1] - 1.5 * label.height, 0.03, label.y_center))
    page = [glyph, power, *(w for w in words if w is not dashes)]
    assert any(power in line.words and label in line.words for line in group_lines(page))  # one line, as OCR made it
    assert with_flat_emmetropia_nulls(image, page) == page
