"""IOLMaster 700 eye blocks print their rows in a fixed label order: a row whose label OCR garbled in both copies is
read as the label between its neighbours' labels only where both neighbours are read and the unit agrees."""

from __future__ import annotations

import dataclasses

import pytest

from biometry.devices.iolmaster700.order import EDGE, between
from biometry.devices.iolmaster700.parser import _labels_twice
from biometry.devices.iolmaster700.printed import in_vocabulary
from biometry.devices.measurements import tokens_of
from biometry.models import BiometryResult, EyeSide
from biometry.parse import parse_document
from tests.factories import document_of
from tests.unit.devices.test_iolmaster700_inventory import as_ocr, truth_of

SIDES: tuple[EyeSide, ...] = ("OD", "OS")


@pytest.mark.parametrize(
    ("above", "below", "label"),
    [
        ("ACD:", "WTW:", "LT:"),
        ("ACD:", "SE:", "LT:"),
        ("AL:", "LT:", "ACD:"),
        ("AL:", "ACD:", "CCT:"),
        ("SE:", "K2:", "K1:"),
        ("ACD:", EDGE, "LT:"),  # the block ends below LT
        (EDGE, "CCT:", "AL:"),  # the block begins above AL
    ],
)
def test_the_row_between_two_read_rows_is_the_label_every_layout_prints_there(
    above: str, below: str, label: str
) -> None:
    assert between(above, below) == (label,)


@pytest.mark.parametrize(("above", "below"), [(None, "WTW:"), ("ACD:", None), ("AL:", "WTW:"), ("LT:", "ACD:")])
def test_no_row_label_is_taken_without_both_neighbours_read_in_a_printed_order(
    above: str | None, below: str | None
) -> None:
    assert between(above, below) is None


@pytest.mark.parametrize(
    ("above", "below", "labels"),
    [("LT:", EDGE, ("SE:", "K1:", "K2:", "ΔK:")), ("ACD:", "ΔK:", ("LT:", "SE:", "K1:", "K2:"))],
)
def test_a_run_of_rows_between_two_read_rows_is_the_labels_every_layout_prints_there(
    above: str, below: str, labels: tuple[str, ...]
) -> None:
    assert between(above, below, len(labels)) == labels


def test_a_run_of_rows_no_layout_prints_between_its_neighbours_gets_no_labels() -> None:
    assert between("LT:", EDGE, 3) is None


def _lens_thickness(result: BiometryResult) -> list[float | None]:
    return [getattr(result.eyes, side).lens_thickness_mm for side in SIDES]


@pytest.mark.parametrize("garbled", ["tt:", "LF:", "SD:", ""])
def test_a_calculation_pages_row_garbled_in_both_copies_is_read_by_the_order_of_the_rows(garbled: str) -> None:
    result = parse_document(as_ocr("calc_only", {"LT:": garbled}))
    assert _lens_thickness(result) == _lens_thickness(truth_of("calc_only"))


@pytest.mark.parametrize("garbled", ["tt:", "Ea Be"])
def test_an_analysis_pages_last_row_garbled_is_read_by_the_one_row_above_it_and_the_blocks_end(garbled: str) -> None:
    result = parse_document(as_ocr("analysis_only", {"LT:": garbled}))
    assert _lens_thickness(result) == _lens_thickness(truth_of("analysis_only"))


def test_two_rows_garbled_in_both_copies_are_the_two_labels_the_order_prints_between_their_neighbours() -> None:
    result = parse_document(as_ocr("calc_only", {"LT:": "tt:", "ACD:": "AGO:"}))
    assert _lens_thickness(result) == _lens_thickness(truth_of("calc_only"))


def test_a_row_garbled_in_both_copies_beside_a_neighbour_garbled_past_naming_is_left_unread() -> None:
    result = parse_document(as_ocr("calc_only", {"LT:": "tt:", "ACD:": "4G0:"}))  # digits read into a label
    assert _lens_thickness(result) == [None, None]


def test_a_row_garbled_in_both_copies_whose_unit_is_not_the_labels_is_left_unread() -> None:
    result = parse_document(as_ocr("calc_only", {"LT:": "tt:"}, unit="D"))
    assert _lens_thickness(result) == [None, None]


FIRST_COLUMN = ("AL:", "ACD:", "LT:", "WTW:", "SE:", "ΔK:", "TSE:", "ΔTK:")


def test_a_calculation_page_whose_os_copy_lost_every_row_label_is_split_at_its_status_labels() -> None:
    result = parse_document(as_ocr("calc_only", dict.fromkeys(FIRST_COLUMN, ""), from_x=0.5))
    targets = [c.target_refraction_d for c in result.iol_calculations if c.eye == "OS"]
    assert targets == [c.target_refraction_d for c in truth_of("calc_only").iol_calculations if c.eye == "OS"]


@pytest.mark.parametrize(
    ("line", "both"),
    [("LS: Fácico VS: Corpo vítreo LS:", True), ("Refr.-alvo: +0,00 D Refr.-alvo:", True),
     ("LVC: Não tratado Modo LVC: -", False), ("SE: 42,30 D SD: 0,01 D K1: 40,95 D", False)],
)  # fmt: skip
def test_a_half_holding_both_eyes_copies_of_a_status_line_is_seen(line: str, both: bool) -> None:
    tokens = in_vocabulary(tokens_of(document_of([line]).pages[0].lines[0].words))
    assert _labels_twice(tokens) is both


