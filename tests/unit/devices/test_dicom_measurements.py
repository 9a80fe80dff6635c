"""DICOM measurement objects through the export path: values from the standard's attributes, grounded to them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from biometry.extract import load_document
from biometry.models import BiometryResult
from biometry.parse import parse_bytes
from biometry.synth.exports.dicom import (
    EXAMPLE_STUDY,
    DicomStudy,
    axial_measurements,
    dicom_bytes,
    iol_calculation,
    keratometry,
)

OD, OS = EXAMPLE_STUDY.eyes["OD"], EXAMPLE_STUDY.eyes["OS"]


def _parse(make: object, study: DicomStudy = EXAMPLE_STUDY) -> BiometryResult:
    return parse_bytes(dicom_bytes(make(study)), "object.dcm")  # type: ignore[operator]


@pytest.mark.parametrize("make", [axial_measurements, keratometry, iol_calculation])
def test_measurement_objects_are_accepted_through_the_export_path(make: object) -> None:
    result = _parse(make)
    assert (result.status, result.extraction.method, result.source.text_source) == ("accepted", "export", "export")


def test_selected_axial_length_is_the_result_not_an_individual_reading() -> None:
    eyes = _parse(axial_measurements).eyes
    assert (eyes.OD.axial_length_mm, eyes.OS.axial_length_mm) == (OD.axial_length_mm, OS.axial_length_mm)


def test_keratometry_reads_flat_as_k1_and_steep_as_k2_per_eye() -> None:
    eyes = _parse(keratometry).eyes
    assert (eyes.OD.k1_d, eyes.OD.k1_axis_deg, eyes.OD.k2_d, eyes.OD.k2_axis_deg) == (42.51, 175, 43.77, 85)
    assert (eyes.OS.k1_radius_mm, eyes.OS.k2_radius_mm) == (OS.k1_radius_mm, OS.k2_radius_mm)


def test_iol_object_gives_the_biometry_it_used() -> None:
    od = _parse(iol_calculation).eyes.OD
    assert (od.acd_mm, od.lens_thickness_mm, od.wtw_mm, od.keratometric_index) == (3.38, 4.52, 11.6, 1.3375)


def test_iol_calculation_rows_constants_and_selection() -> None:
    calculation = next(c for c in _parse(iol_calculation).iol_calculations if c.eye == "OD")
    study = EXAMPLE_STUDY.iols["OD"][0]
    assert [(row.iol_power_d, row.refraction_d) for row in calculation.rows] == list(study.rows)
    assert (calculation.formula, calculation.iol_model, calculation.constants) == (
        "SRK/T",
        "MA60AC",
        {"a_constant": 119.1},
    )
    assert [row.selected for row in calculation.rows].index(True) == study.selected
    assert calculation.emmetropia_power_d == study.emmetropia_power_d


def test_eye_comes_from_the_eye_sequence() -> None:
    swapped = replace(EXAMPLE_STUDY, eyes={"OD": OS, "OS": OD})
    eyes = _parse(keratometry, swapped).eyes
    assert (eyes.OD.k1_d, eyes.OS.k1_d) == (OS.k1_d, OD.k1_d)


def test_a_value_is_grounded_to_the_attribute_it_came_from() -> None:
    data = dicom_bytes(axial_measurements(EXAMPLE_STUDY))
    result = parse_bytes(data, "axial.dcm")
    where = result.extraction.provenance["OD.axial_length_mm"]
    page = load_document(data, "axial.dcm").pages[where.page - 1]
    line = next(line for line in page.lines if where.bbox in [word.bbox for word in line.words])
    assert line.words[0].text.endswith("SelectedTotalOphthalmicAxialLengthSequence[1].OphthalmicAxialLength")


def test_patient_comes_from_the_patient_module() -> None:
    patient = _parse(keratometry).patient
    assert (patient.name, patient.id, patient.birth_date) == ("DOE, JANE", "PID-0042", "1951-02-03")


def test_device_and_date_come_from_the_header() -> None:
    result = _parse(keratometry)
    assert (result.device.manufacturer, result.device.model, result.exam_date) == (
        "ZEISS",
        "IOLMaster 700",
        "2024-09-12",
    )


def test_an_iol_item_without_rows_goes_to_review() -> None:
    dataset = iol_calculation(EXAMPLE_STUDY)
    del dataset.IntraocularLensCalculationsRightEyeSequence[0].IOLPowerSequence
    result = parse_bytes(dicom_bytes(dataset), "iol.dcm")
    assert "dicom_iol_incomplete" in [issue.code for issue in result.extraction.issues]


def test_a_missing_value_stays_null_never_zero() -> None:
    dataset = keratometry(EXAMPLE_STUDY)
    del dataset.KeratometryRightEyeSequence[0].FlatKeratometricAxisSequence[0].KeratometricPower
    assert _parse_dataset(dataset).eyes.OD.k1_d is None


def _parse_dataset(dataset: object) -> BiometryResult:
    return parse_bytes(dicom_bytes(dataset), "object.dcm")  # type: ignore[arg-type]


def test_the_demo_sample_parses_to_its_truth() -> None:
    from pathlib import Path

    from biometry.evaluate import compare, load_truth

    sample = Path(__file__).resolve().parents[3] / "samples" / "iolmaster700-iol-calculation.dcm"
    result = parse_bytes(sample.read_bytes(), sample.name)
    comparison = compare(result, load_truth(sample.with_name(sample.stem + ".truth.json")).result)
    assert (result.status, comparison.wrong, comparison.missed) == ("accepted", [], [])


def test_the_exam_date_is_the_study_date_not_the_calculation_date() -> None:
    dataset = iol_calculation(EXAMPLE_STUDY)
    dataset.ContentDate = "20240915"  # the lens calculated three days after the measurement
    result = _parse_dataset(dataset)
    assert (result.exam_date, result.status) == ("2024-09-12", "accepted")


def test_the_software_version_is_the_first_of_several() -> None:
    dataset = keratometry(EXAMPLE_STUDY)
    dataset.SoftwareVersions = ["1.90.12.05", "2.1"]
    result = _parse_dataset(dataset)
    assert (result.device.software_version, result.status) == ("1.90.12.05", "accepted")


def test_nothing_of_the_patient_module_survives_redaction_for_the_llm() -> None:
    from biometry.parse import parse_document
    from biometry.redact import phi_values, redact_document

    document = load_document(dicom_bytes(iol_calculation(EXAMPLE_STUDY)), "iol.dcm")
    redacted = redact_document(document, phi_values(parse_document(document).patient)).text
    assert [value for value in ("DOE", "JANE", "PID-0042", "19510203") if value in redacted] == []
