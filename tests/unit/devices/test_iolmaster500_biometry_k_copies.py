"""IOLMaster 500 K result lines print one keratometry twice, as a power and as a radius: a copy whose two disagree
holds a misread and gives neither; a power whose point OCR lost counts only where its radius confirms it."""

from __future__ import annotations

from biometry.models import BiometryResult
from tests.unit.devices.test_iolmaster500_layout import _page, _parse

K2_LINE = (0.10, 0.26, "K2: 44.76 D / 7.54 mm @ 81°")


def _summaries(*k1_lines: str) -> BiometryResult:
    """One IOL-page summary per K1 line, each on a page of its own."""
    return _parse(*(_page([(0.10, 0.24, k1), K2_LINE], number=n) for n, k1 in enumerate(k1_lines, start=1)))


def _unread(result: BiometryResult) -> set[str | None]:
    return {i.field for i in result.extraction.issues if i.code == "printed_value_unread"}


def test_a_copy_whose_radius_disagrees_with_its_power_leaves_the_other_copy_alone() -> None:
    result = _summaries("K1: 43.49 D / 7.16 mm @ 110°", "K1: 43.49 D / 7.76 mm @ 110°")  # a serif 7 read as 1
    eye = result.eyes.OD
    assert eye is not None and (eye.k1_d, eye.k1_radius_mm) == (43.49, 7.76)
    assert not [i for i in result.extraction.issues if i.code == "conflicting_values"]


def test_a_lone_copy_whose_radius_disagrees_with_its_power_is_printed_but_unread() -> None:
    result = _summaries("K1: 43.49 D / 7.16 mm @ 110°")
    assert result.eyes.OD is not None and (result.eyes.OD.k1_d, result.eyes.OD.k1_radius_mm) == (None, None)
    assert {"OD.k1_d", "OD.k1_radius_mm"} <= _unread(result)


def test_a_power_read_without_its_point_counts_where_its_radius_confirms_it() -> None:
    eye = _summaries("K1: 4245 D / 7.95 mm @ 16°").eyes.OD
    assert eye is not None and (eye.k1_d, eye.k1_radius_mm) == (42.45, 7.95)


def test_a_power_read_without_its_point_and_no_radius_is_not_taken() -> None:
    eye = _summaries("K1: 4245 D @ 16°").eyes.OD
    assert eye is not None and eye.k1_d is None


def test_a_radius_read_with_a_third_decimal_is_not_taken() -> None:
    eye = _summaries("K1: 44.64 D / 7.561 mm @ 6°").eyes.OD
    assert eye is not None and (eye.k1_d, eye.k1_radius_mm) == (44.64, None)


def test_a_mean_power_read_without_its_point_is_read_with_it_back() -> None:
    k1 = (0.10, 0.24, "K1: 41.21 D / 8.19 mm @ 11°")
    eye = _parse(_page([k1, (0.10, 0.26, "K2: 41.60 D / 8.11 mm @ 101°"), (0.10, 0.28, "R/SE: 8.15 mm/4140D")])).eyes.OD
    assert eye is not None and eye.mean_k_d == 41.40


def _mean_power(r_se: str) -> float | None:
    k1, k2 = (0.10, 0.24, "K1: 41.21 D / 8.19 mm @ 11°"), (0.10, 0.26, "K2: 41.60 D / 8.11 mm @ 101°")
    eye = _parse(_page([k1, k2, (0.10, 0.28, r_se)])).eyes.OD
    assert eye is not None
    return eye.mean_k_d


def test_a_mean_power_behind_a_speck_read_as_a_bracket_is_read_without_it() -> None:
    # seed-177 scan 0035: `R/SE: 8.22 mm/ (41.09 D`
    assert _mean_power("R/SE: 8.15 mm/ (41.40 D") == 41.40


def test_a_mean_power_with_a_speck_read_as_a_point_before_its_unit_is_read_without_it() -> None:
    # a phone photo of the real report's page 6: the OD `R/SE: 7.83 mm/43.14.D`
    assert _mean_power("R/SE: 8.15 mm/41.40.D") == 41.40


def test_a_mean_power_whose_label_lost_its_colon_is_read() -> None:
    # held-out photo (seed 195, page 5): the OD `R / SE: 7.83 mm / 43.14 D` read `R/ SE 7.83 mm/43.14D`
    assert _mean_power("R/ SE 8.15 mm/41.40D") == 41.40


def test_se_without_its_colon_is_no_label_unless_it_follows_the_radius_label() -> None:
    assert _mean_power("SE 8.15 mm/41.40D") is None


def test_a_bracket_before_a_number_too_short_for_a_power_gives_no_mean_power() -> None:
    assert _mean_power("R/SE: 8.15 mm/ (1.40 D") is None


def _codes(result: BiometryResult) -> set[str]:
    return {i.code for i in result.extraction.issues if i.severity == "error"}


def test_a_copy_that_reads_as_no_radius_leaves_the_other_copy_alone() -> None:
    result = _summaries("K1: 45.24 D/ 146 mm @ 83°", "K1: 45.24 D / 7.46 mm @ 83°")  # point lost, 7 read 1
    eye = result.eyes.OD
    assert eye is not None and (eye.k1_d, eye.k1_radius_mm) == (45.24, 7.46)
    assert "k_unreadable" not in _codes(result)


def test_a_lone_copy_that_reads_as_no_radius_is_unreadable() -> None:
    assert "k_unreadable" in _codes(_summaries("K1: 45.24 D/ 146 mm @ 83°"))
