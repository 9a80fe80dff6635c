"""IOLMaster 500 rules taken from the real printout, on small hand-placed pages (no OCR, no PDF)."""

from __future__ import annotations

import pytest

from biometry import formulas
from biometry.devices.iolmaster500.boxes import is_emmetropia
from biometry.devices.iolmaster500.columns import columns
from biometry.devices.iolmaster500.parser import IolMaster500
from biometry.document import Document, Page, Word
from biometry.models import BiometryResult, Source
from biometry.validate import validate

PARSER = IolMaster500()
CHAR_W = 0.008  # page width per Courier character
LINE_H = 0.012
FOOTER = (0.09, 0.95, "Carl Zeiss IOLMaster® Advanced Technology V. 7.7")
EXAM_DATE = (0.10, 0.10, "Examination date: 09/09/2015")  # every page's header box prints it
NAME = (0.10, 0.05, "Name: Toby, Toby")  # and the patient's name, as the operator typed it
ID = (0.10, 0.065, "ID: 99999990")  # and the patient ID's label, its value typed or blank
Cell = tuple[float, float, str]


def _words(x: float, y: float, text: str, *, bold: bool = False, height: float = LINE_H) -> list[Word]:
    """The words of one printed line starting at (x, y), Courier-spaced."""
    words, cursor = [], x
    for part in text.split(" "):
        if part:
            words.append(Word(part, (cursor, y, cursor + CHAR_W * len(part), y + height), bold=bold))
        cursor += CHAR_W * (len(part) + 1)
    return words


def _page(cells: list[Cell], *, number: int = 1, bold: tuple[str, ...] = (), big: tuple[Cell, ...] = ()) -> Page:
    words = [w for x, y, t in [NAME, ID, *cells, FOOTER] for w in _words(x, y, t, bold=t in bold)]
    words += [w for x, y, t in big for w in _words(x, y, t, height=4 * LINE_H)]
    return Page(number=number, width_pt=599, height_pt=863, source="ocr", words=words)


def _parse(*pages: Page) -> BiometryResult:
    document = Document(filename="t.pdf", media_type="application/pdf", sha256="0" * 64, pages=list(pages))
    source = Source(filename="t.pdf", media_type="application/pdf", pages=len(pages), text_source="ocr")
    return validate(PARSER.parse(document, source), document)


def _errors(result: BiometryResult) -> list[str]:
    return [i.code for i in result.extraction.issues if i.severity == "error"]


def _measurement_page() -> Page:
    """Page 1 as printed: composite AL, MV over single K readings, the white-to-white readings table."""
    rows: list[Cell] = []
    for x, al, mv, k1, wtw in (
        (0.10, "23.41", "42.51/43.77", "42.45", "11.7"),
        (0.53, "23.45", "44.35/45.42", "44.30", "12.3"),
    ):
        rows += [
            (x, 0.34, f"Comp. AL: {al} mm (SNR = 122.6)"),
            (x, 0.52, f"MV: {mv} D"),
            (x, 0.53, f"K1: {k1} D x 175° 7.95 mm"),
            (x, 0.72, f"WTW : {wtw} mm"),
            (x, 0.74, f"WTW : {wtw} mm"),
        ]
    return _page([*rows, (0.41, 0.70, "White-to-white values")])


def test_mean_values_line_gives_k1_and_k2_not_the_single_readings() -> None:
    result = _parse(_measurement_page())
    assert result.eyes.OD is not None
    assert (result.eyes.OD.k1_d, result.eyes.OD.k2_d) == (42.51, 43.77)


def test_white_to_white_readings_table_is_not_a_result() -> None:
    result = _parse(_measurement_page())
    assert result.eyes.OS is not None and result.eyes.OS.wtw_mm is None


def _wtw_page(od_label: str = "OD", os_label: str = "OS") -> Page:
    """Page 4 as printed: OD's photo and values above OS's, both in the right part of the page."""
    cells: list[Cell] = [(0.73, 0.31, "WTW : 11.6 mm"), (0.73, 0.36, "Pup: 6.0 mm")]
    cells += [(0.73, 0.63, "WTW : 11.8 mm"), (0.73, 0.68, "Pup: 5.5 mm")]
    return _page(cells, number=4, big=((0.78, 0.24, od_label), (0.78, 0.56, os_label)))


