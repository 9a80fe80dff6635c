"""IOLMaster 500 box lines as OCR spells them on the device's 140-dpi frames: `Emme.` with its Courier `mm` merged into
one blot, a table header's `(D)` closed by a brace."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster500.boxes import is_emmetropia
from biometry.devices.iolmaster500.iol import _header_splits
from biometry.document import Line, Word


def _word(text: str, x0: float = 0.1, x1: float = 0.15) -> Word:
    return Word(text, (x0, 0.5, x1, 0.51))


@pytest.mark.parametrize(
    "text", ["Emme.", "|Eume.", "Eame.", "fame.", "Eeme.", "mume.", "Home.", "JEmme.", "Ewme.", "jemme."]
)
def test_an_emmetropia_word_as_ocr_garbles_its_mm_still_ends_a_lens_box(text: str) -> None:
    assert is_emmetropia(_word(text))


@pytest.mark.parametrize("text", ["Emmetropia", "Emmetropia:", "Name:", "Eume", "IOL:", "mm"])
def test_other_words_end_no_lens_box(text: str) -> None:
    assert not is_emmetropia(_word(text))


def test_a_table_header_unit_closed_by_a_brace_still_splits_two_boxes() -> None:
    texts = ["IOL", "(D)}", "REF", "(D}", "IOL", "(D)", "REF", "(D)"]
    line = Line(tuple(_word(t, 0.1 + 0.05 * i, 0.13 + 0.05 * i) for i, t in enumerate(texts)))
    cuts = _header_splits(line)
    assert cuts is not None and len(cuts) == 1 and 0.28 < cuts[0] < 0.3
