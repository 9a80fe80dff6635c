"""IOLMaster 700 lens headings garbled by OCR: confirmed by the other boxes of the same eye on a lens page, one OCR
edit away; never from the catalogue alone, the other eye, a formula page, or a reading as near another lens. A
manufacturer some of whose words OCR lost is completed by the boxes of its model on the page. A heading garbled past
what its page confirms is named by its copies: the boxes of its eye that print the same calculation."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster700.boxes import IolBox, split_lens_heading
from biometry.devices.iolmaster700.lens_names import (
    complete_truncated_manufacturers,
    confirm_garbled_headings,
    headings_from_copies,
)
from biometry.devices.measurements import Token
from biometry.document import Line, Word
from biometry.models import EyeSide

FORMULAS = ("Barrett Universal II", "Haigis", "Holladay 2", "SRK/T")


def _box(formula: str, *heading: str) -> IolBox:
    lines = [Line(tuple(Word(w, (0.1, 0.1 * k, 0.2, 0.1 * k + 0.01)) for w in text.split())) for k, text in
             enumerate(heading)]  # fmt: skip
    return IolBox(formula=formula, lens_heading=lines)


def _lens_page(first: tuple[str, ...], rest: tuple[str, ...], side: EyeSide = "OD") -> list[tuple[EyeSide, IolBox]]:
    """One eye's four formula boxes: the first with heading `first`, the three others with `rest`."""
    return [(side, _box(FORMULAS[0], *first)), *[(side, _box(formula, *rest)) for formula in FORMULAS[1:]]]


def _confirmed(boxes: list[tuple[EyeSide, IolBox]]) -> tuple[str | None, str]:
    confirm_garbled_headings(boxes)
    manufacturer, model = split_lens_heading(boxes[0][1].lens_heading)
    return manufacturer, model


JJ_SYMFONY = ("|K| Johnson & Johnson Vision --", "ZXR00 SYMFONY")
ALCON_SN60WF = ("|K| Alcon AcrySof SN60WF",)


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        (("|K| Johnson & Jehnson Vision --", "ZXR00 SYMFONY"), JJ_SYMFONY),  # the manufacturer one letter off
        (("|K| Johnson & Johnson Vision --", "ZXR00 SYMFONV"), JJ_SYMFONY),  # the model one letter off past the fold
        (("|K| Alcen AcrySof SN60WF",), ALCON_SN60WF),  # a one-line heading whose manufacturer OCR misread
    ],
)
def test_a_heading_one_ocr_edit_from_what_the_eyes_other_boxes_read_is_confirmed(
    garbled: tuple[str, ...], clean: tuple[str, ...]
) -> None:
    assert _confirmed(_lens_page(garbled, clean)) == split_lens_heading(_box("", *clean).lens_heading)


def test_the_confirmation_is_noted() -> None:
    notes = confirm_garbled_headings(_lens_page(("|K| Alcen AcrySof SN60WF",), ("|K| Alcon AcrySof SN60WF",)))
    assert [note.code for note in notes] == ["ocr_lens_heading_confirmed"]


def test_a_model_one_edit_from_another_catalogue_lens_too_is_not_confirmed() -> None:
    # SN60AT and SA60AT are both catalogue lenses one letter apart: `SX60AT` could be either
    assert _confirmed(_lens_page(("|K| Alcon AcrySof SX60AT",), ("|K| Alcon AcrySof SN60AT",)))[1] == "AcrySof SX60AT"


def test_a_heading_two_edits_off_is_not_confirmed() -> None:
    assert _confirmed(_lens_page(("|K| Alcon AcrySof SX6XWF",), ("|K| Alcon AcrySof SN60WF",)))[1] == "AcrySof SX6XWF"


def test_a_formula_page_whose_boxes_print_one_formula_confirms_nothing() -> None:
    boxes: list[tuple[EyeSide, IolBox]] = [
        ("OD", _box("Haigis", "|K| Alcon AcrySof SX60WF")),
        *[("OD", _box("Haigis", "|K| Alcon AcrySof SN60WF")) for _ in range(3)],
    ]
    assert _confirmed(boxes)[1] == "AcrySof SX60WF"