def test_stacked_blocks_are_od_above_os() -> None:
    result = _parse(_wtw_page())
    assert result.eyes.OD is not None and result.eyes.OS is not None
    assert (result.eyes.OD.wtw_mm, result.eyes.OS.wtw_mm, result.eyes.OS.pupil_mm) == (11.6, 11.8, 5.5)


def test_stacked_block_labelled_with_the_other_eye_goes_to_review() -> None:
    assert "eye_unknown" in _errors(_parse(_wtw_page(od_label="OS", os_label="OD")))


def test_an_eye_label_read_unsure_in_garbled_type_names_no_block() -> None:
    page = _measurement_page()
    junk = Word("OS", (0.36, 0.73, 0.385, 0.762), confidence=0.07)  # a WTW row read as tall junk: OD's block
    page = Page(number=1, width_pt=599, height_pt=863, source="ocr", words=[*page.words, junk])
    result = _parse(page)
    assert "eye_unknown" not in _errors(result)
    assert result.eyes.OD is not None and result.eyes.OD.k1_d == 42.51


def _iol_page(
    *,
    bold_rows: int = 1,
    caption: str = "OptA119.1MA60AC",
    formula: str = "SRK®/T",
    constant: str = "A const: 119.10",
    decimals: int = 2,
    target: str = "plano",
    bold_from: int = 3,
) -> Page:
    """An IOL page with one lens box per eye under its summary (AL, status): fused caption, `A const:`, seven rows,
    `Emme. IOL:`."""
    cells: list[Cell] = [(0.55, 0.09, f"Formula: {formula}"), (0.55, 0.10, f"Target ref.: {target}"), EXAM_DATE]
    powers, refractions = ("23.5", "23.0", "22.5", "22.0", "21.5", "21.0", "20.5"), (-0.98, -0.62, -0.28, 0.07)
    refractions += (0.41, 0.74, 1.07)
    bold: list[str] = []
    for x in (0.10, 0.53):
        cells += [(x, 0.23, "AL: 23.41 mm (SNR = 122.6)"), (x, 0.30, "Status: Phakic"), (x, 0.37, caption)]
        cells += [(x, 0.42, constant)]
        cells += [(x, 0.43, "IOL (D) REF (D)"), (x, 0.54, "Emme. IOL: 22.10")]
        for i, (power, refraction) in enumerate(zip(powers, refractions, strict=True)):
            row = f"{power} {refraction:.{decimals}f}"
            cells.append((x + 0.02, 0.447 + 0.013 * i, row))
            if bold_from <= i < bold_from + bold_rows:
                bold.append(row)
    return _page(cells, number=5, bold=tuple(bold))


def test_fused_lens_caption_names_the_model() -> None:
    calculations = _parse(_iol_page()).iol_calculations
    assert {(c.iol_model, c.constants["a_constant"]) for c in calculations} == {("MA60AC", 119.1)}


def test_plano_target_is_zero() -> None:
    assert {c.target_refraction_d for c in _parse(_iol_page()).iol_calculations} == {0.0}


def test_selected_row_is_the_bold_one() -> None:
    calculation = _parse(_iol_page()).iol_calculations[0]
    assert [row.iol_power_d for row in calculation.rows if row.selected] == [22.0]


def test_box_with_two_bold_rows_goes_to_review() -> None:
    assert "iol_box_unreadable" in _errors(_parse(_iol_page(bold_rows=2)))


def test_box_without_a_bold_row_goes_to_review() -> None:
    assert "iol_box_unreadable" in _errors(_parse(_iol_page(bold_rows=0)))


def test_every_printed_box_counts_for_completeness() -> None:
    document = Document(filename="t.pdf", media_type="application/pdf", sha256="0" * 64, pages=[_iol_page()])
    assert PARSER.printed(document).iol_boxes == {"OD": 1, "OS": 1}


