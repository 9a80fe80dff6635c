"""A speck OCR reads as a point between two letters of a lens code (`Z.CB00`) is no part of the name; a bold Z read as
2 (`2CB00`) is the Z."""

from __future__ import annotations

from biometry.grounding import GroundingIndex
from biometry.lens_catalogue import IOL_MODELS, catalogue_name, ocr_fold
from biometry.models import Provenance
from tests.factories import document_of


def test_a_point_between_two_letters_of_a_lens_code_folds_away() -> None:
    assert ocr_fold("Z.CB00") == ocr_fold("ZCB00")


def test_a_point_between_digits_is_kept() -> None:
    assert ocr_fold("119.3") != ocr_fold("1193")


def test_a_reading_with_a_speck_in_its_code_stands_for_the_catalogue_lens() -> None:
    assert catalogue_name("TECNIS Z.CB00") == "TECNIS ZCB00"


def test_an_ocr_page_that_prints_the_code_with_a_speck_grounds_the_code() -> None:
    index = GroundingIndex(document_of(["Opt A119.3Z.CB00"], source="ocr"))
    assert index.confirms(Provenance(page=1, bbox=(0.0, 0.0, 1.0, 1.0), text=""), "ZCB00")


def test_a_bold_z_read_as_2_stands_for_the_catalogue_lens() -> None:
    # held-out 150-dpi rescan (seed 235): `ZCB00` under a two-line heading read alone `2CB00` by two preparations
    assert catalogue_name("2CB00") == "ZCB00"


def test_no_two_catalogue_models_fold_together() -> None:
    # (`EYHANCE` and `Eyhance` are one lens, printed both ways)
    assert len({ocr_fold(name) for name in IOL_MODELS}) == len({name.casefold() for name in IOL_MODELS})
