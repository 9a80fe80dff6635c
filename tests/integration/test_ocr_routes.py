"""Scans on the real fast path: read by the Extract text Lambda's own OCR, and by Textract (the local stand-in) only
when that reading cannot be accepted for a reading reason, or took too long. Never more than once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import biometry.extract
import biometry.parse
from biometry.document import Document, Page
from biometry.local.faults import StepFault
from biometry.local.ocr_demo import route_of
from biometry.local.runtime import LocalPipeline
from biometry.models import BiometryResult, Issue
from tests.integration.conftest import SCAN, RunOne, fake_load_document, make_result
from tests.integration.exactly_once import exactly_once, outcome
from tests.integration.fakes import install_llm_tier

pytestmark = pytest.mark.usefixtures("fake_extract")
Parse = Callable[..., BiometryResult]


def _read_by_textract(document: Document) -> bool:
    return any(page.source == "textract" for page in document.pages)


def _in_review(document: Document, code: str, ref: Any) -> BiometryResult:
    result = make_result(document, "needs_review", ref=ref)
    issue = Issue(code=code, severity="error", message=f"test: {code}")
    return result.model_copy(update={"extraction": result.extraction.model_copy(update={"issues": [issue]})})


def _parser(*, local: str, textract: str = "accepted", code: str = "printed_value_unread") -> Parse:
    """The regex tier as a fake: `local` / `textract` is the status it gives each reading (review with `code`)."""

    def parse(document: Document, *, ref: Any = None) -> BiometryResult:
        status = textract if _read_by_textract(document) else local
        return make_result(document, status, ref=ref) if status == "accepted" else _in_review(document, code, ref)

    return parse


def _steps(pipeline: LocalPipeline, key: str) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = pipeline.result(key)["cost"]["steps"]
    return steps


def _units(pipeline: LocalPipeline, key: str, unit: str) -> list[float]:
    """The quantity of `unit` in every step that metered it, in order."""
    return [step["detail"][unit] for step in _steps(pipeline, key) if unit in step["detail"]]


def test_a_scan_read_in_lambda_is_published_without_textract(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(biometry.parse, "parse_document", _parser(local="accepted"))
    _, item = run_one(SCAN, "scan.pdf")
    assert (item["status"], pipeline.textract.calls) == ("accepted", {})


def test_cost_steps_show_the_pages_read_in_lambda_and_what_that_step_cost(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(biometry.parse, "parse_document", _parser(local="accepted"))
    key, _ = run_one(SCAN, "scan.pdf")
    (step,) = [s for s in _steps(pipeline, key) if "ocr_pages_in_lambda" in s["detail"]]
    assert (step["step"], step["detail"]["ocr_pages_in_lambda"], step["usd"] > 0) == ("extract_text", 1, True)


def test_a_local_reading_in_review_for_a_reading_reason_is_accepted_from_textract(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(biometry.parse, "parse_document", _parser(local="needs_review"))
    key, item = run_one(SCAN, "scan.pdf")
    assert (item["status"], item["method"], _units(pipeline, key, "textract_detect_pages")) == (
        "accepted",
        "regex",
        [1],
    )


def test_cost_steps_show_both_readings_after_a_fallback(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(biometry.parse, "parse_document", _parser(local="needs_review"))
    key, _ = run_one(SCAN, "scan.pdf")
    names = [step["step"] for step in _steps(pipeline, key)]
    assert names[:6] == [
        "start_workflow",
        "extract_text",
        "parse_report",
        "extract_text",
        "read_textract",
        "read_textract",
    ]


def test_an_unknown_device_is_not_sent_to_textract(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_llm_tier(monkeypatch, None)
    monkeypatch.setattr(biometry.parse, "parse_document", _parser(local="needs_review", code="unknown_device"))
    _, item = run_one(SCAN, "scan.pdf")
    assert (item["status"], pipeline.textract.calls) == ("needs_review", {})


def test_a_text_layer_in_review_is_not_sent_to_textract(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_llm_tier(monkeypatch, None)
    monkeypatch.setattr(biometry.parse, "parse_document", _parser(local="needs_review"))
    _, item = run_one()
    assert (item["status"], pipeline.textract.calls) == ("needs_review", {})


def test_a_textract_reading_still_in_review_goes_on_once_to_the_llm_path(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_llm_tier(monkeypatch, None)
    monkeypatch.setattr(biometry.parse, "parse_document", _parser(local="needs_review", textract="needs_review"))
    key, _ = run_one(SCAN, "scan.pdf")
    started = pipeline.textract.calls.get("StartDocumentTextDetection")
    assert (started, outcome(pipeline, key)) == (1, exactly_once("needs_review"))


def test_a_local_reading_that_times_out_is_read_by_textract(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(biometry.parse, "parse_document", _parser(local="needs_review"))
    pipeline.faults.fail_step("extract_text", "timeout")
    key, item = run_one(SCAN, "scan.pdf")
    assert (
        item["status"],
        _units(pipeline, key, "ocr_pages_in_lambda"),
        _units(pipeline, key, "textract_detect_pages"),
    ) == (
        "accepted",
        [],
        [1],
    )


def test_the_demo_names_both_readings_of_a_fallback_from_its_cost_steps(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(biometry.parse, "parse_document", _parser(local="needs_review"))
    key, _ = run_one(SCAN, "scan.pdf")
    assert route_of(pipeline.result(key)) == "OCR in Lambda (1 p.), then Textract (1 p.)"


@pytest.mark.parametrize("fault", ["unhandled", "timeout"])
def test_a_failing_textract_reading_ends_in_review_once_without_a_second_fallback(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch, fault: StepFault
) -> None:
    monkeypatch.setattr(biometry.parse, "parse_document", _parser(local="needs_review"))
    pipeline.faults.fail_step("extract_text", fault, after=1)
    key, _ = run_one(SCAN, "scan.pdf")
    fired = pipeline.faults.pending() == 0
    assert (fired, pipeline.textract.calls, outcome(pipeline, key)) == (True, {}, exactly_once("needs_review"))


def test_a_text_layer_with_a_blank_scanned_page_is_not_sent_to_textract(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    def with_blank_page(data: bytes, filename: str, *, ocr: bool = True) -> Document:
        document = fake_load_document(data, filename, ocr=ocr)
        blank = Page(number=2, width_pt=595, height_pt=842, source="ocr")
        return Document(document.filename, document.media_type, document.sha256, [*document.pages, blank])

    install_llm_tier(monkeypatch, None)
    monkeypatch.setattr(biometry.extract, "load_document", with_blank_page, raising=False)
    monkeypatch.setattr(biometry.parse, "parse_document", _parser(local="needs_review"))
    key, item = run_one()
    assert (item["status"], _units(pipeline, key, "ocr_pages_in_lambda"), pipeline.textract.calls) == (
        "needs_review",
        [1],
        {},
    )
