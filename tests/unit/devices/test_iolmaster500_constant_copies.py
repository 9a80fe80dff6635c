"""IOLMaster 500 constants copies: both eyes' copies of a lens's constants line settled by all their readings."""

from __future__ import annotations

from biometry.devices.iolmaster500.box_heads import voted_digits
from biometry.devices.iolmaster500.constant_copies import copies_vote

# f91 frames 0007, SRK II MA60AC: the OD copy reads the regular Times 0 as 6 in four readings of seven (line and
# cell preparations, page pass), the OS copy in one
OD_COPY = ["118.96", "118.96", "118.90", "118.96", "118.96", "118.90", "118.90"]
OS_COPY = ["118.90", "118.96", "118.90", "118.90", "118.90", "118.90", "118.90"]


def test_the_digits_most_readings_of_both_copies_read_settle_them() -> None:
    assert copies_vote(OD_COPY, OS_COPY) == "118.90"


def test_digits_no_reading_of_one_copy_shows_settle_nothing() -> None:
    assert copies_vote(["118.96"] * 7, ["118.90"] * 6) is None


def test_digits_read_by_half_the_readings_settle_nothing() -> None:
    assert copies_vote(["118.96", "118.96", "118.90"], ["118.90", "118.96", "118.90"]) is None


def test_a_haigis_minus_glued_to_its_zero_votes_for_that_zero() -> None:
    assert voted_digits(["-0.111", "6.111", "-O.111", "-0.111", "6.111", "-6.111", "0.111"]) == "0.111"


def test_a_six_before_two_decimals_is_no_glued_minus() -> None:
    assert voted_digits(["6.11", "6.11", "0.11"]) == "6.11"
