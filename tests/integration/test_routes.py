"""Every route through the real state machines on moto, with the real handlers in-process."""

from __future__ import annotations

import json
from typing import Any

import pytest

import biometry.parse
from biometry.document import Document
from biometry.local.runtime import LocalPipeline
from biometry.models import BiometryResult, Issue
from tests.integration.conftest import RunOne, make_result
from tests.integration.fakes import FakeGpu, install_llm_tier

pytestmark = pytest.mark.usefixtures("fake_extract")


@pytest.mark.usefixtures("regex_accepts")
def test_regex_accepted_document_is_published_by_regex(run_one: RunOne) -> None:
    _, item = run_one()
    assert (item["status"], item["method"]) == ("accepted", "regex")


@pytest.mark.usefixtures("regex_accepts")
def test_regex_accepted_document_costs_under_a_hundredth_of_a_cent(run_one: RunOne, pipeline: LocalPipeline) -> None:
    key, _ = run_one()
    assert pipeline.result(key)["cost"]["total_usd"] < 0.0001


@pytest.mark.usefixtures("regex_accepts")
def test_notification_carries_status_device_and_method_attributes(run_one: RunOne, pipeline: LocalPipeline) -> None:
    run_one()
    (message,) = pipeline.drain(pipeline.res.notifications_queue_url)
    attributes = json.loads(message["Body"])["MessageAttributes"]
    assert {k: v["Value"] for k, v in attributes.items() if k != "notification_id"} == {
        "status": "accepted",
        "device": "ZEISS IOLMaster 700",
        "method": "regex",
    }


@pytest.mark.usefixtures("regex_unsure")
def test_llm_tier_accepts_what_regex_could_not(run_one: RunOne, monkeypatch: pytest.MonkeyPatch) -> None:
    install_llm_tier(monkeypatch, FakeGpu(polls=2))
    _, item = run_one()
    assert (item["status"], item["method"]) == ("accepted", "gpu_llm")


@pytest.mark.usefixtures("regex_unsure")
def test_gpu_failure_falls_back_to_bedrock(run_one: RunOne, monkeypatch: pytest.MonkeyPatch) -> None:
    install_llm_tier(monkeypatch, FakeGpu(down=True), bedrock_model="anthropic.test")
    _, item = run_one()
    assert (item["status"], item["method"]) == ("accepted", "bedrock")


@pytest.mark.usefixtures("regex_unsure")
def test_llm_cost_includes_gpu_seconds(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_llm_tier(monkeypatch, FakeGpu(polls=1))
    key, _ = run_one()
    steps = {s["step"]: s for s in pipeline.result(key)["cost"]["steps"]}
    assert steps["llm_poll"]["detail"]["runpod_gpu_seconds"] == 2.5


@pytest.mark.usefixtures("regex_unsure")
def test_everything_failing_sends_to_review_saying_why(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_llm_tier(monkeypatch, None)
    run_one()
    (message,) = pipeline.drain(pipeline.res.review_queue_url)
    assert "no LLM endpoint configured" in message["Body"] and "no Bedrock model configured" in message["Body"]


def test_pages_naming_two_patients_go_to_review_without_an_llm_call(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    def two_patients(document: Document, *, ref: Any = None) -> BiometryResult:
        result = make_result(document, "needs_review", ref=ref)
        issue = Issue(code="patients_differ", severity="error", message="pages 1 and 2 name different patients")
        return result.model_copy(update={"extraction": result.extraction.model_copy(update={"issues": [issue]})})

    monkeypatch.setattr(biometry.parse, "parse_document", two_patients)
    install_llm_tier(monkeypatch, FakeGpu(polls=1))
    key, item = run_one()
    steps = [step["step"] for step in pipeline.result(key)["cost"]["steps"]]
    assert (item["status"], "llm_submit" in steps) == ("needs_review", False)


def test_corrupt_file_goes_to_review_with_its_issue_code(run_one: RunOne, pipeline: LocalPipeline) -> None:
    key, item = run_one(b"not a pdf at all", "broken.pdf")
    codes = [i["code"] for i in pipeline.result(key)["extraction"]["issues"]]
    assert (item["status"], codes) == ("needs_review", ["corrupt_file"])


def test_handler_crash_goes_to_review_naming_the_error(
    run_one: RunOne, pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(document: object, *, ref: object = None) -> None:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(biometry.parse, "parse_document", crash)
    run_one()
    (message,) = pipeline.drain(pipeline.res.review_queue_url)
    assert "RuntimeError" in message["Body"] and "parser exploded" in message["Body"]


def test_review_message_reads_without_tools(run_one: RunOne, pipeline: LocalPipeline) -> None:
    run_one(b"garbage", "scan.pdf")
    (message,) = pipeline.drain(pipeline.res.review_queue_url)
    body = message["Body"]
    assert body.startswith("BIOMETRY REPORT NEEDS MANUAL REVIEW") and "What to do next:" in body


@pytest.mark.usefixtures("regex_accepts")
def test_duplicate_upload_event_starts_one_execution(pipeline: LocalPipeline) -> None:
    key = pipeline.key_of(pipeline.upload("twice.pdf", b"%PDF twice"))
    (event,) = pipeline.sqs.receive_message(QueueUrl=pipeline.res.ingest_queue_url)["Messages"]
    pipeline.sqs.send_message(QueueUrl=pipeline.res.ingest_queue_url, MessageBody=event["Body"])
    pipeline.sqs.change_message_visibility(
        QueueUrl=pipeline.res.ingest_queue_url, ReceiptHandle=event["ReceiptHandle"], VisibilityTimeout=0
    )
    pipeline.run_until_done([key], timeout_s=30)
    while pipeline.pump():
        pass
    assert [e["name"] for e in pipeline.executions()] == [f"{key}-1"]


def test_transient_aws_error_is_retried_not_sent_to_review(run_one: RunOne, monkeypatch: pytest.MonkeyPatch) -> None:
    from biometry.pipeline.errors import TransientAwsError
    from tests.integration.conftest import make_result

    calls: list[int] = []

    def flaky(document: object, *, ref: object = None) -> object:
        calls.append(1)
        if len(calls) == 1:
            raise TransientAwsError("S3 throttled")
        return make_result(document, "accepted", ref=ref)  # type: ignore[arg-type]

    monkeypatch.setattr(biometry.parse, "parse_document", flaky)
    _, item = run_one()
    assert (item["status"], len(calls)) == ("accepted", 2)
