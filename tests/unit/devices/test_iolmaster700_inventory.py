"""IOLMaster 700 completeness on generated printouts with OCR-like damage: a value printed in a slot of the eye block
whose label OCR garbled in every copy (into another label of the printout, or past recognition with its unit) is
counted as printed, so an accepted result never lacks it."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

import pytest

from biometry.devices.iolmaster700.boxes import is_caption
from biometry.devices.iolmaster700.printed import TARGET_LABEL, printed
from biometry.devices.layout import eye_label
from biometry.document import Document, Word
from biometry.extract import load_document
from biometry.models import BiometryResult, EyeSide
from biometry.parse import parse_document
from biometry.synth.iolmaster700.report import Case, render

SIDES: tuple[EyeSide, ...] = ("OD", "OS")


@functools.lru_cache(maxsize=4)
def _generated(layout: str) -> tuple[bytes, dict[str, Any]]:
    return render(Case(seed=5, language="pt", decimal="comma", layout=layout, missing_rate=0.0))  # type: ignore[arg-type]


def truth_of(layout: str) -> BiometryResult:
    """The generated printout's ground truth."""
    return BiometryResult.model_validate(_generated(layout)[1])


def as_ocr(layout: str, garbled: dict[str, str], unit: str | None = None, *, from_x: float = 0.0) -> Document:
    """The generated printout read as OCR would read it: every copy of a label spelled as `garbled` says, and (with
    `unit`) the unit after the garbled label's value read as `unit`; an empty spelling is a word OCR lost; only the
    copies right of `from_x` (of the page width)."""
    document = load_document(_generated(layout)[0], "scan.pdf")
    pages = []
    for page in document.pages:
        read_as: dict[int, str] = {}
        for line in page.lines:
            for k, word in enumerate(line.words):
                if word.text in garbled and word.bbox[0] >= from_x:
                    read_as[id(word)] = garbled[word.text]
                    if unit is not None:
                        read_as[id(line.words[k + 2])] = unit  # label, value, unit
        kept = [w for w in page.words if read_as.get(id(w)) != ""]
        words = [dataclasses.replace(w, text=read_as.get(id(w), w.text)) for w in kept]
        pages.append(dataclasses.replace(page, words=words, source="ocr", _lines=None, _text=None, _memo={}))
    return dataclasses.replace(document, pages=pages, _memo={})


def _unread(document: Document) -> set[str]:
    issues = parse_document(document).extraction.issues
    return {i.field or "" for i in issues if i.code == "printed_value_unread"}


# A row the order of the block's rows cannot name (its neighbour `ACD:` garbled past naming, digits read into it) stays
# unread: it must be counted.
NEIGHBOUR_GARBLED = {"ACD:": "4G0:"}


@pytest.mark.parametrize("garbled", ["LF:", "SD:", "DF:"])
def test_a_calculation_pages_label_garbled_into_another_label_in_both_copies_is_printed_and_unread(
    garbled: str,
) -> None:
    unread = _unread(as_ocr("calc_only", {"LT:": garbled, **NEIGHBOUR_GARBLED}))
    assert {f"{side}.lens_thickness_mm" for side in SIDES} <= unread


@pytest.mark.parametrize(("garbled", "unit"), [("tt:", "mn"), ("LF:", "rm"), ("EY:", "-")])
def test_a_calculation_pages_label_and_unit_garbled_in_both_copies_is_printed_and_unread(
    garbled: str, unit: str
) -> None:
    unread = _unread(as_ocr("calc_only", {"LT:": garbled}, unit=unit))
    assert {f"{side}.lens_thickness_mm" for side in SIDES} <= unread


@pytest.mark.parametrize(("label", "field"), [("LT:", "lens_thickness_mm"), ("CCT:", "cct_um"), ("P:", "pupil_mm")])
def test_an_analysis_pages_label_garbled_into_another_label_is_printed_and_unread(label: str, field: str) -> None:
    unread = _unread(as_ocr("analysis_only", {label: "SD:", **NEIGHBOUR_GARBLED}))
    assert {f"{side}.{field}" for side in SIDES} <= unread


