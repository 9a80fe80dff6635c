"""Pages that lie turned (scanned upside down, photographed sideways) are read upright; upright pages pay nothing."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from biometry.document import Word
from biometry.extract import load_document, orientation, tesseract

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")

REPORT_LINES = [
    "Axial length AL: 23.41 mm   SNR 145.2",
    "Anterior chamber depth ACD: 3.12 mm",
    "Lens thickness LT: 4.56 mm",
    "Keratometry K1: 42.30 D @ 12 degrees",
    "Keratometry K2: 43.15 D @ 102 degrees",
    "White to white WTW: 11.9 mm",
    "Target refraction: -0.50 D",
    "Calculation formula: SRK/T  A const: 118.7",
]


def _printed_page() -> Image.Image:
    image = Image.new("L", (1400, 900), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=34)
    for k, line in enumerate(REPORT_LINES):
        draw.text((80, 60 + 95 * k), line, fill=0, font=font)
    return image


def _texts(image: Image.Image) -> list[str]:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(300, 300))
    return [w.text for w in load_document(buffer.getvalue(), "page.png").pages[0].words]


@pytest.fixture(scope="module")
def upright_texts() -> list[str]:
    return _texts(_printed_page())


@needs_tesseract
@pytest.mark.parametrize("degrees", [180, 90, 270])
def test_a_turned_page_reads_as_the_upright_page(upright_texts: list[str], degrees: int) -> None:
    assert _texts(_printed_page().rotate(degrees, expand=True, fillcolor=255)) == upright_texts


@needs_tesseract
def test_an_upright_page_is_not_sent_to_orientation_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(image: Image.Image) -> None:
        raise AssertionError("orientation detection ran on a page read surely")

    monkeypatch.setattr(tesseract, "orientation", unexpected)
    assert "23.41" in _texts(_printed_page())


def test_a_page_read_mostly_unsure_may_be_turned() -> None:
    unsure = [Word("AXIAL", (0, 0, 1, 1), False, 0.9)] + [Word("xqz", (0, 0, 1, 1), False, 0.3)] * 3
    assert orientation.may_be_turned(unsure)


def test_a_page_read_mostly_sure_is_upright() -> None:
    sure = [Word("AXIAL", (0, 0, 1, 1), False, 0.95)] * 3 + [Word("xqz", (0, 0, 1, 1), False, 0.3)]
    assert not orientation.may_be_turned(sure)


def test_an_unsure_orientation_leaves_the_page_as_it_lies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tesseract, "orientation", lambda image: (180, orientation.SURE_ORIENTATION / 2))
    assert orientation.turned_upright(_printed_page()) is None
