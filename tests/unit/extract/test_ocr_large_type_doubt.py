"""Large type read again alone replaces the page pass's words there, unless tesseract doubts the new reading more."""

from __future__ import annotations

import pytest
from PIL import Image

from biometry.document import Word
from biometry.extract import ocr
from biometry.extract.boxes import Box

IMAGE = Image.new("L", (1000, 1000), 255)
REGION = Box(100, 100, 300, 160)
INSIDE = (0.11, 0.11, 0.29, 0.15)  # a word's box in the region, as fractions of the image
ELSEWHERE = Word("A=118.30", (0.5, 0.5, 0.6, 0.52), confidence=0.93)


def with_large_type(page_word: Word, reread: list[Word], monkeypatch: pytest.MonkeyPatch) -> list[Word]:
    monkeypatch.setattr(ocr, "_read_large_type", lambda image, region, body: reread)
    words: list[Word] = ocr._with_large_type([page_word, ELSEWHERE], REGION, IMAGE, 10.0)
    return words


def test_a_reread_tesseract_doubts_keeps_the_surer_page_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    page_word = Word("ISRK/T", INSIDE, confidence=0.88)
    reread = [Word("lanka", INSIDE, confidence=0.29)]
    assert with_large_type(page_word, reread, monkeypatch) == [page_word, ELSEWHERE]


def test_a_confident_reread_replaces_the_page_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    reread = [Word("OD", INSIDE, confidence=0.9)]
    assert with_large_type(Word("D", INSIDE, confidence=0.95), reread, monkeypatch) == [ELSEWHERE, *reread]


def test_a_doubtful_reread_replaces_a_page_reading_doubted_even_more(monkeypatch: pytest.MonkeyPatch) -> None:
    reread = [Word("OD", INSIDE, confidence=0.4)]
    assert with_large_type(Word("0)", INSIDE, confidence=0.1), reread, monkeypatch) == [ELSEWHERE, *reread]
