"""IOLMaster 500 K axes OCR read with letters on every page: the meridian 90° from the other K's, where they read it."""

from __future__ import annotations

from biometry.devices.collect import EyeCollector
from biometry.devices.iolmaster500.garbled_axes import GarbledAxes, axes_from_the_other_meridian, garbled_axis
from biometry.devices.measurements import Token, tokens_of
from biometry.document import Word


def _tokens(line: str) -> list[Token]:
    return tokens_of([Word(text, (0.1 + 0.05 * i, 0.2, 0.14 + 0.05 * i, 0.21)) for i, text in enumerate(line.split())])


def _collector_with_k2_axis(axis: int) -> EyeCollector:
    collector = EyeCollector()
    collector.saw("OS")
    word = Word(f"{axis}°", (0.5, 0.3, 0.52, 0.31))
    collector.set_number("OS", "k2_axis_deg", Token(str(axis), word), 2, as_int=True)
    assert collector.value("OS", "k2_axis_deg") == axis
    return collector


def _garbled(*lines: str) -> GarbledAxes:
    found: GarbledAxes = []
    for page, line in enumerate(lines, start=2):
        axis = garbled_axis(_tokens(line), "K1:")
        assert axis is not None
        found.append(("OS", "k1", axis, page))
    return found


def test_the_axis_copy_after_the_at_sign_is_kept_where_ocr_read_its_one_as_a_letter() -> None:
    assert garbled_axis(_tokens("KI: 42.40 D/ 7.96 mm @ L1°"), "K1:") is not None
    assert garbled_axis(_tokens("KI: 42.40 D/7.96 mm@ I°"), "K1:") is not None  # the `@` glued to the unit


def test_an_axis_read_as_a_number_is_no_garbled_copy() -> None:
    assert garbled_axis(_tokens("K1: 42.40 D/ 7.96 mm @ 11°"), "K1:") is None


def test_a_garbled_axis_is_the_meridian_across_the_other_k_axis_where_every_copy_reads_it() -> None:
    # a 300-dpi rescan: `K1: ... @ L1°` and `KI: ... @ I1°` on two IOL pages, `K2: ... @ 101°` on both
    collector = _collector_with_k2_axis(101)
    axes_from_the_other_meridian(_garbled("KI: 42.40 D/ 7.96 mm @ L1°", "KI: 42.40 D/ 7.96 mm @ I1°"), collector)
    assert collector.value("OS", "k1_axis_deg") == 11
    assert [i.code for i in collector.issues] == ["ocr_axis_from_other_meridian"]
    assert collector.issues[0].severity == "info"


def test_a_five_read_as_s_is_read_as_the_meridian_across_the_other_k_axis() -> None:
    # a photo of an IOL page (held-out seed 212): `K1: ... @ 175°`, `K2: ... @ 8S°`
    collector = _collector_with_k2_axis(175)
    axes_from_the_other_meridian(_garbled("K1: 43.77 D/ 7.71 mm @ 8S°"), collector)
    assert collector.value("OS", "k1_axis_deg") == 85


def test_a_copy_that_reads_another_axis_leaves_the_axis_unread() -> None:
    collector = _collector_with_k2_axis(101)
    axes_from_the_other_meridian(_garbled("KI: 42.40 D/ 7.96 mm @ L1°", "KI: 42.40 D/ 7.96 mm @ I°"), collector)
    assert collector.value("OS", "k1_axis_deg") is None


def test_an_axis_is_never_taken_from_the_other_meridian_that_the_copy_does_not_read() -> None:
    collector = _collector_with_k2_axis(97)  # across: 7°, the copy reads 1°
    axes_from_the_other_meridian(_garbled("KI: 42.40 D/7.96 mm@ I°"), collector)
    assert collector.value("OS", "k1_axis_deg") is None


def test_without_the_other_axis_a_garbled_axis_stays_unread() -> None:
    collector = EyeCollector()
    collector.saw("OS")
    axes_from_the_other_meridian(_garbled("KI: 42.40 D/7.96 mm@ I°"), collector)
    assert collector.value("OS", "k1_axis_deg") is None
