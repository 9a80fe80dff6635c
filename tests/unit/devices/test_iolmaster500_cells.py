"""IOLMaster 500 lens tables are read again cell by cell from the page image, where both readings of a cell agree.

The generator's drawing gives the printed words with their places (its text layer) and the page image (rendered);
the page pass's readings of the table rows are replaced by garbage, and the cell reader must restore them.
"""

from __future__ import annotations

from dataclasses import replace

import pypdfium2 as pdfium
import pytest
from PIL import Image

from biometry.devices.iolmaster500.boxes import is_emmetropia, is_table_header
from biometry.devices.iolmaster500.cells import with_lens_cells
from biometry.document import Word, group_lines
from biometry.extract.pdf_text import text_layer_page
from biometry.synth.iolmaster500.plan import make_plan
from biometry.synth.iolmaster500.report import Iom500Case, render_text_pdf

RENDER_DPI = 300
GARBLED = "2109"


@pytest.fixture(scope="module")
def iol_page() -> tuple[Image.Image, list[Word]]:
    """The first IOL page of a generated printout: its image at 300 dpi and its printed words."""
    pdf = pdfium.PdfDocument(render_text_pdf(make_plan(Iom500Case(seed=41, layout="both", missing_rate=0.0))))
    index = next(i for i in range(len(pdf)) if any(is_emmetropia(w) for w in text_layer_page(pdf, i).words))
    image = pdf[index].render(scale=RENDER_DPI / 72, grayscale=True).to_pil().convert("L")
    return image, text_layer_page(pdf, index).words


def _row_words(words: list[Word]) -> list[Word]:
    """The words of the table rows: lines of two numbers between a table header and the `Emme.` lines."""
    lines = group_lines(words)
    headers = [i for i, line in enumerate(lines) if is_table_header(line)]
    rows = []
    for start in headers:
        for line in lines[start + 1 : start + 8]:
            rows += [w for w in line.words if w.text.lstrip("-").replace(".", "").isdigit()]
    return rows


def _texts_by_place(words: list[Word]) -> dict[tuple[int, int], str]:
    return {(round(w.x_center * 200), round(w.y_center * 400)): w.text for w in words}


def test_garbled_table_cells_are_read_again_as_printed(iol_page: tuple[Image.Image, list[Word]]) -> None:
    image, words = iol_page
    printed = _row_words(words)
    garbled = [replace(w, text=GARBLED) if w in printed else w for w in words]
    again = [w for w in with_lens_cells(image, garbled) if w.text != GARBLED or w not in garbled]
    assert _texts_by_place(_row_words(again)) == _texts_by_place(printed)


def test_a_page_without_lens_boxes_keeps_its_words(iol_page: tuple[Image.Image, list[Word]]) -> None:
    image, words = iol_page
    others = [w for w in words if not is_emmetropia(w) and not any(is_table_header(ln) for ln in group_lines([w]))]
    assert with_lens_cells(image, others) == others
