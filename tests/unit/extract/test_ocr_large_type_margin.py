"""Large type read again alone: what it reads inside its region replaces the page pass's words there.

The region is read with a margin around it; a row of body text in that margin (the `CCT [µm] 514` row under an
EyeSuite eye icon) was read there a second time, garbled (`CFT`, `fiir`, `AQA`), beside the page pass's own words.
Whether tesseract doubts the re-read is weighed per character: a speck beside a sure word counts for little.
"""

from __future__ import annotations

import pytest
from PIL import Image

from biometry.document import Word
from biometry.extract import ocr
from biometry.extract.boxes import Box

IMAGE = Image.new("L", (1000, 1000), 255)
REGION = Box(100, 100, 300, 160)
INSIDE = (0.11, 0.11, 0.29, 0.15)  # a word's box in the region, as fractions of the image
BELOW = (0.12, 0.158, 0.2, 0.17)  # a word of the row under the region: its centre lies in the margin
ROW_BELOW = Word("CCT", BELOW, confidence=0.96)


def with_large_type(reread: list[Word], monkeypatch: pytest.MonkeyPatch) -> list[Word]:
    monkeypatch.setattr(ocr, "_read_large_type", lambda image, region, body: reread)
    words: list[Word] = ocr._with_large_type([Word("OD", INSIDE, confidence=0.9), ROW_BELOW], REGION, IMAGE, 10.0)
    return words


def test_a_row_in_the_margin_is_not_read_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    reread = [Word("OD", INSIDE, confidence=0.95), Word("CFT", BELOW, confidence=0.47)]
    assert [w.text for w in with_large_type(reread, monkeypatch)] == ["CCT", "OD"]


def test_what_the_reread_finds_inside_the_region_replaces_the_page_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    reread = [Word("0D", INSIDE, confidence=0.95)]
    assert with_large_type(reread, monkeypatch) == [ROW_BELOW, *reread]


def test_a_reread_word_on_a_word_the_page_pass_kept_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    on_the_row_below = Word("CCT", (0.12, 0.14, 0.2, 0.175), confidence=0.95)  # centre in the region, on `CCT`
    reread = [Word("OD", INSIDE, confidence=0.95), on_the_row_below]
    assert [w.text for w in with_large_type(reread, monkeypatch)] == ["CCT", "OD"]


def test_a_speck_beside_a_sure_word_does_not_make_the_reread_doubtful(monkeypatch: pytest.MonkeyPatch) -> None:
    reread = [Word("AMO", INSIDE, confidence=0.96), Word("o]", INSIDE, confidence=0.0)]  # a tall `OD` read 0.9
    assert with_large_type(reread, monkeypatch) == [ROW_BELOW, *reread]


def test_a_reread_word_that_only_touches_a_kept_word_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    descending = Word("appropriate", (0.11, 0.11, 0.29, 0.159), confidence=0.96)  # its `pp` reach the row below
    assert [w.text for w in with_large_type([descending], monkeypatch)] == ["CCT", "appropriate"]