def test_an_analysis_pages_label_and_unit_garbled_is_printed_and_unread() -> None:
    unread = _unread(as_ocr("analysis_only", {"ACD:": "AGO:"}, unit="rn"))
    assert {f"{side}.acd_mm" for side in SIDES} <= unread


def test_a_printout_read_with_its_labels_intact_asks_for_nothing_unprinted() -> None:
    assert _unread(as_ocr("calc_only", {})) == set()


def value_as_read(layout: str, label: str, read: str) -> Document:
    """The generated printout read as OCR would read it, every value after `label` read as `read`."""
    document = as_ocr(layout, {})
    for page in document.pages:
        after = {id(line.words[k + 1]) for line in page.lines for k, w in enumerate(line.words[:-1]) if w.text == label}
        page.words = [dataclasses.replace(w, text=read) if id(w) in after else w for w in page.words]
        page._lines, page._text = None, None
    return document


def test_a_value_ocr_garbled_after_its_label_is_printed_and_unread_never_the_next_labels_number() -> None:
    result = parse_document(value_as_read("analysis_only", "WTW:", "11;9mm"))
    unread = {i.field for i in result.extraction.issues if i.code == "printed_value_unread"}
    assert {f"{side}.wtw_mm" for side in SIDES} <= unread
    assert all(eye.wtw_mm is None for eye in (result.eyes.OD, result.eyes.OS) if eye is not None)


@pytest.mark.parametrize(("mark", "after"), [(",.", "mm"), (",", "mm_")])
def test_a_value_ocr_framed_in_a_rules_remains_or_with_its_mark_read_twice_is_read_as_printed(
    mark: str, after: str
) -> None:
    wtw_mm = truth_of("analysis_only").eyes.OD.wtw_mm  # type: ignore[union-attr]
    whole, tenths = f"{wtw_mm:.1f}".split(".")
    result = parse_document(value_as_read("analysis_only", "WTW:", f"{whole}{mark}{tenths}{after}"))
    assert result.eyes.OD is not None and result.eyes.OD.wtw_mm == wtw_mm


@functools.lru_cache(maxsize=1)
def _without_total_keratometry() -> bytes:
    """A generated 13-page printout whose eyes have no TK: `TK1: ---` in both halves of 11 calculation pages."""
    return render(Case(seed=6, language="pt", decimal="comma", layout="full13", missing_rate=0.1))[0]


def os_tk_null_read_as(read: str, pages: int) -> Document:
    """The printout without TK as OCR would read it, the OS null after `TK1:` read as `read` on `pages` pages."""
    document = load_document(_without_total_keratometry(), "scan.pdf")
    out = []
    for page in document.pages:
        after = [line.words[k + 1] for line in page.lines for k, w in enumerate(line.words[:-1]) if w.text == "TK1:"]
        # a calculation page prints both eyes' TK1 (OS's in the right half), an analysis page one eye's
        label = eye_label(page.words) if len(after) == 1 else None
        os_after = [w for w in after if w.bbox[0] > 0.5] if len(after) == 2 else []
        os_after += after if label and label[0] == "OS" else []
        os_null = {id(w) for w in os_after if w.text == "---"} if pages > 0 else set()
        pages -= bool(os_null)
        words = [dataclasses.replace(w, text=read) if id(w) in os_null else w for w in page.words]
        out.append(dataclasses.replace(page, words=words, source="ocr", _lines=None, _text=None, _memo={}))
    return dataclasses.replace(document, pages=out, _memo={})


def test_a_null_read_as_a_lone_digit_where_other_pages_read_the_null_is_not_printed() -> None:
    result = parse_document(os_tk_null_read_as("0", pages=1))
    unread = {i.field for i in result.extraction.issues if i.code == "printed_value_unread"}
    assert not unread & {"OS.tk1_d", "OS.tk1_axis_deg"}


def test_a_lone_digit_where_fewer_than_three_pages_read_the_null_is_printed_and_unread() -> None:
    unread = _unread(os_tk_null_read_as("0", pages=10))  # 2 of the 12 pages printing it read the null
    assert {"OS.tk1_d", "OS.tk1_axis_deg"} <= unread