def test_single_k_readings_are_not_counted_as_printed_results() -> None:
    document = Document(filename="t.pdf", media_type="application/pdf", sha256="0" * 64, pages=[_measurement_page()])
    assert "k1_axis_deg" not in PARSER.printed(document).eye_fields["OD"]


@pytest.mark.parametrize(
    ("printed", "formula"),
    [("SRK®/T", "SRK/T"), ("SRK(R)/T", "SRK/T"), ("SRK® II", "SRK II"), ("HofferQ", "Hoffer Q"), ("Haigis", "Haigis")],
)
def test_iolmaster_500_formula_names_are_in_the_one_vocabulary(printed: str, formula: str) -> None:
    assert formulas.formula_name(printed) == formula


@pytest.mark.parametrize(
    ("label", "constant"),
    [("A const:", "a_constant"), ("A0 const:", "a0"), ("AO const:", "a0"), ("pACD const:", "pacd")],
)
def test_iolmaster_500_constant_labels_name_contract_constants(label: str, constant: str) -> None:
    assert formulas.constant_name(label) == constant


def test_courier_minus_read_as_equals_sign_is_a_minus_the_steps_confirm() -> None:
    page = _iol_page()
    first = next(w for w in page.words if w.text == "-0.98")
    page.words[page.words.index(first)] = Word("=0.98", first.bbox)
    result = _parse(page)
    assert result.status == "accepted", _errors(result)
    assert result.iol_calculations[0].rows[0].refraction_d == -0.98


def test_a_label_in_the_central_band_starts_the_right_block_whatever_gap_ocr_leaves() -> None:
    page = _measurement_page()
    speck = Word("m", (0.40, 0.52, 0.525, 0.532))  # an OCR box reaching from the OD line up to the OS `MV:`
    page = Page(number=1, width_pt=599, height_pt=863, source="ocr", words=[*page.words, speck])
    result = _parse(page)
    assert result.eyes.OS is not None and (result.eyes.OS.k1_d, result.eyes.OS.k2_d) == (44.35, 45.42)


def test_a_result_line_garbled_past_its_label_still_counts_as_printed_by_its_section() -> None:
    cells: list[Cell] = [(0.10, 0.52, "MV: 42.51/43.77 D"), (0.53, 0.52, "MV: 44.35/45.42 D")]
    cells += [(0.37, 0.65, "Anterior chamber depth values"), (0.10, 0.67, '3.23 a fa "a3')]
    cells += [(0.53, 0.67, "ACD: ---"), (0.41, 0.70, "White-to-white values")]
    document = Document(filename="t.pdf", media_type="application/pdf", sha256="0" * 64, pages=[_page(cells)])
    printed = PARSER.printed(document).eye_fields
    assert ("acd_mm" in printed["OD"], "acd_mm" in printed["OS"]) == (True, False)


def test_a_garbled_label_of_a_formulas_one_constant_names_that_constant() -> None:
    result = _parse(_iol_page(formula="HofferQ", constant="InACTD const: 3.53", decimals=1))
    assert [c.constants for c in result.iol_calculations] == [{"pacd": 3.53}] * 2, _errors(result)


def test_a_garbled_haigis_constant_label_is_never_guessed() -> None:
    result = _parse(_iol_page(formula="Haigis", constant="AO const: -0.705 Al const: 0.400 Ax2 const: 0.100"))
    assert "iol_box_unreadable" in _errors(result)


@pytest.mark.parametrize("title", ["SRK® IT", "SRK@ TI", "SRK® Il"])
def test_srk_ii_title_as_ocr_spells_it_names_srk_ii(title: str) -> None:
    result = _parse(_iol_page(formula=title, decimals=1))
    assert {c.formula for c in result.iol_calculations} == {"SRK II"}, _errors(result)


def test_a_table_printed_to_another_formulas_precision_goes_to_review() -> None:
    assert "iol_box_unreadable" in _errors(_parse(_iol_page(formula="SRK® IT", decimals=2)))