def _k_axes(k1_copies: tuple[str, ...], k2: str) -> tuple[object, object, set[str]]:
    lines = ["OD", "AL: 23,41 mm", *(f"K1: 42,20 D {axis}" for axis in k1_copies), f"K2: 43,20 D {k2}", "IOLMaster 700"]
    result = parse_document(document_of(lines, source="ocr"))
    errors = {i.code for i in result.extraction.issues if i.severity == "error"}
    return result.eyes.OD and result.eyes.OD.k1_axis_deg, result.eyes.OD and result.eyes.OD.k2_axis_deg, errors


@pytest.mark.parametrize("copies", [("@92", "@9°"), ("@9°", "@92"), ("@99", "@92")])
def test_axes_read_differently_agree_on_the_value_every_reading_allows_beside_a_partner_90_degrees_away(
    copies: tuple[str, str],
) -> None:
    k1, k2, errors = _k_axes(copies, "@99°")
    assert (k1, k2, errors & {"conflicting_values", "axis_ambiguous", "ungrounded"}) == (9, 99, set())


@pytest.mark.parametrize(("copies", "k2"), [(("@92", "@9°"), "@95°"), (("@112", "@119"), "@29°")])
def test_axes_read_differently_stay_in_review_unless_the_partner_axis_confirms_their_common_value(
    copies: tuple[str, str], k2: str
) -> None:
    assert "conflicting_values" in _k_axes(copies, k2)[2]


@pytest.mark.parametrize("copies", [("@112", "@1192"), ("@119", "@1192", "@112")])
def test_an_axis_whose_degree_sign_ocr_read_as_92_agrees_with_its_other_readings_beside_a_partner_90_degrees_away(
    copies: tuple[str, ...],
) -> None:
    k1, k2, errors = _k_axes(copies, "@101°")
    assert (k1, k2, errors & {"conflicting_values", "axis_ambiguous", "ungrounded"}) == (11, 101, set())


def test_an_axis_read_as_92_stays_in_review_without_a_partner_90_degrees_away() -> None:
    assert "conflicting_values" in _k_axes(("@112", "@1192"), "@105°")[2]


def test_a_row_printing_the_null_bounds_the_run_of_rows_under_it_whose_labels_ocr_lost() -> None:
    # An analysis page's rescan (seed 176): `LT: --- mm`, then SE, K1, K2 and ΔK read as `:` and their values; as a
    # line without a value, the null row let the run be any block's first four rows, and none was named
    document = as_ocr("analysis_only", {"SE:": ":", "K1:": ":", "K2:": ":", "ΔK:": ":"})
    pages = []
    for page in document.pages:
        lt_rows = [line.words for line in page.lines if line.words[0].text == "LT:"]
        nulls = {id(row[1]) for row in lt_rows}  # `LT: 4,66 mm SD: 28 µm` read `LT: --- mm`: no SD with the null
        sds = {id(w) for row in lt_rows for w in row[3:]}
        words = [dataclasses.replace(w, text="---") if id(w) in nulls else w for w in page.words if id(w) not in sds]
        pages.append(dataclasses.replace(page, words=words, _lines=None, _text=None, _memo={}))
    result = parse_document(dataclasses.replace(document, pages=pages, _memo={}))
    keratometry = ("mean_k_d", "k1_d", "k2_d", "k2_axis_deg")
    truth = truth_of("analysis_only")
    assert [getattr(result.eyes, s) and getattr(getattr(result.eyes, s), f) for s in SIDES for f in keratometry] == [
        getattr(truth.eyes, s) and getattr(getattr(truth.eyes, s), f) for s in SIDES for f in keratometry
    ]


def _delta_k_row(colon_right: float) -> list[str]:
    """`ΔK: -2,35 D` on a photo of the real printout (held-out seed 261) as read: `AK`, its colon as a `2` at 0.15
    ending at `colon_right`, the value and its unit."""
    from biometry.devices.measurements import Token
    from biometry.document import Word

    words = [
        Word("AK", (0.520, 0.518, 0.537, 0.525), confidence=0.96),
        Word("2", (0.538, 0.520, colon_right, 0.525), confidence=0.15),
        Word("-2,35", (0.551, 0.516, 0.587, 0.527), confidence=0.89),
        Word("D", (0.593, 0.516, 0.604, 0.525), confidence=0.93),
    ]
    return [t.text for t in in_vocabulary([Token(w.text, w) for w in words])]


def test_a_labels_colon_read_as_a_narrow_doubted_glyph_before_the_value_is_the_colon() -> None:
    assert _delta_k_row(colon_right=0.541) == ["ΔK:", "-2,35", "D"]


def test_a_doubted_glyph_as_wide_as_the_labels_letters_is_no_colon() -> None:
    assert _delta_k_row(colon_right=0.547)[:2] == ["AK", "2"]


def _keratometry_under(specks: str) -> tuple[float | None, float | None]:
    """K1 and K2 of an analysis page photographed as held-out seed 393's OD page read: both labels lost (`:` and
    nothing), a line of `specks` between K2's row and ΔK's."""
    lines = ["OD", "AL: 23,73 mm", "CCT: 554 µm", "ACD: 2,89 mm", "LT: 4,90 mm", "SE: 42,30 D",
             ": 40,95D @ 100°", "43,74 D @ 10°", specks, "ΔK: -2,79D @ 100°", "IOLMaster 700"]  # fmt: skip
    eye = parse_document(document_of(lines, source="ocr")).eyes.OD
    return (eye.k1_d, eye.k2_d) if eye else (None, None)


def test_a_line_of_specks_between_two_rows_is_no_row_of_the_order() -> None:
    assert _keratometry_under("=)") == (40.95, 43.74)


def test_a_line_of_dashes_between_two_rows_still_ends_the_run() -> None:
    assert _keratometry_under("==") == (None, None)
