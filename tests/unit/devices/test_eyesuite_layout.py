"""The real EyeSuite IOL layout on hand-built OCR pages: blocks side by side, glued labels, repeats, empty boxes."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from biometry.devices.collect import EyeCollector
from biometry.devices.eyesuite.header import measurement_line
from biometry.devices.eyesuite.iol import constant_problems, read_blocks, row_problems
from biometry.devices.eyesuite.parser import Eyesuite, _without_plots
from biometry.devices.eyesuite.values import index_token, rows_of
from biometry.devices.measurements import Token
from biometry.document import Document, Line, Page, Word
from biometry.lens_catalogue import is_known_model
from biometry.models import BiometryResult, IolCalculation, IolRow
from biometry.parse import parse_document
from biometry.rules import check_iol
from tests.factories import document_of

WORD_STEP, WORD_WIDTH, LINE_STEP, LINE_HEIGHT, COLUMN_STEP = 0.045, 0.04, 0.025, 0.012, 0.22
HALF_X = {"OD": 0.05, "OS": 0.55}
HEADER = ("exemplo, maria, 04/23/1950", "ID 0000000")  # EyeSuite IOL 4.12 prints no labels in its header
MEASUREMENTS = [
    "Phakic",
    "ES 900 Sep 27, 2024 - 0 (n=1.3375)",
    "AL [mm] 25.25 K1 [D/mm/°] 42.60/7.92@ 14",
    "CCT [um] 484 K2 [D/mm/°] 43.61/7.74@ 104",
    "AD [mm] 3.23 K [D/mm] 43.10/7.83",
    "ACD [mm] 3.72 +AST [D/°] 1.01 @ 104",
    "LT [mm] 4.08 Q 0.21",
    "WTW [mm] 12.95",
    "Target Refraction: 0.00",
]
TABLE = ["IOL [D] Eye [D]", "15.00 0.63", "15.50 0.30", "16.00 -0.03", "16.50 -0.37", "17.00 -0.71"]
BOX = ["SYNERGY", "AMO", *TABLE, "Barrett (measured)", "LF=2.04 / DF=4.50"]
EMPTY_BOX = ["EYHANCE TORICA", "AMO", "Hill RBF + Abulafia-Koch"]


def half(side: str, lines: list[str]) -> list[Word]:
    """An eye's half of a page: its label, then the lines, words left to right in even steps."""
    words = [Word(side, (HALF_X[side], 0.08, HALF_X[side] + 0.05, 0.1))]
    for row, line in enumerate(lines):
        y = 0.11 + LINE_STEP * row
        for column, part in enumerate(line.split("\t")):  # a tab starts the second block column
            for col, text in enumerate(part.split()):
                x = HALF_X[side] + COLUMN_STEP * column + WORD_STEP * col
                words.append(Word(text, (x, y, x + WORD_WIDTH, y + LINE_HEIGHT)))
    return words


def page(number: int, od: list[str], os_: list[str]) -> Page:
    header = [
        Word(text, (0.05 + 0.1 * i, 0.02 + 0.02 * row, 0.14 + 0.1 * i, 0.035 + 0.02 * row))
        for row, line in enumerate(HEADER)
        for i, text in enumerate(line.split())
    ]
    words = header + half("OD", od) + half("OS", os_)
    return Page(number=number, width_pt=595, height_pt=842, source="ocr", words=words)


def report(*pages: tuple[list[str], list[str]]) -> BiometryResult:
    document = Document("scan.pdf", "application/pdf", "0" * 64, [page(i + 1, *p) for i, p in enumerate(pages)])
    return parse_document(document)


def line_of(text: str) -> Line:
    return document_of([text], source="ocr").pages[0].lines[0]


def rows(text: str) -> list[tuple[str, str]]:
    return [(row.key, row.text) for row in rows_of(line_of(text))]


def errors(result: BiometryResult) -> set[str]:
    return {i.code for i in result.extraction.issues if i.severity == "error"}


# Labels, units and values as OCR reads them.


def test_a_label_glued_to_its_unit_and_value_is_split_by_the_label_vocabulary() -> None:
    assert rows("K2[D/mm/°]43.61/7.74@104") == [("K2", "43.61/7.74@104")]


def test_white_to_white_read_as_wiw_with_its_bracket_read_as_i_is_still_wtw() -> None:
    assert rows("WIWImm]12.95") == [("WTW", "12.95")]


def test_white_to_white_with_its_t_read_as_a_trade_mark_sign_is_still_wtw() -> None:
    assert rows("W™W [mm] 12.95") == [("WTW", "12.95")]


def test_white_to_white_with_a_trade_mark_sign_read_after_its_t_is_still_wtw() -> None:
    # photos of page 2 (held-out seed 246): `WT™W [mm]12.95`
    assert rows("WT™W [mm]12.95") == [("WTW", "12.95")]


