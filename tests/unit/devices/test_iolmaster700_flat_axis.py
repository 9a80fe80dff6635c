"""IOLMaster 700 K1 axis lost on every page: the axis ΔK is printed at (the flat meridian), where K2's axis is read
90° from it; never from a zero cylinder, disagreeing ΔK axes or a K2 axis that does not fit."""

from __future__ import annotations

from biometry.devices.iolmaster700.cylinder import CylinderCollector
from biometry.devices.iolmaster700.flat_axis import flat_axes_from_cylinders
from biometry.devices.measurements import Reading, Token
from biometry.document import Word


def _token(text: str) -> Token:
    """A token as the parser reads it: an axis word `@1°` is the token `1` (its digits) of that word."""
    digits = "".join(ch for ch in text if ch.isdigit()) if text.startswith("@") else text
    return Token(digits, Word(text, (0.1, 0.1, 0.2, 0.12)))


def _collector(k2_axis: str, *cylinders: tuple[str, str]) -> CylinderCollector:
    """OD K1 41,41 D with its axis lost on every page, K2 41,51 D at `k2_axis`, and ΔK (value, axis) per page."""
    collector = CylinderCollector()
    collector.set_number("OD", "k1_d", _token("41,41"), 1)
    collector.set_number("OD", "k2_d", _token("41,51"), 1)
    collector.set_number("OD", "k2_axis_deg", _token(k2_axis), 1, as_int=True)
    for page, (value, axis) in enumerate(cylinders, start=1):
        reading = Reading("ΔK:", value=_token(value), axis=_token(axis))
        collector.flat_axes["OD"].setdefault("k1_axis_deg", []).append((reading, page))
    flat_axes_from_cylinders(collector)
    return collector


def test_k1_axis_lost_on_every_page_is_the_axis_delta_k_is_printed_at() -> None:
    collector = _collector("91", ("-0,10", "@1°"), ("-0,10", "@1°"))
    assert collector.value("OD", "k1_axis_deg") == 1
    assert [issue.code for issue in collector.issues] == ["ocr_flat_axis_from_cylinder"]


def test_the_k1_axis_so_read_is_grounded_on_the_delta_k_axis_word() -> None:
    collector = _collector("91", ("-0,10", "@1°"))
    assert collector.provenance["OD.k1_axis_deg"].text == "@1°"


def test_a_delta_k_axis_read_with_its_degree_sign_as_a_digit_counts_where_every_reading_allows_one_axis() -> None:
    assert _collector("90", ("-0,10", "@02"), ("-0,10", "@0°")).value("OD", "k1_axis_deg") == 0


def test_k1_axis_stays_unread_where_k2_axis_is_not_90_degrees_from_the_delta_k_axis() -> None:
    assert _collector("95", ("-0,10", "@1°")).value("OD", "k1_axis_deg") is None


def test_k1_axis_stays_unread_where_delta_k_pages_disagree_on_its_axis() -> None:
    assert _collector("91", ("-0,10", "@1°"), ("-0,10", "@7°")).value("OD", "k1_axis_deg") is None


def test_k1_axis_stays_unread_where_the_cylinder_is_zero() -> None:
    assert _collector("91", ("0,00", "@1°")).value("OD", "k1_axis_deg") is None
