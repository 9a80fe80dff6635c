"""ZEISS IOLMaster 700 printouts: the parser, its result boxes and what its pages print.

The package itself holds what the device registry needs before it knows the device: the score (the footer) and the
page refiners. The parse modules load when the registry picks this device (`devices.registry`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from biometry.extract.refiners import imported_on_use

if TYPE_CHECKING:
    from biometry.document import Document

__all__ = ["FOOTER", "PAGE_REFINERS", "score"]

FOOTER = re.compile(r"[O0]L\s?Master\s?700", re.IGNORECASE)  # the device on every page (the I read as 1, l, !, t)
# result-table cells read again alone on every OCR'd page (extract.refiners)
PAGE_REFINERS = (imported_on_use("biometry.devices.iolmaster700.cells", "with_table_cells"),)


def score(document: Document) -> float:
    """1.0 when the device footer is printed (OCR-tolerant), else 0."""
    return 1.0 if any(FOOTER.search(p.text) for p in document.pages) else 0.0
