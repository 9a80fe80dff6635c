"""What a DICOM container states must agree with the report inside it; a study's objects must agree with each other."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from biometry.devices.exports.dicom_checks import container_issues
from biometry.devices.exports.dicom_pairing import pair_by_study
from biometry.document import Document
from biometry.extract import load_document
from biometry.models import BiometryResult, Extraction, Eye, Eyes, IolCalculation, IolRow, Source
from biometry.parse import parse_bytes, parse_document
from biometry.synth.exports.dicom import EXAMPLE_STUDY, DicomEye, dicom_bytes, iol_calculation, keratometry
from tests.unit.extract.dicom_files import PRINTOUT_STUDY, printout_dicom


def _codes(result: BiometryResult) -> list[str]:
    return [issue.code for issue in result.extraction.issues if issue.severity == "error"]


def test_an_encapsulated_printout_agreeing_with_its_header_is_accepted() -> None:
    assert parse_bytes(printout_dicom(), "printout.dcm").status == "accepted"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ({"study_date": "20230101"}, "exam_date"),
        ({"model": "IOLMaster 500"}, "model"),
        ({"manufacturer": "Haag-Streit AG"}, "manufacturer"),
        ({"software": "1.80.1"}, "software_version"),
    ],
)
def test_a_header_disagreeing_with_the_printout_sends_it_to_review(header: dict[str, str], field: str) -> None:
    result = parse_bytes(printout_dicom(replace(PRINTOUT_STUDY, **header)), "printout.dcm")
    assert [(i.code, i.field) for i in result.extraction.issues if i.severity == "error"] == [
        ("dicom_header_disagrees", field)
    ]


def test_a_longer_software_version_in_the_header_agrees_with_its_prefix() -> None:
    result = parse_bytes(printout_dicom(replace(PRINTOUT_STUDY, software="1.90.18.03.7")), "printout.dcm")
    assert _codes(result) == []


def _ocr_result(axial_length_mm: float, rows: list[tuple[float, float]]) -> BiometryResult:
    calculation = IolCalculation(
        eye="OD",
        formula="Haigis",
        iol_model="MTA3UO",  # as OCR reads it: O for 0
        rows=[IolRow(iol_power_d=p, refraction_d=r) for p, r in rows],
        emmetropia_power_d=18.62,
    )
    return BiometryResult(
        document_id="x",
        source=Source(filename="x.dcm", media_type="application/dicom", pages=6, text_source="ocr"),
        eyes=Eyes(OD=Eye(axial_length_mm=axial_length_mm, wtw_mm=11.6)),
        iol_calculations=[calculation],
        status="needs_review",
        extraction=Extraction(method="regex", parser="iolmaster500@test", confidence=1.0),
    )


PRIVATE_ROWS = [(20.0, -1.15), (19.5, -0.73), (19.0, -0.31)]
PRIVATE = Document(
    "x.dcm",
    "application/dicom",
    "x",
    facts={
        "zeiss.OD.axial_length_mm": "23.41",
        "zeiss.OD.wtw_mm": "11.6462",
        "zeiss.OD.iol.1": json.dumps(
            {"formula": "Haigis", "lens": "OPT 115.54 MTA3U0", "rows": PRIVATE_ROWS, "emmetropia_power_d": 18.6213}
        ),
    },
)


def test_ocr_readings_agreeing_with_private_values_to_the_printed_digit_pass() -> None:
    assert container_issues(_ocr_result(23.41, PRIVATE_ROWS), PRIVATE) == []


def test_an_ocr_reading_disagreeing_with_a_private_value_is_an_error() -> None:
    issues = container_issues(_ocr_result(23.47, PRIVATE_ROWS), PRIVATE)
    assert [(i.code, i.field) for i in issues] == [("dicom_private_disagrees", "OD.axial_length_mm")]


def test_an_iol_row_disagreeing_with_the_private_table_is_an_error() -> None:
    issues = container_issues(_ocr_result(23.41, [(20.0, -1.15), (19.5, -0.78), (19.0, -0.31)]), PRIVATE)
    assert [(i.code, i.field) for i in issues] == [("dicom_private_disagrees", "iol_calculations")]


def _parsed(dataset: object) -> tuple[Document, BiometryResult]:
    document = load_document(dicom_bytes(dataset), "object.dcm")  # type: ignore[arg-type]
    return document, parse_document(document)


def test_objects_of_one_study_that_agree_stay_accepted() -> None:
    results = pair_by_study([_parsed(keratometry(EXAMPLE_STUDY)), _parsed(iol_calculation(EXAMPLE_STUDY))])
    assert [r.status for r in results] == ["accepted", "accepted"]


def test_objects_of_one_study_that_disagree_both_go_to_review() -> None:
    other_eye = replace(EXAMPLE_STUDY.eyes["OD"], k1_axis_deg=176, k2_axis_deg=86)
    other = replace(EXAMPLE_STUDY, eyes={**EXAMPLE_STUDY.eyes, "OD": other_eye})
    results = pair_by_study([_parsed(keratometry(other)), _parsed(iol_calculation(EXAMPLE_STUDY))])
    assert [(r.status, "dicom_study_disagrees" in _codes(r)) for r in results] == [("needs_review", True)] * 2


def test_objects_of_different_studies_are_not_compared() -> None:
    other_eye: DicomEye = replace(EXAMPLE_STUDY.eyes["OD"], k1_axis_deg=176, k2_axis_deg=86)
    other = replace(EXAMPLE_STUDY, study_uid="1.2.3.4", eyes={**EXAMPLE_STUDY.eyes, "OD": other_eye})
    results = pair_by_study([_parsed(keratometry(other)), _parsed(iol_calculation(EXAMPLE_STUDY))])
    assert [r.status for r in results] == ["accepted", "accepted"]
