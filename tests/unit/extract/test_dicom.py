"""DICOM in: recognised by content, routed by SOP class, bad files refused with a specific code."""

from __future__ import annotations

import struct
from collections.abc import Callable

import pytest

from biometry.document import Document
from biometry.extract import load_document
from biometry.extract.dicom import DICOM, looks_like_dicom
from biometry.extract.sniff import PDF
from biometry.parse import parse_bytes
from biometry.synth.exports.dicom import EXAMPLE_STUDY, dicom_bytes, iol_calculation, secondary_capture
from tests.unit.extract.dicom_files import PRINTOUT, capture_dicom, page_frames, printout_dicom, zipped

IOL_OBJECT = dicom_bytes(iol_calculation(EXAMPLE_STUDY))


@pytest.mark.parametrize("form", ["part10", "no-preamble", "bare"])
def test_dicom_is_recognised_with_or_without_preamble(form: str) -> None:
    data = dicom_bytes(iol_calculation(EXAMPLE_STUDY), form=form)
    assert looks_like_dicom(data)
    assert load_document(data, "upload", ocr=False).media_type == DICOM


@pytest.mark.parametrize("filename", ["report", "report.dcm", "report.pdf"])
def test_dicom_is_read_by_content_whatever_its_name(filename: str) -> None:
    assert load_document(IOL_OBJECT, filename, ocr=False).text_source == "export"


