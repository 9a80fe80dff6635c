"""Grounding of a number OCR read without its decimal point, which a parser put back by the field's printed digits."""

from __future__ import annotations

import pytest

from biometry.grounding import GroundingIndex, provenance_of
from tests.factories import document_of


def _ocr_word_grounds(read: str, value: float) -> bool:
    document = document_of([read], source="ocr", confidence=0.95)
    return GroundingIndex(document).confirms(provenance_of(1, document.pages[0].words[0]), value)


@pytest.mark.parametrize(("read", "value"), [("25mm", 2.5), ("231", 2.31), ("+2250", 22.5), ("13375", 1.3375)])
def test_a_number_without_its_point_grounds_the_value_its_printed_digits_give(read: str, value: float) -> None:
    assert _ocr_word_grounds(read, value)


@pytest.mark.parametrize(("read", "value"), [("25mm", 2.6), ("231", 23.1), ("-069", 0.69)])
def test_other_digits_or_another_sign_ground_nothing(read: str, value: float) -> None:
    assert not _ocr_word_grounds(read, value)
