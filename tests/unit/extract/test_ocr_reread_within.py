"""Words the page pass set on ink that a bigger doubted word's re-read reads too are not kept a second time."""

from __future__ import annotations

import pytest
from PIL import Image

from biometry.document import Word
from biometry.extract import ocr
from biometry.extract.boxes import Box

IMAGE = Image.new("L", (1000, 1000), 255)
# A photo's constants line: tesseract's page pass read it as one doubted word across it all and, on its end, again
LINE = Word("LF=1,36", (0.7626, 0.6259, 0.8424, 0.6311), confidence=0.45)
SLASH_AGAIN = Word("/", (0.8009, 0.6247, 0.8061, 0.6332), confidence=0.93)
NAME_AGAIN = Word("OF", (0.8094, 0.6247, 0.8178, 0.6332), confidence=0.27)
VALUE_AGAIN = Word("=3.82", (0.8194, 0.6259, 0.8424, 0.6311), confidence=0.27)
# ... which read alone is the line as printed
READ_ALONE = [
    Word("LF=1.36", (0.7626, 0.6259, 0.7977, 0.6311), confidence=0.87),
    Word("/", (0.8001, 0.6262, 0.8037, 0.6311), confidence=0.91),
    Word("DF=3.82", (0.8061, 0.6259, 0.8424, 0.6311), confidence=0.89),
]
ELSEWHERE = Word("24.50", (0.10, 0.70, 0.14, 0.72), confidence=0.96)


def reread(words: list[Word], monkeypatch: pytest.MonkeyPatch) -> list[Word]:
    def read_region(image: Image.Image, region: Box, config: str, *, shrink: int = 1) -> list[Word]:
        return READ_ALONE

    monkeypatch.setattr(ocr, "_read_region", read_region)
    return ocr._with_doubtful_numbers_reread([IMAGE], words)


def test_words_on_ink_a_bigger_doubted_word_read_again_are_not_kept_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    words = reread([LINE, SLASH_AGAIN, NAME_AGAIN, VALUE_AGAIN, ELSEWHERE], monkeypatch)
    assert [w.text for w in words] == ["LF=1.36", "/", "DF=3.82", "24.50"]


def test_words_beside_a_doubted_word_that_was_not_read_again_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    unsure = Word("LF=1,36", LINE.bbox, confidence=0.45)
    monkeypatch.setattr(ocr, "_read_alone", lambda image, word: [])
    assert ocr._with_doubtful_numbers_reread([IMAGE], [unsure, SLASH_AGAIN]) == [unsure, SLASH_AGAIN]