def test_the_other_eyes_boxes_confirm_nothing() -> None:
    boxes = [("OD", _box(FORMULAS[0], "|K| Alcon AcrySof SX60WF")), *_lens_page(("|K| Alcon AcrySof SN60WF",) * 1,
             ("|K| Alcon AcrySof SN60WF",), side="OS")]  # fmt: skip
    assert _confirmed(boxes)[1] == "AcrySof SX60WF"


def test_an_eye_whose_other_boxes_read_two_lenses_confirms_nothing() -> None:
    boxes: list[tuple[EyeSide, IolBox]] = [
        ("OD", _box(FORMULAS[0], "|K| Alcon AcrySof SX60WF")),
        ("OD", _box(FORMULAS[1], "|K| Alcon AcrySof SN60WF")),
        ("OD", _box(FORMULAS[2], "|K| Alcon AcrySof SN60WF")),
        ("OD", _box(FORMULAS[3], "|K| Alcon AcrySof SA60AT")),
    ]
    assert _confirmed(boxes)[1] == "AcrySof SX60WF"


def _manufacturers(*headings: tuple[str, ...]) -> list[str | None]:
    boxes = [_box(formula, *heading) for formula, heading in zip(FORMULAS, headings, strict=True)]
    complete_truncated_manufacturers(boxes)
    return [split_lens_heading(box.lens_heading)[0] for box in boxes]


def test_a_manufacturer_read_without_its_last_words_is_completed_by_the_boxes_of_its_model() -> None:
    # a 150-dpi rescan: `Johnson Vision` lost in one heading, `Vision` in another (`Johnson & Johnson` is itself a
    # known manufacturer, so the parser's own check could not see it)
    read = _manufacturers(("|K| Johnson & --", "ZXR00 SYMFONY"), ("|K| Johnson & Johnson -", "ZXR00 SYMFONY"),
                          JJ_SYMFONY, JJ_SYMFONY)  # fmt: skip
    assert read == ["Johnson & Johnson Vision"] * 4


def test_a_manufacturer_read_without_its_first_words_is_completed_by_the_boxes_of_its_model() -> None:
    # a 150-dpi rescan read `|K| & Vision --` over one ZCB00 box: `Johnson & Johnson` lost
    read = _manufacturers(("|K| & Vision --", "ZCB00"), ("|K| Johnson & Johnson Vision -", "ZCB00"),
                          ("|K| Johnson Vision -", "ZCB00"), ("|K| Johnson & Johnson Vision -", "ZCB00"))  # fmt: skip
    assert read == ["Johnson & Johnson Vision"] * 4


def test_a_manufacturer_whose_words_stand_in_another_order_is_not_completed() -> None:
    read = _manufacturers(("|K| Vision Johnson --", "ZCB00"), *[("|K| Johnson & Johnson Vision -", "ZCB00")] * 3)
    assert read[0] == "Vision Johnson"


def test_a_manufacturer_is_not_completed_from_another_model_or_from_a_reading_it_does_not_begin() -> None:
    read = _manufacturers(("|K| Johnson & Johnson --", "ZCB00"), JJ_SYMFONY, ("|K| Alcon AcrySof SN60WF",),
                          ("|K| Johnson & Johnson --", "ZXR00 SYMFONY"))  # fmt: skip
    assert read == ["Johnson & Johnson", "Johnson & Johnson Vision", "Alcon", "Johnson & Johnson Vision"]
    assert _manufacturers(("|K| HOYA --", "ZXR00 SYMFONY"), JJ_SYMFONY, JJ_SYMFONY, JJ_SYMFONY)[0] == "HOYA"


