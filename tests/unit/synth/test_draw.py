"""The page painter's slanted text: the body font sheared as an oblique face is, left end at the point given."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pypdfium2 as pdfium

from biometry.synth.draw import Painter, new_canvas
from biometry.synth.fonts import register_fonts


def _ink_columns(slanted: bool) -> tuple[np.ndarray, np.ndarray]:
    """The inked columns of the top and bottom thirds of an `I` drawn 40 pt high, upright or slanted."""
    register_fonts()
    buffer = BytesIO()
    canvas = new_canvas(buffer, title="t")
    painter = Painter(canvas, overprint=())
    (painter.slanted if slanted else painter.text)(100, 200, "I", 40)
    painter.finish()
    canvas.save()
    grey = np.asarray(pdfium.PdfDocument(buffer.getvalue())[0].render(scale=1).to_pil().convert("L"))
    rows = np.flatnonzero((grey < 128).any(axis=1))
    top, bottom = grey[rows[0] : rows[0] + 8], grey[rows[-1] - 8 : rows[-1]]
    return np.flatnonzero((top < 128).any(axis=0)), np.flatnonzero((bottom < 128).any(axis=0))


def test_slanted_text_leans_right_as_an_oblique_face() -> None:
    top, bottom = _ink_columns(slanted=True)
    assert top.mean() - bottom.mean() >= 4  # ~0.2 of its 29-pt stem height


def test_upright_text_does_not_lean() -> None:
    top, bottom = _ink_columns(slanted=False)
    assert abs(top.mean() - bottom.mean()) <= 1
