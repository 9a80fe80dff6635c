"""Local OCR with tesseract: image frames or rendered PDF pages become words with a confidence."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
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
MAX_SKEW_DEG = 5.0
_SKEW_STEP_DEG = 0.5
_SKEW_PROBE_WIDTH_PX = 800
_SKEW_MIN_GAIN = 1.05  # rotate only when the best angle sharpens the row profile by 5 %


def ocr_pdf_page(pdf: pdfium.PdfDocument, index: int, *, dpi: int = OCR_DPI, deskew: bool = True) -> Page:
    """Render page `index` (0-based) at `dpi` (capped by the pixel limit) and OCR it."""
    page = pdf[index]
    width_pt, height_pt = page.get_size()
    scale = min(dpi / 72, (MAX_IMAGE_PIXELS / max(width_pt * height_pt, 1.0)) ** 0.5)
    image = page.render(scale=scale, grayscale=True).to_pil()
    return ocr_image(image, number=index + 1, size_pt=(width_pt, height_pt), deskew=deskew)


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
    image: Image.Image, *, number: int, size_pt: tuple[float, float] | None = None, deskew: bool = True
) -> Page:
    """OCR one grayscale image into a page of words (bbox fractions of the image, confidence 0..1)."""
    import pytesseract

    if deskew:
        image = _deskewed(image)
    data = pytesseract.image_to_data(
        image, lang=TESSERACT_LANG, config=TESSERACT_CONFIG, output_type=pytesseract.Output.DICT
    )
    width_pt, height_pt = size_pt or image_page_size_pt(image)
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


def _deskewed(image: Image.Image) -> Image.Image:
    """The image turned upright if it is skewed by a small angle (projection-profile search)."""
    angle = estimate_skew_deg(image)
    if angle == 0.0:
        return image
    from PIL import Image

    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)


def estimate_skew_deg(image: Image.Image) -> float:
    """The small rotation (counter-clockwise degrees) that makes text rows sharpest; 0.0 when unsure."""
    probe = image.convert("L")
    probe = probe.resize((_SKEW_PROBE_WIDTH_PX, max(1, probe.height * _SKEW_PROBE_WIDTH_PX // probe.width)))
    probe = probe.point(lambda v: 255 if v < 128 else 0)  # ink is bright, background black
    steps = int(MAX_SKEW_DEG / _SKEW_STEP_DEG)
    scores = {k * _SKEW_STEP_DEG: _row_sharpness(probe.rotate(k * _SKEW_STEP_DEG)) for k in range(-steps, steps + 1)}
    best = max(scores, key=lambda a: (scores[a], -abs(a)))
    return best if scores[best] > _SKEW_MIN_GAIN * scores[0.0] else 0.0


def _row_sharpness(image: Image.Image) -> float:
    """How crisply ink falls into rows: the summed squared change between neighbouring row means."""
    from PIL import Image

    rows = image.resize((1, image.height), resample=Image.Resampling.BOX).tobytes()  # row means, 8-bit
    return float(sum((a - b) ** 2 for a, b in pairwise(rows)))
