"""Haag-Streit EyeSuite IOL printouts (Eyestar 900, Lenstar LS 900): parser, header, values, IOL blocks, inventory.

The package itself holds what the device registry needs before it knows the device: the score (the measurement line
and EyeSuite labels) and the page refiners. The parse modules load when the registry picks this device
(`devices.registry`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from biometry.extract.refiners import imported_on_use
from biometry.normalize import canonical

if TYPE_CHECKING:
    from biometry.document import Document

__all__ = ["MEASUREMENT", "PAGE_REFINERS", "prints_the_labels", "score"]

# `ES 900 Sep 27, 2024 - 0`: the device and the exam date (the header's `10/1/24 - 6:00 PM` is the calculation date).
# OCR reads a month's capital J as `j` (`jan 25. 2022`) and the comma as a point.
MEASUREMENT = re.compile(r"\b([EL]S)\s?900\s+([A-Za-z][a-z]{2})[a-z]*\.?\s+(\d{1,2})[,.]?\s+(\d{4})\b")
_DEVICE_NAME = re.compile(r"\b(Eyestar|Lenstar)\b", re.IGNORECASE)
_LABEL_HINTS = re.compile(r"\[D/mm|AL\s?\[mm\]|EyeSuite|IOL\s?\[D\]")
# words read twice in part joined again, manufacturer lines read again where the page pass lost part of one, model
# lines where it read no catalogue name, lens-table cells where it misread one, formula captions it lost whole,
# keratometry rows it read in part, and lengths it read unsure confirmed alone (extract.refiners)
PAGE_REFINERS = (
    imported_on_use("biometry.devices.eyesuite.doubled", "with_doubled_reads_joined"),
    imported_on_use("biometry.devices.eyesuite.maker_lines", "with_manufacturer_lines"),
    imported_on_use("biometry.devices.eyesuite.model_lines", "with_model_lines"),
    imported_on_use("biometry.devices.eyesuite.cells", "with_table_cells"),
    imported_on_use("biometry.devices.eyesuite.formula_lines", "with_formula_captions"),
    imported_on_use("biometry.devices.eyesuite.keratometry_lines", "with_keratometry_lines"),
    imported_on_use("biometry.devices.eyesuite.single_values", "with_single_values"),
)
MIN_LABEL_HINTS = 2  # EyeSuite labels (`AL [mm]`, `[D/mm/°]`, `IOL [D]`, `EyeSuite`) a page of its prints


def score(document: Document) -> float:
    """1.0 with the device line and EyeSuite labels, 0.6 with the labels and a device name, else 0."""
    text = canonical(document.text)
    if not prints_the_labels(text):
        return 0.0
    return 1.0 if MEASUREMENT.search(text) else 0.6 if _DEVICE_NAME.search(text) else 0.0


def prints_the_labels(text: str) -> bool:
    """True for a text (canonical) that prints EyeSuite's labels: a refiner reading labels other devices print too
    (`AL`) leaves every other page as it is."""
    return len(_LABEL_HINTS.findall(text)) >= MIN_LABEL_HINTS
