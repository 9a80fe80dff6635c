"""The patient's name on an OCR'd page read again with the Latin-script model (accents and all) or doubted, and
EyeSuite's ID line read where the page pass lost it (fictional patients, rendered and read by tesseract)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from biometry.devices.header import NAME_DOUBT
from biometry.devices.patient_lines import _mark_above, with_patient_lines
from biometry.document import Word
from biometry.extract.ocr import _read

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
Typed = tuple[int, int, int, str]  # left, top, size in pixels, text


def _page(*lines: Typed) -> Image.Image:
    """A report header as a 300-dpi scan shows it: the name in large type, the other fields in body type."""
    image = Image.new("L", (1600, 420), 255)
    draw = ImageDraw.Draw(image)
    for left, top, size, text in lines:
        draw.text((left, top), text, fill=0, font=ImageFont.truetype(FONT, size))
    return image


def _texts(words: list[Word]) -> list[str]:
    return sorted(word.text for word in words)


def _refined(*lines: Typed) -> list[str]:
    image = _page(*lines)
    return _texts(with_patient_lines(image, _read(image, image.size, "--psm 4")))


def test_a_name_the_page_pass_read_without_its_accents_is_read_with_them() -> None:
    texts = _refined((60, 80, 36, "Name:"), (220, 70, 48, "MÜLLER-MUSTER, HÉLÈNE"), (60, 160, 36, "ID: 123456"))
    assert texts == sorted(["Name:", "MÜLLER-MUSTER,", "HÉLÈNE", "ID:", "123456"])


def test_a_name_without_accents_reads_as_it_did() -> None:
    texts = _refined((60, 80, 36, "Name:"), (220, 70, 48, "DUPONT, JEAN"), (60, 160, 36, "ID: 123456"))
    assert texts == sorted(["Name:", "DUPONT,", "JEAN", "ID:", "123456"])


def test_a_labelled_value_that_reads_as_no_name_is_doubted_not_taken() -> None:
    texts = _refined((60, 80, 36, "Name:"), (220, 70, 48, "ROE, 12345"), (60, 160, 36, "ID: 123456"))
    assert texts == sorted(["Name:", NAME_DOUBT, "ID:", "123456"])


def test_an_eyesuite_id_line_the_page_pass_lost_under_the_name_is_read_alone() -> None:
    image = _page((60, 80, 48, "DOE, JANE, 04/23/1950"), (60, 140, 30, "ID 0000123"))
    lost = [w for w in _read(image, image.size, "--psm 4") if w.text not in ("ID", "0000123")]
    assert _texts(with_patient_lines(image, lost)) == sorted(["DOE,", "JANE,", "04/23/1950", "ID", "0000123"])


def test_a_page_without_a_patient_name_keeps_its_words() -> None:
    words = [Word("AL:", (0.1, 0.1, 0.15, 0.12)), Word("23.41", (0.16, 0.1, 0.22, 0.12))]
    assert with_patient_lines(_page(), words) is words


def _ink(rows: list[str]) -> np.ndarray:
    return np.array([[ch == "#" for ch in row] for row in rows])


LETTER = [".#......#."] * 9 + [".########."]  # a capital ten rows high, its foot a bar


def test_ink_over_a_capital_parted_from_it_by_a_blank_row_is_a_mark_above() -> None:
    tilde = _ink(["..........", "...##.....", "..........", *LETTER])
    assert _mark_above(tilde, 8)


def test_an_accent_touching_its_capital_is_a_mark_above() -> None:
    acute = _ink([".....##...", "....##....", "....##....", *(["##..##..##"] * 9), "##########"])
    assert _mark_above(acute, 8)


def test_a_capitals_apex_a_rule_across_the_word_or_a_rules_remains_far_above_are_no_mark_above() -> None:
    apex = _ink(["..........", "....##....", "...#..#...", "..#....#..", *LETTER])
    rule = _ink(["..........", "##########", "..........", *LETTER])
    remains = _ink(["..........", ".##..##...", "..........", "..........", "..........", "..........", *LETTER])
    assert (_mark_above(apex, 8), _mark_above(rule, 8), _mark_above(remains, 10)) == (False, False, False)
