"""The IOLMaster 500 generator: deterministic Courier/US-Letter printouts whose truth follows what is printed."""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium
import pytest

from biometry.models import BiometryResult
from biometry.synth.iolmaster500.plan import Plan500, make_plan
from biometry.synth.iolmaster500.report import LAYOUTS_500, Iom500Case, cases, render
from biometry.synth.values import K_FACTOR


def _case_with(trait: Callable[[Plan500], bool], **knobs: object) -> Iom500Case:
    for seed in range(500):
        case = Iom500Case(seed=seed, **knobs)  # type: ignore[arg-type]
        if trait(make_plan(case)):
            return case
    raise AssertionError("no seed below 500 shows the trait")


def _text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_same_seed_gives_byte_identical_pdf() -> None:
    assert render(Iom500Case(seed=5))[0] == render(Iom500Case(seed=5))[0]


def test_truth_is_a_valid_contract_result() -> None:
    _, truth = render(Iom500Case(seed=6))
    assert BiometryResult.model_validate(truth).device.model == "IOLMaster 500"  # type: ignore[union-attr]


def test_pages_are_us_letter() -> None:
    document = pdfium.PdfDocument(render(Iom500Case(seed=7))[0])
    try:
        assert {tuple(round(v) for v in page.get_size()) for page in document} == {(612, 792)}
    finally:
        document.close()


def test_pdf_title_names_the_report_type() -> None:
    document = pdfium.PdfDocument(render(Iom500Case(seed=8, layout="iol_only"))[0])
    try:
        assert document.get_metadata_dict()["Title"].startswith("IOL-")
    finally:
        document.close()


def test_every_page_carries_the_device_footer() -> None:
    pdf, _ = render(Iom500Case(seed=9))
    pages = _text(pdf).count("IOLMaster(R) Advanced Technology V.7.")
    assert pages == BiometryResult.model_validate(render(Iom500Case(seed=9))[1]).source.pages


def test_truth_keratometry_is_337_5_over_the_radius() -> None:
    eye = BiometryResult.model_validate(render(Iom500Case(seed=10, missing_rate=0.0))[1]).eyes.OD
    assert eye is not None and eye.k1_d is not None and eye.k1_radius_mm is not None
    assert abs(eye.k1_d - K_FACTOR / eye.k1_radius_mm) <= 0.005


def test_borderline_composite_snr_is_printed_with_a_bang_and_flagged() -> None:
    case = _case_with(lambda p: p.eyes["OD"].borderline and "axial_length_mm" not in p.eyes["OD"].missing)
    pdf, truth = render(case)
    assert "!)" in _text(pdf)
    assert truth["eyes"]["OD"]["flags"]["axial_length_mm"] == ["borderline"]


def test_dashes_in_the_report_are_null_in_the_truth() -> None:
    pdf, truth = render(Iom500Case(seed=11, layout="mmt_only", missing_rate=1.0))
    assert "AL: --" in _text(pdf)
    assert truth["eyes"]["OD"]["axial_length_mm"] is None
    assert truth["eyes"]["OD"]["flags"]["axial_length_mm"] == ["not_measured"]


def test_single_eye_case_prints_one_eye() -> None:
    _, truth = render(Iom500Case(seed=12, layout="single_eye_OS"))
    assert truth["eyes"]["OD"] is None
    assert truth["eyes"]["OS"] is not None


def test_iol_pages_hold_at_most_four_lenses_per_eye() -> None:
    plan = make_plan(Iom500Case(seed=13, layout="iol_only"))
    assert all(1 <= len(boxes) <= 4 for page in plan.iol_pages for boxes in page.boxes.values())


def test_cases_cycle_through_every_layout() -> None:
    assert {c.layout for c in cases(10, seed=0)} == set(LAYOUTS_500)


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_image_share_sets_the_scanned_fraction(share: float) -> None:
    assert {c.image_only for c in cases(10, seed=0, image_share=share)} == {share == 1.0}
