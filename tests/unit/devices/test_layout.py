"""Layout helpers: the eye label of a half page, as printed and as OCR reads it."""

from __future__ import annotations

import pytest

from biometry.devices.layout import eye_label, repeat_copies, repeat_halves
from biometry.document import Word


def label(*texts: str, height: float = 0.05) -> tuple[str, str] | None:
    words = [Word(text, (0.1 * k, 0.1, 0.1 * k + 0.08, 0.1 + height)) for k, text in enumerate(texts)]
    found = eye_label(words)
    return None if found is None else (found[0], found[1].text)


@pytest.mark.parametrize(("text", "side"), [("OD", "OD"), ("OS", "OS"), ("OSOSOS", "OS"), ("OSs", "OS"), ("ODD", "OD")])
def test_eye_label_as_printed_overprinted_or_with_a_doubled_last_letter(text: str, side: str) -> None:
    assert label(text, "right", "eye") == (side, text)


@pytest.mark.parametrize("text", ["0S", "OSD", "ODS", "O", "S", "Os5"])
def test_other_readings_are_no_eye_label(text: str) -> None:
    assert label(text) is None


def test_two_labels_of_the_same_size_name_no_eye() -> None:
    assert label("OD", "OS") is None


def test_a_large_label_is_read_whatever_case_ocr_gives_it() -> None:
    body = [Word(text, (0.1 * k, 0.3, 0.1 * k + 0.08, 0.31)) for k, text in enumerate(("left", "eye", "AL", "CCT"))]
    found = eye_label([Word("os", (0.5, 0.1, 0.55, 0.13)), *body])
    assert found is not None and found[0] == "OS"


def test_a_small_lowercase_os_is_a_word_not_a_label() -> None:
    assert label("os", "valores", height=0.01) is None


def test_a_label_with_an_ocr_speck_glued_to_it_is_read() -> None:
    assert label("‘OS", "right", "eye") == ("OS", "‘OS")


def test_a_low_confidence_os_read_in_a_smudge_is_no_label() -> None:
    smudge = Word("os", (0.4, 0.05, 0.45, 0.08), confidence=0.2)
    printed = Word("OD", (0.1, 0.2, 0.15, 0.22), confidence=0.9)
    body = [Word(text, (0.1 * k, 0.3, 0.1 * k + 0.08, 0.31)) for k, text in enumerate(("left", "eye", "AL", "CCT"))]
    found = eye_label([smudge, printed, *body])
    assert found is not None and found[0] == "OD"


def test_a_letter_spaced_label_is_read_with_a_unit_d_between_its_letters_in_x_order() -> None:
    # a rescan's OS half of a calculation page: `O` `S` read apart, a K line's unit `D` below starts between them
    letters = [Word("O", (0.817, 0.285, 0.849, 0.311)), Word("S", (0.853, 0.285, 0.880, 0.311))]
    unit = Word("D", (0.850, 0.500, 0.858, 0.510))
    body = [Word(text, (0.6 + 0.05 * k, 0.4, 0.64 + 0.05 * k, 0.41)) for k, text in enumerate(("AL:", "23,77", "mm"))]
    found = eye_label([*letters, unit, *body])
    assert found is not None and found[0] == "OS"


def _line(y: float, *placed: tuple[str, float]) -> list[Word]:
    return [Word(text, (x, y, x + 0.04, y + 0.01)) for text, x in placed]


def test_two_copies_side_by_side_split_where_the_right_copy_begins() -> None:
    words = _line(0.4, ("AL:", 0.14), ("23,73", 0.18), ("AL:", 0.58), ("23,77", 0.62))
    words += _line(0.42, ("WTW:", 0.12), ("11,9", 0.18), ("WTW:", 0.56), ("11,6", 0.62))
    left, _ = repeat_halves(words)  # type: ignore[misc]
    assert left.x1 == pytest.approx(0.12 + 0.44 - 0.01)  # the block drifted right: the split follows it, not x = 0.5


def test_one_copy_has_no_halves() -> None:
    assert repeat_halves(_line(0.4, ("SE:", 0.1), ("D", 0.15), ("K1:", 0.3), ("D", 0.35))) is None


@pytest.mark.parametrize(("value", "unit"), [("41,98D", "41,98D"), ("41,98", "D@")])
def test_one_eyes_values_printed_twice_on_a_line_are_no_second_copy(value: str, unit: str) -> None:
    # a single-eye page of an eye without astigmatism: SE and K1 print the same power, OCR glued it to its unit
    words = _line(0.4, ("SE:", 0.1), (value, 0.15), (unit, 0.2), ("K1:", 0.3), (value, 0.35), (unit, 0.4))
    assert repeat_halves(words) is None


def test_an_ocr_speck_in_the_margin_does_not_move_the_split() -> None:
    words = _line(0.4, ("i", 0.05), ("AL:", 0.14), ("23,73", 0.18), ("AL:", 0.58), ("23,77", 0.62))
    left, _ = repeat_halves(words)  # type: ignore[misc]
    assert left.x1 == pytest.approx(0.14 + 0.44 - 0.01)


def test_the_left_copy_starts_at_its_own_left_edge_not_at_a_speck_in_the_margin() -> None:
    words = _line(0.4, ("c", 0.05), ("AL:", 0.14), ("23,73", 0.18), ("AL:", 0.58), ("23,77", 0.62))
    left, right = repeat_copies(words)  # type: ignore[misc]
    assert (left.x0, left.x1, right.x0) == pytest.approx((0.14 - 0.01, 0.58 - 0.01, 0.58 - 0.01))
