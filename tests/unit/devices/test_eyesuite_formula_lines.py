"""A lens block's formula caption the page pass lost whole, or read in part, under a read table is read again alone; a
caption read, a table not read whole, or a reading that names no formula leave the page's words as they are."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from biometry.devices.eyesuite import formula_lines
from biometry.document import Word
from biometry.extract import cells
from biometry.extract.boxes import Box

WIDTH, HEIGHT = 1000, 1400
# A generated 200-dpi Eyestar scan's OS AcrySof block (page fractions): header, five rows, caption band, constants
HEADER = [
    Word("IOL[D]", (0.575, 0.499, 0.615, 0.508), confidence=0.9),
    Word("Eye", (0.655, 0.499, 0.675, 0.508), confidence=0.9),
    Word("[D]", (0.678, 0.499, 0.695, 0.508), confidence=0.9),
]
PRINTED = (("19.00", "0.71"), ("19.50", "0.36"), ("20.00", "0.01"), ("20.50", "-0.34"), ("21.00", "-0.69"))
ROWS = [
    word
    for i, (power, refraction) in enumerate(PRINTED)
    for word in (
        Word(power, (0.565, 0.516 + 0.019 * i, 0.612, 0.525 + 0.019 * i), confidence=0.95),
        Word(refraction, (0.655, 0.516 + 0.019 * i, 0.69, 0.525 + 0.019 * i), confidence=0.95),
    )
]
FOOTER = Word("EyeSuite", (0.1, 0.92, 0.2, 0.93), confidence=0.9)
CONSTANT = Word("A=119.00", (0.548, 0.624, 0.6, 0.631), confidence=0.9)
CAPTION = Word("SRK/T", (0.548, 0.606, 0.59, 0.616), confidence=0.9)


def _page_image() -> Image.Image:
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    ImageDraw.Draw(image).text((0.55 * WIDTH, 0.606 * HEIGHT), "SRK/T", fill=0)
    return image


def refined(words: list[Word], reading: list[Word] | None, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], int]:
    """The page's texts after the refiner (the band read alone as `reading`) and how many bands it read."""
    areas: list[Box] = []

    def read_text_line(image: Image.Image, area: Box, **_: object) -> list[Word] | None:
        areas.append(area)
        return reading

    monkeypatch.setattr(formula_lines, "read_text_line", read_text_line)
    return [w.text for w in formula_lines.with_formula_captions(_page_image(), words)], len(areas)


def test_a_caption_lost_whole_under_a_read_table_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, reads = refined([*HEADER, *ROWS, CONSTANT, FOOTER], [CAPTION], monkeypatch)
    assert reads == 1 and "SRK/T" in texts


