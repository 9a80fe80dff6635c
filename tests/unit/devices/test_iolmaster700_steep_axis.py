"""IOLMaster 700 K2 / TK2 axes: a copy garbled on every page (`@/7°`) is the axis 90° from K1's only where its own
digits print it; never taken from K1 alone."""

from __future__ import annotations

from biometry.devices.iolmaster700.cylinder import CylinderCollector
from biometry.devices.iolmaster700.steep_axis import steep_axes_from_flat, store_garbled_axes
from biometry.devices.measurements import Token
from biometry.document import Word


def _tokens(*texts: str) -> list[Token]:
    return [Token(text, Word(text, (0.1 * k, 0.5, 0.1 * k + 0.05, 0.51))) for k, text in enumerate(texts)]


def _collector(flat_axis: int, *k2_row: str) -> CylinderCollector:
    collector = CylinderCollector()
    collector.set_number("OS", "k1_axis_deg", _tokens(str(flat_axis))[0], 2, as_int=True)
    store_garbled_axes(_tokens("ΔK:", "-1,89", "D", "@", "97°", *k2_row, "SD:", "0,02", "D"), "OS", 2, collector)
    return collector


def test_a_k2_axis_garbled_on_every_page_is_the_one_90_degrees_from_k1_its_digits_print() -> None:
    collector = _collector(97, "K2:", "45,61", "D", "@", "/7°")
    steep_axes_from_flat(collector)
    assert collector.value("OS", "k2_axis_deg") == 7
    assert any(issue.code == "ocr_steep_axis_from_flat" for issue in collector.issues)


def test_a_garbled_copy_whose_digits_print_another_axis_stays_unread() -> None:
    collector = _collector(97, "K2:", "45,61", "D", "@", "/4°")  # 4° is no meridian 90° from 97°
    steep_axes_from_flat(collector)
    assert collector.value("OS", "k2_axis_deg") is None


def test_a_k2_axis_lost_without_a_garbled_copy_is_never_taken_from_k1() -> None:
    collector = _collector(97, "K2:", "45,61", "D")
    steep_axes_from_flat(collector)
    assert collector.value("OS", "k2_axis_deg") is None


def test_an_axis_read_cleanly_is_no_garbled_copy() -> None:
    collector = _collector(97, "K2:", "45,61", "D", "@", "7°")
    assert collector.garbled_axes["OS"] == {}
