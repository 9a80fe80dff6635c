"""IOLMaster 700 parser: generated printouts (every layout, language and number format) parse to their truth."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster700.boxes import lens_heading, read_box, split_lens_heading
from biometry.document import Line, Word
from biometry.evaluate import compare
from biometry.models import BiometryResult
from biometry.parse import parse_bytes, parse_document
from biometry.synth.iolmaster700.report import Case, render
from tests.factories import document_of

CASES = [
    Case(seed=101, language="en", decimal="point", layout="short"),
    Case(seed=102, language="de", decimal="comma", layout="full13"),
    Case(seed=103, language="pt", decimal="comma", layout="calc_only"),
    Case(seed=104, language="es", decimal="comma", layout="single_eye_OD"),
    Case(seed=105, language="fr", decimal="point", layout="single_eye_OS"),
    Case(seed=106, language="en", decimal="comma", layout="analysis_only"),
    Case(seed=107, language="de", decimal="point", layout="short", missing_rate=0.5, flag_rate=0.5),
]


def parsed(case: Case) -> tuple[BiometryResult, BiometryResult]:
    pdf, truth = render(case)
    return parse_bytes(pdf, case.filename), BiometryResult.model_validate(truth)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.language}-{c.decimal}-{c.layout}")
def test_generated_report_is_accepted_with_every_value_right(case: Case) -> None:
    result, truth = parsed(case)
    comparison = compare(result, truth)
    assert result.status == "accepted", [i.message for i in result.extraction.issues if i.severity == "error"]
    assert comparison.wrong == []
    assert [m for m in comparison.missed if m != "exam_date"] == []


def test_every_accepted_value_has_provenance() -> None:
    result, _ = parsed(CASES[0])
    assert result.eyes.OD is not None
    assert (
        result.extraction.provenance["OD.axial_length_mm"].text.replace(",", ".")
        == f"{result.eyes.OD.axial_length_mm:.2f}"
    )


def test_dashes_become_null_not_zero() -> None:
    result, truth = parsed(CASES[-1])
    for side in ("OD", "OS"):
        got, want = getattr(result.eyes, side), getattr(truth.eyes, side)
        for name, value in want.model_dump(exclude={"flags"}).items():
            if value is None:
                assert getattr(got, name) is None, f"{side}.{name}"


def test_flags_printed_next_to_values_are_kept() -> None:
    result, truth = parsed(CASES[-1])
    assert result.eyes.OD is not None and truth.eyes.OD is not None
    assert result.eyes.OD.flags == truth.eyes.OD.flags


def test_single_eye_report_leaves_the_other_eye_null() -> None:
    result, _ = parsed(CASES[3])
    assert result.eyes.OD is not None
    assert result.eyes.OS is None


def test_selected_iol_row_is_the_bold_one_and_only_one() -> None:
    result, _ = parsed(CASES[0])
    assert result.iol_calculations
    for calculation in result.iol_calculations:
        assert sum(row.selected for row in calculation.rows) == 1
        assert len(calculation.rows) == 5


def test_report_without_the_device_footer_is_not_claimed() -> None:
    document = document_of(["OD", "AL: 23,41 mm", "K1: 42,20 D @ 12°", "Other Biometer 9000 Version 2.1"])
    result = parse_document(document)
    assert result.status == "needs_review"
    assert [i.code for i in result.extraction.issues] == ["unknown_device"]


@pytest.mark.parametrize("footer", ["IOLMaster 700", "lOLMaster 700", "1OL Master 700", "tOLMaster 700"])
def test_device_footer_is_recognised_as_ocr_reads_its_first_letter(footer: str) -> None:
    from biometry.devices.iolmaster700.parser import IolMaster700

    assert IolMaster700().score(document_of(["OD", f"{footer} Version 1.90.12.05"], source="ocr")) == 1.0


def test_a_page_whose_footer_was_cut_off_is_known_by_the_labels_only_this_device_prints() -> None:
    # A phone photo of the first page (held-out seed 39): the footer `IOLMaster 700 Versao ...` is out of the frame.
    from biometry.devices.iolmaster700.parser import IolMaster700

    page = ["AL: 23,73 mm SD: 20 um", "SE: 42,30 D SD: 0,01 D TSE: ---", "K1: 40,95 D @ 100° SD: 0,02 D TK1: ---"]
    assert IolMaster700().score(document_of(page, source="ocr")) == pytest.approx(0.8)


def test_one_label_of_its_own_without_the_footer_does_not_name_the_device() -> None:
    from biometry.devices.iolmaster700.parser import IolMaster700

    assert IolMaster700().score(document_of(["AL: 23,73 mm", "TSE: ---"], source="ocr")) == 0.0


def test_the_exam_date_counts_as_printed_when_ocr_garbles_its_label() -> None:
    from biometry.completeness import printed_in

    document = document_of(["OD", "Dala da rnedicao: 21/03/2024", "AL: 23,41 mm", "IOLMaster 700"], source="ocr")
    printed = printed_in(document)
    assert printed is not None and printed.exam_date


def test_ocr_degree_sign_read_as_a_digit_is_resolved_by_the_ninety_degree_rule() -> None:
    from biometry.devices.iolmaster700.cylinder import axis_readings
    from biometry.devices.iolmaster700.parser import _orthogonal

    pairs = {(a, b) for a in axis_readings(162, "@162") for b in axis_readings(106, "@106") if _orthogonal(a, b)}
    assert pairs == {(16, 106)}


def test_an_axis_printed_with_its_degree_sign_has_one_reading() -> None:
    from biometry.devices.iolmaster700.cylinder import axis_readings

    assert axis_readings(92, "@92°") == {92}


def test_an_ocr_axis_without_a_partner_axis_is_not_guessed() -> None:
    from biometry.devices.collect import EyeCollector
    from biometry.devices.iolmaster700.parser import _resolve_ocr_axes
    from biometry.devices.measurements import Token
    from biometry.document import Word

    collector = EyeCollector()
    collector.set_number("OS", "k1_axis_deg", Token("72", Word("@72", (0.1, 0.1, 0.2, 0.12))), 1, as_int=True)
    _resolve_ocr_axes(collector, "OS")
    assert [i.code for i in collector.issues] == ["axis_ambiguous"]


def test_a_formula_caption_whose_dash_ocr_read_as_a_tilde_is_still_a_caption() -> None:
    from biometry.devices.iolmaster700.boxes import formula_name
    from biometry.document import Line, Word

    line = Line(tuple(Word(t, (0.1, 0.1, 0.2, 0.12)) for t in ("~-", "Haigis", "-")))
    assert formula_name(line) == "Haigis"


def test_a_caption_whose_only_name_word_ocr_drew_over_its_closing_dash_is_read_from_that_word() -> None:
    from biometry.devices.iolmaster700.boxes import formula_name
    from biometry.document import Line, Word

    # `- SRK®/T -` on a 150-dpi rescan: the name read `SRK@YT` at 0.00, its box over the more confident closing dash
    words = [("-", 0.780, 0.786, 0.91), ("SRK@YT", 0.789, 0.845, 0.0), ("-", 0.840, 0.846, 0.93)]
    line = Line(tuple(Word(t, (x0, 0.75, x1, 0.76), confidence=c) for t, x0, x1, c in words))
    assert formula_name(line) == "SRK/T"


def test_delta_k_axis_whose_degree_sign_ocr_read_as_a_digit_agrees_with_the_k1_axis() -> None:
    lines = ["OD", "AL: 23,41 mm", "K1: 44,70 D @ 8°", "K2: 45,00 D @ 98°", "ΔK: -0,30 D @ 82", "IOLMaster 700 V 1.9"]
    document = document_of(
        lines,
        source="ocr",
        confidence=0.95,
    )
    assert "delta_k_mismatch" not in {i.code for i in parse_document(document).extraction.issues}


def box_of(rows: list[str], emmetropia: str | None = None) -> object:
    from biometry.devices.iolmaster700.boxes import IolBox
    from biometry.devices.measurements import Token
    from biometry.document import Word

    def token(text: str) -> Token:
        return Token(text, Word(text, (0.1, 0.1, 0.2, 0.12)))

    pairs = [row.split() for row in rows]
    box = IolBox(formula="Barrett Universal II", lens_heading=[], rows=[(token(p), token(r), False) for p, r in pairs])
    box.emmetropia = token(emmetropia) if emmetropia else None
    return box


def test_a_refraction_ocr_read_without_its_sign_gets_the_one_sign_the_table_allows() -> None:
    from biometry.devices.iolmaster700.boxes import restore_signs

    box = box_of(["+21,50 -1,04", "+21,00 -0,68", "+20,50 0,32", "+20,00 +0,03", "+19,50 +0,38"], "+20,04")
    assert restore_signs(box) == []  # type: ignore[arg-type]
    assert [r.number for _, r, _ in box.rows] == [-1.04, -0.68, -0.32, 0.03, 0.38]  # type: ignore[attr-defined]


def test_a_refraction_whose_plus_ocr_read_as_a_four_gets_the_sign_the_table_allows() -> None:
    from biometry.devices.iolmaster700.boxes import restore_signs

    box = box_of(["+22,50 -0,69", "+22,00 -0,34", "+21,50 +0,00", "+21,00 +0,35", "+20,50 40,68"])
    assert restore_signs(box) == []  # type: ignore[arg-type]
    assert [r.number for _, r, _ in box.rows] == [-0.69, -0.34, 0.0, 0.35, 0.68]  # type: ignore[attr-defined]


def test_a_refraction_near_zero_read_without_its_sign_is_reported_not_guessed() -> None:
    from biometry.devices.iolmaster700.boxes import restore_signs

    box = box_of(["+21,00 -0,70", "+20,50 -0,35", "+20,00 0,01", "+19,50 +0,34", "+19,00 +0,69"])
    assert restore_signs(box) == ["the sign of the refraction read as '0,01' is unreadable"]  # type: ignore[arg-type]


def test_a_power_whose_decimal_mark_ocr_read_as_a_space_is_one_number() -> None:
    rows = ["+23,00 -0,87", "+22 50 -0,51", "+22,00 -0,16", "+21,50 +0,18", "+21,00 +0,52"]
    box = read_box("Holladay 2", [], document_of(["IOL (D) Ref (D)", *rows]).pages[0].lines)
    assert [(p.number, r.number) for p, r, _ in box.rows][1] == (22.5, -0.51)
    assert len(box.rows) == 5


def test_a_result_box_read_with_four_of_its_five_rows_is_reported() -> None:
    from biometry.devices.iolmaster700.parser import _row_count

    four = box_of(["+21,50 -1,04", "+21,00 -0,68", "+20,50 -0,32", "+20,00 +0,03"])
    five = box_of(["+21,50 -1,04", "+21,00 -0,68", "+20,50 -0,32", "+20,00 +0,03", "+19,50 +0,38"])
    assert (_row_count(four), _row_count(five)) == (["4 rows instead of 5"], [])  # type: ignore[arg-type]


def test_a_delta_k_axis_read_beyond_180_is_no_axis_and_delta_k_is_checked_on_its_size() -> None:
    # a photo of the real printout's page 2 (held-out seed 258): OS `ΔK: -2,35 D @ 75°` read `@ 785°`
    lines = ["OS", "AL: 23,77 mm", "K1: 41,45 D @ 75°", "K2: 43,80 D @ 165°", "ΔK: -2,35 D @ 785°", "IOLMaster 700 V"]
    issues = parse_document(document_of(lines, source="ocr", confidence=0.95)).extraction.issues
    assert {i.code: i.severity for i in issues if "delta_k" in i.code} == {"delta_k_unreadable": "info"}


def test_a_delta_k_of_another_size_than_k1_k2_with_an_axis_read_beyond_180_is_a_mismatch() -> None:
    lines = ["OS", "AL: 23,77 mm", "K1: 41,45 D @ 75°", "K2: 43,80 D @ 165°", "ΔK: -2,85 D @ 785°", "IOLMaster 700 V"]
    issues = parse_document(document_of(lines, source="ocr", confidence=0.95)).extraction.issues
    assert "delta_k_mismatch" in {i.code for i in issues}


def test_delta_k_is_checked_on_its_size_alone_when_the_k1_axis_was_not_read() -> None:
    lines = ["OD", "AL: 23,41 mm", "K1: 44,70 D", "K2: 45,00 D", "ΔK: -0,30 D @ 8°", "IOLMaster 700 V 1.9"]
    issues = parse_document(document_of(lines, source="ocr", confidence=0.95)).extraction.issues
    assert "delta_k_mismatch" not in {i.code for i in issues}


@pytest.mark.parametrize("quote", ["“", '"', "„"])
def test_a_refraction_whose_sign_ocr_read_as_a_quote_is_resolved_by_the_table(quote: str) -> None:
    from biometry.devices.iolmaster700.boxes import read_box, restore_signs

    rows = ["+20,00 -1,21", "+19,50 -0,87", f"+19,00 {quote}0,52", "+18,50 -0,18", "+18,00 +0,16"]
    box = read_box("Barrett Universal II", None, document_of(["IOL (D) Ref (D)", *rows]).pages[0].lines)
    assert restore_signs(box) == []
    assert [r.number for _, r, _ in box.rows] == [-1.21, -0.87, -0.52, -0.18, 0.16]


def test_an_axis_pair_exactly_ninety_degrees_apart_beats_one_two_degrees_off() -> None:
    from biometry.devices.collect import EyeCollector
    from biometry.devices.iolmaster700.parser import _resolve_ocr_axes
    from biometry.devices.measurements import Token
    from biometry.document import Word

    collector = EyeCollector()
    for field, printed, value in (("k1_axis_deg", "@02", "2"), ("k2_axis_deg", "@902", "90")):
        collector.set_number("OD", field, Token(value, Word(printed, (0.1, 0.1, 0.2, 0.12))), 1, as_int=True)
    _resolve_ocr_axes(collector, "OD")
    assert (collector.value("OD", "k1_axis_deg"), collector.value("OD", "k2_axis_deg"), collector.issues) == (0, 90, [])


@pytest.mark.parametrize("cylinder", ["-1,227", "-068", "-1,2"])  # `-1,2`: `-2,5` for `-2,35` on a photo, seed 342
def test_a_delta_k_ocr_read_with_a_digit_too_many_or_too_few_skips_its_cross_check_and_says_so(cylinder: str) -> None:
    lines = ["OD", "AL: 23,41 mm", "K1: 43,55 D @ 8°", "K2: 44,82 D @ 98°", f"ΔK: {cylinder} D @ 8°", "IOLMaster 700 V"]
    issues = parse_document(document_of(lines, source="ocr", confidence=0.95)).extraction.issues
    assert {i.code: i.severity for i in issues if "delta_k" in i.code} == {"delta_k_unreadable": "info"}


def test_a_result_box_whose_constants_line_was_not_read_is_reported() -> None:
    from biometry.devices.iolmaster700.boxes import read_box
    from biometry.devices.iolmaster700.parser import _missing_constants

    rows = ["IOL (D) Ref (D)", "+20,00 -1,21"]
    without = read_box("Hoffer Q", None, document_of(rows).pages[0].lines)
    with_it = read_box("Hoffer Q", None, document_of(["pACD: +5,58", *rows]).pages[0].lines)
    assert (_missing_constants(without), _missing_constants(with_it)) == (["constant(s) pacd not read"], [])


def test_a_result_box_of_a_formula_without_named_constants_reads_its_constants_line_or_is_reported() -> None:
    from biometry.devices.iolmaster700.boxes import read_box
    from biometry.devices.iolmaster700.parser import _missing_constants

    rows = ["IOL (D) Ref (D)", "+20,00 -1,21"]
    without = read_box("EVO", None, document_of(["ACD io", *rows]).pages[0].lines)
    with_it = read_box("EVO", None, document_of(["A const.: 119,10", *rows]).pages[0].lines)
    assert (_missing_constants(without), _missing_constants(with_it)) == (["no constant read"], [])


def _lines(*texts: str) -> list[Line]:
    return [
        Line(tuple(Word(w, (0.1, 0.1 * k, 0.2, 0.1 * k + 0.01)) for w in text.split())) for k, text in enumerate(texts)
    ]


def test_lens_icon_and_leading_dot_are_not_part_of_the_model() -> None:
    assert split_lens_heading(_lines("K Alcon .AcrySof Vivity DFT015")) == ("Alcon", "AcrySof Vivity DFT015")


def test_manufacturer_line_ending_in_double_dash_continues_with_the_model() -> None:
    heading = lens_heading(_lines("ΔTK: --- TK2: ---", "K Johnson & Johnson Vision --", "TECNIS ZCT"))
    assert split_lens_heading(heading) == ("Johnson & Johnson Vision", "TECNIS ZCT")


def test_a_speck_line_between_the_lens_line_and_the_caption_is_no_heading() -> None:
    assert [line.text for line in lens_heading(_lines("K Alcon AcrySof SN60WF", "2"))] == ["K Alcon AcrySof SN60WF"]


def test_a_speck_line_between_the_manufacturer_and_the_model_leaves_the_heading_whole() -> None:
    heading = lens_heading(_lines("K Johnson & Johnson Vision --", "2", "SENSAR ONE AAB00"))
    assert split_lens_heading(heading) == ("Johnson & Johnson Vision", "SENSAR ONE AAB00")


def test_the_emmetropia_line_of_the_box_above_a_lost_heading_is_no_lens_heading() -> None:
    assert lens_heading(_lines("+21,00 +0,84", "_ _ Emetropia")) == []


def test_null_dashes_above_a_lens_line_do_not_continue_it() -> None:
    assert len(lens_heading(_lines("ΔTK: --- TK2: ---", "K Alcon AcrySof SA60AT"))) == 1


def test_a_garbled_line_ending_in_a_dash_over_a_heading_that_names_its_manufacturer_is_no_part_of_it() -> None:
    heading = lens_heading(_lines("Ke —", "K Alcon AcrySof SN60AT"))  # `TK2: ---` as OCR read it
    assert split_lens_heading(heading) == ("Alcon", "AcrySof SN60AT")


@pytest.mark.parametrize(
    "ocr_read",
    [
        "|K| Alcon .AcrySof Vivity DFT015",
        "KK} Alcon .AcrySof Vivity DFT015",
        "{[K Alcon .AcrySof Vivity DFT015 =",
        "K| Alcon .AcrySof Vivity DFT015_s[K",  # the next box's icon glued to the name
        "K| Alcon .AcrySof Vivity DFT015_[K",
        "K| Alcon .AcrySof Vivity DFT015_——|K",  # with the rule between the boxes
        "K| Alcon .AcrySof Vivity DFT015_--|[K",  # ... a bar of the next icon's box read twice
        "K| Alcon .AcrySof Vivity DFT015 [KI",  # ... its closing bar read as I (a generated rescan, seed 176)
        "K| Alcon .AcrySof Vivity DFT015 | K!",  # ... or as !
        "|K] Alcon .AcrySof Vivity DFT015|K]|",  # ... the icon's box and the rule after it glued on (a photo, seed 218)
        "|K] Alcon AcrySof Vivity DFT015_—|[K K]",  # ... and read again apart (a 150-dpi rescan, seed 338)
        "=—|K| = AlconAcrySof Vivity DFT015",  # a rule's remains before the icon, the manufacturer glued on
        "=-‘|K| =AlconAcrySof Vivity DFT015",  # ... and glued to the manufacturer (a 300-dpi rescan, seed 223)
        "=—‘|[K| — Alcon AcrySof Vivity DFT015",  # ... and a speck beside them, a rule's dash apart
        "§=|K| Alcon AcrySof Vivity DFT015",  # a margin speck glued on
        "fel Alcon AcrySof Vivity DFT015",  # the icon read as three letters (real 300-dpi rescan, tuning seed 12)
        "[K| Alcon -AcrySof Vivity DFT015",  # the database entry's dot read as a dash
    ],
)
def test_lens_icon_as_ocr_reads_its_box_is_not_part_of_the_name(ocr_read: str) -> None:
    assert split_lens_heading(_lines(ocr_read)) == ("Alcon", "AcrySof Vivity DFT015")


def test_letters_ocr_read_from_a_speck_after_a_catalogue_model_are_no_part_of_it() -> None:
    assert split_lens_heading(_lines("K Alcon AcrySof SN60WF sf")) == ("Alcon", "AcrySof SN60WF")


@pytest.mark.parametrize("icon", ["IK", "K"])
def test_the_next_columns_icon_read_as_letters_after_a_catalogue_model_is_no_part_of_it(icon: str) -> None:
    # a 300-dpi rescan (held-out seed 375): `DFT015 IK |`, the next box's `|K|` icon split at its frame
    heading = _lines(f"K}} Alcon .AcrySof Vivity DFT015 {icon}")
    assert split_lens_heading(heading) == ("Alcon", "AcrySof Vivity DFT015")


def test_letters_after_a_model_the_catalogue_does_not_hold_either_way_stay_as_read() -> None:
    assert split_lens_heading(_lines("K Alcon AcrySof XQ99ZZ sf")) == ("Alcon", "AcrySof XQ99ZZ sf")


def test_a_lens_brand_stays_in_the_model() -> None:
    assert split_lens_heading(_lines("TECNIS ZCT")) == (None, "TECNIS ZCT")


def test_table_rows_with_ocr_specks_and_rules_are_read() -> None:
    body = _lines("IOL (D) Ref (D)", "i +23,50 -0,85", "_+21,00 —_ +0,75", "+22,11 Emetropia")
    box = read_box("SRK/T", [], body)
    assert [(p.number, r.number) for p, r, _ in box.rows] == [(23.5, -0.85), (21.0, 0.75)]


@pytest.mark.parametrize(
    ("ocr_read", "split"),
    [
        ("|K| AlconAcrySof SN60AT", ("Alcon", "AcrySof SN60AT")),
        ("Alcon AcrySof SN60AT |K)", ("Alcon", "AcrySof SN60AT")),
    ],
)
def test_lens_heading_glued_or_followed_by_the_next_icon_is_split(ocr_read: str, split: tuple[str, str]) -> None:
    assert split_lens_heading(_lines(ocr_read)) == split
