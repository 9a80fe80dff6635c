"""DICOM in: the SOP class decides the path (encapsulated PDF, secondary capture, measurement objects).

An encapsulated PDF is read by the PDF path unchanged; a secondary capture's frames are page images for the OCR
path; the ophthalmic measurement objects become a Document of cells for the export path. The header's device, software
and study date (and, for the IOLMaster 500, its verified private values) travel as `Document.facts`, which
`devices.dicom_checks` compares with what the parser read. Patient attributes never become facts.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from biometry.document import Document
from biometry.extract.dicom.read import (
    DICOM,
    ENCAPSULATED_PDF,
    MEASUREMENTS,
    SECONDARY_CAPTURE,
    dicom_error,
    looks_like_dicom,
    quiet_pydicom,
    read_dataset,
    sop_class_of,
)

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

PDF_HEADER_WINDOW = 1024  # as sniff: the PDF spec tolerates junk before "%PDF-"

__all__ = ["DICOM", "dicom_document", "looks_like_dicom"]


def dicom_document(data: bytes, filename: str, *, ocr: bool = True) -> Document:
    """Read a DICOM file into a Document by its SOP class; anything else raises `UnreadableInputError`."""
    with quiet_pydicom():
        document = _by_sop_class(data, filename, ocr=ocr)
    document.media_type, document.sha256 = DICOM, hashlib.sha256(data).hexdigest()
    return document


def _by_sop_class(data: bytes, filename: str, *, ocr: bool) -> Document:
    from biometry.extract.dicom.facts import header_facts

    dataset = read_dataset(data)
    sop_class = sop_class_of(dataset)
    facts = header_facts(dataset)
    if sop_class == ENCAPSULATED_PDF:
        document = _encapsulated_pdf(dataset, filename, ocr=ocr)
    elif sop_class in SECONDARY_CAPTURE:
        from biometry.extract.dicom.frames import frame_pages
        from biometry.extract.dicom.zeiss import zeiss_facts

        document = Document(filename, DICOM, "", frame_pages(dataset, ocr=ocr))
        facts |= zeiss_facts(dataset)
    elif sop_class in MEASUREMENTS:
        from biometry.extract.dicom.cells import measurement_pages

        document = Document(filename, DICOM, "", measurement_pages(dataset))
    else:
        raise dicom_error("dicom_sop_class_unsupported", f"DICOM objects of SOP class {sop_class} are not reports.")
    document.facts = facts
    return document


def _encapsulated_pdf(dataset: Dataset, filename: str, *, ocr: bool) -> Document:
    """The encapsulated PDF read by the PDF path, exactly as if it had been uploaded alone."""
    from biometry.extract import read_document
    from biometry.extract.sniff import PDF

    payload = dataset.get("EncapsulatedDocument")
    if not isinstance(payload, bytes) or not payload:
        raise dicom_error("dicom_no_document", "The encapsulated-document object holds no document.")
    mime = str(dataset.get("MIMETypeOfEncapsulatedDocument", PDF)).strip()
    if mime != PDF or b"%PDF-" not in payload[:PDF_HEADER_WINDOW]:
        raise dicom_error("dicom_document_not_pdf", f"The encapsulated document is {mime!r}, not a PDF.")
    return read_document(payload.rstrip(b"\x00"), filename, ocr=ocr)