def test_white_to_white_with_its_t_read_as_i_and_t_is_still_wtw() -> None:
    assert rows("WITW [mm]12.85") == [("WTW", "12.85")]


def test_central_corneal_thickness_with_its_t_read_as_r_is_still_cct() -> None:
    # held-out photo (seed 197) of page 4: the OS `CCT [µm] 514` read `ccr [um] 514`
    assert rows("ccr [um] 514") == [("CCT", "514")]


def test_two_blocks_side_by_side_on_one_line_are_two_rows() -> None:
    assert rows("CCT [um] 484 K2 [D/mm/°] 43.61/7.74@ 104") == [("CCT", "484"), ("K2", "43.61/7.74@104")]


def test_an_icon_between_two_blocks_is_not_part_of_a_value() -> None:
    assert rows("AL [mm] 24.82 ~ K1 [D/mm/°] 42.68/7.91@ 8")[0] == ("AL", "24.82")


def test_an_at_sign_with_no_axis_after_it_is_an_icon_not_part_of_the_value() -> None:
    assert rows("WTW [mm] 12.95 @") == [("WTW", "12.95")]


def test_a_label_glued_inside_a_word_after_a_value_starts_a_new_row() -> None:
    assert rows("WTW [mm] 12.95\\SimPK1[D/mm/°]-5.46/7.32@179")[0] == ("WTW", "12.95")


@pytest.mark.parametrize("glued", ["WIW[mm]12.85)", "WTW [mm] 12.85»"])
def test_icon_remains_glued_to_a_value_are_not_part_of_it(glued: str) -> None:
    assert rows(glued) == [("WTW", "12.85")]


def test_a_quote_before_a_number_is_kept_for_the_minus_sign_it_may_be() -> None:
    assert rows("Q “0.19") == [("Q", "“0.19")]


@pytest.mark.parametrize("glued", ["AL [mm]25.25-_-", "AL -- [mm]25.25", "AL [mm] 25.25 -_-"])
def test_dashes_and_a_unit_glued_to_a_number_are_not_part_of_it(glued: str) -> None:
    assert rows(glued) == [("AL", "25.25")]


@pytest.mark.parametrize(
    ("line", "row"),
    [
        # a real Eyestar photo of page 4 (seed 397)
        ("WTW [mm] 12.95 & SimPK1[0/mm/*) -5.46/7.32@ 179", ("WTW", "12.95")),
        # one of page 3 (held-out seed 315): the D read `D0`
        ("WTW [mm] 12.85 SimPK1[D0/mm/*] -5.49/7.29@ 172", ("WTW", "12.85")),
    ],
)
def test_a_label_whose_unit_bracket_ocr_read_with_a_zero_for_its_d_still_ends_the_row_before_it(
    line: str, row: tuple[str, str]
) -> None:
    assert rows(line)[0] == row


def test_a_speck_read_as_a_small_letter_before_a_unit_glued_to_its_number_is_not_part_of_it() -> None:
    # A real Eyestar photo (seed 390): `WW i[mm)12.95`, the unit's `]` read as `)`
    assert rows("WTW i[mm)12.95") == [("WTW", "12.95")]


def test_wtw_read_with_a_letter_before_its_t_is_wtw() -> None:
    # a photo of the real Eyestar's page 1 (held-out seed 366): OD `WMTW [mm]12.95`, its value printed and unread
    assert rows("WMTW [mm]12.95") == [("WTW", "12.95")]


def test_cct_read_with_an_e_for_its_first_c_is_cct() -> None:
    # a photo of the real Eyestar's page 2 (held-out seed 373): OD `ca ECT [um] 484`, its value printed and unread
    assert rows("ca ECT [um] 484") == [("CCT", "484")]


def test_a_units_bracket_read_as_a_small_i_before_a_number_glued_to_it_is_part_of_the_unit() -> None:
    # a photo of the real Eyestar's page 2 (held-out seed 363): OS `WW imm]12.85`, its value printed and unread
    assert rows("WW imm]12.85") == [("WW", "12.85")]


@pytest.mark.parametrize("speck", ["“", "'", '"'])
def test_a_speck_read_as_a_quote_mark_before_a_label_leaves_the_label_a_label(speck: str) -> None:
    assert rows(f"{speck}CCT [ym] 514") == [("CCT", "514")]


def test_a_rule_read_as_dashes_before_a_label_leaves_the_label_a_label() -> None:
    assert rows("AL[mm]25.25 -_-K1 [D/mm/°] 42.60/7.92@ 14") == [("AL", "25.25"), ("K1", "42.60/7.92@14")]


