"""A number tesseract doubts on the page pass is read again alone; a sure re-read inside its box replaces it."""

from __future__ import annotations

import pytest
from PIL import Image

from biometry.document import Word
from biometry.extract import ocr
from biometry.extract.boxes import Box

IMAGE = Image.new("L", (1000, 1000), 255)
GLUED = Word("2050°:|-O.17", (0.10, 0.50, 0.20, 0.52), confidence=0.0)  # two table cells read as one word
POWER = Word("21.50", (0.10, 0.50, 0.14, 0.52), confidence=0.97)
REFRACTION = Word("0.17", (0.17, 0.50, 0.20, 0.52), confidence=0.96)
NEIGHBOUR = Word("|", (0.205, 0.50, 0.21, 0.52), confidence=0.9)  # in the margin, outside the word's box


def reread(words: list[Word], found: list[Word], monkeypatch: pytest.MonkeyPatch) -> tuple[list[Word], int]:
    """The words after the re-read pass (tesseract finding `found` alone) and how many regions were read."""
    calls: list[Box] = []

    def read_region(image: Image.Image, region: Box, config: str, *, shrink: int = 1) -> list[Word]:
        calls.append(region)
        return found

    monkeypatch.setattr(ocr, "_read_region", read_region)
    return ocr._with_doubtful_numbers_reread([IMAGE], words), len(calls)


def test_a_doubted_number_is_replaced_by_the_sure_words_read_alone_in_its_box(monkeypatch: pytest.MonkeyPatch) -> None:
    words, _ = reread([GLUED], [POWER, REFRACTION, NEIGHBOUR], monkeypatch)
    assert words == [POWER, REFRACTION]


def test_a_reread_tesseract_is_not_sure_of_keeps_the_page_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    doubted_again = Word("2050", POWER.bbox, confidence=0.3)
    words, _ = reread([GLUED], [doubted_again, REFRACTION], monkeypatch)
    assert words == [GLUED]


def test_a_sure_number_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    _, regions = reread([POWER], [REFRACTION], monkeypatch)
    assert regions == 0


def test_doubted_text_without_a_digit_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    _, regions = reread([Word("IOL{D]", GLUED.bbox, confidence=0.0)], [POWER], monkeypatch)
    assert regions == 0