@pytest.mark.parametrize(("printed", "ocr_read"), [("-0.62", "-O.62"), ("-0.98", "~0.98"), ("21.0", "2l.0")])
def test_a_table_cell_ocr_garbled_reads_as_printed_when_the_rows_confirm_it(printed: str, ocr_read: str) -> None:
    page = _iol_page()
    cell = next(w for w in page.words if w.text == printed)
    page.words[page.words.index(cell)] = Word(ocr_read, cell.bbox)
    result = _parse(page)
    assert result.status == "accepted", _errors(result)


def test_a_garbled_cell_the_rows_contradict_goes_to_review() -> None:
    page = _iol_page()
    cell = next(w for w in page.words if w.text == "0.41")
    page.words[page.words.index(cell)] = Word("Q.47", cell.bbox)  # a 0 read as Q, and a 1 as 7: the steps break
    assert "iol_box_unreadable" in _errors(_parse(page))


def test_bold_mean_values_label_as_ocr_reads_it_still_gives_k1_and_k2() -> None:
    page = _measurement_page()
    label = next(w for w in page.words if w.text == "MV:" and w.bbox[0] > 0.5)
    page.words[page.words.index(label)] = Word("Nv:", label.bbox)
    result = _parse(page)
    assert result.eyes.OS is not None and (result.eyes.OS.k1_d, result.eyes.OS.k2_d) == (44.35, 45.42)


def test_a_target_read_without_its_sign_takes_the_sign_every_bold_row_agrees_on() -> None:
    result = _parse(_iol_page(target="0.25 D", bold_from=2))  # bold -0.28: closest to -0.25, not to +0.25
    assert {c.target_refraction_d for c in result.iol_calculations} == {-0.25}, _errors(result)


def test_a_target_whose_sign_the_bold_rows_cannot_settle_goes_to_review() -> None:
    assert "iol_box_unreadable" in _errors(_parse(_iol_page(target="0.10 D")))  # bold 0.07: closest to either


def test_a_speck_in_the_blank_band_of_a_box_is_no_manufacturer() -> None:
    page = _iol_page()
    speck = Word("ee", (0.12, 0.39, 0.14, 0.40))
    page = Page(number=5, width_pt=599, height_pt=863, source="ocr", words=[*page.words, speck])
    assert {c.iol_manufacturer for c in _parse(page).iol_calculations} == {None}


def test_a_word_measured_bold_alone_does_not_make_its_row_the_selected_one() -> None:
    page = _iol_page()
    word = next(w for w in page.words if w.text == "0.41")
    page.words[page.words.index(word)] = Word("0.41", word.bbox, bold=True)
    calculation = _parse(page).iol_calculations[0]
    assert [row.iol_power_d for row in calculation.rows if row.selected] == [22.0]


def test_a_length_whose_point_ocr_lost_has_it_back() -> None:
    page = _page([(0.10, 0.30, "ACD: 262 mm"), (0.53, 0.30, "ACD: 2.67 mm")])
    result = _parse(page)
    assert result.eyes.OD is not None and result.eyes.OD.acd_mm == 2.62


def test_a_section_whose_result_is_not_measured_counts_nothing_as_printed() -> None:
    cells: list[Cell] = [(0.42, 0.50, "Keratometer values"), (0.10, 0.52, "MV: -- SD: 0.00 mm")]
    cells += [(0.53, 0.52, "MV: 44.35/45.42 D SD: 0.00 mm")]
    document = Document(filename="t.pdf", media_type="application/pdf", sha256="0" * 64, pages=[_page(cells)])
    assert "k1_d" not in PARSER.printed(document).eye_fields["OD"]


def test_a_radius_whose_point_ocr_lost_is_not_taken_for_the_mean_power() -> None:
    cells: list[Cell] = [(x, 0.28, "AL: 23.41 mm (SNR = 122.6)") for x in (0.10, 0.53)]
    cells += [(0.10, 0.30, "R / SE: 811 mm / 43.14 D"), (0.53, 0.30, "R / SE: 7.83 mm / 43.14 D")]
    result = _parse(_page(cells))
    assert result.eyes.OD is not None and result.eyes.OD.mean_k_d == 43.14


