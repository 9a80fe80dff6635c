"""One decimal mark OCR read twice (`LF=2,.04` on a 150-dpi rescan) is one decimal mark, in parsing and grounding;
one read as a colon (`1:3375` on a photo) is one on OCR pages."""

from __future__ import annotations

from biometry.grounding import numbers_in
from biometry.normalize import with_one_decimal_mark


def test_a_doubled_decimal_mark_is_one_decimal_point() -> None:
    assert with_one_decimal_mark("2,.04") == "2.04"


def test_text_without_a_doubled_mark_is_left_as_it_is() -> None:
    assert [with_one_decimal_mark(t) for t in ("2.04", "2..", "a.,b")] == ["2.04", "2..", "a.,b"]


def test_a_constant_read_with_a_doubled_mark_is_grounded_in_its_word_on_ocr_pages() -> None:
    assert 2.04 in numbers_in("LF=2,.04", ocr=True)


def test_a_value_glued_to_its_label_and_unit_with_a_doubled_mark_is_grounded_in_its_word_on_ocr_pages() -> None:
    assert 41.45 in numbers_in("K1:41,.45D", ocr=True)


def test_a_text_layer_constant_with_a_doubled_mark_is_not_read_that_way() -> None:
    assert 2.04 not in numbers_in("LF=2,.04")


def test_a_decimal_mark_read_as_a_colon_grounds_two_or_four_decimals_on_ocr_pages() -> None:
    assert (2.57 in numbers_in("2:57", ocr=True), 1.3375 in numbers_in("1:3375", ocr=True)) == (True, True)


def test_a_decimal_mark_read_as_a_semicolon_grounds_as_the_parser_reads_it() -> None:
    # Dev rescan 167-0006 (300 dpi): `n: 1;3375` on the page the IOLMaster 700 parser took the index from
    # (precision.with_decimal_mark reads `:` and `;` alike) left the value it read ungrounded
    assert (1.3375 in numbers_in("1;3375", ocr=True), 1.3375 in numbers_in("1;3375")) == (True, False)


def test_a_colon_between_other_digit_counts_or_on_a_text_layer_is_no_decimal_mark() -> None:
    assert (numbers_in("1:337", ocr=True), 1.3375 in numbers_in("1:3375")) == ([1.0, 337.0], False)


def test_the_keratometric_index_in_its_brackets_with_a_doubled_mark_is_grounded_on_ocr_pages() -> None:
    # `(n=1,.3375)`, OD's index on a real Eyestar photo of page 1 (seed 396)
    assert 1.3375 in numbers_in("(n=1,.3375)", ocr=True)
