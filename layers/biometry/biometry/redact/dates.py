"""Printed dates as numbered placeholders (`[date-2]`): the LLM points at the exam date without seeing any date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from biometry.document import Document, Word
from biometry.normalize import date_order_hint, parse_date, parse_month_date

_DATE_WORD = re.compile(r"^(?:\d{4}([./-])\d{1,2}\1\d{1,2}|\d{1,2}([./-])\d{1,2}\2(?:\d{4}|\d{2}))$")
_PLACEHOLDER = re.compile(r"^\[?date-(\d{1,3})\]?$")
_EDGES = ".,;:()[]"


def date_text(word: Word) -> str | None:
    """The numeric date a word prints (`20.10.2022`, `2022-10-20,`, `9/20/24`), or None (`3.2.1`, `1.90.12`)."""
    text = word.text.strip(_EDGES)
    if not _DATE_WORD.match(text):
        return None
    return text if parse_date(text, day_first=True) or parse_date(text, day_first=False) else None


def date_spans(words: Sequence[Word]) -> list[tuple[int, int, str]]:
    """(first word, past the last word, printed text) of each date among consecutive words: a numeric date is one
    word, a month-name date three (`Sep 27, 2024`, `27. Sep. 2024`)."""
    spans: list[tuple[int, int, str]] = []
    start = 0
    while start < len(words):
        if (text := date_text(words[start])) is not None:
            spans.append((start, start + 1, text))
        elif len(words) - start >= 3 and parse_month_date(month_text := _joined(words[start : start + 3])):
            spans.append((start, start + 3, month_text))
            start += 2
        start += 1
    return spans


def _joined(words: Sequence[Word]) -> str:
    return " ".join(word.text for word in words).strip(_EDGES)


def date_placeholders(document: Document) -> dict[str, str]:
    """Each distinct printed date of the document, in reading order, and the placeholder the LLM sees for it."""
    return document.memo("date_placeholders", _numbered)


def _numbered(document: Document) -> dict[str, str]:
    placeholders: dict[str, str] = {}
    for page in document.pages:
        for line in page.lines:
            for _, _, text in date_spans(line.words):
                placeholders.setdefault(text, f"[date-{len(placeholders) + 1}]")
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
    return parse_month_date(text) or parse_date(text, date_order_hint(list(date_placeholders(document))))


def placeholder_of(day: date, document: Document) -> str | None:
    """The placeholder of the first printed date that reads as `day` (training targets), or None."""
    return next(
        (shown for text, shown in date_placeholders(document).items() if read_printed_date(text, document) == day), None
    )