@pytest.mark.parametrize("text", ["ADAPT/HOYA", "Anterior Cornea", "Alcon AMO"])
def test_a_word_that_only_starts_like_a_label_is_not_a_row(text: str) -> None:
    assert rows(text) == []


def test_dashes_stay_a_value_so_that_they_are_read_as_not_measured() -> None:
    assert rows("LT [mm] ---") == [("LT", "---")]


# Lens blocks as EyeSuite IOL 4.12 prints them.


def tokens(pairs: list[tuple[float, float]]) -> list[tuple[Token, Token, bool]]:
    word = Word("x", (0, 0, 0.1, 0.1))
    return [(Token(f"{p:.2f}", word), Token(f"{r:.2f}", word), False) for p, r in pairs]


def test_a_table_printed_from_low_to_high_power_is_a_valid_table() -> None:
    rising = [(15.0, 0.63), (15.5, 0.3), (16.0, -0.03), (16.5, -0.37), (17.0, -0.71)]
    assert row_problems(tokens(rising)) == []


def test_a_table_whose_powers_turn_back_is_not_valid() -> None:
    turning = [(15.0, 0.63), (15.5, 0.3), (16.0, -0.03), (15.5, 0.3), (15.0, 0.63)]
    assert "IOL powers are not in 0.50 D steps" in row_problems(tokens(turning))


def test_a_lost_minus_on_a_value_near_zero_makes_the_table_uneven() -> None:
    lost_minus = [(15.0, 0.63), (15.5, 0.3), (16.0, 0.03), (16.5, -0.37), (17.0, -0.71)]
    assert "refraction steps are uneven" in row_problems(tokens(lost_minus))


def test_two_rows_as_close_to_the_target_on_an_ocr_page_go_to_review() -> None:
    tied = ["15.00 0.83", "15.50 0.50", "16.00 0.17", "16.50 -0.17", "17.00 -0.50"]
    box = [*BOX[:3], *tied, *BOX[8:]]
    assert "iol_block_unreadable" in errors(report(([*MEASUREMENTS, *box], [*MEASUREMENTS, *BOX])))


def calculation(pairs: list[tuple[float, float]]) -> IolCalculation:
    rows = [IolRow(iol_power_d=p, refraction_d=r, selected=i == 2) for i, (p, r) in enumerate(pairs)]
    return IolCalculation(eye="OD", formula="Barrett Universal II", iol_model="SYNERGY", rows=rows)


def test_the_validator_takes_a_low_to_high_table_as_printed() -> None:
    rising = [(15.0, 0.63), (15.5, 0.3), (16.0, -0.03), (16.5, -0.37), (17.0, -0.71)]
    assert {i.code for i in check_iol(0, calculation(rising))} == set()


def test_the_validator_still_rejects_a_low_to_high_table_whose_refraction_rises() -> None:
    wrong = [(15.0, -0.71), (15.5, -0.37), (16.0, -0.03), (16.5, 0.3), (17.0, 0.63)]
    assert "iol_monotonic" in {i.code for i in check_iol(0, calculation(wrong))}


def test_a_clinic_note_in_words_after_a_catalogue_lens_name_keeps_it_known() -> None:
    assert is_known_model("Vivinex Toric (asférica amarela)")


def test_a_note_with_digits_does_not_make_a_lens_name_known() -> None:
    assert not is_known_model("Vivinex Toric (XY1)")


# its point read `,` too; `LFR1.94`: a 150-dpi rescan of the real Eyestar (held-out seed 166); `LF®2.04` (seed 271)
@pytest.mark.parametrize("misread", ["LFF1.94", "LFH1.94", "LF@1.94", "LF®1.94", "LFe1.94", "LFe1,94", "LFR1.94"])
def test_a_constant_whose_equals_sign_ocr_read_as_a_letter_is_still_that_constant(misread: str) -> None:
    (block,) = read_blocks(document_of([*BOX[:-1], misread], source="ocr").pages[0].lines)
    assert {k: t.number for k, t in block.constants.items()} == {"lf": 1.94}


def test_a_constant_whose_equals_sign_ocr_lost_sends_the_block_to_review() -> None:
    result = report(([*MEASUREMENTS, *BOX[:-1], "LF=2.04 / DF-4.50"], [*MEASUREMENTS, *BOX]))
    assert "iol_block_unreadable" in errors(result)


@pytest.mark.parametrize("caption", ["f Barrett (measured)", "|Barrett (measured)", "IBarrett (measured)"])
def test_a_box_rule_read_before_the_formula_caption_does_not_hide_the_caption(caption: str) -> None:
    (block,) = read_blocks(document_of([*BOX[:-2], caption, BOX[-1]], source="ocr").pages[0].lines)
    assert (block.formula, block.problems) == ("Barrett Universal II", [])


