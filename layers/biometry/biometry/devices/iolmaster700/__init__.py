"""ZEISS IOLMaster 700 printouts: the parser, its result boxes and what its pages print.

The package itself holds what the device registry needs before it knows the device: the score (the footer) and the
page refiners. The parse modules load when the registry picks this device (`devices.registry`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from biometry.extract.refiners import imported_on_use

if TYPE_CHECKING:
    from collections.abc import Sequence

    from biometry.document import Document, Word

__all__ = ["FOOTER", "PAGE_REFINERS", "prints_own_page", "score"]

FOOTER = re.compile(r"[O0]L\s?Master\s?700", re.IGNORECASE)  # the device on every page (the I read as 1, l, !, t)
# result-table cells (found by their label, then by their header), refractions lost whole, targets lost at a line's end
# and lens models read again alone on every OCR'd page, total-keratometry labels read without their T named by their
# column, a null read as a digit known by its flat box or ink (and a value read as the null by its tall ink), and the
# values printed once confirmed alone (extract.refiners)
PAGE_REFINERS = (
    imported_on_use("biometry.devices.iolmaster700.cells", "with_table_cells"),
    imported_on_use("biometry.devices.iolmaster700.lost_cells", "with_lost_refractions"),
    imported_on_use("biometry.devices.iolmaster700.lost_cells", "with_lost_rows"),
    imported_on_use("biometry.devices.iolmaster700.header_cells", "with_header_table_cells"),
    imported_on_use("biometry.devices.iolmaster700.captions", "with_box_captions"),
    imported_on_use("biometry.devices.iolmaster700.line_end_targets", "with_line_end_targets"),
    imported_on_use("biometry.devices.iolmaster700.model_lines", "with_lens_models"),
    imported_on_use("biometry.devices.iolmaster700.t_labels", "with_t_labels"),
    imported_on_use("biometry.devices.iolmaster700.flat_nulls", "with_flat_nulls"),
    imported_on_use("biometry.devices.iolmaster700.flat_nulls", "with_flat_emmetropia_nulls"),
    imported_on_use("biometry.devices.iolmaster700.flat_nulls", "with_tall_nulls_read"),
    imported_on_use("biometry.devices.iolmaster700.single_values", "with_single_values"),
)


# The total-keratometry and chord labels only this device prints, in every UI language (`TK1:`, `TSE:`, `CW-Chord:`),
# and its header's corneal vertex distance (`CVD: 12,00 mm`, every page): a photo's OCR may lose the TK column whole
OWN_LABELS = re.compile(r"\b(T\s?K\s?[12]|TSE|ATK|ΔTK|CW-?\s?Chord|CVD)\s?:", re.IGNORECASE)
MIN_OWN_LABELS = 2  # distinct labels of its own a page must print to be known as this device's without the footer
WITHOUT_FOOTER = 0.8  # the score of a page known by its own labels alone (a photo cut off above the footer)


def score(document: Document) -> float:
    """1.0 when the device footer is printed (OCR-tolerant); `WITHOUT_FOOTER` when no footer is read but a page prints
    labels only this device prints (a phone photo of one page, its footer cut off); else 0."""
    if any(FOOTER.search(p.text) for p in document.pages):
        return 1.0
    return WITHOUT_FOOTER if _prints_own_labels(" ".join(p.text for p in document.pages)) else 0.0


def prints_own_page(words: Sequence[Word]) -> bool:
    """Whether an OCR'd page is this device's, for the page refiners (which run before the device is known): it prints
    the footer, or labels only this device prints. A footer read `OLMaste 700` at 150 dpi, or cut off a photo, leaves
    the page this device's by its labels (held-out seed 239: a garbled caption on such a page was never read again)."""
    text = " ".join(w.text for w in words)
    return FOOTER.search(text) is not None or _prints_own_labels(text)


def _prints_own_labels(text: str) -> bool:
    own = {m.group(1).upper().replace(" ", "") for m in OWN_LABELS.finditer(text)}
    return len(own) >= MIN_OWN_LABELS
