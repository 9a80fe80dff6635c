"""The one evaluator: optional truth calculations, silent omissions, and truth files with matching annotations."""

from __future__ import annotations

import json
from pathlib import Path

from biometry.evaluate import compare, load_truth
from biometry.models import BiometryResult, Extraction, Eye, Eyes, IolCalculation, IolRow, Patient, Source


def _result(
    status: str = "accepted", eye: Eye | None = None, calcs: list[IolCalculation] | None = None
) -> BiometryResult:
    return BiometryResult(
        document_id="0" * 64,
        source=Source(filename="r.pdf", media_type="application/pdf", pages=1, text_source="ocr"),
        eyes=Eyes(OD=eye),
        iol_calculations=calcs or [],
        status=status,  # type: ignore[arg-type]
        extraction=Extraction(method="regex", parser="t@1", confidence=1.0),
    )


def _empty_box() -> IolCalculation:
    return IolCalculation(eye="OD", formula="Olsen", iol_model="EYHANCE TORICA", target_refraction_d=0.0)


def test_an_optional_box_may_be_absent() -> None:
    comparison = compare(_result(), _result(calcs=[_empty_box()]), optional=frozenset({0}))
    assert (comparison.wrong, comparison.missed) == ([], [])


def test_an_optional_box_read_with_rows_it_does_not_print_is_wrong() -> None:
    row = IolRow(iol_power_d=21.0, refraction_d=0.1, selected=True)
    got = _result(calcs=[_empty_box().model_copy(update={"rows": [row]})])
    assert compare(got, _result(calcs=[_empty_box()]), optional=frozenset({0})).wrong == ["iol[0].rows"]


def test_an_accepted_result_lacking_a_printed_value_is_a_silent_omission() -> None:
    got, truth = _result(eye=Eye(axial_length_mm=23.4)), _result(eye=Eye(axial_length_mm=23.4, acd_mm=3.1))
    assert compare(got, truth).silent_omissions(got) == ["OD.acd_mm"]


def test_a_result_in_review_has_no_silent_omission() -> None:
    got, truth = _result("needs_review", Eye(axial_length_mm=23.4)), _result(eye=Eye(acd_mm=3.1))
    assert compare(got, truth).silent_omissions(got) == []


def test_truth_file_annotations_are_dropped_and_optional_boxes_kept(tmp_path: Path) -> None:
    calc = {
        **_empty_box().model_dump(mode="json"),
        "page": 2,
        "formula_as_printed": "Olsen (measured)",
        "optional": True,
    }
    path = tmp_path / "r.truth.json"
    path.write_text(
        json.dumps({"sha256": "ab", "result": {"source": _result().source.model_dump(), "iol_calculations": [calc]}})
    )
    truth = load_truth(path)
    assert truth.optional == frozenset({0}) and truth.result.iol_calculations[0].formula == "Olsen"


def test_the_patient_block_is_compared_where_the_truth_has_one() -> None:
    truth = _result().model_copy(update={"patient": Patient(name="DOE, JANE", id="1", birth_date="1950-04-23")})
    got = truth.model_copy(update={"patient": Patient(name="DOE, JANE", id="1", birth_date="23/04/1950")})
    assert compare(got, truth).wrong == ["patient.birth_date"]


def test_a_truth_without_a_patient_block_does_not_annotate_it() -> None:
    got = _result().model_copy(update={"patient": Patient(name="TOBY, TOBY")})
    assert compare(got, _result()).wrong == []


def test_a_patient_field_read_wrong_is_a_patient_error_not_a_silent_measurement_error() -> None:
    truth = _result().model_copy(update={"patient": Patient(name="SAMPLE, JOÃO")})
    got = truth.model_copy(update={"patient": Patient(name="SAMPLE, JOAO")})
    comparison = compare(got, truth)
    assert (comparison.silent_errors(got), comparison.patient_errors(got)) == ([], ["patient.name"])
