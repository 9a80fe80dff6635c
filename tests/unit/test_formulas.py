"""The formula and lens-constant vocabulary: printed and OCR-misread labels to contract names."""

from __future__ import annotations

import pytest

from biometry.formulas import constant_name, formula_name


@pytest.mark.parametrize(
    ("printed", "name"),
    [("A const.:", "a_constant"), ("A cconst.:", "a_constant"), ("Aconst.", "a_constant"), ("AO:", "a0"), ("LF", "lf")],
)
def test_constant_labels_as_printed_and_as_ocr_reads_them(printed: str, name: str) -> None:
    assert constant_name(printed) == name


def test_an_unknown_constant_label_comes_back_as_its_key_to_be_reported() -> None:
    assert constant_name("Z const.:") == "zconst"


@pytest.mark.parametrize(("printed", "name"), [("SRK®/T", "SRK/T"), ("Barrett Universal II", "Barrett Universal II")])
def test_formula_names_as_printed(printed: str, name: str) -> None:
    assert formula_name(printed) == name


def test_constants_a_formula_always_shows_that_were_not_read_are_named() -> None:
    from biometry.formulas import missing_constants

    assert missing_constants("Haigis", ["a0"]) == ["a1", "a2"]
    assert (missing_constants("Hoffer Q", ["pacd"]), missing_constants("Kane", []), missing_constants(None, [])) == (
        [],
        [],
        [],
    )