def test_a_caption_read_glued_to_its_rule_names_its_formula(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, _ = refined([*HEADER, *ROWS, CONSTANT, FOOTER], [Word("ISRK/T", CAPTION.bbox)], monkeypatch)
    assert "ISRK/T" in texts


def test_a_caption_the_page_pass_read_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    _, reads = refined([*HEADER, *ROWS, CAPTION, CONSTANT, FOOTER], [CAPTION], monkeypatch)
    assert reads == 0


def test_a_reading_that_names_no_formula_adds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, _ = refined([*HEADER, *ROWS, CONSTANT, FOOTER], [Word("Isrkr1!", CAPTION.bbox)], monkeypatch)
    assert "Isrkr1!" not in texts


def test_a_table_not_read_whole_gives_no_caption_band(monkeypatch: pytest.MonkeyPatch) -> None:
    _, reads = refined([*HEADER, *ROWS[:-2], CONSTANT, FOOTER], [CAPTION], monkeypatch)
    assert reads == 0


def test_another_devices_page_keeps_its_words(monkeypatch: pytest.MonkeyPatch) -> None:
    _, reads = refined([*HEADER, *ROWS, CONSTANT], [CAPTION], monkeypatch)
    assert reads == 0


def test_the_next_columns_caption_beside_the_band_leaves_the_lost_caption_to_be_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a photo (held-out seed 274): the box beside the OS SYNERGY block prints no table, so no table ended the band,
    # and that box's `Barrett` in it stood for this block's caption
    beside = Word("Barrett", (0.76, 0.606, 0.8, 0.616), confidence=0.96)
    texts, reads = refined([*HEADER, *ROWS, CONSTANT, beside, FOOTER], [CAPTION], monkeypatch)
    assert reads == 1 and "SRK/T" in texts


def test_a_constants_line_lost_with_its_caption_is_read_again_under_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # the same photo lost `Barrett (measured)` and `LF=2.04 / DF=4.50` under it together
    image = _page_image()
    ImageDraw.Draw(image).text((0.55 * WIDTH, 0.624 * HEIGHT), "A=119.00", fill=0)
    monkeypatch.setattr(formula_lines, "read_text_line", lambda image, area, **_: [CAPTION])
    monkeypatch.setattr(formula_lines, "agreed_line", lambda image, area, meaning, as_printed: [CONSTANT])
    texts = [w.text for w in formula_lines.with_formula_captions(image, [*HEADER, *ROWS, FOOTER])]
    assert "SRK/T" in texts and "A=119.00" in texts


def _constants_read_alone(printed: str, readings: list[list[str]], monkeypatch: pytest.MonkeyPatch) -> Image.Image:
    """The page with a constants line printed under the caption, whose preparations read it alone as `readings`."""
    image = _page_image()
    ImageDraw.Draw(image).text((0.55 * WIDTH, 0.624 * HEIGHT), printed, fill=0)
    placed = [[Word(text, (0.55 + 0.05 * k, 0.624, 0.59 + 0.05 * k, 0.631)) for k, text in enumerate(reading)]
              for reading in readings]  # fmt: skip
    monkeypatch.setattr(cells, "text_line_words", lambda image, area: placed)
    return image


def test_a_lost_constants_line_is_taken_as_its_printed_reading_where_two_readings_give_its_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a 150-dpi rescan of the real Eyestar's page 3 (held-out seed 333): OS SYNERGY's `Barrett (measured)` and
    # `LF=2.04 / DF=4.50` lost together; alone the small type read `LF 22,04 / OF=4.50`, `LF=2.04 / DF=4.50`, `LF32,04 /
    # OF=8.50`: an `=` read as a digit, no two alike
    readings = [["LF", "22,04", "/", "OF=4.50"], ["LF=2.04", "/", "DF=4.50"], ["LF32,04", "/", "OF=8.50"]]
    image = _constants_read_alone("LF=2.04 / DF=4.50", readings, monkeypatch)
    monkeypatch.setattr(formula_lines, "read_text_line", lambda image, area, **_: [CAPTION])
    texts = [w.text for w in formula_lines.with_formula_captions(image, [*HEADER, *ROWS, FOOTER])]
    assert "LF=2.04" in texts and "DF=4.50" in texts


def test_a_constants_line_garbled_under_a_caption_read_is_read_again_and_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a 150-dpi rescan of the real Eyestar's page 2 (held-out seed 390): OD EYHANCE's `LF=2.04 / DF=4.50` read
    # `LF22.04 / OF =4.50` under `Barrett (measured)`, a lens line of no block; alone it read as printed, the box's
    # rule read `|` at its end
    image = _constants_read_alone("A=119.00", [["A=119.00", "|"], ["A=119,00"], ["A=119.00"]], monkeypatch)
    garbled = Word("A=119.0O", CONSTANT.bbox, confidence=0.5)
    texts = [w.text for w in formula_lines.with_formula_captions(image, [*HEADER, *ROWS, CAPTION, garbled, FOOTER])]
    assert "A=119.00" in texts and "A=119.0O" not in texts and "|" not in texts


def test_a_caption_read_in_part_is_read_again_and_its_part_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    # a 150-dpi rescan of the real Eyestar's page 3 (held-out seed 350): OS `Barrett (measured)` read `(measured)`
    part = Word("(measured)", (0.59, 0.606, 0.64, 0.616), confidence=0.97)
    caption = [Word("Barrett", (0.548, 0.606, 0.585, 0.616)), Word("(measured)", part.bbox)]
    texts, reads = refined([*HEADER, *ROWS, part, CONSTANT, FOOTER], caption, monkeypatch)
    assert reads == 1 and texts.count("(measured)") == 1 and "Barrett" in texts


def test_constants_line_readings_that_differ_in_a_names_glyph_or_a_decimal_comma_agree() -> None:
    # the same rescan's three readings of OS `LF=2.04 / DF=4.50` alone: each a glyph apart
    values = formula_lines._constant_values
    assert values("LF=2,04/DF=4.50") == values("LF=2.04/OF=4.50") != values("LF=2.046/OF=4.50")
    assert values("LF=2.04/DF=4.50") != values("LF=2.04/DF=4.60")


def test_constants_line_readings_agree_past_an_equals_sign_read_as_a_digit_before_a_one_digit_value() -> None:
    values = formula_lines._constant_values
    assert values("LF22,04/OF=4.50") == values("LF=2.04/DF=4.50") != values("LF32,04/OF=8.50")
    assert values("A=118.90") != values("A=148.90") and values("A=118.90") != values("A118.90")


def test_the_box_rule_at_a_bands_left_edge_is_told_from_the_type_after_it() -> None:
    ink = np.zeros((10, 20), dtype=bool)
    ink[1:8, 0:2] = True  # the rule, ending above the band's foot
    ink[3:6, 5:9] = True  # a glyph
    assert list(np.flatnonzero(formula_lines._left_rule(ink))) == [0, 1]
