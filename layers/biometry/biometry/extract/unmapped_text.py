"""Whether a PDF page's text layer lacks its fonts' character maps: glyph codes where the letters should be."""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from biometry.extract.pdfium_raw import spread_chars

SAMPLED_CHARS = 64  # chars spread over the page asked whether they map to Unicode
UNMAPPED_SHARE = 0.1  # at least this share of the sampled chars unmapped: the text layer is glyph codes, not text


def mostly_unmapped(textpage: pdfium.PdfTextPage) -> bool:
    """True when a tenth or more of the page's chars have no Unicode mapping.

    A font embedded without its ToUnicode map (a printer driver's rewrite of a printout) leaves pdfium only the glyph
    codes: the real IOLMaster 700 printout's `Paciente` reads `3DFLHQWH` and its digits come out as control
    characters. Such a text layer says nothing true about the page, so the page is OCR'd like a scan. A few unmapped
    glyphs are normal (the real printout's Δ: 2-4 a page, which its parser reads as `˂`)."""
    sampled = spread_chars(textpage, SAMPLED_CHARS)
    unmapped = sum(pdfium_c.FPDFText_HasUnicodeMapError(textpage.raw, index) == 1 for index in sampled)
    return len(sampled) > 0 and unmapped >= UNMAPPED_SHARE * len(sampled)
