"""A value read unsure is settled by the vote of its readings; a tie is read again with more of the page around it."""

from __future__ import annotations

import re
from collections.abc import Hashable

import pytest
from PIL import Image

from biometry.extract import value_votes
from biometry.extract.boxes import Box
from biometry.extract.value_votes import voted_reading

PAGE = Image.new("L", (200, 100), 255)
AREA = Box(40, 40, 120, 60)


def _pupil(text: str) -> tuple[float, Hashable] | None:
    """A pupil's reading as its number and decimals (`2,5mm` -> (2.5, 1))."""
    found = re.fullmatch(r"(\d+)[.,](\d)mm", text)
    return None if found is None else (float(f"{found[1]}.{found[2]}"), 1)


def _read_as(monkeypatch: pytest.MonkeyPatch, *rounds: list[str]) -> list[Box]:
    """Each reading alone of an area gives the next round of readings; the areas read, in order."""
    areas: list[Box] = []

    def readings(image: Image.Image, area: Box) -> list[str]:
        areas.append(area)
        return rounds[len(areas) - 1]

    monkeypatch.setattr(value_votes, "text_line_readings", readings)
    return areas


def test_a_tie_is_broken_by_the_readings_with_more_of_the_page_around_the_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a 300-dpi rescan (held-out seed 283): the pupil `2,5` read `2.9mm` `2.5mm` `2.9mm` alone, `2,5mm` by the page pass
    areas = _read_as(monkeypatch, ["2.9mm", "2.5mm", "2.9mm"], ["2,5mm", "2,5mm", "2,5mm"])
    assert voted_reading(PAGE, AREA, "2,5mm", _pupil) == "2,5mm"
    wider = areas[1]
    assert wider.x0 < AREA.x0 and wider.y0 < AREA.y0 and wider.x1 > AREA.x1 and wider.y1 > AREA.y1


def test_a_tie_more_of_the_page_does_not_break_is_doubted(monkeypatch: pytest.MonkeyPatch) -> None:
    _read_as(monkeypatch, ["2.9mm", "2.5mm", "2.9mm"], ["2.9mm", "2,5mm", "2,7mm"])
    assert voted_reading(PAGE, AREA, "2,5mm", _pupil) is None


def test_a_vote_without_a_tie_reads_the_value_alone_once(monkeypatch: pytest.MonkeyPatch) -> None:
    areas = _read_as(monkeypatch, ["2,5mm", "2.5mm", "2.9mm"])
    assert voted_reading(PAGE, AREA, "2,5mm", _pupil) == "2,5mm" and len(areas) == 1
