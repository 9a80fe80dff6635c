"""Grounding of a radius or power OCR read without its point, glued behind a slash (`44.94D/751` for 7.51 mm)."""

from __future__ import annotations

import pytest

from biometry.grounding import GroundingIndex, provenance_of
from tests.factories import document_of


def _ocr_word_grounds(read: str, value: float) -> bool:
    document = document_of([read], source="ocr", confidence=0.95)
    return GroundingIndex(document).confirms(provenance_of(1, document.pages[0].words[0]), value)


def test_a_radius_without_its_point_after_the_slash_grounds_its_reading() -> None:
    assert _ocr_word_grounds("44.94D/751", 7.51)


@pytest.mark.parametrize(("read", "value"), [("44.94D/751", 75.1), ("44.94D/751", 4494.0)])
def test_the_slash_grounds_no_other_reading(read: str, value: float) -> None:
    assert not _ocr_word_grounds(read, value)


def test_a_power_without_its_point_after_the_slash_grounds_its_reading() -> None:
    assert _ocr_word_grounds("mm/4140D", 41.40)


def test_four_digits_after_a_slash_without_the_power_unit_ground_nothing() -> None:
    assert not _ocr_word_grounds("05/06/2022", 20.22)
