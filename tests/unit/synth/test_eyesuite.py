"""Synthetic EyeSuite IOL reports: deterministic, truthful, and shaped like the Eyestar 900 / Lenstar printouts."""

from __future__ import annotations

import hashlib
import re

import pytest

from biometry.models import BiometryResult
from biometry.synth.eyesuite.plan import make_plan
from biometry.synth.eyesuite.report import EyesuiteCase, cases, render
from tests.unit.synth.helpers import page_texts

HILL_RBF = "Hill RBF + Abulafia-Koch"


@pytest.mark.parametrize("model", ["eyestar", "lenstar"])
def test_truth_is_a_valid_accepted_result(model: str) -> None:
    _, truth = render(EyesuiteCase(seed=1, model=model))  # type: ignore[arg-type]
    assert BiometryResult.model_validate(truth).status == "accepted"


def test_same_seed_gives_identical_pdf_and_truth() -> None:
    assert render(EyesuiteCase(seed=5)) == render(EyesuiteCase(seed=5))


def test_document_id_is_the_sha256_of_the_pdf() -> None:
    pdf, truth = render(EyesuiteCase(seed=6))
    assert truth["document_id"] == hashlib.sha256(pdf).hexdigest()


def test_acd_is_aqueous_depth_plus_cct_in_truth() -> None:
    _, truth = render(EyesuiteCase(seed=7))
    eye = truth["eyes"]["OD"]
    assert abs(eye["acd_mm"] - (eye["aqueous_depth_mm"] + eye["cct_um"] / 1000)) <= 0.005 + 1e-9


def test_measurement_line_names_the_device_and_exam_date() -> None:
    case = EyesuiteCase(seed=8, model="lenstar")
    exam = make_plan(case).patient.exam_date
    text = page_texts(render(case)[0])[0]
    assert f"LS 900 {exam:%b} {exam.day}, {exam.year}" in text


def test_eyestar_prints_posterior_values_and_lenstar_the_pupil() -> None:
    eyestar = page_texts(render(EyesuiteCase(seed=9))[0])[0]
    lenstar = page_texts(render(EyesuiteCase(seed=9, model="lenstar"))[0])[0]
    assert "SimPK1" in eyestar and "PD [mm]" not in eyestar
    assert "PD [mm]" in lenstar and "SimPK1" not in lenstar


def test_block_without_a_lens_model_has_no_calculation_in_truth() -> None:
    case = next(c for c in (EyesuiteCase(seed=s, toric_rate=1.0) for s in range(50)) if _has_no_lens_block(c))
    plan = make_plan(case)
    _, truth = render(case)
    with_table = sum(b.table is not None for eye in plan.eyes.values() for b in eye.blocks)
    assert len(truth["iol_calculations"]) == with_table
    assert "No appropriate lens" in page_texts(render(case)[0])[0]


def test_warnings_follow_the_ui_language() -> None:
    text = page_texts(render(EyesuiteCase(seed=3, anisometropia=True, warning_language="de"))[0])[0]
    assert "1: Signifikanter Unterschied zwischen OD und OS" in text


def test_corpus_cases_mix_devices_and_image_variants() -> None:
    batch = list(cases(40, seed=0))
    assert {c.model for c in batch} == {"eyestar", "lenstar"}
    assert 0.1 <= sum(c.image_only for c in batch) / len(batch) <= 0.4
    assert len({c.name for c in batch}) == 40


def _has_no_lens_block(case: EyesuiteCase) -> bool:
    return any(b.table is None for eye in make_plan(case).eyes.values() for b in eye.blocks)


def test_blocks_beyond_two_rows_go_to_a_next_page_that_repeats_the_biometry() -> None:
    case = next(c for c in (EyesuiteCase(seed=s, toric_rate=1.0) for s in range(50)) if make_plan(c).pages > 1)
    pdf, truth = render(case)
    texts = page_texts(pdf)
    assert truth["source"]["pages"] == len(texts) > 1
    assert all("AL [mm]" in text and f"Page {i + 1} of {len(texts)}" in text for i, text in enumerate(texts))


def test_a_box_printed_without_rows_prints_no_constants_line_as_the_real_eyestar() -> None:
    case = next(c for c in (EyesuiteCase(seed=s, toric_rate=0.0) for s in range(50)) if _empty_box_with_constants(c))
    blocks = [b for eye in make_plan(case).eyes.values() for b in eye.blocks]
    with_constants = sum(b.table is not None and b.caption != HILL_RBF for b in blocks)
    text = "\n".join(page_texts(render(case)[0]))
    assert len(re.findall(r"\b(?:LF|A|pACD|ACD const|a0)=", text)) == with_constants


def _empty_box_with_constants(case: EyesuiteCase) -> bool:
    """A box without rows whose formula prints constants where the box has rows."""
    return any(b.table is None and b.caption != HILL_RBF for eye in make_plan(case).eyes.values() for b in eye.blocks)
