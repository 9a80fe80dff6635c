"""The IOLMaster 500 `Pup: 4.8 mm` lines are read again alone where two readings agree."""

from __future__ import annotations

from dataclasses import replace

import pypdfium2 as pdfium
import pytest
from PIL import Image

from biometry.devices.iolmaster500.pupil_lines import PUP_LABEL, with_pupil_lines
from biometry.document import Word, group_lines
from biometry.extract.pdf_text import text_layer_page
from biometry.synth.iolmaster500.plan import make_plan
from biometry.synth.iolmaster500.report import Iom500Case, render_text_pdf

RENDER_DPI = 300


@pytest.fixture(scope="module")
def measurement_page() -> tuple[Image.Image, list[Word]]:
    """The measurement page of a generated printout (its white-to-white table prints six `Pup:` lines)."""
    pdf = pdfium.PdfDocument(render_text_pdf(make_plan(Iom500Case(seed=41, layout="both", missing_rate=0.0))))
    image = pdf[0].render(scale=RENDER_DPI / 72, grayscale=True).to_pil().convert("L")
    return image, text_layer_page(pdf, 0).words


def _pupils(words: list[Word]) -> list[str]:
    """The word after each `Pup:` label, line by line, left to right."""
    found = []
    for line in group_lines(words):
        found += [b.text for a, b in zip(line.words, line.words[1:], strict=False) if PUP_LABEL.match(a.text)]
    return found


def test_pupils_the_page_pass_misread_are_read_again_as_printed(
    measurement_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = measurement_page
    printed = _pupils(words)
    garbled = [replace(w, text=w.text.replace("8", "3").replace("6", "5")) if w.text in printed else w for w in words]
    assert len(printed) == 6 and _pupils(garbled) != printed and _pupils(with_pupil_lines(image, garbled)) == printed


def test_a_page_without_pupils_keeps_its_words(measurement_page: tuple[Image.Image, list[Word]]) -> None:
    image, words = measurement_page
    others = [w for w in words if not PUP_LABEL.match(w.text)]
    assert with_pupil_lines(image, others) == others