def test_a_caption_the_grouping_split_in_two_level_lines_is_one_caption() -> None:
    # `Barrett _` | `(measured)` on a 150-dpi rescan (held-out seed 393): a flat speck at the caption's top measured
    # its line, and `(measured)`, a line of its own, had begun a lens block of no lens
    lines = document_of(BOX, source="ocr").pages[0].lines
    barrett, measured = lines[-2].words
    speck = Word("_", (measured.bbox[2], barrett.bbox[1], measured.bbox[2] + 0.01, barrett.bbox[1] + 0.0002))
    split = [Line((barrett, speck)), Line((measured,))]
    (block,) = read_blocks([*lines[:-2], *split, lines[-1]])
    assert (block.formula, block.problems, len(block.rows)) == ("Barrett Universal II", [], 5)


def test_a_rules_glyph_level_with_the_caption_takes_neither_the_caption_nor_the_constants_line_under_it() -> None:
    # the box's left rule read as `|` down to the constants line's foot, its middle level with the caption (150-dpi
    # rescans of the real Eyestar: taken into the caption, it took the constants line under it too)
    lines = document_of(BOX, source="ocr").pages[0].lines
    caption, constants = lines[-2], lines[-1]
    top = caption.bbox[1] - (constants.bbox[3] - caption.bbox[3])  # its middle inside the caption's rows
    rule = Word("|", (caption.bbox[0] - 0.01, top, caption.bbox[0] - 0.005, constants.bbox[3]))
    (block,) = read_blocks([*lines[:-1], Line((rule,)), constants])
    assert (block.formula, {k: t.number for k, t in block.constants.items()}) == (
        "Barrett Universal II",
        {"lf": 2.04, "df": 4.5},
    )


def test_the_footer_iol_eyesuite_is_not_a_table_header() -> None:
    footed = page(1, [*MEASUREMENTS, *BOX, "iol EyeSuite IOL,"], [])
    assert Eyesuite().printed(Document("scan.pdf", "application/pdf", "0" * 64, [footed])).iol_boxes["OD"] == 1


def test_a_box_printed_without_rows_has_no_calculation_and_is_no_error() -> None:
    result = report(([*MEASUREMENTS, *BOX, *EMPTY_BOX], [*MEASUREMENTS, *BOX]))
    assert (len(result.iol_calculations), errors(result)) == (2, set())


def test_a_cell_rule_read_as_a_letter_is_not_part_of_the_row() -> None:
    rows_read = ["15.00 0.63", "15.50 0.30", "L 16.00 L -0.03 |", "16.50 -0.37", "17.00 -0.71"]
    (block,) = read_blocks(document_of([*BOX[:3], *rows_read, *BOX[8:]], source="ocr").pages[0].lines)
    assert (len(block.rows), block.problems) == (5, [])


def test_columns_are_found_from_table_headers_when_a_caption_is_misread() -> None:
    left, right = [*BOX[:-2], "rae (measured)", BOX[-1]], BOX
    side_by_side = [f"{a}\t{b}" for a, b in zip(left, right, strict=True)]
    result = report(([*MEASUREMENTS, *side_by_side], [*MEASUREMENTS, *BOX]))
    assert [calc.iol_model for calc in result.iol_calculations if calc.eye == "OD"] == ["SYNERGY"]


def test_rows_under_the_lens_lines_are_read_when_ocr_lost_the_table_header() -> None:
    (block,) = read_blocks(document_of([*BOX[:2], *BOX[3:]], source="ocr").pages[0].lines)
    assert (len(block.rows), block.problems) == (5, [])


def test_a_stray_digit_in_a_box_printed_without_rows_keeps_it_an_empty_box() -> None:
    result = report(([*MEASUREMENTS, *BOX, *EMPTY_BOX[:2], "2", EMPTY_BOX[2]], [*MEASUREMENTS, *BOX]))
    assert (len(result.iol_calculations), errors(result)) == (2, set())


def test_two_numbers_in_a_box_without_a_table_header_go_to_review() -> None:
    result = report(([*MEASUREMENTS, *BOX, *EMPTY_BOX[:2], "15.00 0.63", EMPTY_BOX[2]], [*MEASUREMENTS, *BOX]))
    assert "iol_block_unreadable" in errors(result)


def test_an_icon_line_inside_a_box_is_not_a_lens_line() -> None:
    (block,) = read_blocks(document_of([*BOX[:2], "Q|", *BOX[2:]], source="ocr").pages[0].lines)
    assert ([ln.text for ln in block.lens_lines], block.problems) == (["SYNERGY", "AMO"], [])


# The page as a whole.