def _os_wtw_as_read(wtw: str, pupil: str) -> Page:
    """The white-to-white page with the OS WTW and pupil lines as OCR read them."""
    cells: list[Cell] = [(0.73, 0.31, "WTW : 11.6 mm"), (0.73, 0.36, "Pup: 6.0 mm")]
    cells += [(0.73, 0.63, wtw), (0.73, 0.68, pupil)]
    return _page(cells, number=4, big=((0.78, 0.24, "OD"), (0.78, 0.56, "OS")))


def test_white_to_white_values_read_behind_a_rule_glyph_and_an_equals_colon() -> None:
    result = _parse(_os_wtw_as_read("WIw = 11.8 mm", "\\Pup: 5.5 mm"))
    assert result.eyes.OS is not None and (result.eyes.OS.wtw_mm, result.eyes.OS.pupil_mm) == (11.8, 5.5)


@pytest.mark.parametrize("pupil", ['"Pup: 5.5 mm', "“Pup: 5.5 mm"])
def test_a_label_read_behind_a_speck_read_as_double_quotes(pupil: str) -> None:
    result = _parse(_os_wtw_as_read("WTW: 11.8 mm", pupil))
    assert result.eyes.OS is not None and result.eyes.OS.pupil_mm == 5.5


def test_a_pupil_read_without_its_wtw_line_still_counts_the_wtw_as_printed() -> None:
    page = _os_wtw_as_read("WIWW% 11.8 mm", "Pup: 5.5 mm")  # the selected pair: a WTW line OCR garbled
    document = Document(filename="t.pdf", media_type="application/pdf", sha256="0" * 64, pages=[page])
    assert "wtw_mm" in PARSER.printed(document).eye_fields["OS"]


def _summary_page(k1_line: str) -> Page:
    """An IOL page's summary K lines per eye, the OS K1 line as OCR read it."""
    cells: list[Cell] = [(x, 0.23, "AL: 23.41 mm (SNR = 122.6)") for x in (0.10, 0.53)]
    cells += [(0.10, 0.24, "K1: 43.25 D / 7.80 mm @ 90°"), (0.53, 0.24, k1_line)]
    cells += [(x, 0.26, "K2: 44.00 D / 7.67 mm @ 180°") for x in (0.10, 0.53)]
    return _page(cells, number=5)


def test_a_label_with_a_speck_before_its_colon_is_its_label() -> None:
    result = _parse(_summary_page("K1;: 43.25 D / 7.80 mm @ 90°"))
    assert result.eyes.OS is not None and result.eyes.OS.k1_radius_mm == 7.8


def test_a_summary_k2_line_read_without_its_k1_line_counts_the_k1_as_printed() -> None:
    page = _summary_page("Kx 43.25 D / 7.80 mm @ 90°")
    document = Document(filename="t.pdf", media_type="application/pdf", sha256="0" * 64, pages=[page])
    assert {"k1_d", "k1_radius_mm", "k1_axis_deg"} <= PARSER.printed(document).eye_fields["OS"]


@pytest.mark.parametrize(("a0", "doubted"), [("0.705", True), ("-0.705", False)])
def test_a_haigis_a0_read_without_a_sign_goes_to_review(a0: str, doubted: bool) -> None:
    page = _iol_page(formula="Haigis", constant=f"A0 const: {a0} A1 const: 0.400 A2 const: 0.100")
    messages = [i.message for i in _parse(page).extraction.issues if i.code == "iol_box_unreadable"]
    assert any("a0 constant" in m for m in messages) == doubted


def test_an_emme_word_read_behind_a_rule_and_a_dash_ends_its_box() -> None:
    assert is_emmetropia(Word("|—Emme.", (0.30, 0.57, 0.35, 0.58)))


def test_a_table_header_whose_unit_ocr_closed_with_a_brace_counts_its_box_as_printed() -> None:
    cells: list[Cell] = [(0.10, 0.23, "AL: 25.94 mm (SNR = 118.5)"), (0.10, 0.46, "IOL (D) REF (D) IOL (D} REF (D)")]
    document = Document(filename="t.pdf", media_type="application/pdf", sha256="0" * 64, pages=[_page(cells)])
    assert PARSER.printed(document).iol_boxes["OD"] == 2


