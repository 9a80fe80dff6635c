"""Hand-built documents and results for unit tests (no PDF needed)."""

from __future__ import annotations

import re
from typing import Any

from biometry.document import Document, Page, Word, group_lines
from biometry.models import BiometryResult, Extraction, Source


def document_of(lines: list[str], *, source: str = "text-layer", confidence: float = 1.0) -> Document:
    """A one-page document whose lines hold the given whitespace-separated words, top to bottom."""
    words = []
    for row, line in enumerate(lines):
        y = 0.05 + 0.03 * row
        for col, text in enumerate(line.split()):
            x = 0.05 + 0.08 * col
            words.append(Word(text, (x, y, x + 0.06, y + 0.015), confidence=confidence))
    page = Page(number=1, width_pt=595, height_pt=842, source=source, words=words)  # type: ignore[arg-type]
    return Document(filename="test.pdf", media_type="application/pdf", sha256="0" * 64, pages=[page])


def result_of(**fields: Any) -> BiometryResult:
    """A needs_review result with the given top-level fields (eyes, iol_calculations, ...)."""
    base: dict[str, Any] = {
        "document_id": "0" * 64,
        "source": Source(filename="test.pdf", media_type="application/pdf", pages=1, text_source="text-layer"),
        "status": "needs_review",
        "extraction": Extraction(method="regex", parser="test@0", confidence=1.0),
    }
    return BiometryResult.model_validate({**base, **fields})


def words_after(label: re.Pattern[str], words: list[Word]) -> list[str]:
    """The word after each word matching `label`, line by line, left to right."""
    found = []
    for line in group_lines(words):
        found += [b.text for a, b in zip(line.words, line.words[1:], strict=False) if label.match(a.text)]
    return found
