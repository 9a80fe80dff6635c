"""A reviewer's result under reviewed/ on the local runtime: published as manual once, or sent back with its reason."""

from __future__ import annotations

import json
from typing import Any

import pytest

from biometry.local.runtime import LocalPipeline
from biometry.pipeline.resolve import submit_reviewed
from tests.integration.conftest import RunOne
from tests.integration.exactly_once import notifications, result_versions

pytestmark = pytest.mark.usefixtures("regex_unsure")


def _resolve(pipeline: LocalPipeline, key: str, body: bytes, corrects_revision: int | None = None) -> dict[str, Any]:
    """Upload the reviewer's file under reviewed/ and let the S3 event run Resolve review."""
    submit_reviewed(pipeline.s3, pipeline.bucket, key, body, corrects_revision=corrects_revision)
    (answer,) = pipeline.resolve_reviews()
    return answer


def _corrected(pipeline: LocalPipeline, key: str, **eye: Any) -> dict[str, Any]:
    """What a reviewer saves: the downloaded result with the right eye values."""
    result = pipeline.result(key)
    result["eyes"]["OD"] = {**result["eyes"]["OD"], **eye}
    return result


def _review_bodies(pipeline: LocalPipeline) -> list[str]:
    return [m["Body"] for m in pipeline.drain(pipeline.res.review_queue_url)]


@pytest.fixture
def reviewed_key(pipeline: LocalPipeline, run_one: RunOne) -> str:
    """A document that ended in needs_review, its review message and notification already read."""
    key, item = run_one()
    assert item["status"] == "needs_review"
    notifications(pipeline), _review_bodies(pipeline)
    return key


def test_an_accepted_resolution_is_published_as_manual_with_one_notification(
    pipeline: LocalPipeline, reviewed_key: str
) -> None:
    _resolve(pipeline, reviewed_key, json.dumps(_corrected(pipeline, reviewed_key)).encode())
    sent = notifications(pipeline)
    assert [(n["status"], n["method"]) for n in sent] == [("accepted", "manual")]


def test_an_accepted_resolution_is_the_published_result_and_the_table_state(
    pipeline: LocalPipeline, reviewed_key: str
) -> None:
    _resolve(pipeline, reviewed_key, json.dumps(_corrected(pipeline, reviewed_key)).encode())
    item = pipeline.document(reviewed_key) or {}
    published = pipeline.result(reviewed_key)
    assert (item["status"], item["method"], published["status"], published["extraction"]["method"]) == (
        "accepted",
        "manual",
        "accepted",
        "manual",
    )


def test_an_accepted_resolution_records_a_training_example_pointing_at_the_upload(
    pipeline: LocalPipeline, reviewed_key: str
) -> None:
    _resolve(pipeline, reviewed_key, json.dumps(_corrected(pipeline, reviewed_key)).encode())
    body = pipeline.s3.get_object(Bucket=pipeline.bucket, Key=f"training/examples/{reviewed_key}.json")["Body"]
    example = json.loads(body.read())
    assert (example["source"]["key"], example["extraction"]["method"]) == ("incoming/report.pdf", "manual")


@pytest.mark.slow
def test_an_accepted_resolution_keeps_the_reviewers_upload(pipeline: LocalPipeline, reviewed_key: str) -> None:
    _resolve(pipeline, reviewed_key, json.dumps(_corrected(pipeline, reviewed_key)).encode())
    listed = pipeline.s3.list_objects_v2(Bucket=pipeline.bucket, Prefix="reviewed/").get("Contents", [])
    assert [o["Key"] for o in listed] == [f"reviewed/{reviewed_key}.json"]


def _not_json(pipeline: LocalPipeline, key: str) -> bytes:
    return b'{"document_id": '


def _wrong_schema(pipeline: LocalPipeline, key: str) -> bytes:
    return json.dumps(_corrected(pipeline, key, axial_length_mm="long")).encode()


def _ungrounded(pipeline: LocalPipeline, key: str) -> bytes:
    return json.dumps(_corrected(pipeline, key, axial_length_mm=24.02)).encode()


def _other_document(pipeline: LocalPipeline, key: str) -> bytes:
    return json.dumps({**_corrected(pipeline, key), "document_id": "0" * 64}).encode()


BAD_RESOLUTIONS = {
    "invalid JSON": (_not_json, "not valid JSON"),
    "wrong schema": (_wrong_schema, "does not match the result schema at eyes.OD.axial_length_mm"),
    "ungrounded value without a note": (_ungrounded, "OD.axial_length_mm = 24.02 does not appear"),
    "result of another document": (_other_document, "This result is for document 0000"),
}


@pytest.mark.parametrize("case", BAD_RESOLUTIONS, ids=list(BAD_RESOLUTIONS))
def test_a_bad_resolution_goes_back_to_review_with_its_reason_and_publishes_nothing(
    pipeline: LocalPipeline, reviewed_key: str, case: str
) -> None:
    make_body, reason = BAD_RESOLUTIONS[case]
    _resolve(pipeline, reviewed_key, make_body(pipeline, reviewed_key))
    (body,) = _review_bodies(pipeline)
    item = pipeline.document(reviewed_key) or {}
    assert (body.startswith("BIOMETRY REVIEW RESOLUTION REJECTED"), reason in body) == (True, True)
    assert (item["method"], notifications(pipeline), result_versions(pipeline, reviewed_key)) == ("regex", [], 1)


