"""The real IOLMaster 500 DICOM export (Multi-frame True Color Secondary Capture, software 7.7) and its PDF twin."""

from __future__ import annotations

import json

import pytest

from biometry.devices.exports.dicom_checks import same_formula_key
from biometry.extract.archive import single_member
from biometry.extract.dicom.frames import frame_dpi, frame_images, frames_as_pdf
from biometry.extract.dicom.read import quiet_pydicom, read_dataset
from biometry.extract.dicom.zeiss import zeiss_facts
from biometry.models import BiometryResult, IolCalculation
from biometry.parse import parse_bytes
from tests.real_reports import REAL_DIR, compared, real_report

ZIP = REAL_DIR / "iolmaster500-exam1.dcm.zip"
PDF = "iolmaster500-exam1.pdf"
# what the frames and the PDF's JPEG images of the same pages may differ by, after rendering at the OCR scale
MAX_MEAN_GREY_DIFFERENCE = 1.0
FAR_OFF_GREY_LEVELS = 32
MAX_FAR_OFF_SHARE = 1e-4  # pixels further off than that: JPEG ringing at a few glyph edges


@pytest.fixture(scope="module")
def dicom() -> bytes:
    if not ZIP.exists():
        pytest.skip(f"real report {ZIP.name} not present in {REAL_DIR}")
    return single_member(ZIP.read_bytes())


def test_real_private_values_are_the_printed_biometry(dicom: bytes) -> None:
    _, truth = real_report(PDF)
    with quiet_pydicom():
        facts = zeiss_facts(read_dataset(dicom))
    for side in ("OD", "OS"):
        eye = getattr(truth.result.eyes, side)
        for name in ("axial_length_mm", "k1_d", "k2_d", "k1_radius_mm", "k2_radius_mm", "mean_k_d", "acd_mm"):
            assert round(float(facts[f"zeiss.{side}.{name}"]), 2) == getattr(eye, name), (side, name)
        assert round(float(facts[f"zeiss.{side}.wtw_mm"]), 1) == eye.wtw_mm


def test_real_private_iol_tables_are_printed_ones(dicom: bytes) -> None:
    _, truth = real_report(PDF)
    with quiet_pydicom():
        facts = zeiss_facts(read_dataset(dicom))
    printed = {(c.eye, same_formula_key(c.formula), _rows(c)) for c in truth.result.iol_calculations}
    tables = [(key.split(".")[1], json.loads(value)) for key, value in facts.items() if ".iol." in key]
    stored = {(side, same_formula_key(t["formula"]), tuple(tuple(row) for row in t["rows"])) for side, t in tables}
    assert len(stored) == 8 and stored <= printed


def _rows(calculation: IolCalculation) -> tuple[tuple[float, float], ...]:
    return tuple((row.iol_power_d, row.refraction_d) for row in calculation.rows)


@pytest.mark.slow  # decodes and renders six 1164 x 1678 frames and six PDF pages at 300 dpi
def test_real_frames_reach_ocr_as_the_pdf_pages_do(dicom: bytes) -> None:
    import numpy as np
    import pypdfium2 as pdfium

    from biometry.extract.ocr import OCR_DPI

    with quiet_pydicom():
        dataset = read_dataset(dicom)
        frames = frames_as_pdf(frame_images(dataset), frame_dpi(dataset))
    twin = pdfium.PdfDocument(real_report(PDF)[0])
    for index in range(len(twin)):
        ours = np.asarray(frames[index].render(scale=OCR_DPI / 72, grayscale=True).to_pil(), dtype=int)
        theirs = np.asarray(twin[index].render(scale=OCR_DPI / 72, grayscale=True).to_pil(), dtype=int)
        difference = np.abs(ours - theirs)
        assert ours.shape == theirs.shape
        far_off = (difference > FAR_OFF_GREY_LEVELS).mean()
        assert difference.mean() < MAX_MEAN_GREY_DIFFERENCE and far_off < MAX_FAR_OFF_SHARE, index + 1


@pytest.fixture(scope="module")
def both(dicom: bytes) -> tuple[BiometryResult, BiometryResult]:
    """The results of the DICOM export and of its PDF twin (six pages of tesseract OCR each)."""
    pdf, _ = real_report(PDF)
    return parse_bytes(ZIP.read_bytes(), ZIP.name), parse_bytes(pdf, PDF)


@pytest.mark.slow
def test_real_dicom_gives_the_result_of_its_pdf_twin(both: tuple[BiometryResult, BiometryResult]) -> None:
    from_dicom, from_pdf = both
    fields = {"status", "device", "exam_date", "eyes", "iol_calculations"}  # `patient` is OCR'd header text
    assert from_dicom.model_dump(include=fields) == from_pdf.model_dump(include=fields)


@pytest.mark.slow
def test_real_dicom_is_read_to_its_truth(both: tuple[BiometryResult, BiometryResult]) -> None:
    from_dicom, _ = both
    comparison = compared(from_dicom, real_report(PDF)[1])
    assert (from_dicom.status, comparison.wrong, comparison.missed) == ("accepted", [], [])


@pytest.mark.slow
def test_real_dicom_has_no_silent_error(both: tuple[BiometryResult, BiometryResult]) -> None:
    from_dicom, _ = both
    assert compared(from_dicom, real_report(PDF)[1]).silent_errors(from_dicom) == []


@pytest.mark.slow
def test_real_dicom_header_agrees_with_the_printout(both: tuple[BiometryResult, BiometryResult]) -> None:
    codes = [issue.code for issue in both[0].extraction.issues]
    assert "dicom_header_disagrees" not in codes


@pytest.mark.slow  # the 13-page real IOLMaster 700 printout, parsed twice
def test_real_iolmaster700_printout_encapsulated_in_dicom_reads_to_the_same_result() -> None:
    from dataclasses import replace

    from biometry.synth.exports.dicom import EXAMPLE_STUDY, dicom_bytes, encapsulated_pdf

    pdf, truth = real_report("iolmaster700-ptbr.pdf")
    study = replace(EXAMPLE_STUDY, software="1.90.12.05", study_date="20230201")
    from_dicom = parse_bytes(dicom_bytes(encapsulated_pdf(study, pdf)), "iolmaster700-ptbr.dcm")
    from_pdf = parse_bytes(pdf, "iolmaster700-ptbr.pdf")
    fields = {"status", "device", "exam_date", "patient", "eyes", "iol_calculations"}
    assert from_dicom.model_dump(include=fields) == from_pdf.model_dump(include=fields)
    assert compared(from_dicom, truth).silent_errors(from_dicom) == []