def test_real_layout_reads_both_eyes_and_is_accepted() -> None:
    result = report(([*MEASUREMENTS, *BOX], [*MEASUREMENTS, *BOX]))
    assert result.status == "accepted", errors(result)
    assert result.eyes.OD is not None and result.eyes.OD.k2_radius_mm == 7.74


def test_exam_date_is_the_measurement_line_not_the_header_date() -> None:
    assert report((MEASUREMENTS, MEASUREMENTS)).exam_date == "2024-09-27"


def test_unlabelled_header_gives_name_birth_date_and_id() -> None:
    patient = report((MEASUREMENTS, MEASUREMENTS)).patient
    assert patient is not None
    assert (patient.name, patient.birth_date, patient.id) == ("exemplo, maria", "1950-04-23", "0000000")


def test_biometry_repeated_on_every_page_is_read_once_when_the_pages_agree() -> None:
    result = report((MEASUREMENTS, MEASUREMENTS), (MEASUREMENTS, MEASUREMENTS))
    assert "eye_repeated" not in errors(result) and "conflicting_values" not in errors(result)


def test_biometry_that_differs_between_pages_goes_to_review() -> None:
    other = [line.replace("25.25", "25.52") for line in MEASUREMENTS]
    result = report((MEASUREMENTS, MEASUREMENTS), (other, MEASUREMENTS))
    assert "conflicting_values" in errors(result)


def test_eyes_come_from_the_half_labels_not_from_text_order() -> None:
    right = [line.replace("25.25", "24.82") for line in MEASUREMENTS]
    result = report((MEASUREMENTS, right))
    assert (result.eyes.OD.axial_length_mm, result.eyes.OS.axial_length_mm) == (25.25, 24.82)  # type: ignore[union-attr]


def test_a_table_printed_but_not_read_goes_to_review_as_unread() -> None:
    row_lost = [*BOX[:4], *BOX[5:]]  # four rows read: the block cannot be trusted, and its table is printed
    result = report(([*MEASUREMENTS, *BOX], [*MEASUREMENTS, *row_lost]))
    assert "printed_value_unread" in errors(result)


def test_a_value_printed_as_dashes_in_one_eye_is_no_unread_value() -> None:
    unmeasured = [line.replace("4.08", "---") for line in MEASUREMENTS]
    result = report((MEASUREMENTS, unmeasured))
    assert result.status == "accepted", errors(result)


def test_the_eye_subtitle_names_the_half_when_ocr_lost_the_big_heading() -> None:
    headed = page(1, MEASUREMENTS, MEASUREMENTS)
    subtitled = Page(1, 595, 842, "ocr", [w for w in headed.words if w.text not in ("OD", "OS")] + _subtitles())
    result = parse_document(Document("scan.pdf", "application/pdf", "0" * 64, [subtitled]))
    assert (result.eyes.OD is not None, result.eyes.OS is not None, errors(result)) == (True, True, set())


def test_an_eye_named_in_a_warning_does_not_name_a_half_that_lost_its_heading() -> None:
    warned = [*MEASUREMENTS[:-1], "1: Diferença significativa entre OS", MEASUREMENTS[-1]]
    headed = page(1, warned, MEASUREMENTS)
    lost = Page(1, 595, 842, "ocr", [w for w in headed.words if w.text != "OD"])
    result = parse_document(Document("scan.pdf", "application/pdf", "0" * 64, [lost]))
    assert result.eyes.OD is None and "eye_unknown" in errors(result)


def _subtitles() -> list[Word]:
    return [
        Word(text, (x, 0.1, x + 0.04, 0.108))
        for x, text in ((0.05, "right"), (0.095, "eye"), (0.55, "left"), (0.595, "eye"))
    ]


def test_printed_inventory_counts_labels_tables_and_targets_apart_from_the_values() -> None:
    document = Document("scan.pdf", "application/pdf", "0" * 64, [page(1, [*MEASUREMENTS, *BOX, *EMPTY_BOX], [])])
    printed = Eyesuite().printed(document)
    assert (printed.iol_boxes["OD"], printed.targets, "k2_axis_deg" in printed.eye_fields["OD"]) == (
        1,
        frozenset({"OD"}),
        True,
    )


def test_columns_are_found_when_ocr_glues_box_rules_to_every_caption_and_table_header() -> None:
    glued = [*BOX[:2], "v| lOLID) Eye [D]", *BOX[3:-2], "—|Barrett (measured)", BOX[-1]]
    side_by_side = [f"{a}\t{b}" for a, b in zip(glued, [*glued[:-2], "IBarrett (measured)", BOX[-1]], strict=True)]
    result = report(([*MEASUREMENTS, *side_by_side], [*MEASUREMENTS, *BOX]))
    assert (len(result.iol_calculations), errors(result)) == (3, set())


