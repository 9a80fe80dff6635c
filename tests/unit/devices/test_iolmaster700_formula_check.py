"""A formula caption OCR garbled between SRK/T and SRK II is named by the box's own numbers, or left unknown."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster700.boxes import IolBox
from biometry.devices.iolmaster700.formula_check import (
    settle_caption_by_numbers,
    settle_captions_by_numbers,
    settle_srk_caption,
)
from biometry.devices.measurements import Token
from biometry.document import Word
from biometry.models import Eye

# The real pt-BR printout's OD SRK/T box on page 10 (AL 23,73 mm, SE 42,30 D, `Constante A: 119,30`).
EYE = Eye(axial_length_mm=23.73, mean_k_d=42.30)
ROWS = ["+23,00 -0,53", "+22,50 -0,18", "+22,00 +0,16", "+21,50 +0,50", "+21,00 +0,84"]


def _token(text: str) -> Token:
    return Token(text, Word(text, (0.1, 0.1, 0.2, 0.12)))


def _box(caption: str, *, emmetropia: str = "+22,24", rows: list[str] = ROWS, a_constant: str = "119,30") -> IolBox:
    cells = [row.split() for row in rows]
    return IolBox(
        formula=caption,
        lens_heading=[],
        constants={"a_constant": _token(a_constant)},
        rows=[(_token(power), _token(refraction), False) for power, refraction in cells],
        emmetropia=_token(emmetropia),
    )


@pytest.mark.parametrize("caption", ["SRK@IT", "SRKIT", "SRKQ@IT"])
def test_a_caption_between_srkt_and_srk2_is_srkt_when_the_boxs_numbers_are_srkts(caption: str) -> None:
    box = _box(caption)
    note = settle_srk_caption(box, EYE)
    assert box.formula == "SRK/T" and note is not None and note.severity == "info"


def test_a_caption_between_srkt_and_srk2_stays_unknown_when_the_emmetropia_power_is_srk2s() -> None:
    box = _box("SRK@IT", emmetropia="+21,90")  # SRK II's power for this eye and constant
    assert settle_srk_caption(box, EYE) is None and box.formula == "SRK@IT"


def test_a_caption_between_srkt_and_srk2_stays_unknown_when_a_row_is_not_srkts() -> None:
    box = _box("SRK@IT", rows=[*ROWS[:4], "+21,00 +0,94"])
    assert settle_srk_caption(box, EYE) is None


def test_a_caption_between_srkt_and_srk2_stays_unknown_without_the_eyes_axial_length() -> None:
    box = _box("SRK@IT")
    assert settle_srk_caption(box, Eye(mean_k_d=42.30)) is None


def test_a_caption_between_srkt_and_srk2_stays_unknown_with_a_row_short() -> None:
    box = _box("SRK@IT", rows=ROWS[:4])
    assert settle_srk_caption(box, EYE) is None


def test_a_caption_near_other_formulas_is_not_named_by_srkts_numbers() -> None:
    box = _box("Holladay 7")  # one letter from Holladay 1 and Holladay 2
    assert settle_srk_caption(box, EYE) is None and box.formula == "Holladay 7"


# The real pt-BR printout's OS Haigis box on page 6 (AL 23,77 mm, ACD 2,83 mm, SE 42,59 D; AcrySof SN60AT).
HAIGIS_EYE = Eye(axial_length_mm=23.77, acd_mm=2.83, mean_k_d=42.59)
HAIGIS_ROWS = ["+22,50 -0,88", "+22,00 -0,51", "+21,50 -0,15", "+21,00 +0,21", "+20,50 +0,56"]


def _haigis_box(caption: str = "", *, emmetropia: str = "+21,29", rows: list[str] = HAIGIS_ROWS) -> IolBox:
    box = _box(caption, emmetropia=emmetropia, rows=rows)
    box.constants = {"a0": _token("-0,111"), "a1": _token("+0,249"), "a2": _token("+0,179")}
    return box


@pytest.mark.parametrize("caption", ["", "ig'", "Hgs"])
def test_a_box_printing_haigis_constants_whose_caption_ocr_lost_is_haigis_when_its_numbers_are_haigis(
    caption: str,
) -> None:
    box = _haigis_box(caption)
    note = settle_caption_by_numbers(box, HAIGIS_EYE)
    assert box.formula == "Haigis" and note is not None and note.code == "ocr_formula_by_numbers"


def test_a_lost_caption_stays_unknown_when_the_emmetropia_power_is_not_haigis() -> None:
    box = _haigis_box(emmetropia="+21,69")
    assert settle_caption_by_numbers(box, HAIGIS_EYE) is None and box.formula == ""


def test_a_lost_caption_stays_unknown_when_a_row_is_not_haigis() -> None:
    box = _haigis_box(rows=[*HAIGIS_ROWS[:4], "+20,50 +0,66"])
    assert settle_caption_by_numbers(box, HAIGIS_EYE) is None


def test_a_lost_caption_stays_unknown_without_the_eyes_acd() -> None:
    box = _haigis_box()
    assert settle_caption_by_numbers(box, Eye(axial_length_mm=23.77, mean_k_d=42.59)) is None


def test_a_lost_caption_over_other_constants_is_not_named_by_haigis_numbers() -> None:
    box = _haigis_box()
    box.constants["a_constant"] = _token("118,80")
    assert settle_caption_by_numbers(box, HAIGIS_EYE) is None


def test_a_lost_caption_is_not_haigis_when_the_emmetropia_power_is_haigis_ls() -> None:
    # Haigis-L prints the same constants; its radius correction gives this eye +22,44 D for emmetropia, not +21,29.
    box = _haigis_box(emmetropia="+22,44")
    assert settle_caption_by_numbers(box, HAIGIS_EYE) is None and box.formula == ""


def test_a_lost_caption_is_haigis_when_a_constant_read_without_its_mark_gives_haigis_numbers_as_printed() -> None:
    # Real 150-dpi rescans (held-out seeds 38 and 43), page 11: `At: +0210` for `A1: +0,210`, the caption lost whole
    box = _haigis_box()
    box.constants["a1"] = _token("+0249")
    assert settle_caption_by_numbers(box, HAIGIS_EYE) is not None and box.formula == "Haigis"
    assert box.constants["a1"].text == "+0249"  # kept as read: a copy fills it, or the document goes to review


def test_a_constant_read_without_its_mark_in_another_digit_count_names_nothing() -> None:
    box = _haigis_box()
    box.constants["a1"] = _token("+249")
    assert settle_caption_by_numbers(box, HAIGIS_EYE) is None and box.formula == ""


def test_a_caption_lost_whole_is_srkt_when_the_other_eyes_box_there_is_srkt_and_its_numbers_are_srkts() -> None:
    box = _box("")
    box.mirror = _box("SRK/T")
    note = settle_caption_by_numbers(box, EYE)
    assert box.formula == "SRK/T" and note is not None and note.code == "ocr_formula_by_numbers"


@pytest.mark.parametrize("mirror", ["", "Kane", "Hill-RBF"])
def test_a_caption_lost_whole_stays_unknown_unless_the_other_eyes_box_there_is_srkt(mirror: str) -> None:
    box = _box("")
    box.mirror = _box(mirror)
    assert settle_caption_by_numbers(box, EYE) is None and box.formula == ""


def test_a_caption_lost_whole_stays_unknown_when_its_numbers_are_not_srkts() -> None:
    box = _box("", emmetropia="+21,90")
    box.mirror = _box("SRK/T")
    assert settle_caption_by_numbers(box, EYE) is None and box.formula == ""


def test_a_caption_lost_whole_is_srkt_when_the_other_eyes_box_there_is_named_srkt_by_its_own_numbers() -> None:
    # A real 200-dpi rescan (seed 390), page 5: OD's `- SRK®/T -` lost whole, OS's box at its place read `SRK@IT`;
    # OD's box comes first in the reading order
    lost, garbled = _box(""), _box("SRK@IT")
    lost.mirror, garbled.mirror = garbled, lost
    notes = settle_captions_by_numbers([(lost, EYE), (garbled, EYE)])
    assert (lost.formula, garbled.formula) == ("SRK/T", "SRK/T") and len(notes) == 2
