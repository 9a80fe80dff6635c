"""The IOLMaster 500 summary K and `R / SE:` lines OCR garbled are read again alone where two readings agree."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PIL import Image

from biometry.devices.iolmaster500 import summary_lines
from biometry.devices.iolmaster500.summary_lines import PAIR_LINES, with_summary_lines
from biometry.document import Word, group_lines

_POWER = re.compile(r"^\d{2}\.\d{2}$")
_RADIUS = re.compile(r"^\d\.\d{2}$")
SE_LABEL, K_LABEL = (pair.label for pair in PAIR_LINES)


def _values(words: list[Word], label: re.Pattern[str], shape: re.Pattern[str]) -> list[str]:
    """Each labelled line's first number of `shape` within five words after its label, as read, or `lost`."""
    values = []
    for line in group_lines(words):
        texts = [w.text for w in line.words]
        for k in (k for k, text in enumerate(texts) if label.match(text)):
            values += [next((t for t in texts[k + 1 : k + 6] if shape.match(t)), "lost")]
    return values


def test_a_power_read_with_a_digit_more_is_read_again_as_printed(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    # a photo (held-out seed 240) boxed the mean K over its unit's first stroke: `43.141` for 43.14
    image, words = iolmaster500_iol_page
    printed = _values(words, SE_LABEL, _POWER)
    garbled = [replace(w, text=w.text + "1") if w.text in printed else w for w in words]
    assert len(printed) == 2 and set(_values(garbled, SE_LABEL, _POWER)) == {"lost"}
    assert _values(with_summary_lines(image, garbled), SE_LABEL, _POWER) == printed


def test_a_k_line_whose_radius_was_lost_is_read_again_as_printed(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    # a 150-dpi rescan (held-out seed 224) read K1's `7.94` into one word with the AL line above: no radius on its line
    image, words = iolmaster500_iol_page
    printed = _values(words, K_LABEL, _RADIUS)
    lost = [w for w in words if w.text not in printed]
    assert len(printed) == 4 and set(_values(lost, K_LABEL, _RADIUS)) == {"lost"}
    assert _values(with_summary_lines(image, lost), K_LABEL, _RADIUS) == printed


def test_a_power_read_as_printed_is_not_read_again(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]], monkeypatch: pytest.MonkeyPatch
) -> None:
    image, words = iolmaster500_iol_page
    read_again: list[str] = []
    monkeypatch.setattr(summary_lines, "labelled_line_again", lambda _i, _w, label, *_: read_again.append(label.text))
    with_summary_lines(image, words)
    assert read_again and not [label for label in read_again if SE_LABEL.match(label) or K_LABEL.match(label)]