def first_row_captions_lost(layout: str, side: EyeSide) -> Document:
    """The generated printout read as OCR would read it, the formula names of one eye's first row of result boxes
    lost on every page (each read as a speck: `- Barrett Universal II - . .`)."""
    document = as_ocr(layout, {})
    for page in document.pages:
        captions = [line for line in page.lines if is_caption(line)]
        if not captions:
            continue
        in_half = (lambda w: w.x_center > 0.5) if side == "OS" else (lambda w: w.x_center < 0.5)
        lost = {id(w) for w in captions[0].words if in_half(w) and any(ch.isalpha() for ch in w.text)}
        page.words = [dataclasses.replace(w, text=".") if id(w) in lost else w for w in page.words]
        page._lines, page._text = None, None
    return document


@pytest.mark.parametrize("side", SIDES)
def test_result_tables_under_a_first_row_whose_captions_ocr_lost_are_counted_printed(side: EyeSide) -> None:
    boxes = printed(first_row_captions_lost("calc_only", side)).iol_boxes
    assert boxes[side] == printed(as_ocr("calc_only", {})).iol_boxes[side]


def with_left_row(layout: str, label: str, read_as: list[str | None]) -> Document:
    """The generated printout read as OCR would read it with the left (OD) half's `label` and the words after it read
    as `read_as` says, one word each (None: a word OCR lost)."""
    document = load_document(_generated(layout)[0], "scan.pdf")
    pages = []
    for page in document.pages:
        texts: dict[int, str | None] = {}
        for line in page.lines:
            for k, word in enumerate(line.words):
                if word.text == label and word.bbox[0] < 0.5:
                    texts |= {id(w): text for w, text in zip(line.words[k:], read_as, strict=False)}
        kept = [(w, texts.get(id(w), w.text)) for w in page.words]
        words = [dataclasses.replace(w, text=text) for w, text in kept if text is not None]
        pages.append(dataclasses.replace(page, words=words, source="ocr", _lines=None, _text=None, _memo={}))
    return dataclasses.replace(document, pages=pages, _memo={})


def test_a_row_lost_whole_in_one_half_is_printed_there_when_the_other_half_reads_it() -> None:
    """A photo's OD `AL:` row read as its `SD: 20 µm` alone (label, value and unit lost in the left half only): both
    halves of a calculation page print the same rows, so OD's axial length is printed, unread, not absent."""
    assert "OD.axial_length_mm" in _unread(with_left_row("calc_only", "AL:", [None, None, None]))


def test_a_row_whose_label_ocr_garbled_beside_a_null_is_no_row_lost() -> None:
    """OD's `LT: --- mm` read `LES --- mm`: the row is there, printed null, so OS's thickness asks nothing of OD."""
    assert "OD.lens_thickness_mm" not in _unread(with_left_row("calc_only", "LT:", ["LES", "---"]))


def test_a_row_whose_label_ocr_garbled_beside_the_nulls_dashes_run_together_is_no_row_lost() -> None:
    """OD's `TK2: --- ` read `7: =` (a rescan, seed 176): one stroke after a word with the label's colon is the null,
    as after a label, so OS's value beside it asks nothing of OD."""
    document = with_left_row("calc_only", "TK2:", ["7:", "=", None, None, None])
    assert "OD.tk2_d" not in _unread(document)


def test_a_first_row_whose_labels_ocr_lost_is_still_in_the_eye_block() -> None:
    """An analysis page's first row `AL: 23,73 mm SD: 20 µm WTW: 11,9 mm Ix: ...` read with both labels lost or
    garbled (`:`, `Vwiw:`): its SD says it is a value row, so the white-to-white printed in it is counted."""
    unread = _unread(as_ocr("analysis_only", {"AL:": ":", "WTW:": "Vwiw:"}))
    assert {f"{side}.wtw_mm" for side in SIDES} <= unread


