"""IOLMaster 700 lens models on OCR pages: a model the page pass read as no catalogue name is read again alone from
the page image (the band of its line, between its neighbours) and replaced only by a catalogue name."""

from __future__ import annotations

from io import BytesIO

import pypdfium2 as pdfium
from PIL import Image
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from biometry.devices.iolmaster700.model_lines import with_lens_models
from biometry.document import Word

RENDER_DPI = 300
PAGE_PT = (320.0, 110.0)
FONT, SIZE_PT = "Helvetica-Bold", 8.0
COLUMNS = (10.0, 165.0)  # left edges of two result boxes, 150 pt wide
FOOTER = ("IOLMaster 700", 10.0, 100.0)


def _page(printed: list[tuple[str, float, float]]) -> tuple[Image.Image, list[Word]]:
    """A small page printing each text word by word from its left edge at its baseline, rendered at 300 dpi, and its
    words as read."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_PT)
    canvas.setFont(FONT, SIZE_PT)
    words = []
    width_pt, height_pt = PAGE_PT
    space = stringWidth(" ", FONT, SIZE_PT)
    for text, left, baseline in printed:
        canvas.drawString(left, height_pt - baseline, text)
        x = left
        for part in text.split():
            right = x + stringWidth(part, FONT, SIZE_PT)
            box = (
                x / width_pt,
                (baseline - 0.75 * SIZE_PT) / height_pt,
                right / width_pt,
                (baseline + 0.2 * SIZE_PT) / height_pt,
            )
            words.append(Word(part, box, confidence=0.9))
            x = right + space
    canvas.save()
    image = pdfium.PdfDocument(buffer.getvalue())[0].render(scale=RENDER_DPI / 72, grayscale=True).to_pil()
    return image.convert("L"), words


def _centred(text: str, column: float, baseline: float) -> tuple[str, float, float]:
    return text, column + (150 - stringWidth(text, FONT, SIZE_PT)) / 2, baseline


def _two_line_headings(model: str) -> list[tuple[str, float, float]]:
    """Two boxes headed `Johnson & Johnson Vision --` with `model` centred under it and a caption below."""
    return [
        *[("K Johnson & Johnson Vision --", column, 30) for column in COLUMNS],
        *[_centred(model, column, 42) for column in COLUMNS],
        *[_centred("- Haigis -", column, 54) for column in COLUMNS],
        FOOTER,
    ]


def _garbled(words: list[Word], printed: str, read: str, *, right_of: float = 0.5, down: float = 0.0) -> list[Word]:
    """The words with the right column's `printed` read as `read`, its box run `down` (page heights) further down."""
    return [
        Word(read, (w.bbox[0], w.bbox[1], w.bbox[2], w.bbox[3] + down), confidence=0.0)
        if w.text == printed and w.bbox[0] > right_of
        else w
        for w in words
    ]


def test_a_model_read_as_no_catalogue_name_is_read_again_alone() -> None:
    image, words = _page(_two_line_headings("Eyhance"))
    # 150 dpi: the bold model read `a`, its box run down into the caption under it
    refined = with_lens_models(image, _garbled(words, "Eyhance", "a", down=0.04))
    assert [w.text for w in refined].count("Eyhance") == 2 and "a" not in [w.text for w in refined]


def test_a_one_line_heading_has_its_model_read_again_after_the_manufacturer() -> None:
    image, words = _page([*[("K HOYA Vivinex XY1", column, 30) for column in COLUMNS], FOOTER])
    refined = [w.text for w in with_lens_models(image, _garbled(words, "XY1", "xv1"))]
    assert refined.count("XY1") == 2 and "xv1" not in refined


def test_a_model_that_reads_no_catalogue_name_alone_either_stays_as_read() -> None:
    image, words = _page(_two_line_headings("Eyhonce"))  # not a catalogue name, however it is read
    garbled = _garbled(words, "Eyhonce", "a")
    assert [w.text for w in with_lens_models(image, garbled)] == [w.text for w in garbled]


def test_another_devices_page_is_left_as_read() -> None:
    image, words = _page(_two_line_headings("Eyhance")[:-1])
    garbled = _garbled(words, "Eyhance", "a")
    assert with_lens_models(image, garbled) == garbled
