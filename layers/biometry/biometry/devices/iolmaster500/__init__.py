"""ZEISS IOLMaster 500 printouts: parser, page columns, biometry, IOL boxes and what its pages print.

The package itself holds what the device registry needs before it knows the device: the score (the footer of the 500
generation) and the page refiners. The parse modules load when the registry picks this device (`devices.registry`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from biometry.extract.refiners import PageRefiner, imported_on_use
from biometry.normalize import canonical

if TYPE_CHECKING:
    from PIL import Image

    from biometry.document import Document, Word

__all__ = ["PAGE_REFINERS", "prints_the_footer", "score"]

# `[OL Master 500`: the title's I read as a bracket (a photo of the real page 1, held-out seed 336)
_DEVICE = re.compile(r"[I1l|\[][O0]L\s?Master", re.IGNORECASE)
_GENERATION = re.compile(r"Advanced\s*Techno|\bV\.\s?[4-7]\.\d", re.IGNORECASE)
_OTHER_MODEL = re.compile(r"[I1l|\[][O0]L\s?Master\s?700", re.IGNORECASE)


def _on_footer_pages(refiner: PageRefiner) -> PageRefiner:
    """`refiner` run only on pages that print the 500 generation's footer; every other page keeps its words."""

    def refine(image: Image.Image, words: list[Word]) -> list[Word]:
        return refiner(image, words) if prints_the_footer(" ".join(w.text for w in words)) else words

    refine.__qualname__ = refiner.__qualname__
    return refine


# lens tables read again cell by cell (on every OCR'd page: a photo of a box may lack the footer), and on the pages
# that print the footer the measurement page's `MV:` lines, the `Pup:` lines alone, a result line OCR boxed as one wide
# word (`blob_lines`), `ACD:` lines the page pass lost (`acd_lines`) and garbled `AL:` / `ACD:` lengths as cells
# (extract.refiners)
PAGE_REFINERS = (
    imported_on_use("biometry.devices.iolmaster500.cells", "with_lens_cells"),
    _on_footer_pages(imported_on_use("biometry.devices.iolmaster500.mean_values", "with_mean_values")),
    _on_footer_pages(imported_on_use("biometry.devices.iolmaster500.pupil_lines", "with_pupil_lines")),
    _on_footer_pages(imported_on_use("biometry.devices.iolmaster500.blob_lines", "with_blob_lines")),
    _on_footer_pages(imported_on_use("biometry.devices.iolmaster500.acd_lines", "with_acd_lines")),
    imported_on_use("biometry.devices.iolmaster500.length_cells", "with_length_cells"),
)


def prints_the_footer(text: str) -> bool:
    """True for a page text that prints the IOLMaster 500 generation's footer (OCR-tolerant): a refiner that reads
    labels other devices print too (`AL:`) leaves every other page as it is."""
    text = canonical(text)
    return bool(_DEVICE.search(text) and _GENERATION.search(text) and not _OTHER_MODEL.search(text))


def score(document: Document) -> float:
    """1.0 when the IOLMaster footer of the 500 generation is printed (OCR-tolerant), else 0."""
    text = " ".join(canonical(p.text) for p in document.pages)
    if _OTHER_MODEL.search(text) or not _DEVICE.search(text):
        return 0.0
    return 1.0 if _GENERATION.search(text) else 0.0
