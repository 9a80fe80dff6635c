"""The IOLMaster 500 summaries' `Cyl.: -1.26 D @ 175°` checks each eye's K1/K2 and K1 axis as every page gives them:
a copy OCR garbled on one page casts no doubt where another copy agrees; none agreeing is review."""

from __future__ import annotations

from biometry.document import Page
from biometry.models import BiometryResult
from tests.unit.devices.test_iolmaster500_layout import _errors, _page, _parse

K1 = "K1: 42.51 D / 7.94 mm @ 175°"


def _summary(number: int, cylinder: str, k1: str = K1) -> Page:
    """An IOL page's OD summary block."""
    lines = ["AL: 23.41 mm (SNR = 122.6)", k1, "K2: 43.77 D / 7.71 mm @ 85°", cylinder]
    return _page([(0.25, 0.235 + 0.014 * i, text) for i, text in enumerate(lines)], number=number)


def _cylinder_doubted(*pages: Page) -> bool:
    result: BiometryResult = _parse(*pages)
    return "cylinder_mismatch" in _errors(result)


def test_a_cylinder_garbled_on_one_page_is_no_doubt_where_another_copy_agrees() -> None:
    assert not _cylinder_doubted(_summary(1, "Cyl.: -6.26 D @ 175°"), _summary(2, "Cyl.: -1.26 D @ 175°"))


def test_cylinders_that_all_disagree_go_to_review() -> None:
    assert _cylinder_doubted(_summary(1, "Cyl.: -6.26 D @ 175°"), _summary(2, "Cyl.: -1.26 D @ 85°"))


def test_a_cylinder_is_checked_against_the_k1_axis_a_later_page_gives() -> None:
    first = _summary(1, "Cyl.: -1.26 D @ 175°", k1="K1: 42.51 D / 7.94 mm @ l75°")
    assert not _cylinder_doubted(first, _summary(2, "Cyl.: -1.26 D @ 175°"))


def _small(cylinder: str) -> Page:
    """An OD summary whose K1 and K2 differ by 0.10 D, with its cylinder line as read."""
    return _summary(1, cylinder, k1="K1: 43.67 D / 7.73 mm @ 175°")


def test_a_minus_glued_to_the_zero_of_a_small_cylinder_is_read_as_its_sign() -> None:
    assert not _cylinder_doubted(_small("Cyl.: 6.10D @ 175°"))  # `-0.10D`: K2 - K1 = 0.10


def test_a_cylinder_that_is_no_glued_minus_of_its_size_goes_to_review() -> None:
    assert _cylinder_doubted(_small("Cyl.: 6.30D @ 175°"))


def test_a_small_cylinder_read_without_its_minus_and_point_is_read_where_it_is_the_k_difference() -> None:
    assert not _cylinder_doubted(_small("Cyl.: 010D @ 175°"))  # `-0.10D` on a device frame: K2 - K1 = 0.10


def test_a_small_cylinder_read_without_its_point_is_read_where_it_is_the_k_difference() -> None:
    assert not _cylinder_doubted(_small("Cyl.: -010 D @ 175°"))  # `-0.10 D` on a rescan: K2 - K1 = 0.10


def test_a_cylinder_read_without_its_point_that_is_not_the_k_difference_goes_to_review() -> None:
    assert _cylinder_doubted(_small("Cyl.: 037D @ 175°"))
    assert _cylinder_doubted(_small("Cyl.: -037 D @ 175°"))
