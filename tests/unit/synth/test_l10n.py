"""Numbers and dates print the way the device's locale prints them."""

from __future__ import annotations

import datetime as dt

from biometry.synth.l10n import date, number


def test_decimal_comma_replaces_point() -> None:
    assert number(23.41, 2, "comma") == "23,41"


def test_powers_carry_an_explicit_plus() -> None:
    assert number(21.5, 2, "point", signed=True) == "+21.50"


def test_negative_zero_prints_as_plus_zero() -> None:
    assert number(-0.001, 2, "comma", signed=True) == "+0,00"


def test_unsigned_negative_keeps_its_minus() -> None:
    assert number(-2.1, 2, "comma") == "-2,10"


def test_english_dates_put_the_month_first() -> None:
    assert date(dt.date(2024, 11, 12), "en") == "11/12/2024"


def test_german_dates_use_dots() -> None:
    assert date(dt.date(2024, 11, 12), "de") == "12.11.2024"
