"""A single-eye IOLMaster 500 printout's white-to-white page prints its one block at the top right, whichever eye it
is: the block's own eye label names it (where the earlier pages showed that eye), its place never does."""

from __future__ import annotations

from biometry.document import Page
from tests.unit.devices.test_iolmaster500_layout import _errors, _page, _parse


def _measurement(x: float = 0.10) -> Page:
    return _page([(x, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)")])


def _lone_block(label: str) -> Page:
    """The white-to-white page of a single-eye printout: one block in the right part of the page, its label above."""
    cells = [(0.73, 0.30, "WTW : 12.3 mm"), (0.74, 0.32, "Ix: +0.4 mm"), (0.73, 0.36, "Pup: 4.9 mm")]
    return _page(cells, number=2, big=((0.80, 0.26, label),))


def test_a_lone_block_labelled_right_is_od_although_it_lies_on_the_right() -> None:
    result = _parse(_measurement(), _lone_block("right"))
    assert result.eyes.OD is not None and (result.eyes.OD.wtw_mm, result.eyes.OS) == (12.3, None)


def test_a_lone_block_labelled_od_is_od_without_earlier_pages() -> None:
    result = _parse(_lone_block("OD"))
    assert result.eyes.OD is not None and result.eyes.OD.pupil_mm == 4.9


def test_a_lone_block_labelled_with_an_eye_the_earlier_pages_did_not_show_goes_to_review() -> None:
    result = _parse(_measurement(), _lone_block("OS"))
    assert "eye_unknown" in _errors(result)