VIVINEX = ("|K| HOYA Vivinex XY1",)
HAIGIS_TABLE = (("+14,00", "-1,04"), ("+13,50", "-0,74"), ("+13,00", "-0,44"), ("+12,50", "-0,14"), ("+12,00", "+0,15"))


def _calculation(heading: tuple[str, ...], table: tuple[tuple[str, str], ...] = HAIGIS_TABLE, a0: str = "-0,911",
                 formula: str = "Haigis") -> IolBox:  # fmt: skip
    box = _box(formula, *heading)
    word = Word("x", (0.1, 0.1, 0.2, 0.11))
    box.constants = {"a0": Token(a0, word), "a1": Token("+0,300", word), "a2": Token("+0,190", word)}
    box.rows = [(Token(power, word), Token(refraction, word), False) for power, refraction in table]
    box.emmetropia = Token("+12,26", word)
    return box


def _named_by_copies(boxes: list[tuple[EyeSide, IolBox]]) -> str:
    headings_from_copies(boxes)
    return split_lens_heading(boxes[0][1].lens_heading)[1]


def test_a_heading_garbled_as_near_two_lenses_is_named_by_its_copies_the_same_calculation_elsewhere() -> None:
    # a 150-dpi rescan of a full printout: `Vivinex xv1` is one edit from Vivinex XY1 and from Vivinex XC1, so the lens
    # page cannot confirm it; the formula pages print the same Haigis calculation of this eye under `Vivinex XY1`
    # (one of them with a sign OCR lost)
    lost_sign = tuple(
        (power, ref.lstrip("-")) if k == 2 else (power, ref) for k, (power, ref) in enumerate(HAIGIS_TABLE)
    )
    boxes: list[tuple[EyeSide, IolBox]] = [
        ("OS", _calculation(("|K| HOYA Vivinex xv1",))),
        ("OS", _calculation(VIVINEX)),
        ("OS", _calculation(VIVINEX, table=lost_sign)),
    ]
    assert _named_by_copies(boxes) == "Vivinex XY1"
    assert [note.code for note in headings_from_copies(boxes)] == []  # named once: nothing garbled is left


def test_the_naming_by_copies_is_noted() -> None:
    notes = headings_from_copies([("OS", _calculation(("|K| HOYA Vivinex xv1",))), ("OS", _calculation(VIVINEX))])
    assert [note.code for note in notes] == ["ocr_lens_heading_from_copy"]


def test_boxes_of_another_calculation_name_nothing() -> None:
    other_rows = tuple((power, "-0,99") if k == 0 else (power, ref) for k, (power, ref) in enumerate(HAIGIS_TABLE))
    copies: list[tuple[EyeSide, IolBox]] = [
        ("OD", _calculation(VIVINEX)),  # the other eye
        ("OS", _calculation(VIVINEX, table=other_rows)),  # another table
        ("OS", _calculation(VIVINEX, a0="-0,769")),  # another constant
        ("OS", _calculation(VIVINEX, formula="SRK/T")),  # another formula
    ]
    for copy in copies:
        assert _named_by_copies([("OS", _calculation(("|K| HOYA Vivinex xv1",))), copy]) == "Vivinex xv1"


def test_copies_that_read_two_lenses_name_nothing() -> None:
    # two lenses of one constant set print the same table: which one the garbled box prints, its copies cannot say
    boxes: list[tuple[EyeSide, IolBox]] = [
        ("OS", _calculation(("|K| HOYA Vivinex xv1",))),
        ("OS", _calculation(VIVINEX)),
        ("OS", _calculation(("|K| HOYA Vivinex XC1",))),
    ]
    assert _named_by_copies(boxes) == "Vivinex xv1"


def test_a_reading_two_edits_from_its_copies_heading_is_not_named() -> None:
    boxes: list[tuple[EyeSide, IolBox]] = [
        ("OS", _calculation(("|K| HOYA Vivinex xv7",))),
        ("OS", _calculation(VIVINEX)),
    ]
    assert _named_by_copies(boxes) == "Vivinex xv7"
