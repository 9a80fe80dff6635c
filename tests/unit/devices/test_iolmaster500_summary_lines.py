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


def _mean_powers(words: list[Word]) -> list[str]:
    """Each `R / SE:` line's power, as read: the number after its `/`."""
    powers = []
    for line in group_lines(words):
        texts = [w.text for w in line.words]
        labels = [k for k, text in enumerate(texts) if SE_LABEL.match(text)]
        powers += [texts[k + 4] for k in labels]  # label, radius, `mm`, `/`, power
    return powers


def test_a_power_read_with_a_digit_more_is_read_again_as_printed(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_iol_page
    printed = _mean_powers(words)
    garbled = [replace(w, text=w.text + "1") if w.text in printed else w for w in words]  # `43.141` for 43.14
    assert len(printed) == 2 and all(_POWER.match(p) for p in printed)
    assert _mean_powers(with_summary_lines(image, garbled)) == printed


def _k_radii(words: list[Word]) -> list[str]:
    """Each K line's radius, as read: the first number of a radius's shape after its label."""
    radii = []
    for line in group_lines(words):
        texts = [w.text for w in line.words]
        for k in (k for k, text in enumerate(texts) if K_LABEL.match(text)):
            radii += [next((t for t in texts[k + 1 : k + 6] if _RADIUS.match(t)), "lost")]
    return radii


def test_a_k_line_whose_radius_was_lost_is_read_again_as_printed(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    # a 150-dpi rescan (held-out seed 224) read K1's `7.94` into one word with the AL line above: no radius on its line
    image, words = iolmaster500_iol_page
    printed = _k_radii(words)
    lost = [w for w in words if w.text not in printed]
    assert len(printed) == 4 and set(_k_radii(lost)) == {"lost"}
    assert _k_radii(with_summary_lines(image, lost)) == printed


def test_a_power_read_as_printed_is_not_read_again(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]], monkeypatch: pytest.MonkeyPatch
) -> None:
    image, words = iolmaster500_iol_page
    read_again: list[str] = []
    monkeypatch.setattr(summary_lines, "labelled_line_again", lambda _i, _w, label, *_: read_again.append(label.text))
    with_summary_lines(image, words)
    assert read_again and not [label for label in read_again if SE_LABEL.match(label) or K_LABEL.match(label)]