def test_an_ungrounded_value_with_a_reviewer_note_is_published(pipeline: LocalPipeline, reviewed_key: str) -> None:
    result = _corrected(pipeline, reviewed_key, axial_length_mm=24.02)
    note = {"code": "reviewer_note", "severity": "info", "field": "OD.axial_length_mm", "message": "re-measured"}
    result["extraction"]["issues"] = [note]
    _resolve(pipeline, reviewed_key, json.dumps(result).encode())
    published = pipeline.result(reviewed_key)
    assert (published["status"], published["eyes"]["OD"]["axial_length_mm"]) == ("accepted", 24.02)


def test_a_late_automatic_run_neither_overwrites_nor_notifies(pipeline: LocalPipeline, reviewed_key: str) -> None:
    _resolve(pipeline, reviewed_key, json.dumps(_corrected(pipeline, reviewed_key)).encode())
    notifications(pipeline)
    late = _late_automatic_run(pipeline, reviewed_key)
    published = pipeline.result(reviewed_key)
    assert (late, published["extraction"]["method"], notifications(pipeline)) == ("not_owner", "manual", [])


def _late_automatic_run(pipeline: LocalPipeline, key: str) -> str:
    """An automatic run still going when the reviewer resolved (an LLM path, say) reaches Publish result and Notify
    with an accepted result of its own; returns what its Notify did."""
    from biometry.local import handlers
    from biometry.pipeline.payload import ObjectRef, StepPayload

    late = {**pipeline.result(key), "status": "accepted"}
    late["extraction"] = {**late["extraction"], "method": "gpu_llm"}
    staged = ObjectRef(bucket=pipeline.bucket, key=f"work/{key}/gpu_llm_result.json")
    pipeline.s3.put_object(Bucket=staged.bucket, Key=staged.key, Body=json.dumps(late).encode())
    source = ObjectRef(bucket=pipeline.bucket, key="incoming/report.pdf")
    payload = StepPayload(document_key=key, source=source, received_epoch=0.0, run_id="late-run", result=staged)
    event = payload.model_dump_json().encode()
    handlers.invoke("publish_result", event, "us-east-1", "123456789012")
    answer, _ = handlers.invoke("notify", event, "us-east-1", "123456789012")
    return str(json.loads(answer)["notify"])


def test_a_second_manual_resolution_replaces_the_first_with_a_new_revision(
    pipeline: LocalPipeline, reviewed_key: str
) -> None:
    _resolve(pipeline, reviewed_key, json.dumps(_corrected(pipeline, reviewed_key)).encode())
    second = _corrected(pipeline, reviewed_key)
    second["exam_date"] = "2024-11-20"
    _resolve(pipeline, reviewed_key, json.dumps(second).encode(), corrects_revision=2)
    sent = notifications(pipeline)
    assert ([n["notification_id"].rsplit(":", 1)[1] for n in sent], pipeline.result(reviewed_key)["exam_date"]) == (
        ["2", "3"],
        "2024-11-20",
    )


@pytest.mark.slow
def test_a_resolution_of_a_stale_revision_goes_back_to_review(pipeline: LocalPipeline, reviewed_key: str) -> None:
    _resolve(pipeline, reviewed_key, json.dumps(_corrected(pipeline, reviewed_key)).encode())
    _resolve(pipeline, reviewed_key, json.dumps(_corrected(pipeline, reviewed_key)).encode(), corrects_revision=1)
    (body,) = _review_bodies(pipeline)
    assert "changed while you edited it" in body and (pipeline.document(reviewed_key) or {})["revision"] == "2"


def test_a_redelivered_resolution_event_publishes_once(pipeline: LocalPipeline, reviewed_key: str) -> None:
    reviewed = submit_reviewed(
        pipeline.s3, pipeline.bucket, reviewed_key, json.dumps(_corrected(pipeline, reviewed_key)).encode()
    )
    (event,) = pipeline.drain(pipeline.res.reviewed_events_queue_url)
    for _ in range(2):
        pipeline.sqs.send_message(QueueUrl=pipeline.res.reviewed_events_queue_url, MessageBody=event["Body"])
    pipeline.resolve_reviews()
    assert (len(notifications(pipeline)), result_versions(pipeline, reviewed_key), reviewed.key) == (
        1,
        2,
        f"reviewed/{reviewed_key}.json",
    )


def test_only_the_latest_upload_of_a_reviewed_file_is_resolved(pipeline: LocalPipeline, reviewed_key: str) -> None:
    first, latest = _corrected(pipeline, reviewed_key), _corrected(pipeline, reviewed_key)
    latest["exam_date"] = "2024-11-21"
    for reviewed in (first, latest):
        submit_reviewed(pipeline.s3, pipeline.bucket, reviewed_key, json.dumps(reviewed).encode())
    outcomes = [answer["outcome"] for answer in pipeline.resolve_reviews()]
    assert (outcomes, pipeline.result(reviewed_key)["exam_date"]) == (["superseded", "published"], "2024-11-21")
