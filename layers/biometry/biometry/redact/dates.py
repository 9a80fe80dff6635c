"""Numeric dates as numbered placeholders (`[date-2]`): the LLM points at the exam date without seeing any date."""

from __future__ import annotations

import re
from datetime import date

from biometry.document import Document, Word
from biometry.normalize import date_order_hint, parse_date

_DATE_WORD = re.compile(r"^(?:\d{4}([./-])\d{1,2}\1\d{1,2}|\d{1,2}([./-])\d{1,2}\2(?:\d{4}|\d{2}))$")
_PLACEHOLDER = re.compile(r"^\[?date-(\d{1,3})\]?$")
_EDGES = ".,;:()[]"


def date_text(word: Word) -> str | None:
    """The numeric date a word prints (`20.10.2022`, `2022-10-20,`, `9/20/24`), or None (`3.2.1`, `1.90.12`)."""
    text = word.text.strip(_EDGES)
    if not _DATE_WORD.match(text):
        return None
    return text if parse_date(text, day_first=True) or parse_date(text, day_first=False) else None


def date_placeholders(document: Document) -> dict[str, str]:
    """Each distinct numeric date of the document, in reading order, and the placeholder the LLM sees for it."""
    return document.memo("date_placeholders", _numbered)


def _numbered(document: Document) -> dict[str, str]:
    placeholders: dict[str, str] = {}
    for page in document.pages:
        for line in page.lines:
            for word in line.words:
                if (text := date_text(word)) is not None and text not in placeholders:
                    placeholders[text] = f"[date-{len(placeholders) + 1}]"
    return placeholders


def printed_date_for(placeholder: str, document: Document) -> str | None:
    """The printed date a placeholder stands for, or None when it names none of the document's dates."""
    match = _PLACEHOLDER.match(placeholder.strip())
    if match is None:
        return None
    wanted = f"[date-{int(match.group(1))}]"
    return next((text for text, shown in date_placeholders(document).items() if shown == wanted), None)


def read_printed_date(text: str, document: Document) -> date | None:
    """A printed date in the document's own day/month order (judged from its unambiguous dates); None if unsure."""
    return parse_date(text, date_order_hint(list(date_placeholders(document))))


def placeholder_of(day: date, document: Document) -> str | None:
    """The placeholder of the first printed date that reads as `day` (training targets), or None."""
    return next(
        (shown for text, shown in date_placeholders(document).items() if read_printed_date(text, document) == day), None
    )
