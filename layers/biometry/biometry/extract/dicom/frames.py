"""Secondary capture: each frame is one printed page; it becomes the page the PDF path would have rendered.

The IOLMaster 500 stores its printout as a Multi-frame True Color Secondary Capture, and its PDF export embeds the
same frames (1164 x 1678 px at 140 dpi) as JPEG images filling each page. Each frame is placed the same way on a page
of an in-memory PDF and OCR'd by `ocr_pages.ocr_pdf_pages`, so both renditions are rendered by the same code at the same
scale and reach OCR as nearly the same pixels (the real pair differs by 0.2-0.8 grey levels on average: the PDF's
JPEG artefacts). OCR may still read a glyph at the edge differently (docs/dicom.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from biometry.document import Page
from biometry.extract.dicom.read import dicom_error
from biometry.extract.sniff import MAX_IMAGE_PIXELS, MAX_PAGES

if TYPE_CHECKING:
    import pypdfium2 as pdfium
    from PIL import Image
    from pydicom.dataset import Dataset

# Resolution of a device's printed frames, where the file does not state one (checked against its PDF twin).
KNOWN_DPI: dict[tuple[str, str], float] = {("carl zeiss meditec", "iolmaster 500"): 140.0}
ASSUMED_PAGE_WIDTH_IN = 8.27  # otherwise a frame is taken to be one A4 page wide
MM_PER_INCH = 25.4
MAX_TOTAL_PIXELS = 2 * MAX_IMAGE_PIXELS  # all frames together (decoded at once: 3 bytes each), checked before


def frame_pages(dataset: Dataset, *, ocr: bool) -> list[Page]:
    """One page per frame: OCR'd as a PDF page, or (`ocr=False`) empty pages of the right size, nothing decoded."""
    _check_frames(dataset)
    dpi = frame_dpi(dataset)
    if not ocr:
        frames = int(dataset.get("NumberOfFrames", 1) or 1)
        width_pt, height_pt = int(dataset.Columns) * 72 / dpi, int(dataset.Rows) * 72 / dpi
        return [Page(number=n, width_pt=width_pt, height_pt=height_pt, source="ocr") for n in range(1, frames + 1)]
    from biometry.extract.ocr_pages import ocr_pdf_pages

    pdf = frames_as_pdf(frame_images(dataset), dpi)
    try:
        return ocr_pdf_pages(pdf, range(len(pdf)))
    finally:
        pdf.close()


def frame_dpi(dataset: Dataset) -> float:
    """Dots per inch of the frames: Nominal Scanned Pixel Spacing, else the device's known print raster, else A4."""
    spacing = dataset.get("NominalScannedPixelSpacing") or dataset.get("PixelSpacing")
    if spacing and float(spacing[1]) > 0:
        return MM_PER_INCH / float(spacing[1])
    device = (str(dataset.get("Manufacturer", "")).lower(), str(dataset.get("ManufacturerModelName", "")).lower())
    return KNOWN_DPI.get(device) or int(dataset.get("Columns", 0) or 1) / ASSUMED_PAGE_WIDTH_IN


def frames_as_pdf(frames: Iterator[Image.Image], dpi: float) -> pdfium.PdfDocument:
    """An in-memory PDF with one page per frame, the frame filling a page of the size its resolution gives."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for frame in frames:
        width_pt, height_pt = frame.width * 72 / dpi, frame.height * 72 / dpi
        page = pdf.new_page(width_pt, height_pt)
        image = pdfium.PdfImage.new(pdf)
        image.set_bitmap(pdfium.PdfBitmap.from_pil(frame))
        image.set_matrix(pdfium.PdfMatrix().scale(width_pt, height_pt))
        page.insert_obj(image)
        page.gen_content()
    return pdf


def frame_images(dataset: Dataset) -> Iterator[Image.Image]:
    """Each frame decoded to an 8-bit PIL image (RGB or grayscale), with the handlers pydicom has for its syntax."""
    from PIL import Image

    try:
        pixels = dataset.pixel_array
    except (ValueError, TypeError, NotImplementedError, RuntimeError, OSError, AttributeError) as exc:
        raise dicom_error("dicom_pixel_data_invalid", f"The DICOM pixel data cannot be decoded: {exc}") from None
    frames = pixels if int(dataset.get("NumberOfFrames", 1) or 1) > 1 else pixels[None, ...]
    for frame in frames:
        image = Image.fromarray(_as_8bit(dataset, frame))
        yield image if image.mode in ("L", "RGB") else image.convert("RGB")


def _as_8bit(dataset: Dataset, frame: Any) -> Any:
    import numpy as np

    photometric = str(dataset.get("PhotometricInterpretation", ""))
    if photometric == "PALETTE COLOR":
        from pydicom.pixels.processing import apply_color_lut

        frame = apply_color_lut(frame, dataset)
    bits = int(dataset.get("BitsStored", 8) or 8)
    if frame.dtype != np.uint8:
        frame = (frame.astype(np.float64) * 255 / max(2**bits - 1, 1)).clip(0, 255).astype(np.uint8)
    return 255 - frame if photometric == "MONOCHROME1" else frame


def _check_frames(dataset: Dataset) -> None:
    """Refuse what cannot or should not be decoded, before decoding: no pixels, no decoder, too many or too big."""
    if "PixelData" not in dataset:
        raise dicom_error("dicom_no_pixel_data", "The DICOM image holds no pixel data.")
    _check_decoder(dataset)
    frames = int(dataset.get("NumberOfFrames", 1) or 1)
    pixels = int(dataset.get("Rows", 0) or 0) * int(dataset.get("Columns", 0) or 0)
    if frames > MAX_PAGES:
        raise dicom_error("too_many_pages", f"The DICOM image has {frames} frames; the limit is {MAX_PAGES}.")
    if pixels > MAX_IMAGE_PIXELS or pixels * frames > MAX_TOTAL_PIXELS:
        raise dicom_error("image_too_large", f"The DICOM frames hold {pixels * frames} pixels; too many to decode.")
    if pixels == 0:
        raise dicom_error("dicom_pixel_data_invalid", "The DICOM image has no rows or columns.")


def _check_decoder(dataset: Dataset) -> None:
    from pydicom.pixels.decoders.base import get_decoder
    from pydicom.uid import UID

    syntax = UID(str(dataset.file_meta.get("TransferSyntaxUID", "1.2.840.10008.1.2")))
    try:
        available = get_decoder(syntax).is_available
    except NotImplementedError:
        available = False
    if not available:
        message = f"The DICOM pixel data uses {syntax.name or syntax}, which no installed decoder reads."
        raise dicom_error("dicom_transfer_syntax_unsupported", message)