def test_a_row_one_half_lost_the_label_of_is_not_printed_there_where_the_eyes_other_pages_print_it_null() -> None:
    """OS's `LT: --- mm` on every page, its label read `Ch:` in the right half of one calculation page (a rescan):
    the row is not lost, it prints `---` as on the eye's other pages, so OD's value beside it makes nothing printed
    for OS."""
    truth = truth_of("full13")
    assert truth.eyes.OS is not None and truth.eyes.OS.lens_thickness_mm is not None
    os_lt = f"{truth.eyes.OS.lens_thickness_mm:.2f}".replace(".", ",")
    document = load_document(_generated("full13")[0], "scan.pdf")
    pages, garbled = [], False
    for page in document.pages:
        read_as: dict[int, str] = {}
        for line in page.lines:
            for k, word in enumerate(line.words[:-1]):
                if word.text == "LT:" and line.words[k + 1].text == os_lt:
                    read_as[id(line.words[k + 1])] = "---"
                    if (
                        word.bbox[0] > 0.5
                        and not garbled
                        and any(w.text == "LT:" and w.bbox[0] < 0.5 for w in line.words)
                    ):
                        read_as[id(word)], garbled = "Ch:", True
        words = [dataclasses.replace(w, text=read_as[id(w)]) if id(w) in read_as else w for w in page.words]
        pages.append(dataclasses.replace(page, words=words, source="ocr", _lines=None, _text=None, _memo={}))
    assert garbled
    assert "OS.lens_thickness_mm" not in _unread(dataclasses.replace(document, pages=pages, _memo={}))


def read_in_halves(layout: str, left: dict[str, str], right: dict[str, str]) -> Document:
    """The generated printout with each half's words read as `left` / `right` say (a reading with spaces: several
    words in the printed word's place; an empty one: a word OCR lost)."""
    document = load_document(_generated(layout)[0], "scan.pdf")
    pages = []
    for page in document.pages:
        words = []
        for word in page.words:
            text = (left if word.bbox[0] < 0.5 else right).get(word.text, word.text)
            parts = text.split()
            x0, y0, x1, y1 = word.bbox
            step = (x1 - x0) / max(len(parts), 1)
            words += [Word(part, (x0 + k * step, y0, x0 + (k + 1) * step, y1)) for k, part in enumerate(parts)]
        pages.append(dataclasses.replace(page, words=words, source="ocr", _lines=None, _text=None, _memo={}))
    return dataclasses.replace(document, pages=pages, _memo={})


# OD's `LT: 4,66 mm` read `Ma 4 4,66 mm` (a speck read as a `4` before the value, apart from the garbled label), OS's
# label read `Ek:`, and the lens heading under OD's last row printed as a long manufacturer continued on the next line
# (`Johnson & Johnson Vision --`): a scan of the generator's pt-BR calculation page. (A `4` against the label is its
# colon: `values.without_colons_read_as_digits`.)
LT_READ_AS_A_SPECK = {
    "LT:": "Ma",
    "4,66": "4 4,66",
    "Alcon": "Johnson & Johnson Vision --",
    "AcrySof": "",
    "IQ": "",
    "Vivity": "",
}


def test_a_lens_headings_continuation_dashes_under_the_last_row_are_no_null_of_a_row_lost() -> None:
    """The heading's `--` is no `LT: --- mm` read with its label garbled: OS's thickness, printed beside OD's lost
    row, is printed for OD too, so the document goes to review."""
    document = read_in_halves("calc_only", LT_READ_AS_A_SPECK, {"LT:": "Ek:"})
    assert "OD.lens_thickness_mm" in _unread(document)


def test_a_value_set_aside_for_its_digits_that_no_copy_gives_sends_the_document_to_review() -> None:
    """OD's `LT:` (taken from OS's copy of the row) read `4`: the device prints two decimals, so the reading is set
    aside; no other copy gives the thickness and none prints it null, so the set-aside is an error, never an
    accepted result without it, whatever the inventory counts."""
    result = parse_document(read_in_halves("calc_only", LT_READ_AS_A_SPECK, {"LT:": "Ek:"}))
    assert result.eyes.OD is not None and result.eyes.OD.lens_thickness_mm is None
    errors = {(i.code, i.eye, i.field) for i in result.extraction.issues if i.severity == "error"}
    assert ("ocr_digit_count", "OD", "lens_thickness_mm") in errors
    assert result.status == "needs_review"


