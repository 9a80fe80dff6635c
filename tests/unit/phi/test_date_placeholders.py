"""Printed dates reach the LLM as numbered placeholders, and a placeholder answer is read back locally."""

from __future__ import annotations

from datetime import date

import pytest

from biometry.document import Document, Word
from biometry.redact.allow import redact_document
from biometry.redact.dates import date_text, placeholder_of, printed_date_for, read_printed_date
from tests.unit.llm.llm_samples import page_of


def document(*texts: str) -> Document:
    page = page_of([[(0.05, text)] for text in texts])
    return Document(filename="r.pdf", media_type="application/pdf", sha256="b" * 64, pages=[page])


@pytest.mark.parametrize("text", ["20.10.2022", "2022-10-20,", "9/20/24", "(14.03.1950)"])
def test_numeric_dates_are_dates(text: str) -> None:
    assert date_text(Word(text, (0.1, 0.1, 0.2, 0.12))) is not None


@pytest.mark.parametrize("text", ["3.2.1", "1.90.12", "1.90.12.05", "44.06/7.66", "31.31.2020", "23,41"])
def test_versions_readings_and_impossible_dates_are_not(text: str) -> None:
    assert date_text(Word(text, (0.1, 0.1, 0.2, 0.12))) is None


def test_a_placeholder_names_the_printed_date_in_reading_order() -> None:
    report = document("Born: 14.03.1950", "Exam: 05.10.2024", "Printed: 14.03.1950")
    assert [printed_date_for(p, report) for p in ("[date-1]", "date-2", "[date-3]")] == [
        "14.03.1950",
        "05.10.2024",
        None,
    ]


def test_a_printed_date_is_read_in_the_order_the_documents_unambiguous_dates_show() -> None:
    assert read_printed_date("05/10/2024", document("05/10/2024", "9/20/24")) == date(2024, 5, 10)


def test_a_date_the_document_cannot_order_is_not_read() -> None:
    assert read_printed_date("05/10/2024", document("05/10/2024", "03/04/1950")) is None


def test_the_training_target_points_at_the_placeholder_of_the_exam_date() -> None:
    assert placeholder_of(date(2024, 10, 5), document("Born: 14.03.1950", "Exam: 05.10.2024")) == "[date-2]"


@pytest.mark.parametrize(
    ("text", "day"),
    [("Sep 27, 2024", date(2024, 9, 27)), ("27. Sep. 2024", date(2024, 9, 27)), ("3 dez 2023", date(2023, 12, 3))],
)
def test_a_month_name_date_is_one_placeholder_read_without_a_day_month_order(text: str, day: date) -> None:
    report = document(f"ES 900 {text} - 0", "05/10/2024")
    assert (printed_date_for("[date-1]", report), read_printed_date(text, report)) == (text, day)


def test_the_llm_sees_a_month_name_date_as_its_placeholder() -> None:
    redacted = redact_document(document("ES 900 Sep 27, 2024 - 0"))
    assert "[date-1]" in redacted.text and "Sep" not in redacted.text and "2024" not in redacted.text


def test_the_training_target_points_at_a_month_name_exam_date() -> None:
    assert placeholder_of(date(2024, 9, 27), document("Born 10/2/1950", "LS 900 Sep 27, 2024 - 0")) == "[date-2]"
