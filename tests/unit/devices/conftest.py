"""Fixtures shared by the device tests: a generated IOLMaster 500 measurement page and IOL page, each as image and
printed words."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from PIL import Image

from biometry.devices.iolmaster500.boxes import is_emmetropia
from biometry.document import Word
from biometry.extract.pdf_text import text_layer_page
from biometry.synth.iolmaster500.plan import make_plan
from biometry.synth.iolmaster500.report import Iom500Case, render_text_pdf

RENDER_DPI = 300


@pytest.fixture(scope="session")
def iolmaster500_measurement_page() -> tuple[Image.Image, list[Word]]:
    """The measurement page of a generated printout (two `MV:` lines, six `Pup:` lines): its image at 300 dpi and
    its printed words (the generator's text layer)."""
    pdf = pdfium.PdfDocument(render_text_pdf(make_plan(Iom500Case(seed=41, layout="both", missing_rate=0.0))))
    image = pdf[0].render(scale=RENDER_DPI / 72, grayscale=True).to_pil().convert("L")
    return image, text_layer_page(pdf, 0).words


@pytest.fixture(scope="session")
def iolmaster500_iol_page() -> tuple[Image.Image, list[Word]]:
    """The first IOL page of a generated printout: its image at 300 dpi and its printed words."""
    pdf = pdfium.PdfDocument(render_text_pdf(make_plan(Iom500Case(seed=41, layout="both", missing_rate=0.0))))
    index = next(i for i in range(len(pdf)) if any(is_emmetropia(w) for w in text_layer_page(pdf, i).words))
    image = pdf[index].render(scale=RENDER_DPI / 72, grayscale=True).to_pil().convert("L")
    return image, text_layer_page(pdf, index).words