def _without_id_line(document: Document) -> Document:
    """The printout as a page pass reads it that lost the header's `ID de paciente 5787768` line whole on every
    page (the IOLMaster 500 page-1 photos lost theirs into the large name over it)."""
    pages = [
        dataclasses.replace(
            page,
            words=[w for line in page.lines if not line.text.startswith("ID de paciente") for w in line.words],
            _lines=None,
            _text=None,
            _memo={},
        )
        for page in document.pages
    ]
    return dataclasses.replace(document, pages=pages, _memo={})


def test_an_id_whose_label_no_page_reads_is_printed_and_unread() -> None:
    # every page's header prints `ID de paciente`, its value typed or blank: an ID lost with its label is no ID absent
    result = parse_document(_without_id_line(as_ocr("calc_only", {})))
    unread = [i.field for i in result.extraction.issues if i.code == "printed_value_unread"]
    assert unread == ["patient.id"]
    assert result.status == "needs_review"


def test_a_target_label_whose_point_ocr_read_as_a_comma_is_read() -> None:
    # held-out 150-dpi rescan (seed 190), page 5: `Refr,-alvo: +0,00 D`, the OD target unread in four boxes
    result = parse_document(as_ocr("calc_only", {"Refr.-alvo:": "Refr,-alvo:"}))
    targets = [c.target_refraction_d for c in result.iol_calculations]
    assert targets == [c.target_refraction_d for c in truth_of("calc_only").iol_calculations]
    assert "target_refraction" not in " ".join(i.message for i in result.extraction.issues if i.severity == "error")


@pytest.mark.parametrize("label", ["Ref,", "Ref:", "Ref"])
def test_the_status_blocks_refraction_label_is_no_target_label(label: str) -> None:
    assert TARGET_LABEL.match(label) is None


# An analysis page photographed with its first column's labels cut off (`: 42,59 D` under `LT:`, seeds 217 and 220):
# the order of the rows names them SE, K1, K2 and ΔK, as the parse reads them.
KERATOMETRY_LABELS_LOST = {"SE:": "", "K1:": "", "K2:": "", "ΔK:": ""}


def with_tk2_printed_null(document: Document, garbled: str) -> Document:
    """The document with each `TK2:` read `garbled` and its value, axis and SD printed as the null `---`."""
    for page in document.pages:
        nulled: dict[int, str] = {}
        for line in page.lines:
            words = list(line.words)
            for k, word in enumerate(words):
                if word.text == "TK2:":
                    nulled[id(word)] = garbled
                    nulled |= {id(w): "" for w in words[k + 2 :]} | {id(words[k + 1]): "---"}
        page.words = [
            dataclasses.replace(w, text=nulled.get(id(w), w.text)) for w in page.words if nulled.get(id(w)) != ""
        ]
        page._lines, page._text = None, None
    return document


def test_values_whose_labels_ocr_lost_that_the_order_of_the_rows_names_fill_no_slot_of_a_garbled_labels_null() -> None:
    """OS `TK2: ---` read `ThA ---` beside `: 43,80 D @ 165°` (K2, its label lost): the order names K2, so the value
    asks nothing of TK2, whose row prints the null."""
    document = with_tk2_printed_null(as_ocr("analysis_only", KERATOMETRY_LABELS_LOST), "ThA")
    result = parse_document(document)
    assert not {f"{side}.tk2_d" for side in SIDES} & _unread(document)
    assert [getattr(result.eyes, side).k2_d for side in SIDES] == [
        getattr(truth_of("analysis_only").eyes, side).k2_d for side in SIDES
    ]


def test_a_value_after_a_garbled_label_beside_rows_the_order_names_is_printed_and_unread() -> None:
    """The same page with TK2's value printed: no label names it, so it is counted and the document goes to review."""
    unread = _unread(as_ocr("analysis_only", {**KERATOMETRY_LABELS_LOST, "TK2:": "ThA"}))
    assert {f"{side}.tk2_d" for side in SIDES} <= unread
