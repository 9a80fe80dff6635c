"""The eye collector: values per eye with provenance; a value read differently in two places is a conflict."""

from __future__ import annotations

from biometry.devices.collect import EyeCollector
from biometry.devices.measurements import Token
from biometry.document import Word


def collected(*readings: str) -> EyeCollector:
    collector = EyeCollector()
    for page, text in enumerate(readings, start=1):
        collector.set_number("OS", "keratometric_index", Token(text, Word(text, (0.1, 0.1, 0.2, 0.12))), page)
    return collector


def codes(collector: EyeCollector) -> list[str]:
    return [i.code for i in collector.issues]


def test_a_value_read_two_ways_is_a_conflict() -> None:
    assert codes(collected("1,3375", "1,3315")) == ["conflicting_values"]


def test_a_single_ocr_misread_outvoted_by_many_pages_is_dropped_with_a_note() -> None:
    collector = collected(*["1,3375"] * 4, "41,3375", "1,3375")
    collector.outvote_misreads()
    assert collector.value("OS", "keratometric_index") == 1.3375
    assert codes(collector) == ["ocr_misread_outvoted"]
    assert collector.provenance["OS.keratometric_index"].page == 1


def test_two_readings_against_one_or_three_against_two_stay_a_conflict() -> None:
    for readings in (("1,3375", "1,3375", "1,3315"), ("1,3375",) * 3 + ("1,3315",) * 2):
        collector = collected(*readings)
        collector.outvote_misreads()
        assert set(codes(collector)) == {"conflicting_values"}


def garbled_copies(readable: int, garbled: int) -> EyeCollector:
    collector = collected(*["1,3375"] * readable)
    for _ in range(garbled):
        collector.issue("unreadable_value", "OS keratometric_index: '1,33/5'", side="OS", field="keratometric_index")
    return collector


def test_an_unreadable_copy_outvoted_by_many_agreeing_pages_is_dropped_with_a_note() -> None:
    collector = garbled_copies(readable=3, garbled=1)
    collector.outvote_unreadable()
    assert codes(collector) == ["ocr_misread_outvoted"]
    assert collector.value("OS", "keratometric_index") == 1.3375


def test_an_unreadable_copy_against_too_few_readings_stays_an_error() -> None:
    for readable, garbled in ((2, 1), (3, 2)):
        collector = garbled_copies(readable, garbled)
        collector.outvote_unreadable()
        assert set(codes(collector)) == {"unreadable_value"}


def test_an_unreadable_copy_beside_disagreeing_readings_stays_an_error() -> None:
    collector = collected("1,3375", "1,3375", "1,3375", "1,3315")
    collector.issue("unreadable_value", "OS keratometric_index: '1,33/5'", side="OS", field="keratometric_index")
    collector.outvote_unreadable()
    assert "unreadable_value" in codes(collector)


def radii(*readings: str) -> EyeCollector:
    collector = EyeCollector()
    for page, text in enumerate(readings, start=1):
        collector.set_number("OD", "k2_radius_mm", Token(text, Word(text, (0.1, 0.1 * page, 0.2, 0.1 * page))), page)
    return collector


def test_a_reading_outside_the_plausible_range_gives_way_to_the_one_inside_it() -> None:
    collector = radii("3.77", "7.71", "7.71")
    collector.drop_impossible_readings()
    assert collector.value("OD", "k2_radius_mm") == 7.71
    assert codes(collector) == ["ocr_misread_outvoted"]
    assert collector.provenance["OD.k2_radius_mm"].page == 2


def test_readings_inside_the_range_that_disagree_stay_a_conflict() -> None:
    collector = radii("3.77", "7.71", "7.17")
    collector.drop_impossible_readings()
    assert set(codes(collector)) == {"conflicting_values"}


def test_a_lone_reading_outside_the_range_stays_for_the_validator() -> None:
    collector = radii("3.77")
    collector.drop_impossible_readings()
    assert collector.value("OD", "k2_radius_mm") == 3.77 and codes(collector) == []