def test_specks_ocr_reads_at_the_ends_of_a_lens_line_are_not_part_of_the_name() -> None:
    specked = ["| SYNERGY", "AMO =", *BOX[2:]]
    result = report(([*MEASUREMENTS, *specked], [*MEASUREMENTS, *BOX]))
    assert {(c.iol_model, c.iol_manufacturer) for c in result.iol_calculations} == {("SYNERGY", "AMO")}


def test_the_measurement_line_as_ocr_reads_it_still_names_device_and_exam_date() -> None:
    assert measurement_line("ES 900 jan 25. 2022 -1") == ("ES", date(2022, 1, 25))


def test_a_footer_ocr_garbled_in_one_half_is_still_the_footer_of_both() -> None:
    result = report(([*MEASUREMENTS, *BOX, "— ye TOL,"], [*MEASUREMENTS, *BOX, "EyeSuite™ IOL, V4.12.0"]))
    assert (len(result.iol_calculations), errors(result)) == (2, set())


def test_a_table_header_whose_d_ocr_read_as_zero_is_still_a_table_header() -> None:
    (block,) = read_blocks(document_of([*BOX[:2], "vw} Lio} Eye (0)", *BOX[3:]], source="ocr").pages[0].lines)
    assert (block.header, len(block.rows), block.problems) == (True, 5, [])


def test_a_grid_crossing_read_as_a_letter_or_a_speck_is_not_part_of_the_row() -> None:
    rows_read = ["15.00 0.63", "15.50 0.30", "I 16.00 T -0.03", ", 16.50 L -0.37 |", "17.00 -0.71"]
    (block,) = read_blocks(document_of([*BOX[:3], *rows_read, *BOX[8:]], source="ocr").pages[0].lines)
    assert (len(block.rows), block.problems) == (5, [])


def with_index(index: str) -> list[str]:
    return [line.replace("(n=1.3375)", index) for line in MEASUREMENTS]


@pytest.mark.parametrize("index", ["(n=1,3375)", "({n=1.3375)", "(n=1.3375]"])
def test_the_keratometric_index_as_ocr_reads_its_comma_or_brackets_is_read(index: str) -> None:
    result = report(([*with_index(index), *BOX], [*MEASUREMENTS, *BOX]))
    assert result.eyes.OD is not None and result.eyes.OD.keratometric_index == 1.3375


def test_the_keratometric_index_with_its_decimal_mark_read_twice_is_read() -> None:
    # `(n=1,.3375)`, OD's index on a real Eyestar photo of page 1 (seed 396)
    result = report(([*with_index("(n=1,.3375)"), *BOX], [*MEASUREMENTS, *BOX]))
    assert result.eyes.OD is not None and result.eyes.OD.keratometric_index == 1.3375


def test_the_keratometric_index_ocr_split_after_its_equals_sign_is_read() -> None:
    # `(n=@0.00 | 1.3375)@0.96`, OD's index on a generated 300-dpi French Eyestar rescan (seed 186, document 0007)
    result = report(([*with_index("(n= 1.3375)"), *BOX], [*MEASUREMENTS, *BOX]))
    assert result.eyes.OD is not None and result.eyes.OD.keratometric_index == 1.3375


def test_a_number_a_word_height_or_more_after_a_lone_index_label_is_not_the_index() -> None:
    label, far = Word("(n=", (0.40, 0.2, 0.43, 0.212)), Word("1.3375)", (0.445, 0.2, 0.49, 0.212))
    assert index_token(Line((label, far))) is None


def test_a_keratometric_index_ocr_garbled_is_printed_but_unread_never_silently_missing() -> None:
    result = report(([*with_index("(n=1.33?5)"), *BOX], [*MEASUREMENTS, *BOX]))
    assert "printed_value_unread" in errors(result)


def test_a_constant_whose_value_ocr_split_off_after_its_equals_sign_is_still_read() -> None:
    (block,) = read_blocks(document_of([*BOX[:-1], "LF= 2.04 / DF=4.50"], source="ocr").pages[0].lines)
    assert {k: t.number for k, t in block.constants.items()} == {"lf": 2.04, "df": 4.5}


@pytest.mark.parametrize("line", ["of=2.04 / DF=4.50", "LF=2.04 / 0F=4.50"])
def test_one_constant_name_ocr_garbled_is_named_by_its_place_in_the_line(line: str) -> None:
    (block,) = read_blocks(document_of([*BOX[:-1], line], source="ocr").pages[0].lines)
    assert {k: t.number for k, t in block.constants.items()} == {"lf": 2.04, "df": 4.5}


