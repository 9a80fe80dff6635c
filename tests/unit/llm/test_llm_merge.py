"""Merging an LLM answer with the regex tier's result, through the one validator."""

from __future__ import annotations

from typing import Any

import pytest

import biometry.llm.merge as merge_module
from biometry.errors import LlmOutputError
from biometry.llm.tier import LlmJob, merge_llm_answer
from biometry.models import BiometryResult, Eye
from tests.unit.llm.llm_samples import regex_partial, report


def answer(**output: Any) -> LlmJob:
    return LlmJob(job_id="j1", status="COMPLETED", output=output or {"exam_date": None}, model="biometry-q4")


def codes(result: BiometryResult) -> set[str]:
    return {i.code for i in result.extraction.issues}


def test_agreement_raises_confidence_over_an_llm_only_value() -> None:
    llm = answer(OD={"axial_length_mm": 23.41})
    agreed = merge_llm_answer(llm, report(), regex_partial(OD=Eye(axial_length_mm=23.41)), "gpu_llm")
    alone = merge_llm_answer(llm, report(), regex_partial(), "gpu_llm")
    assert agreed.extraction.confidence > alone.extraction.confidence


def test_disagreement_goes_to_review_with_both_values_shown() -> None:
    llm = answer(OD={"axial_length_mm": 23.47})
    result = merge_llm_answer(llm, report(), regex_partial(OD=Eye(axial_length_mm=23.41)), "gpu_llm")
    issue = next(i for i in result.extraction.issues if i.code == "llm_regex_disagree")
    assert result.status == "needs_review" and "23.41" in issue.message and "23.47" in issue.message


def test_llm_value_missing_from_the_source_is_rejected_as_ungrounded() -> None:
    result = merge_llm_answer(answer(OD={"lens_thickness_mm": 4.61}), report(), regex_partial(), "gpu_llm")
    assert any(i.code == "ungrounded" and i.field == "OD.lens_thickness_mm" for i in result.extraction.issues)


def test_llm_value_printed_in_the_source_is_grounded() -> None:
    result = merge_llm_answer(answer(OS={"acd_mm": 3.11}), report(), regex_partial(), "gpu_llm")
    assert "ungrounded" not in codes(result)


def test_every_merge_goes_through_the_one_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[BiometryResult] = []
    monkeypatch.setattr(merge_module, "validate", lambda result, document: seen.append(result) or result)
    merge_llm_answer(answer(OS={"acd_mm": 3.11}), report(), regex_partial(), "gpu_llm")
    assert seen and seen[0].eyes.OS is not None and seen[0].eyes.OS.acd_mm == 3.11


def test_result_names_the_method_and_model() -> None:
    result = merge_llm_answer(answer(OS={"acd_mm": 3.11}), report(), regex_partial(), "bedrock")
    assert (result.extraction.method, result.extraction.parser) == ("bedrock", "bedrock:biometry-q4")


def test_patient_comes_from_the_regex_tier_only() -> None:
    result = merge_llm_answer(answer(OS={"acd_mm": 3.11}), report(), regex_partial(), "gpu_llm")
    assert result.patient is not None and result.patient.id == "PX-20417"


def test_all_null_eye_stays_absent_not_zero() -> None:
    result = merge_llm_answer(
        answer(OD={"axial_length_mm": None}, OS={"acd_mm": 3.11}), report(), regex_partial(), "gpu_llm"
    )
    assert result.eyes.OD is None


def test_iol_constants_list_becomes_the_contract_mapping() -> None:
    calc = {
        "eye": "OD",
        "formula": "SRK/T",
        "iol_model": "SN60WF",
        "constants": [{"name": "a_constant", "value": 119.2}],
        "rows": [{"iol_power_d": 21.5, "refraction_d": 0.04, "selected": True}],
    }
    result = merge_llm_answer(answer(iol_calculations=[calc]), report(), regex_partial(), "gpu_llm")
    assert result.iol_calculations[0].constants == {"a_constant": 119.2}


def test_wrongly_typed_answer_is_an_output_error_not_a_traceback() -> None:
    with pytest.raises(LlmOutputError):
        merge_llm_answer(answer(OD={"axial_length_mm": "long"}), report(), regex_partial(), "gpu_llm")


def test_unfinished_job_cannot_be_merged() -> None:
    with pytest.raises(LlmOutputError):
        merge_llm_answer(LlmJob(job_id="j", status="IN_PROGRESS"), report(), regex_partial(), "gpu_llm")


def test_the_exam_date_is_the_printed_date_the_answers_placeholder_points_at() -> None:
    result = merge_llm_answer(answer(exam_date="[date-2]"), report(), regex_partial(), "gpu_llm")
    assert result.exam_date == "2024-05-10"


def test_an_exam_date_answer_that_names_no_printed_date_is_dropped_with_a_warning() -> None:
    result = merge_llm_answer(answer(exam_date="2024-05-11"), report(), regex_partial(), "gpu_llm")
    assert (result.exam_date, "llm_bad_date" in codes(result)) == (None, True)
