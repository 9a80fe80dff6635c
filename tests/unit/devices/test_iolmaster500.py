"""IOLMaster 500 parser: generated printouts parse to their truth; anything doubtful goes to review."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest

from biometry.devices.iolmaster500.biometry import _al_readings
from biometry.devices.iolmaster500.parser import IolMaster500
from biometry.devices.iolmaster700.parser import IolMaster700
from biometry.document import Document, Word
from biometry.evaluate import compare
from biometry.extract import load_document
from biometry.models import BiometryResult, Source
from biometry.synth.iolmaster500.plan import Plan500, make_plan
from biometry.synth.iolmaster500.report import LAYOUTS_500, Iom500Case, render, render_drawing
from biometry.synth.iolmaster700.report import Case
from biometry.synth.iolmaster700.report import render as render_700
from biometry.validate import validate
from tests.factories import document_of

PARSER = IolMaster500()


def _document(case: Iom500Case) -> tuple[Document, BiometryResult]:
    """The printout as drawn before the device rasterises it: the same layout with a text layer (no OCR, fast)."""
    pdf, truth = render_drawing(case)
    return load_document(pdf, case.filename), BiometryResult.model_validate(truth)


def _parse(document: Document) -> BiometryResult:
    source = Source(filename="t.pdf", media_type="application/pdf", pages=1, text_source=document.text_source)
    return validate(PARSER.parse(document, source), document)


def _edited(document: Document, change: Callable[[Word], Word]) -> Document:
    """The document with every word passed through `change` (lines regrouped)."""
    pages = [dataclasses.replace(p, words=[change(w) for w in p.words], _lines=None) for p in document.pages]
    return dataclasses.replace(document, pages=pages)


def _case_with(trait: Callable[[Plan500], bool], **knobs: object) -> Iom500Case:
    for seed in range(500):
        case = Iom500Case(seed=seed, **knobs)  # type: ignore[arg-type]
        if trait(make_plan(case)):
            return case
    raise AssertionError("no seed below 500 shows the trait")


def _errors(result: BiometryResult) -> list[str]:
    return [i.code for i in result.extraction.issues if i.severity == "error"]


@pytest.mark.parametrize("layout", LAYOUTS_500)
def test_generated_report_is_accepted_with_every_value_right(layout: str) -> None:
    document, truth = _document(Iom500Case(seed=200, layout=layout))  # type: ignore[arg-type]
    result = _parse(document)
    comparison = compare(result, truth)
    assert result.status == "accepted", _errors(result)
    assert comparison.wrong == []
    assert [m for m in comparison.missed if m != "exam_date"] == []


def test_parser_names_itself_and_the_device() -> None:
    result = _parse(_document(Iom500Case(seed=201))[0])
    assert result.extraction.parser == "iolmaster500@2.0"
    assert result.device is not None and result.device.model == "IOLMaster 500"


def test_dashes_become_null_not_zero() -> None:
    document, truth = _document(Iom500Case(seed=202, layout="mmt_only", missing_rate=1.0))
    result = _parse(document)
    assert result.eyes.OD is not None
    assert result.eyes.OD.axial_length_mm is None
    assert result.eyes.OD.flags == truth.eyes.OD.flags  # type: ignore[union-attr]


def test_borderline_composite_snr_flags_the_axial_length() -> None:
    case = _case_with(lambda p: p.eyes["OD"].borderline and not p.eyes["OD"].missing)
    result = _parse(_document(case)[0])
    assert result.eyes.OD is not None
    assert result.eyes.OD.flags["axial_length_mm"] == ["borderline"]


def test_summary_k_lines_give_power_radius_and_axis() -> None:
    document, truth = _document(_case_with(lambda p: bool(p.iol_pages) and not p.eyes["OD"].missing))
    eye, want = _parse(document).eyes.OD, truth.eyes.OD
    assert eye is not None and want is not None
    assert (eye.k1_d, eye.k1_radius_mm, eye.k1_axis_deg) == (want.k1_d, want.k1_radius_mm, want.k1_axis_deg)


def test_single_eye_report_leaves_the_other_eye_null() -> None:
    result = _parse(_document(Iom500Case(seed=203, layout="single_eye_OS"))[0])
    assert result.eyes.OD is None
    assert result.eyes.OS is not None


def test_eyes_come_from_columns_not_from_text_order() -> None:
    document, truth = _document(Iom500Case(seed=204, layout="mmt_only", missing_rate=0.0))
    reversed_order = dataclasses.replace(
        document, pages=[dataclasses.replace(p, words=p.words[::-1], _lines=None) for p in document.pages]
    )
    result = _parse(reversed_order)
    assert compare(result, truth).wrong == []
    assert not compare(result, truth).swapped


def test_eye_label_contradicting_its_column_goes_to_review() -> None:
    document, _ = _document(Iom500Case(seed=205, layout="mmt_only"))
    swap = {"OD": "OS", "OS": "OD", "right": "left", "left": "right"}
    result = _parse(_edited(document, lambda w: dataclasses.replace(w, text=swap.get(w.text, w.text))))
    assert result.status == "needs_review"


def test_selected_iol_row_is_the_bold_one_and_only_one() -> None:
    result = _parse(_document(Iom500Case(seed=206, layout="iol_only"))[0])
    assert result.iol_calculations
    assert all(sum(row.selected for row in c.rows) == 1 for c in result.iol_calculations)


def test_mean_keratometry_outside_its_readings_goes_to_review() -> None:
    document, truth = _document(Iom500Case(seed=207, layout="mmt_only", missing_rate=0.0))
    od = truth.eyes.OD
    assert od is not None and od.k1_d is not None and od.k2_d is not None
    printed = f"{od.k1_d:.2f}/{od.k2_d:.2f}"
    misread = f"{od.k1_d:.2f}/{od.k2_d - 0.3:.2f}"  # `43.59` for `43.89`: a serif 8 read as 5
    result = _parse(_edited(document, lambda w: dataclasses.replace(w, text=misread) if w.text == printed else w))
    assert "k_readings_mismatch" in _errors(result)


def test_a_single_keratometer_reading_no_cornea_has_is_no_check_of_the_mean() -> None:
    # a photo's Courier 4 read as 8 (`83.77.` for 43.77, held-out seed 232) beside a reading OCR garbled (`43271`):
    # the mean was held to the two left, 43.83..83.77, and went to review
    document, truth = _document(Iom500Case(seed=207, layout="mmt_only", missing_rate=0.0))
    assert truth.eyes.OD is not None and truth.eyes.OD.k1_d == 43.95  # its readings: 43.89, 43.95, 44.01
    misread = {"43.89": "83.89", "43.95": "43.9S"}
    first = [next(w for w in document.pages[0].words if w.text == printed) for printed in misread]
    result = _parse(_edited(document, lambda w: dataclasses.replace(w, text=misread[w.text]) if w in first else w))
    assert "k_readings_mismatch" not in _errors(result) and result.eyes.OD is not None
    assert result.eyes.OD.k1_d == truth.eyes.OD.k1_d


def test_composite_outside_its_readings_goes_to_review() -> None:
    document, truth = _document(Iom500Case(seed=207, layout="mmt_only", missing_rate=0.0))
    printed = f"{truth.eyes.OD.axial_length_mm:.2f}"  # type: ignore[union-attr]
    wrong = f"{truth.eyes.OD.axial_length_mm + 0.5:.2f}"  # type: ignore[union-attr]
    first = next(w for w in document.pages[0].words if w.text == printed)
    result = _parse(_edited(document, lambda w: dataclasses.replace(w, text=wrong) if w is first else w))
    assert "al_readings_mismatch" in _errors(result)


def test_unreadable_table_row_goes_to_review() -> None:
    document, _ = _document(Iom500Case(seed=208, layout="iol_only"))
    garbled = next(w for p in document.pages for w in p.words if w.bold and re.fullmatch(r"-?\d\.\d+", w.text))
    result = _parse(_edited(document, lambda w: dataclasses.replace(w, text="=0..21") if w is garbled else w))
    assert "iol_box_unreadable" in _errors(result)


def test_cylinder_at_the_wrong_axis_goes_to_review() -> None:
    document, _ = _document(Iom500Case(seed=211, layout="iol_only", missing_rate=0.0))
    cylinder = next(line for line in document.pages[0].lines if line.words[0].text == "Cyl.:")
    axis = cylinder.words[4]
    moved = f"{(int(axis.text.rstrip('°')) + 45) % 180}°"
    result = _parse(_edited(document, lambda w: dataclasses.replace(w, text=moved) if w is axis else w))
    assert "cylinder_mismatch" in _errors(result)


def test_cylinder_whose_minus_ocr_lost_still_agrees_at_the_k1_axis() -> None:
    document, _ = _document(Iom500Case(seed=211, layout="iol_only", missing_rate=0.0))
    value = next(line for line in document.pages[0].lines if line.words[0].text == "Cyl.:").words[1]
    unsigned = value.text.lstrip("-")
    result = _parse(_edited(document, lambda w: dataclasses.replace(w, text=unsigned) if w is value else w))
    assert (value.text.startswith("-"), "cylinder_mismatch" in _errors(result)) == (True, False)


def test_same_lens_printed_with_two_constants_goes_to_review() -> None:
    document, _ = _document(Iom500Case(seed=212, layout="iol_only", missing_rate=0.0))
    words = document.pages[0].words
    label = next(i for i, w in enumerate(words) if w.text == "const:")
    constant = words[label + 1]
    changed = constant.text[:-1] + str((int(constant.text[-1]) + 1) % 10)
    result = _parse(_edited(document, lambda w: dataclasses.replace(w, text=changed) if w is constant else w))
    assert "iol_constants_conflict" in _errors(result)


def test_software_version_comes_from_the_footer() -> None:
    result = _parse(_document(Iom500Case(seed=213))[0])
    assert result.device is not None and result.device.software_version in ("7.7", "7.5", "7.3", "7.1")


def test_700_parser_does_not_claim_a_500_report() -> None:
    assert IolMaster700().score(_document(Iom500Case(seed=209))[0]) == 0


def test_500_parser_does_not_claim_a_700_report() -> None:
    pdf, _ = render_700(Case(seed=101))
    assert PARSER.score(load_document(pdf, "700.pdf")) == 0


def test_report_without_the_device_footer_is_not_claimed() -> None:
    document = document_of(["OD right", "AL: 23.45 mm (SNR = 12.3)", "Other Biometer 9000 V.7.7"])
    assert PARSER.score(document) == 0


@pytest.mark.parametrize(
    "lines",
    [
        ["OD right", "AL: 23.45 mm (SNR = 12.3)", "I0LMaster(R) Advanced Technoloqy V.7.7"],
        # a photo of the real printout's page 1 (held-out seed 336): the footer's `IOLMaster®` lost, the clinic's
        # `IOL Master 500` in the title read with its I as a bracket
        ["Pre-op Assessment Clinic, [OL Master 500 No 2", "Carl Zeiss Advanced Technology V. 7.7"],
    ],
)
def test_footer_read_by_ocr_is_still_claimed(lines: list[str]) -> None:
    assert PARSER.score(document_of(lines)) > 0


@pytest.mark.slow
@pytest.mark.parametrize("scanned", [False, True])
def test_page_images_read_by_ocr_hold_no_silent_error(scanned: bool) -> None:
    case = Iom500Case(seed=210, layout="both", image_only=scanned)
    pdf, truth = render(case)
    result = _parse(load_document(pdf, case.filename))
    assert result.status == "needs_review" or compare(result, BiometryResult.model_validate(truth)).wrong == []


def _as_ocr(document: Document) -> Document:
    """The same words as if every page had been read by OCR (no bold, OCR checks on)."""
    pages = [dataclasses.replace(p, source="ocr") for p in document.pages]
    return dataclasses.replace(document, pages=pages)


def _with_quote_for_sign(document: Document, pattern: str) -> tuple[Document, str]:
    """The document with the first refraction matching `pattern` read as `“` + its digits, as OCR reads a scanned
    minus; and the refraction as printed."""
    word = next(w for p in document.pages for w in p.words if re.fullmatch(pattern, w.text))
    quoted = "\u201c" + word.text.lstrip("-")
    return _edited(document, lambda w: dataclasses.replace(w, text=quoted) if w is word else w), word.text


def _refractions(result: BiometryResult) -> list[float]:
    return [row.refraction_d for c in result.iol_calculations for row in c.rows]


def test_ocr_quote_before_a_refraction_reads_as_its_minus() -> None:
    document, _ = _document(Iom500Case(seed=208, layout="iol_only"))
    expected = _refractions(_parse(_as_ocr(document)))
    result = _parse(_as_ocr(_with_quote_for_sign(document, r"-0\.[3-9]\d")[0]))
    assert _refractions(result) == expected
    assert "iol_box_unreadable" not in _errors(result)


def test_ocr_quote_standing_for_a_plus_goes_to_review() -> None:
    document, _ = _document(Iom500Case(seed=208, layout="iol_only"))
    result = _parse(_as_ocr(_with_quote_for_sign(document, r"0\.[3-9]\d")[0]))
    assert "iol_box_unreadable" in _errors(result)


def test_ocr_quote_before_a_refraction_too_small_to_check_stays_unreadable() -> None:
    document, _ = _document(Iom500Case(seed=208, layout="iol_only"))
    result = _parse(_as_ocr(_with_quote_for_sign(document, r"-?0\.0[1-9]")[0]))
    assert "iol_box_unreadable" in _errors(result)


def test_quote_before_a_refraction_in_a_text_layer_is_not_a_row() -> None:
    document, _ = _document(Iom500Case(seed=208, layout="iol_only"))
    result = _parse(_with_quote_for_sign(document, r"-0\.[3-9]\d")[0])
    assert "iol_box_unreadable" in _errors(result)


@pytest.mark.parametrize("label", ["WTW:", "WIW:", "WIw:", "WTIW:"])
def test_white_to_white_label_as_ocr_reads_it_still_gives_the_wtw(label: str) -> None:
    document = document_of(["OD right", f"{label} 11.0 mm", "IOLMaster(R) Advanced Technology V.7.7"])
    result = PARSER.parse(document, Source(filename="t.pdf", media_type="application/pdf", pages=1, text_source="ocr"))
    assert result.eyes.OD is not None and result.eyes.OD.wtw_mm == 11.0


def _readings_of(lines: list[str]) -> list[float]:
    return _al_readings(document_of(["AL SNR AL SNR", *lines], source="ocr").pages[0].lines)


def test_a_single_reading_with_a_colon_glued_on_leaves_the_readings_unsure_not_cut_short() -> None:
    # the real IOLMaster 500's OS readings on a 200-dpi rescan (seed 374): `23.43:` read as a label had ended the
    # table after two readings, and the composite 23.45 fell outside 23.42..23.44
    assert _readings_of(["23.44 mm 13.5", "23.42 mm 8.3", "23.43: mm 11.5", "23.47 mm 6.2", "23.45 mm 6.1"]) == []
    # a photo (held-out seed 256): `23.43 mm` read `23283: ram'`, its point lost as well
    assert _readings_of(["23.44 mm 13.5", "23.42 mm 8.3", "23283: ram' 11.5", "23.47 mm 6.2", "23.45 mm 6.1"]) == []


def test_the_readings_table_ends_at_the_next_label() -> None:
    assert _readings_of(["23.44 mm 13.5", "23.42 mm 8.3", "ACD: 3.08 mm"]) == [23.44, 23.42]
