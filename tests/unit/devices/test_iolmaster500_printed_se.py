"""IOLMaster 500 inventory: the summary's `R / SE` line prints the mean K whatever OCR makes of its label, so a mean K
the parser could not read from it is printed and unread (review), never an accepted omission."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster500.printed import _labelled_results
from tests.factories import document_of


@pytest.mark.parametrize(
    "line",
    [
        "R / SE: 7.83 mm / 43.14 D",
        "R/ SE 7.83 mm/43.14D",  # held-out photo (seed 195, page 5): the label split, its colon lost
    ],
)
def test_the_r_se_line_with_a_number_prints_the_mean_k(line: str) -> None:
    assert "mean_k_d" in _labelled_results(document_of([line]).pages[0].lines)


def test_an_r_se_line_without_a_number_prints_no_mean_k() -> None:
    assert "mean_k_d" not in _labelled_results(document_of(["R / SE: -- mm / -- D"]).pages[0].lines)
