"""Synthetic IOLMaster 700 reports: valid deterministic truth, layouts, and the real printouts' traps."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest

from biometry.extract.pdfium_raw import read_text_objects
from biometry.models import BiometryResult
from biometry.synth import Case, render
from biometry.synth.case import Layout, make_plan
from biometry.synth.l10n import number
from tests.unit.synth.helpers import find_case, page_texts

LAYOUT_PAGES: dict[Layout, int] = {"full13": 13, "analysis_only": 2, "short": 2, "single_eye_OD": 2, "single_eye_OS": 2}


@pytest.mark.parametrize("language", ["en", "de", "pt", "es", "fr"])
def test_truth_is_a_valid_accepted_result(language: str) -> None:
    _, truth = render(Case(seed=1, language=language, layout="short"))  # type: ignore[arg-type]
    result = BiometryResult.model_validate(truth)
    assert (result.status, result.extraction.method, result.source.text_source) == ("accepted", "regex", "text-layer")


def test_same_seed_gives_identical_pdf_and_truth() -> None:
    assert render(Case(seed=7, layout="full13")) == render(Case(seed=7, layout="full13"))


def test_different_seeds_give_different_patients() -> None:
    assert render(Case(seed=1))[1]["eyes"] != render(Case(seed=2))[1]["eyes"]


def test_document_id_is_the_sha256_of_the_pdf() -> None:
    import hashlib

    pdf, truth = render(Case(seed=3))
    assert truth["document_id"] == hashlib.sha256(pdf).hexdigest()


@pytest.mark.parametrize(("layout", "pages"), LAYOUT_PAGES.items())
def test_layout_has_its_page_count(layout: Layout, pages: int) -> None:
    pdf, truth = render(Case(seed=4, layout=layout))
    assert len(pdfium.PdfDocument(pdf)) == truth["source"]["pages"] == pages


def test_full_printout_has_88_calculations() -> None:
    assert len(render(Case(seed=4, layout="full13"))[1]["iol_calculations"]) == 11 * 2 * 4


def test_analysis_only_report_has_no_calculations() -> None:
    assert render(Case(seed=4, layout="analysis_only"))[1]["iol_calculations"] == []


def test_single_eye_report_leaves_the_other_eye_null() -> None:
    _, truth = render(Case(seed=4, layout="single_eye_OS"))
    assert truth["eyes"]["OD"] is None and {c["eye"] for c in truth["iol_calculations"]} == {"OS"}


def test_every_page_says_page_1_of_1_in_its_language() -> None:
    texts = page_texts(render(Case(seed=5, language="pt", layout="full13"))[0])
    footer = r"IOLMaster 700 +Versão [\d.]+ +Gerado em: [\d/]+ \d\d:\d\d, por Administrator\. +Página 1 de 1"
    assert all(re.search(footer, t) for t in texts)


def test_header_words_are_localised() -> None:
    text = page_texts(render(Case(seed=5, language="de"))[0])[0]
    # as the real printout: the birth date's label without a colon, the measurement date's with one
    assert re.search(r"Geburtsdatum\s+\d", text) and "Messdatum:" in text


def test_keratometric_index_follows_the_decimal_mark() -> None:
    assert "n: 1,3375" in page_texts(render(Case(seed=5, decimal="comma"))[0])[0]


def test_decimal_comma_report_prints_al_with_a_comma() -> None:
    pdf, truth = render(Case(seed=6, decimal="comma", layout="analysis_only"))
    assert number(truth["eyes"]["OD"]["axial_length_mm"], 2, "comma") in page_texts(pdf)[0]


def test_analysis_page_reads_column_wise() -> None:
    pdf, truth = render(Case(seed=6, layout="analysis_only"))
    assert re.search(r"AL:\s+CCT:\s+ACD:\s+LT:\s+" + re.escape(f"{truth['eyes']['OD']['axial_length_mm']:.2f}"),
                     page_texts(pdf)[0])  # fmt: skip


def test_delta_trap_extracts_as_modifier_arrowhead() -> None:
    case = find_case(lambda plan: plan.style.delta == "\u02c2", layout="analysis_only")
    assert "\u02c2K:" in page_texts(render(case)[0])[0]


def test_plain_delta_extracts_as_delta() -> None:
    case = find_case(lambda plan: plan.style.delta == "\u0394", layout="analysis_only")
    assert "\u0394K:" in page_texts(render(case)[0])[0]


def test_selected_iol_row_is_overprinted() -> None:
    pdf, truth = render(Case(seed=8, layout="calc_only"))
    calc = truth["iol_calculations"][0]
    row = next(r for r in calc["rows"] if r["selected"])
    assert page_texts(pdf)[0].count(number(row["iol_power_d"], 2, "point", True)) >= 4


def test_eye_label_is_overprinted() -> None:
    """The big `OS` of the OS analysis page is drawn four times, a fraction of a point apart (its page objects: the
    text page may collapse the copies)."""
    document = pdfium.PdfDocument(render(Case(seed=8, layout="analysis_only"))[0])
    try:
        objects = read_text_objects(document[1])
    finally:
        document.close()
    tallest = max(objects, key=lambda o: o.bounds[1] - o.bounds[3])  # (left, top, right, bottom), y up
    copies = [o for o in objects if all(abs(a - b) <= 0.5 for a, b in zip(o.bounds, tallest.bounds, strict=True))]
    assert len(copies) >= 4


def test_missing_value_prints_dashes_and_truth_is_null() -> None:
    case = find_case(lambda plan: "lens_thickness_mm" in plan.eyes["OD"].missing, layout="analysis_only")
    pdf, truth = render(case)
    assert "---" in page_texts(pdf)[0] and truth["eyes"]["OD"]["lens_thickness_mm"] is None


def test_missing_value_is_flagged_not_measured() -> None:
    case = find_case(lambda plan: "wtw_mm" in plan.eyes["OD"].missing, layout="analysis_only")
    assert render(case)[1]["eyes"]["OD"]["flags"]["wtw_mm"] == ["not_measured"]


def test_borderline_value_prints_bang_and_truth_flags_it() -> None:
    case = find_case(lambda plan: plan.eyes["OD"].flags.get("axial_length_mm") == "borderline", layout="analysis_only")
    pdf, truth = render(case)
    assert "(!)" in page_texts(pdf)[0] and truth["eyes"]["OD"]["flags"]["axial_length_mm"] == ["borderline"]


def test_holladay_2_prints_dashes_for_emmetropia() -> None:
    case = find_case(lambda plan: any(b.formula == "Holladay 2" for p in plan.pages if isinstance(p, dict)
                                      for b in p["OD"]), layout="calc_only")  # fmt: skip
    pdf, truth = render(case)
    holladay = [c for c in truth["iol_calculations"] if c["formula"] == "Holladay 2"]
    assert "--- Emmetropia" in "".join(page_texts(pdf)) and all(c["emmetropia_power_d"] is None for c in holladay)


def test_high_astigmatism_gets_a_warning_box() -> None:
    case = find_case(lambda plan: plan.eyes["OD"].values.k.delta_k_d <= -2.0, layout="analysis_only")
    assert "OD: Cylinder:" in page_texts(render(case)[0])[0]


def test_pupil_and_cct_are_null_without_an_analysis_page() -> None:
    _, truth = render(Case(seed=9, layout="calc_only"))  # as on the real printout: calculation pages print neither
    assert truth["eyes"]["OD"]["pupil_mm"] is None and truth["eyes"]["OD"]["cct_um"] is None


def test_calculation_rows_cross_check_in_truth() -> None:
    _, truth = render(Case(seed=10, layout="full13"))
    for calc in truth["iol_calculations"]:
        rows = calc["rows"]
        assert [r["iol_power_d"] for r in rows] == [rows[0]["iol_power_d"] - 0.5 * i for i in range(5)]
        assert sum(r["selected"] for r in rows) == 1


def test_output_is_identical_across_processes() -> None:
    import hashlib
    import subprocess
    import sys

    code = (
        "import hashlib; from biometry.synth import Case, render; "
        "print(hashlib.sha256(render(Case(seed=13, image_only=True))[0]).hexdigest())"
    )
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert other == hashlib.sha256(render(Case(seed=13, image_only=True))[0]).hexdigest()


@pytest.mark.parametrize("seed", [*range(5), 372])  # 372 drew one formula page twice, lenses and all
def test_no_calculation_page_of_a_13_page_printout_repeats_another_as_on_the_real_one(seed: int) -> None:
    pages = [page for page in make_plan(Case(seed=seed, layout="full13")).pages if isinstance(page, dict)]
    printed = [tuple((box.lens.model, box.formula) for box in page["OD"]) for page in pages]
    assert len(pages) == 11 and len(set(printed)) == 11
