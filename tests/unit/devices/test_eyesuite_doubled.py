"""An EyeSuite word the page pass split and read twice at the split (`SYNER` `ERGY`) is joined again; words that only
share letters, or numbers, are left as read."""

from __future__ import annotations

from PIL import Image

from biometry.devices.eyesuite.doubled import with_doubled_reads_joined
from biometry.document import Word

IMAGE = Image.new("L", (1240, 1753), 255)
FOOTER = Word("EyeSuite", (0.0980, 0.9150, 0.1500, 0.9230), confidence=0.92)
# The real Eyestar's 150-dpi rescan of seed 3, page 3, OS's second row: `SYNERGY` read as two words over its `ER`
SYNER = Word("SYNER", (0.538, 0.640, 0.593, 0.650), confidence=0.80)
ERGY = Word("ERGY", (0.573, 0.640, 0.617, 0.650), confidence=0.85)


def texts(*words: Word) -> list[str]:
    return [w.text for w in with_doubled_reads_joined(IMAGE, [*words, FOOTER]) if w is not FOOTER]


def test_a_word_read_twice_at_its_split_is_joined_with_the_shared_letters_once() -> None:
    assert texts(SYNER, ERGY) == ["SYNERGY"]


def test_words_apart_that_share_letters_stay_apart() -> None:
    apart = Word("ERGY", (0.600, 0.640, 0.644, 0.650), confidence=0.85)
    assert texts(SYNER, apart) == ["SYNER", "ERGY"]


def test_an_overlap_much_narrower_than_the_shared_letters_is_no_double_read() -> None:
    touching = Word("ERGY", (0.590, 0.640, 0.634, 0.650), confidence=0.85)
    assert texts(SYNER, touching) == ["SYNER", "ERGY"]


def test_numbers_read_over_each_other_stay_for_the_parser() -> None:
    power, part = Word("16.50", (0.13, 0.5, 0.17, 0.51)), Word("50", (0.16, 0.5, 0.18, 0.51))
    assert texts(power, part) == ["16.50", "50"]


def test_another_devices_page_keeps_its_words() -> None:
    assert [w.text for w in with_doubled_reads_joined(IMAGE, [SYNER, ERGY])] == ["SYNER", "ERGY"]
