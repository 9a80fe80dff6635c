"""IOLMaster 500 emmetropia powers: a majority of all readings settles a power the rows' line cannot."""

from __future__ import annotations

from biometry.devices.iolmaster500.emmetropia_votes import line_power, majority


def test_the_power_more_than_half_the_readings_read_wins() -> None:
    # f91 frames 0023, Hoffer Q: line and cell preparations read 18.58, the page pass an 8 as 3
    assert majority(["18.58", "18.58", "18.58", "18.58", "18.58", "18.58", "18.53"]) == "18.58"


def test_half_the_readings_win_nothing() -> None:
    assert majority(["18.58", "18.58", "18.53", "18.53"]) is None


def test_readings_not_in_the_printed_form_count_against_every_power() -> None:
    assert majority(["18.58", "18.58", "18.5", "1858", "-18.58"]) is None


def test_a_speck_read_after_the_power_of_the_whole_line_is_no_part_of_it() -> None:
    # seed-171 rescan 0007, SRK II: two of the line's three preparations read a speck after 16.77
    assert [line_power(t) for t in ("Emme.IOL:16.77~", "Emme.TOL:16.77©", "Emme.IOL:16.77")] == ["16.77"] * 3


def test_a_digit_read_after_the_power_of_the_whole_line_stays_and_counts_against_it() -> None:
    assert line_power("Emme.IOL:16.777") == "16.777"
    assert majority([line_power("Emme.IOL:16.777"), "16.77"]) is None
