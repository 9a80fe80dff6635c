"""Completeness: a value, target or IOL calculation printed but not read blocks acceptance (`printed_value_unread`)."""

from __future__ import annotations

from biometry.completeness import Printed, check_complete, printed_in
from biometry.extract import load_document
from biometry.models import BiometryResult, Extraction, Eye, Eyes, IolCalculation, IolRow, Source
from biometry.synth.eyesuite.report import EyesuiteCase, render


def _result(eye: Eye | None = None, calculations: list[IolCalculation] | None = None) -> BiometryResult:
    return BiometryResult(
        document_id="0" * 64,
        source=Source(filename="r.pdf", media_type="application/pdf", pages=1, text_source="text-layer"),
        eyes=Eyes(OD=eye),
        iol_calculations=calculations or [],
        status="needs_review",
        extraction=Extraction(method="regex", parser="t@1", confidence=1.0),
    )


def _calculation(target: float | None = 0.0) -> IolCalculation:
    row = IolRow(iol_power_d=21.0, refraction_d=0.1, selected=True)
    return IolCalculation(eye="OD", formula="SRK/T", iol_model="SA60AT", target_refraction_d=target, rows=[row])


def test_printed_eye_value_left_null_is_unread() -> None:
    issues = check_complete(_result(Eye(axial_length_mm=23.4)), Printed(eye_fields={"OD": frozenset({"acd_mm"})}))
    assert [(i.code, i.field) for i in issues] == [("printed_value_unread", "OD.acd_mm")]


def test_every_printed_eye_value_read_is_complete() -> None:
    printed = Printed(eye_fields={"OD": frozenset({"axial_length_mm"})})
    assert check_complete(_result(Eye(axial_length_mm=23.4)), printed) == []


def test_fewer_calculations_than_printed_tables_is_unread() -> None:
    issues = check_complete(_result(calculations=[_calculation()]), Printed(iol_boxes={"OD": 2}))
    assert [i.field for i in issues] == ["iol_calculations"]


def test_a_calculation_without_rows_does_not_count_for_a_printed_table() -> None:
    empty = _calculation().model_copy(update={"rows": []})
    assert check_complete(_result(calculations=[empty]), Printed(iol_boxes={"OD": 1})) != []


def test_printed_target_missing_from_a_calculation_is_unread() -> None:
    issues = check_complete(_result(calculations=[_calculation(target=None)]), Printed(targets=frozenset({"OD"})))
    assert [i.field for i in issues] == ["iol_calculations[0].target_refraction_d"]


def test_printed_exam_date_left_null_is_unread() -> None:
    issues = check_complete(_result(), Printed(exam_date=True))  # e.g. `Exam date: 06/10/2024`, order unknown
    assert [(i.code, i.field) for i in issues] == [("printed_value_unread", "exam_date")]


def test_an_eyesuite_printout_always_prints_its_exam_date() -> None:
    pdf, _ = render(EyesuiteCase(seed=21))
    assert printed_in(load_document(pdf, "eyesuite.pdf")).exam_date  # type: ignore[union-attr]


def test_a_patient_name_ocr_doubted_is_unread() -> None:
    issues = check_complete(_result(Eye(axial_length_mm=23.4)), Printed(patient_fields=frozenset({"name"})))
    assert [(i.code, i.field) for i in issues] == [("printed_value_unread", "patient.name")]


def test_a_patient_id_ocr_doubted_is_unread() -> None:
    issues = check_complete(_result(Eye(axial_length_mm=23.4)), Printed(patient_fields=frozenset({"id"})))
    assert [(i.code, i.field) for i in issues] == [("printed_value_unread", "patient.id")]


def test_a_birth_date_whose_label_is_printed_left_null_is_unread() -> None:
    issues = check_complete(_result(Eye(axial_length_mm=23.4)), Printed(patient_fields=frozenset({"birth_date"})))
    assert [(i.code, i.field) for i in issues] == [("printed_value_unread", "patient.birth_date")]