def test_a_box_whose_table_ocr_lost_whole_still_counts_by_its_lens_caption() -> None:
    # Real page 5 rescanned at 200 dpi (held-out seed 94): the OS SA60AT box read as its caption and `s JOE: 19.62`
    cells: list[Cell] = [(0.10, 0.23, "AL: 25.94 mm (SNR = 118.5)"), (0.10, 0.55, "Opt A118.7SA60AT OPT 115.54 MTA3U0")]
    cells += [
        (0.10, 0.60, "A const: 115.54"),
        (0.10, 0.61, "IOL (D) REF (D)"),
        (0.10, 0.72, "s JOE: 19.62 Emme. IOL: 16.37"),
    ]
    document = Document(filename="t.pdf", media_type="application/pdf", sha256="0" * 64, pages=[_page(cells)])
    assert PARSER.printed(document).iol_boxes["OD"] == 2


def test_a_caption_ocr_spelled_with_an_o_for_a_zero_counts_its_box() -> None:
    cells: list[Cell] = [(0.10, 0.23, "AL: 25.94 mm (SNR = 118.5)"), (0.10, 0.37, "Opt A119.0SN6OWF")]
    document = Document(filename="t.pdf", media_type="application/pdf", sha256="0" * 64, pages=[_page(cells)])
    assert PARSER.printed(document).iol_boxes["OD"] == 1


def _dated_page(exam_line: str) -> Page:
    """A measurement page with the header's exam date as OCR read it and the footer's print date."""
    cells: list[Cell] = [(0.10, 0.12, exam_line), (0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)")]
    return _page([*cells, (0.60, 0.95, "Printed on: 11/29/2023 at 07:39.")])


def test_an_exam_date_read_with_a_digit_lost_is_left_unread_and_goes_to_review() -> None:
    result = _parse(_dated_page("Examination date: | 1/29/2023"))  # `11/29/2023`: 1/29/2023 is a real date too
    assert (result.exam_date, "printed_value_unread" in _errors(result)) == (None, True)


def test_an_exam_date_in_the_devices_form_is_read() -> None:
    assert _parse(_dated_page("Examination date: 11/29/2023")).exam_date == "2023-11-29"


def test_no_eye_block_reaches_into_the_footer() -> None:
    """A photo's garbled footer read an `Emme.` in the OS half (`ene.` of `Rainhes One: Berne ene. Ay 10:20.`)."""
    page = _page(
        [(0.10, 0.30, "ACD: 3.38 mm"), (0.53, 0.30, "ACD: 3.73 mm"),
         (0.50, 0.95, "Rainhes One: Berne ene. Ay 10:20."), (0.09, 0.97, "Calibration checked on: 09/09/2015")]
    )  # fmt: skip
    blocks = columns(page)
    assert [c.side for c in blocks] == ["OD", "OS"]
    assert all(w.y_center < 0.9 for c in blocks for w in c.words)


def test_a_page_whose_name_ocr_lost_with_its_label_has_its_name_printed_and_unread() -> None:
    page = _iol_page()
    page.words[:] = [w for w in page.words if w.text not in NAME[2].split()]
    unread = [i.field for i in _parse(page).extraction.issues if i.code == "printed_value_unread"]
    assert unread == ["patient.name"]


def test_a_page_whose_id_ocr_lost_with_its_label_has_its_id_printed_and_unread() -> None:
    # real page-1 photos (seeds 408, 410): the page pass read the `ID:` line into the large name over it, and the ID
    # went with it: the header box prints `ID:` on every page, so its value is printed and unread, not absent
    page = _iol_page()
    page.words[:] = [w for w in page.words if w.text not in ID[2].split()]
    unread = [i.field for i in _parse(page).extraction.issues if i.code == "printed_value_unread"]
    assert unread == ["patient.id"]


def test_an_id_label_read_with_a_blank_field_is_no_id_unread() -> None:
    page = _iol_page()
    page.words[:] = [w for w in page.words if w.text != ID[2].split()[1]]
    result = _parse(page)
    assert result.status == "accepted", _errors(result)
    assert result.patient is not None and result.patient.id is None
