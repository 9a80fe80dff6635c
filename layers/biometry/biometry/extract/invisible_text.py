"""Whether a PDF page's text is drawn invisibly: the OCR layer a scanner or an OCR tool lays under its page image."""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from biometry.extract.pdfium_raw import spread_chars

# Render modes that put no ink on the page: 3 (neither filled nor stroked) and 7 (a clipping path only).
_NOT_DRAWN = frozenset({pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP})
SAMPLED_CHARS = 32  # chars spread over the page whose text objects are asked: enough to see a whole layer's mode
INVISIBLE_SHARE = 0.75  # at least this share of the sampled chars undrawn: the text is a hidden layer, not the page


def drawn_invisibly(textpage: pdfium.PdfTextPage) -> bool:
    """True when most of the page's text is invisible: what the page shows is its image, read by another engine.

    A searchable scan carries the scanner's OCR words, misreadings included, under the picture of the page; taken
    as a text layer they would be grounded in themselves with a text layer's full confidence. The page is OCR'd
    like any scan instead."""
    modes = [pdfium_c.FPDFTextObj_GetTextRenderMode(owner) for owner in _sampled_owners(textpage)]
    return bool(modes) and sum(mode in _NOT_DRAWN for mode in modes) >= INVISIBLE_SHARE * len(modes)


def _sampled_owners(textpage: pdfium.PdfTextPage) -> list[pdfium_c.FPDF_PAGEOBJECT]:
    """The text objects of up to SAMPLED_CHARS chars spread evenly over the page (generated chars have none)."""
    owners = (pdfium_c.FPDFText_GetTextObject(textpage.raw, index) for index in spread_chars(textpage, SAMPLED_CHARS))
    return [owner for owner in owners if owner]
