"""Normalisers: every glyph and number-format trap of real reports."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biometry.normalize import (
    canonical,
    canonical_label,
    date_order_hint,
    is_missing,
    ocr_cell_number,
    parse_date,
    parse_number,
)


@pytest.mark.parametrize(
    ("printed", "value"),
    [("+21,50", 21.5), ("23.41", 23.41), ("-2,10", -2.1), ("541", 541.0), ("1,3375", 1.3375), ("−0,25", -0.25)],
)
def test_numbers_read_with_either_decimal_mark(printed: str, value: float) -> None:
    assert parse_number(printed) == value


@pytest.mark.parametrize("printed", ["---", "--", "", "mm", "23,41mm", "1.2.3", "+21,50+21,50"])
def test_anything_but_one_plain_number_is_not_a_number(printed: str) -> None:
    assert parse_number(printed) is None


@pytest.mark.parametrize("printed", ["---", "--", " --- "])
def test_dashes_mean_missing_not_zero(printed: str) -> None:
    assert is_missing(printed)
    assert parse_number(printed) is None


@pytest.mark.parametrize("label", ["˂K:", "(cid:706)K:", "∆K:", "AK:", "ΔK:"])
def test_every_delta_glyph_variant_becomes_delta_k(label: str) -> None:
    assert canonical_label(label) == "ΔK:"


def test_ocr_delta_tk_is_recognised() -> None:
    assert canonical_label("ATK:") == "ΔTK:"


@pytest.mark.parametrize(
    ("read", "label"), [("«1:", "K1:"), ("«2:", "K2:"), ("T«1:", "TK1:"), ("«1:41,45D", "K1:41,45D")]
)
def test_a_k_read_as_a_guillemet_before_its_number_and_colon_is_the_k_label(read: str, label: str) -> None:
    assert canonical_label(read) == label


def test_a_guillemet_elsewhere_stays_as_read() -> None:
    assert canonical_label("«3:") == "«3:"


def test_micro_and_degree_variants_are_unified() -> None:
    assert canonical("541 μm @ 95º") == "541 µm @ 95°"


def test_decimal_comma_is_only_read_inside_numbers() -> None:
    assert parse_number(",5") is None
    assert parse_number("5,") is None


def test_date_order_comes_from_an_unambiguous_date() -> None:
    assert date_order_hint(["03/04/2024", "25/04/2024"]) is True
    assert date_order_hint(["04/25/2024"]) is False
    assert date_order_hint(["03/04/2024"]) is None


def test_date_order_is_told_only_where_every_unambiguous_date_agrees() -> None:
    # a `10` read `18` makes one date of a month-first printout day-first: the dates disagree, no order is told
    assert date_order_hint(["11/29/2023", "18/11/2023", "11/29/2023"]) is None
    assert date_order_hint(["18/11/2023", "11/29/2023"]) is None
    assert date_order_hint(["29/11/2023", "03/04/2024", "29/11/2023"]) is True
    # a date that is no real date either way tells nothing (`31/02`: February has no 31st; `45/04`: no month 45)
    assert date_order_hint(["31/02/2024", "04/25/2024"]) is False
    assert date_order_hint(["45/04/2024"]) is None
    assert date_order_hint(["2024-04-25", "25/04/2024"]) is True  # ISO dates tell nothing


def test_ambiguous_date_without_a_hint_is_not_guessed() -> None:
    assert parse_date("03/04/2024", None) is None
    assert parse_date("03/04/2024", True) == date(2024, 4, 3)
    assert parse_date("2024-04-03", None) == date(2024, 4, 3)


@given(st.decimals(min_value=-99, max_value=99, places=2, allow_nan=False, allow_infinity=False))
def test_any_printed_two_decimal_number_round_trips(value: object) -> None:
    text = f"{value:+.2f}"
    assert parse_number(text.replace(".", ",")) == parse_number(text) == float(text)


@pytest.mark.parametrize("ocr_read", ["==", "-—-", "~~", "—_"])
def test_dashes_as_ocr_reads_them_mean_missing(ocr_read: str) -> None:
    assert is_missing(ocr_read)


@pytest.mark.parametrize(
    ("ocr_read", "printed"),
    [("-l.l", "-1.1"), ("~1.60", "-1.60"), ("\u201c1.13", "-1.13"), ("Q.3", "0.3"), ("L7.5", "17.5"), ("-O.1", "-0.1")],
)
def test_a_courier_cell_ocr_garbled_is_spelled_as_printed(ocr_read: str, printed: str) -> None:
    assert ocr_cell_number(ocr_read) == printed


@pytest.mark.parametrize("text", ["-1.13", "17.5", "L735", "Le.0", "ACD:"])
def test_a_number_spelled_right_or_no_number_is_no_garbled_cell(text: str) -> None:
    assert ocr_cell_number(text) is None
