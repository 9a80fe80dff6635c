"""IOLMaster 500 K axes whose copies on two pages disagree are settled by every copy of the meridian the summaries
print (the other K 90° away, the minus cylinder at the K1 axis); without such a majority the conflict stands."""

from __future__ import annotations

from biometry.document import Page
from biometry.models import BiometryResult
from tests.unit.devices.test_iolmaster500_layout import _errors, _page, _parse


def _summary(number: int, k1_axis: str, k2_axis: str = "85°", cylinder: str = "-1.26 D @ 175°") -> Page:
    """An IOL page's OD summary block, its axes as OCR read them."""
    lines = [
        "AL: 23.41 mm (SNR = 122.6)",
        f"K1: 42.51 D / 7.94 mm @ {k1_axis}",
        f"K2: 43.77 D / 7.71 mm @ {k2_axis}",
        f"Cyl.: {cylinder}",
    ]
    return _page([(0.25, 0.235 + 0.014 * i, text) for i, text in enumerate(lines)], number=number)


def _k1_axis(*pages: Page) -> tuple[int | None, bool]:
    result: BiometryResult = _parse(*pages)
    assert result.eyes.OD is not None
    return result.eyes.OD.k1_axis_deg, "conflicting_values" in _errors(result)


def test_a_k1_axis_read_two_ways_is_the_one_the_k2_axes_and_cylinders_confirm() -> None:
    assert _k1_axis(_summary(1, "175°"), _summary(2, "173°")) == (175, False)
    assert _k1_axis(_summary(1, "173°"), _summary(2, "175°")) == (175, False)


def test_a_k2_axis_read_two_ways_is_the_one_90_degrees_from_the_k1_axes() -> None:
    result = _parse(_summary(1, "175°", k2_axis="85°"), _summary(2, "175°", k2_axis="83°"))
    assert result.eyes.OD is not None and result.eyes.OD.k2_axis_deg == 85
    assert "conflicting_values" not in _errors(result)


def test_meridians_that_do_not_agree_leave_the_conflict() -> None:
    pages = (_summary(1, "175°", k2_axis="83°", cylinder="-1.26 D @ 173°"), _summary(2, "173°", k2_axis="85°"))
    assert _k1_axis(*pages)[1] is True


def test_a_cylinder_read_without_its_minus_casts_no_vote() -> None:
    pages = (_summary(1, "175°", k2_axis="83°", cylinder="1.26 D @ 175°"), _summary(2, "173°", k2_axis="85°",
             cylinder="1.26 D @ 175°"))  # fmt: skip
    assert _k1_axis(*pages)[1] is True