def test_two_constant_names_ocr_garbled_stay_unknown() -> None:
    (block,) = read_blocks(document_of([*BOX[:-1], "of=2.04 / 0F=4.50"], source="ocr").pages[0].lines)
    assert constant_problems(block.constants) != []


def test_of_two_rows_as_close_to_the_target_the_one_measured_bold_is_the_selected_row() -> None:
    tied = ["15.00 0.83", "15.50 0.50", "16.00 0.17", "16.50 -0.17", "17.00 -0.50"]
    scanned = page(1, [*MEASUREMENTS, *BOX[:3], *tied, *BOX[8:]], [*MEASUREMENTS, *BOX])
    bold_row = [dataclasses.replace(w, bold=w.text == "-0.17" or (w.text == "16.50" and w.x_center < 0.5))
                for w in scanned.words]  # fmt: skip
    document = Document("scan.pdf", "application/pdf", "0" * 64, [dataclasses.replace(scanned, words=bold_row)])
    result = parse_document(document)
    selected = [
        row.refraction_d for calc in result.iol_calculations if calc.eye == "OD" for row in calc.rows if row.selected
    ]
    assert (errors(result), selected) == (set(), [-0.17])


def od_selection_with_bold(bold_texts: set[str]) -> tuple[set[str], list[float]]:
    """Errors and the OD selected refractions of a tied table whose words printed as `bold_texts` (OD copy) are
    measured bold."""
    tied = ["15.00 0.83", "15.50 0.50", "16.00 0.17", "16.50 -0.17", "17.00 -0.50"]
    scanned = page(1, [*MEASUREMENTS, *BOX[:3], *tied, *BOX[8:]], [*MEASUREMENTS, *BOX])
    measured = [dataclasses.replace(w, bold=w.text in bold_texts and w.x_center < 0.5) for w in scanned.words]
    result = parse_document(
        Document("scan.pdf", "application/pdf", "0" * 64, [dataclasses.replace(scanned, words=measured)])
    )
    selected = [r.refraction_d for c in result.iol_calculations if c.eye == "OD" for r in c.rows if r.selected]
    return errors(result), selected


def test_of_two_rows_as_close_a_bold_row_elsewhere_in_the_table_does_not_hide_the_bold_one() -> None:
    assert od_selection_with_bold({"16.50", "-0.17", "15.00", "0.83"}) == (set(), [-0.17])


def test_of_two_rows_as_close_both_measured_bold_go_to_review() -> None:
    assert "iol_block_unreadable" in od_selection_with_bold({"16.00", "0.17", "16.50", "-0.17"})[0]


def test_a_row_with_one_number_measured_bold_is_not_bold() -> None:
    assert "iol_block_unreadable" in od_selection_with_bold({"-0.17"})[0]


def test_a_speck_after_a_complete_keratometry_value_is_not_read_into_its_axis() -> None:
    specked = [line.replace("42.60/7.92@ 14", "42.60/7.92@ 14 2") for line in MEASUREMENTS]
    result = report(([*specked, *BOX], [*MEASUREMENTS, *BOX]))
    assert result.eyes.OD is not None and (result.eyes.OD.k1_axis_deg, errors(result)) == (14, set())


def test_a_digit_split_off_an_axis_is_not_dropped_silently() -> None:
    split = [line.replace("42.60/7.92@ 14", "42.60/7.92@ 1 4") for line in MEASUREMENTS]
    assert "axes_not_orthogonal" in errors(report(([*split, *BOX], [*MEASUREMENTS, *BOX])))


def test_a_table_header_ocr_garbled_under_the_lens_lines_still_opens_the_table() -> None:
    (block,) = read_blocks(document_of([*BOX[:2], "@| IOL(O] Fe]", *BOX[3:]], source="ocr").pages[0].lines)
    assert ([ln.text for ln in block.lens_lines], len(block.rows), block.problems) == (["SYNERGY", "AMO"], 5, [])


def test_a_garbled_table_header_after_the_toric_icon_read_with_a_digit_still_opens_the_table() -> None:
    # Real Eyestar 900, 300-dpi rescan (held-out seed 205): `IOL [D]  Eye [D]` after the toric icon read `2| TOL} FeO}`
    (block,) = read_blocks(document_of([*BOX[:2], "2| TOL} FeO}", *BOX[3:]], source="ocr").pages[0].lines)
    assert ([ln.text for ln in block.lens_lines], len(block.rows), block.problems) == (["SYNERGY", "AMO"], 5, [])


def test_a_garbled_table_header_whose_unit_reads_with_a_zero_still_opens_the_table() -> None:
    # Real Eyestar 900, 150-dpi rescan (held-out seed 239): `IOL [D]  Eye [D]` read `Ql - fol] ye (0)`
    (block,) = read_blocks(document_of([*BOX[:2], "Ql - fol] ye (0)", *BOX[3:]], source="ocr").pages[0].lines)
    assert ([ln.text for ln in block.lens_lines], len(block.rows), block.problems) == (["SYNERGY", "AMO"], 5, [])