def test_pdf_png_and_text_are_not_taken_for_dicom() -> None:
    assert not looks_like_dicom(PRINTOUT.read_bytes())
    assert not looks_like_dicom(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert not looks_like_dicom(b"Pat_ID;Last_Name;First_Name\n1;A;B\n")


def test_a_zip_holding_one_dicom_is_read_as_that_dicom() -> None:
    document = load_document(zipped(("exam/report.dcm", IOL_OBJECT)), "exam.zip", ocr=False)
    assert document.media_type == DICOM


def test_a_zipped_document_keeps_the_uploads_identity() -> None:
    upload = zipped(("report.dcm", IOL_OBJECT))
    assert load_document(upload, "exam.zip", ocr=False).sha256 != load_document(IOL_OBJECT, "x", ocr=False).sha256


def test_encapsulated_pdf_reads_exactly_as_the_pdf() -> None:
    from_dicom = load_document(printout_dicom(), "printout.dcm", ocr=False)
    from_pdf = load_document(PRINTOUT.read_bytes(), "printout.pdf", ocr=False)
    assert [page.words for page in from_dicom.pages] == [page.words for page in from_pdf.pages]


def test_header_facts_travel_with_the_document() -> None:
    facts = load_document(printout_dicom(), "printout.dcm", ocr=False).facts
    assert (facts["dicom.model"], facts["dicom.study_date"]) == ("IOLMaster 700", "20221217")


def test_patient_attributes_never_become_facts() -> None:
    facts = load_document(printout_dicom(), "printout.dcm", ocr=False).facts
    patient_values = {"DOE^JANE", "PID-0042", "19510203"}
    assert not patient_values & set(facts.values())


def test_facts_survive_the_work_file() -> None:
    document = load_document(printout_dicom(), "printout.dcm", ocr=False)
    assert Document.from_json(document.to_json()).facts == document.facts


def test_secondary_capture_frames_become_pages_of_their_printed_size() -> None:
    document = load_document(capture_dicom(page_frames(2, (827, 1169))), "capture.dcm", ocr=False)
    sizes = [(round(page.width_pt), round(page.height_pt)) for page in document.pages]
    assert sizes == [(595, 842), (595, 842)]  # 827 px taken as one A4 page wide


def test_secondary_capture_pages_go_to_ocr() -> None:
    document = load_document(capture_dicom(), "capture.dcm", ocr=False)
    assert {page.source for page in document.pages} == {"ocr"}


def _ct_image() -> bytes:
    dataset = iol_calculation(EXAMPLE_STUDY)
    dataset.SOPClassUID = dataset.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    return dicom_bytes(dataset)


def _declared_length(data: bytes, length: int) -> bytes:
    """The last element (Pixel Data, explicit VR OB: tag, VR, 2 reserved bytes, 4-byte length) declares `length`."""
    at = data.rfind(b"\xe0\x7f\x10\x00OB")
    return data[: at + 8] + struct.pack("<I", length) + data[at + 12 :]


def _without_pixels() -> bytes:
    dataset = secondary_capture(EXAMPLE_STUDY, page_frames(1))
    del dataset.PixelData
    return dicom_bytes(dataset)


def _jpeg_ls_capture() -> bytes:
    from pydicom.encaps import encapsulate
    from pydicom.uid import JPEGLSLossless

    dataset = secondary_capture(EXAMPLE_STUDY, page_frames(1))
    dataset.file_meta.TransferSyntaxUID = JPEGLSLossless
    dataset.PixelData = encapsulate([b"\xff\xd8 not really JPEG-LS \xff\xd9"])
    return dicom_bytes(dataset)


def _dicomdir() -> bytes:
    dataset = iol_calculation(EXAMPLE_STUDY)
    dataset.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.1.3.10"
    del dataset.SOPClassUID
    return dicom_bytes(dataset)


BAD_DICOM: dict[str, tuple[Callable[[], bytes], str]] = {
    "truncated": (lambda: capture_dicom()[:-5000], "dicom_truncated"),
    "2 GB declared length": (lambda: _declared_length(capture_dicom(), 0x7FFFFFF0), "dicom_truncated"),
    "no pixel data": (_without_pixels, "dicom_no_pixel_data"),
    "unknown SOP class": (_ct_image, "dicom_sop_class_unsupported"),
    "compressed without decoder": (_jpeg_ls_capture, "dicom_transfer_syntax_unsupported"),
    "DICOMDIR": (_dicomdir, "dicom_directory"),
    "garbage after DICM": (lambda: bytes(128) + b"DICM" + b"\xff" * 300, "corrupt_dicom"),
    "zip of two files": (lambda: zipped(("a.dcm", IOL_OBJECT), ("b.dcm", IOL_OBJECT)), "archive_too_many_members"),
    "empty zip": (lambda: zipped(), "archive_empty"),
    "zip in a zip": (lambda: zipped(("inner.zip", zipped(("a.dcm", IOL_OBJECT)))), "archive_nested"),
    "damaged zip": (lambda: zipped(("a.dcm", IOL_OBJECT))[:200], "corrupt_archive"),
}


@pytest.mark.parametrize("case", list(BAD_DICOM))
def test_bad_dicom_goes_to_review_with_its_code(case: str) -> None:
    make, code = BAD_DICOM[case]
    result = parse_bytes(make(), "bad.dcm", ocr=False)
    assert (result.status, [issue.code for issue in result.extraction.issues]) == ("needs_review", [code])


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    from biometry.extract import archive

    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", 10_000)
    result = parse_bytes(zipped(("big.dcm", bytes(50_000))), "bomb.zip", ocr=False)
    assert [issue.code for issue in result.extraction.issues] == ["archive_too_large"]


def test_an_encapsulated_document_that_is_not_a_pdf_is_refused() -> None:
    from biometry.synth.exports.dicom import encapsulated_pdf

    data = dicom_bytes(encapsulated_pdf(EXAMPLE_STUDY, b"<html>not a pdf</html>"))
    assert [issue.code for issue in parse_bytes(data, "x.dcm").extraction.issues] == ["dicom_document_not_pdf"]


def test_encapsulated_pdf_keeps_the_pdf_media_type_out_of_the_source() -> None:
    result = parse_bytes(printout_dicom(), "printout.dcm", ocr=False)
    assert result.source.media_type == DICOM != PDF


def test_malformed_patient_values_never_reach_the_logs(caplog: pytest.LogCaptureFixture) -> None:
    from biometry.synth.exports.dicom import keratometry

    dataset = keratometry(EXAMPLE_STUDY)
    dataset.PatientBirthDate = "19XX0203"  # not a DA: pydicom warns when it reads it, quoting it
    data = dicom_bytes(dataset)
    caplog.clear()
    with caplog.at_level("DEBUG"):
        parse_bytes(data, "k.dcm")
    assert "19XX0203" not in caplog.text
