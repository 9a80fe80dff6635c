"""Each Lambda shell on moto with its sample event: what it returns, writes, or raises by name."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

import biometry.extract
from biometry.local.runtime import REGION
from biometry.pipeline.terminal import read_item
from tests.functions.conftest import BUCKET, EVENTS, Invoke, sample_event
from tests.integration.conftest import fake_load_document


def _put_source(data: bytes) -> dict[str, object]:
    event = sample_event("extract_text")
    answer = boto3.client("s3", region_name=REGION).put_object(Bucket=BUCKET, Key=event["source"]["key"], Body=data)
    event["source"]["version_id"] = answer["VersionId"]
    return event


def test_start_workflow_runs_one_execution_for_a_duplicated_event(invoke: Invoke, aws: dict[str, str]) -> None:
    sfn = boto3.client("stepfunctions", region_name=REGION)
    arn = sfn.create_state_machine(
        name="fast",
        definition='{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}',
        roleArn="arn:aws:iam::123456789012:role/x",
        type="EXPRESS",
    )["stateMachineArn"]
    event = sample_event("start_workflow")
    event["Records"].append({**event["Records"][0], "messageId": "second-delivery"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STATE_MACHINE_ARN", arn)
        answer = invoke("start_workflow", event)
    assert (answer, len(sfn.list_executions(stateMachineArn=arn)["executions"])) == ({"batchItemFailures": []}, 1)


def test_extract_text_marks_a_corrupt_upload_unreadable(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(biometry.extract, "load_document", fake_load_document, raising=False)
    answer = invoke("extract_text", _put_source(b"not a pdf"))
    assert (answer["stage"], answer["status"]) == ("unreadable", "needs_review")


def test_extract_text_writes_the_document_work_file(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(biometry.extract, "load_document", fake_load_document, raising=False)
    answer = invoke("extract_text", _put_source(b"%PDF AL: 23,41"))
    assert answer["document"]["key"].endswith("/document.json")


def test_extract_text_appends_its_metered_usage(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(biometry.extract, "load_document", fake_load_document, raising=False)
    answer = invoke("extract_text", _put_source(b"%PDF AL: 23,41"))
    assert [m["step"] for m in answer["metering"]] == ["start_workflow", "extract_text"]


def test_llm_submit_without_a_provider_raises_llm_unavailable(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from biometry.llm import tier

    monkeypatch.setattr(tier, "provider_from_env", lambda env: None)
    assert invoke("llm_submit", sample_event("llm_submit"))["errorType"] == "LlmUnavailable"


def test_bedrock_without_a_model_raises_bedrock_unavailable(invoke: Invoke) -> None:
    assert invoke("bedrock_extract", sample_event("bedrock_extract"))["errorType"] == "BedrockUnavailable"


def _review_event() -> dict[str, Any]:
    _put_source(b"%PDF whatever")
    event = sample_event("send_to_review")
    event["source"]["version_id"] = None
    return event


def _review_messages(aws: dict[str, str]) -> list[dict[str, Any]]:
    sqs = boto3.client("sqs", region_name=REGION)
    found: list[dict[str, Any]] = sqs.receive_message(QueueUrl=aws["REVIEW_QUEUE_URL"], MaxNumberOfMessages=10).get(
        "Messages", []
    )
    return found


def test_send_to_review_records_needs_review_naming_the_failed_step(invoke: Invoke, aws: dict[str, str]) -> None:
    event = _review_event()
    invoke("send_to_review", event)
    item = read_item(boto3.client("dynamodb", region_name=REGION), "documents", event["document_key"])
    staged = boto3.client("s3", region_name=REGION).get_object(Bucket=BUCKET, Key=item["staged_uri"].split("/", 3)[3])
    assert (item["status"], "RuntimeError" in staged["Body"].read().decode()) == ("needs_review", True)


def test_send_to_review_twice_records_one_terminal_state(invoke: Invoke, aws: dict[str, str]) -> None:
    event = _review_event()
    invoke("send_to_review", event)
    invoke("send_to_review", event)
    item = read_item(boto3.client("dynamodb", region_name=REGION), "documents", event["document_key"])
    assert item["revision"] == "1"


def test_notify_queues_one_review_message_naming_the_failed_step(invoke: Invoke, aws: dict[str, str]) -> None:
    event = _review_event()
    invoke("send_to_review", event)
    invoke("notify", event)
    invoke("notify", event)
    (message,) = _review_messages(aws)
    assert "RuntimeError" in message["Body"]


def test_notify_from_a_run_that_lost_the_terminal_write_sends_nothing(invoke: Invoke, aws: dict[str, str]) -> None:
    event = _review_event()
    invoke("send_to_review", event)
    answer = invoke("notify", {**event, "run_id": "another-run"})
    assert (answer["notify"], _review_messages(aws)) == ("not_owner", [])


def test_publish_without_a_result_raises_publish_error(invoke: Invoke) -> None:
    event = {**sample_event("publish_result"), "result": None}
    assert invoke("publish_result", event)["errorType"] == "PublishError"


def test_every_function_has_a_sample_event() -> None:
    from biometry.local.handlers import STEPS

    assert sorted(p.stem for p in EVENTS.glob("*.json")) == sorted(STEPS)


def test_extract_text_refuses_an_oversized_upload_before_reading_it(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    import biometry.extract.sniff

    reads: list[str] = []
    monkeypatch.setattr(biometry.extract.sniff, "MAX_PDF_BYTES", 8)
    monkeypatch.setattr("biometry.pipeline.workfiles.read_bytes", lambda s3, ref, usage: reads.append(ref.key))
    answer = invoke("extract_text", _put_source(b"%PDF a file longer than eight bytes"))
    codes = [i["code"] for i in _staged_result(answer)["extraction"]["issues"]]
    assert (answer["stage"], codes, reads) == ("unreadable", ["file_too_large"], [])


def _staged_result(answer: dict[str, Any]) -> dict[str, Any]:
    body = boto3.client("s3", region_name=REGION).get_object(Bucket=BUCKET, Key=answer["result"]["key"])["Body"]
    loaded: dict[str, Any] = json.loads(body.read())
    return loaded


def test_biometry_redrive_reads_the_stack_and_refuses_an_unknown_document(aws: dict[str, str], capsys: Any) -> None:
    from biometry.cli import main

    cloudformation = boto3.client("cloudformation", region_name=REGION)
    queue = aws["REVIEW_QUEUE_URL"]
    outputs = {"DocumentsTableName": "documents", "ReportsBucketName": BUCKET, "IngestQueueUrl": queue}
    body = {"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}, "Outputs": {k: {"Value": v} for k, v in outputs.items()}}
    cloudformation.create_stack(StackName="biometry-pipeline", TemplateBody=json.dumps(body))
    status = main(["redrive", "f" * 64])
    assert (status, "no document" in capsys.readouterr().err) == (1, True)