def test_a_table_header_read_as_its_iol_and_garbled_units_still_opens_the_table() -> None:
    # Real Eyestar 900, 300-dpi rescan (held-out seed 328): `IOL [D]  Eye [D]` after the toric icon read
    # `@| IOL er Bete`
    (block,) = read_blocks(document_of([*BOX[:2], "@| IOL er Bete", *BOX[3:]], source="ocr").pages[0].lines)
    assert ([ln.text for ln in block.lens_lines], len(block.rows), block.problems) == (["SYNERGY", "AMO"], 5, [])


def test_a_garbled_header_line_with_a_digit_after_its_first_word_is_no_table_header() -> None:
    (block,) = read_blocks(document_of([*BOX[:2], "2| TOL} 7 FeO}", *BOX[3:]], source="ocr").pages[0].lines)
    assert block.problems != []


def test_a_third_line_ocr_is_unsure_of_under_the_lens_lines_is_the_garbled_table_header() -> None:
    page = document_of([*BOX[:2], "a eee", *BOX[3:]], source="ocr").pages[0]
    unsure = [dataclasses.replace(w, confidence=0.4) if w.text in ("a", "eee") else w for w in page.words]
    (block,) = read_blocks(dataclasses.replace(page, words=unsure).lines)
    assert ([ln.text for ln in block.lens_lines], len(block.rows), block.problems) == (["SYNERGY", "AMO"], 5, [])


def _third_line_unsure(third: str) -> list[Line]:
    page = document_of([*BOX[:2], third, *BOX[3:]], source="ocr").pages[0]
    unsure = [dataclasses.replace(w, confidence=0.3) if w.text in third.split() else w for w in page.words]
    return dataclasses.replace(page, words=unsure).lines


def test_an_unsure_header_line_with_the_toric_icon_read_as_a_digit_is_the_garbled_table_header() -> None:
    # Real Eyestar 900, 200-dpi rescan (held-out seed 50): `IOL [D]  Eye [D]` in italics after the toric icon
    (block,) = read_blocks(_third_line_unsure("2 oer ee"))
    assert ([ln.text for ln in block.lens_lines], len(block.rows), block.problems) == (["SYNERGY", "AMO"], 5, [])


def test_an_unsure_third_line_with_a_decimal_number_is_no_table_header() -> None:
    (block,) = read_blocks(_third_line_unsure("a 0.57 eee"))
    assert block.problems != []


def test_a_third_text_line_without_header_remains_above_rows_goes_to_review() -> None:
    (block,) = read_blocks(document_of([*BOX[:2], "a eee", *BOX[3:]], source="ocr").pages[0].lines)
    assert block.problems != []


def test_a_toric_plot_word_read_with_its_l_as_a_mark_is_no_part_of_the_row_beside_it() -> None:
    words = [
        Word("No", (0.60, 0.540, 0.62, 0.552)),
        Word("appropriate", (0.63, 0.540, 0.70, 0.552)),
        Word("lens", (0.71, 0.540, 0.74, 0.552)),
        Word("23.50", (0.52, 0.552, 0.55, 0.564)),
        Word("0.01", (0.57, 0.552, 0.59, 0.564)),
        Word("mode!", (0.63, 0.552, 0.67, 0.564)),
        Word("found", (0.68, 0.552, 0.71, 0.564)),
    ]
    assert [w.text for w in _without_plots(words, "OD", EyeCollector())] == ["23.50", "0.01"]


def test_a_constant_whose_decimal_point_ocr_read_twice_is_that_constant() -> None:
    (block,) = read_blocks(document_of([*BOX[:-1], "LF=2,.04 / DF=4.50"], source="ocr").pages[0].lines)
    assert {k: t.number for k, t in block.constants.items()} == {"lf": 2.04, "df": 4.5}


def test_an_unsure_header_line_after_the_toric_icon_read_surer_is_the_garbled_table_header() -> None:
    # Real Eyestar 900, 300-dpi rescan (held-out seed 269): the italic header read `seh mee` at 0.14-0.34 after the
    # toric icon read `a)` at 0.53
    page = document_of([*BOX[:2], "a) seh mee", *BOX[3:]], source="ocr").pages[0]
    unsure = [dataclasses.replace(w, confidence=0.3) if w.text in ("seh", "mee") else w for w in page.words]
    (block,) = read_blocks(dataclasses.replace(page, words=unsure).lines)
    assert ([ln.text for ln in block.lens_lines], len(block.rows), block.problems) == (["SYNERGY", "AMO"], 5, [])
