"""Text extraction: PDF text layer, local OCR and Amazon Textract, all into one `Document`."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from biometry.document import Document, Page
from biometry.errors import UnreadableInputError
from biometry.extract.sniff import (
    MAX_IMAGE_BYTES,
    MAX_IMAGE_PIXELS,
    MAX_PAGES,
    MAX_PDF_BYTES,
    PDF,
    check_file_size,
    open_image,
    open_pdf,
    sniff_media_type,
)

if TYPE_CHECKING:
    import pypdfium2 as pdfium

__all__ = [
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_PIXELS",
    "MAX_PAGES",
    "MAX_PDF_BYTES",
    "load_document",
    "read_document",
    "sniff_media_type",
]


def load_document(data: bytes, filename: str, *, ocr: bool = True) -> Document:
    """Read any supported file into a Document: text layer where a PDF page has one, OCR elsewhere.

    A zip holding one file is read as that file; DICOM is routed by its SOP class (`extract.dicom`).
    With `ocr=False`, pages that would need OCR are kept empty with source "ocr".
    Raises `UnreadableInputError` for input that cannot be read.
    """
    from biometry.extract.archive import looks_like_zip, single_member
    from biometry.extract.dicom import dicom_document, looks_like_dicom

    digest = hashlib.sha256(data).hexdigest()  # the document is the upload, zipped or not
    if looks_like_zip(data):
        data = single_member(data)
    if looks_like_dicom(data):
        document = dicom_document(data, filename, ocr=ocr)
    else:
        document = read_document(data, filename, ocr=ocr, sha256=digest)
    document.sha256 = digest
    return document


def read_document(data: bytes, filename: str, *, ocr: bool = True, sha256: str | None = None) -> Document:
    """Read a PDF, image or device export (not a container) into a Document; see `load_document`.

    `sha256`: the document's hash when the caller has it (else the hash of `data`)."""
    try:
        media_type = sniff_media_type(data)
    except UnreadableInputError as error:
        from biometry.extract.exports import export_document, sniff_export

        export_type = sniff_export(data) if error.code == "unsupported_media_type" else None
        if export_type is None:
            raise
        return export_document(data, filename, export_type)
    check_file_size(data, media_type)
    pages = _pdf_pages(data, ocr=ocr) if media_type == PDF else _image_pages(data, ocr=ocr)
    return Document(filename, media_type, sha256 or hashlib.sha256(data).hexdigest(), pages)


def _pdf_pages(data: bytes, *, ocr: bool) -> list[Page]:
    import pypdfium2 as pdfium

    from biometry.extract.pdf_text import holds_real_text, text_layer_page

    pdf = open_pdf(data)
    try:
        pages = [text_layer_page(pdf, index) for index in range(len(pdf))]
        scanned = [page.number - 1 for page in pages if not holds_real_text(page)]
        for read in _without_text(pdf, [pages[index] for index in scanned], ocr=ocr):
            pages[read.number - 1] = read
        return pages
    except pdfium.PdfiumError:
        raise UnreadableInputError("corrupt_pdf", "A page of the PDF is damaged and cannot be read.") from None
    finally:
        pdf.close()


def _without_text(pdf: pdfium.PdfDocument, pages: list[Page], *, ocr: bool) -> list[Page]:
    """Pages whose text layer is (nearly) empty: OCR'd (across cores), or kept empty when OCR is off."""
    if ocr:
        from biometry.extract.ocr_pages import ocr_pdf_pages

        return ocr_pdf_pages(pdf, [page.number - 1 for page in pages])
    return [Page(number=p.number, width_pt=p.width_pt, height_pt=p.height_pt, source="ocr") for p in pages]


def _image_pages(data: bytes, *, ocr: bool) -> list[Page]:
    from biometry.extract.ocr import image_frames, image_page_size_pt
    from biometry.extract.ocr_pages import PageImage, ocr_pages

    frames = enumerate(image_frames(open_image(data)), start=1)
    if ocr:  # frames decoded one by one here, OCR'd across cores
        return ocr_pages(
            PageImage(frame, number, image_page_size_pt(frame), bilevel=bilevel) for number, (frame, bilevel) in frames
        )
    sizes = ((number, image_page_size_pt(frame)) for number, (frame, _) in frames)
    return [Page(number=number, width_pt=w, height_pt=h, source="ocr") for number, (w, h) in sizes]
