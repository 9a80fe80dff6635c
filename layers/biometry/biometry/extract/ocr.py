"""Local OCR with tesseract: image frames or rendered PDF pages become words with a confidence."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from biometry.document import Page, Word
from biometry.errors import UnreadableInputError
from biometry.extract.sniff import MAX_IMAGE_PIXELS

if TYPE_CHECKING:
    import pypdfium2 as pdfium
    from PIL import Image

OCR_DPI = 300  # with --psm 4 this reads report blocks best (see platform notes)
TESSERACT_CONFIG = "--psm 4"
TESSERACT_LANG = "eng"
ASSUMED_IMAGE_DPI = 300  # for images that do not say their resolution


def ocr_pdf_page(pdf: pdfium.PdfDocument, index: int, *, dpi: int = OCR_DPI, clean: bool = True) -> Page:
    """Render page `index` (0-based) at `dpi` (capped by the pixel limit) and OCR it."""
    page = pdf[index]
    width_pt, height_pt = page.get_size()
    scale = min(dpi / 72, (MAX_IMAGE_PIXELS / max(width_pt * height_pt, 1.0)) ** 0.5)
    image = page.render(scale=scale, grayscale=True).to_pil()
    return ocr_image(image, number=index + 1, size_pt=(width_pt, height_pt), clean=clean)


def image_frames(image: Image.Image) -> Iterator[Image.Image]:
    """Every frame of an opened image (all pages of a TIFF), upright per EXIF, in grayscale."""
    from PIL import ImageOps

    for index in range(getattr(image, "n_frames", 1)):
        try:
            image.seek(index)
            upright = ImageOps.exif_transpose(image) or image
            frame = upright.convert("L")
        except (OSError, SyntaxError, ValueError) as exc:
            raise UnreadableInputError("corrupt_image", "The image is damaged and cannot be decoded.") from exc
        yield frame


def image_page_size_pt(image: Image.Image) -> tuple[float, float]:
    """The printed size of an image in points, from its resolution (assumed 300 dpi if it has none)."""
    dpi = image.info.get("dpi") or (ASSUMED_IMAGE_DPI, ASSUMED_IMAGE_DPI)
    x_dpi, y_dpi = (float(d) or ASSUMED_IMAGE_DPI for d in dpi)
    return image.width * 72 / x_dpi, image.height * 72 / y_dpi


def ocr_image(
    image: Image.Image, *, number: int, size_pt: tuple[float, float] | None = None, clean: bool = True
) -> Page:
    """OCR one grayscale image into a page of words (bbox fractions of the image, confidence 0..1)."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract's threads only fight over 2 cores; one is faster

    width_pt, height_pt = size_pt or image_page_size_pt(image)
    if clean:
        from biometry.extract.preprocess import preprocess_for_ocr

        image = preprocess_for_ocr(image)
    data = pytesseract.image_to_data(
        image, lang=TESSERACT_LANG, config=TESSERACT_CONFIG, output_type=pytesseract.Output.DICT
    )
    words = _words(data, image.width, image.height)
    return Page(number=number, width_pt=width_pt, height_pt=height_pt, source="ocr", words=words)


def _words(data: dict[str, list[Any]], width_px: int, height_px: int) -> list[Word]:
    words = []
    for text, conf, left, top, width, height in zip(
        data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"], strict=True
    ):
        confidence = float(conf)
        if not str(text).strip() or confidence < 0:
            continue
        box = (left / width_px, top / height_px, (left + width) / width_px, (top + height) / height_px)
        words.append(Word(str(text).strip(), box, bold=False, confidence=min(confidence / 100, 1.0)))
    return words
