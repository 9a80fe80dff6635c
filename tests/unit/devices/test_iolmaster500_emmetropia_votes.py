"""IOLMaster 500 emmetropia powers: a majority of all readings settles a power the rows' line cannot."""

from __future__ import annotations

from biometry.devices.iolmaster500.emmetropia_votes import majority


def test_the_power_more_than_half_the_readings_read_wins() -> None:
    # f91 frames 0023, Hoffer Q: line and cell preparations read 18.58, the page pass an 8 as 3
    assert majority(["18.58", "18.58", "18.58", "18.58", "18.58", "18.58", "18.53"]) == "18.58"


def test_half_the_readings_win_nothing() -> None:
    assert majority(["18.58", "18.58", "18.53", "18.53"]) is None


def test_readings_not_in_the_printed_form_count_against_every_power() -> None:
    assert majority(["18.58", "18.58", "18.5", "1858", "-18.58"]) is None
