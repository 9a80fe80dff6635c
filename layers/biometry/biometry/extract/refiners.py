"""Page refiners: callables that read parts of an OCR'd page image again, registered by whoever knows the layout.

Extraction knows no device. A device package whose pages garble when read at once (the IOLMaster 500's lens tables)
provides a refiner over the page image and its words that returns the words with those parts read again, and the
device registry registers it when it is imported; `ocr.ocr_image` runs every registered refiner, in order of
registration, after its page pass and before bold is measured. A refiner must leave the words of pages it does not
recognise as they are; one that fails leaves the words as they were before it (logged by its name and error type,
never the words: they may hold PHI), so a refiner's bug costs its corrections, not the page. The regex tier
(`biometry.parse`) imports the registry with itself, so every reading that is parsed has the refiners; a caller that
OCRs without importing `biometry.parse` or the registry gets the page pass alone.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from PIL import Image

    from biometry.document import Word

PageRefiner: TypeAlias = "Callable[[Image.Image, list[Word]], list[Word]]"
# What a refiner writes for a value its readings contradict: the value is printed, and unread (review).
DOUBT = "?"

_REFINERS: list[PageRefiner] = []
logger = logging.getLogger(__name__)


def register_page_refiners(refiners: Iterable[PageRefiner]) -> None:
    """Add refiners to the ones every OCR'd page goes through (each once, however often it is registered)."""
    for refiner in refiners:
        if refiner not in _REFINERS:
            _REFINERS.append(refiner)


def imported_on_use(module: str, name: str) -> PageRefiner:
    """The refiner `module.name`, imported when it first reads a page: a refiner's image code (numpy, Pillow) is no
    part of a Lambda's cold start, which parses text layers without them."""

    def refine(image: Image.Image, words: list[Word]) -> list[Word]:
        refiner: PageRefiner = getattr(importlib.import_module(module), name)
        return refiner(image, words)

    refine.__qualname__ = f"{module}.{name}"
    return refine


def refined(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words after every registered refiner, in order of registration."""
    for refiner in tuple(_REFINERS):
        try:
            words = refiner(image, words)
        except Exception as error:  # a refiner's bug: the page keeps what it read without that refiner
            name = getattr(refiner, "__qualname__", type(refiner).__name__)
            logger.error("page refiner failed", extra={"refiner": name, "error_type": type(error).__name__})
    return words
