"""IOLMaster 700 completeness: a value a page refiner marked doubtful (`?`) is printed and unread, never unprinted.
Every registered refiner runs on every OCR page, another device's too: `AL: ? mm` sends the document to review."""

from __future__ import annotations

from biometry.devices.iolmaster700.null_vote import VALUE, reading_kind
from biometry.devices.iolmaster700.printed import printed
from biometry.extract.refiners import DOUBT
from tests.unit.devices.test_iolmaster700_inventory import as_ocr, truth_of


def test_a_doubted_value_after_a_label_is_a_printed_value() -> None:
    assert reading_kind(DOUBT) == VALUE


def test_a_length_a_refiner_doubted_is_counted_as_printed() -> None:
    al = truth_of("analysis_only").eyes.OD.axial_length_mm  # type: ignore[union-attr]
    document = as_ocr("analysis_only", {f"{al:.2f}".replace(".", ","): DOUBT})
    assert "axial_length_mm" in printed(document).eye_fields["OD"]
