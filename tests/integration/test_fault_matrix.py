"""The fault matrix: each step x each failure, AWS failures mid-publish, duplicates, a crashing starter.
Whatever fails, every upload ends in exactly one terminal state, one notification, and nothing overwritten."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import biometry.extract
import biometry.parse
from biometry.document import Document
from biometry.local.faults import StepFault
from biometry.local.runtime import LocalPipeline, local_pipeline
from biometry.models import BiometryResult, Issue
from biometry.pipeline import starter
from biometry.pipeline.claim import FAST_LEASE_S, LLM_LEASE_S
from biometry.pipeline.config import outputs_from_env
from biometry.pipeline.notify import write_result_file
from biometry.pipeline.payload import ObjectRef
from biometry.pipeline.redrive import RedriveError, redrive
from biometry.pipeline.sweeper import MAX_ATTEMPTS, SweepReport, sweep
from biometry.pipeline.terminal import NOTIFY_GRACE_S, TerminalState, record_terminal
from tests.integration.conftest import PDF, SCAN, fake_load_document, make_result
from tests.integration.exactly_once import exactly_once, outcome, result_versions
from tests.integration.fakes import FakeGpu, install_llm_tier

STEP_FAULTS: tuple[StepFault, ...] = ("timeout", "throttling", "unhandled", "malformed")
ROUTES = {
    "accepted by regex": ("extract_text", "parse_report", "publish_result", "notify"),
    "scan read again by Textract": ("extract_text", "parse_report", "read_textract", "publish_result", "notify"),
    "unreadable upload": ("extract_text", "send_to_review", "notify"),
    "accepted by the LLM": ("llm_submit", "llm_poll", "publish_result", "notify"),
    "accepted by Bedrock": ("bedrock_extract", "publish_result", "notify"),
}
UPLOADS = {name: b"not a pdf" if name == "unreadable upload" else PDF for name in ROUTES} | {
    "scan read again by Textract": SCAN
}


@pytest.fixture(scope="module")
def shared_pipeline() -> Iterator[LocalPipeline]:
    """One local pipeline for the whole matrix (every case uploads its own file, so its own document key)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(biometry.extract, "load_document", fake_load_document, raising=False)
        with local_pipeline() as running:
            yield running


@pytest.fixture
def pipeline(shared_pipeline: LocalPipeline) -> Iterator[LocalPipeline]:
    """The shared pipeline, with no fault left over from the case before."""
    yield shared_pipeline
    shared_pipeline.faults.clear()
    for queue in (shared_pipeline.res.notifications_queue_url, shared_pipeline.res.review_queue_url):
        shared_pipeline.drain(queue)


@pytest.fixture
def route(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Set up the tiers for a route: the regex tier accepts, or is unsure and a GPU (or Bedrock) answers."""
    name: str = request.param
    status = "needs_review" if name.startswith("accepted by") and name != "accepted by regex" else "accepted"
    monkeypatch.setattr(biometry.parse, "parse_document", lambda d, *, ref=None: make_result(d, status, ref=ref))
    if name == "scan read again by Textract":
        monkeypatch.setattr(biometry.parse, "parse_document", _accepted_from_textract_only)
    if name == "accepted by Bedrock":
        install_llm_tier(monkeypatch, FakeGpu(down=True), bedrock_model="anthropic.test")
    else:
        install_llm_tier(monkeypatch, FakeGpu(polls=1))
    return name


def _accepted_from_textract_only(document: Document, *, ref: Any = None) -> BiometryResult:
    """The regex tier unsure of the local OCR reading (a value unread), sure of Textract's."""
    if any(page.source == "textract" for page in document.pages):
        return make_result(document, "accepted", ref=ref)
    result = make_result(document, "needs_review", ref=ref)
    issue = Issue(code="printed_value_unread", severity="error", message="a printed value was not read")
    return result.model_copy(update={"extraction": result.extraction.model_copy(update={"issues": [issue]})})


def _run(pipeline: LocalPipeline, data: bytes = PDF, name: str = "report.pdf") -> str:
    """Upload, run everything to rest; what is still not notified then is what the sweeper is for: sweep once
    (as if every lease and grace period had ended), and run to rest again."""
    key = pipeline.key_of(pipeline.upload(name, data))
    _settle(pipeline)
    if not pipeline.finished(key):
        _sweep(pipeline, after_s=LLM_LEASE_S + 1)
        _settle(pipeline)
    return key


def _settle(pipeline: LocalPipeline) -> None:
    """Feed the starter until the ingest queue is empty and no execution runs."""
    while pipeline.pump() or pipeline.running():
        time.sleep(0.05)


def _upload_and_settle(pipeline: LocalPipeline) -> str:
    """Upload and feed the starter until the ingest queue is empty (for runs that cannot finish on their own)."""
    key = pipeline.key_of(pipeline.upload("report.pdf", PDF))
    _settle(pipeline)
    return key


def _terminal_status(pipeline: LocalPipeline, key: str) -> str:
    return str((pipeline.document(key) or {}).get("status"))


# One fault per step of the regex route runs by default; the whole product is `-m slow` (~5 s a case).
DEFAULT_CASES = {
    ("accepted by regex", "extract_text", "timeout"),
    ("accepted by regex", "parse_report", "unhandled"),
    ("accepted by regex", "publish_result", "malformed"),
    ("accepted by regex", "notify", "throttling"),
    ("scan read again by Textract", "read_textract", "unhandled"),
    ("unreadable upload", "send_to_review", "unhandled"),
}
MATRIX = [
    pytest.param(name, step, fault, marks=() if (name, step, fault) in DEFAULT_CASES else pytest.mark.slow)
    for name, steps in ROUTES.items()
    for step in steps
    for fault in STEP_FAULTS
]


@pytest.mark.parametrize(("route", "step", "fault"), MATRIX, indirect=["route"])
def test_a_failing_step_still_ends_in_one_terminal_state_and_one_notification(
    pipeline: LocalPipeline, route: str, step: str, fault: StepFault
) -> None:
    pipeline.faults.fail_step(step, fault)
    key = _run(pipeline, UPLOADS[route])
    fired = pipeline.faults.pending() == 0
    assert (fired, outcome(pipeline, key)) == (True, exactly_once(_terminal_status(pipeline, key)))


AwsFault = Callable[[LocalPipeline], None]


def _mentions(text: str) -> Callable[[dict[str, Any]], bool]:
    return lambda params: text in str(params)


AWS_FAULTS: dict[str, AwsFault] = {
    "upload read denied": lambda p: p.faults.fail_call("s3", "HeadObject", "AccessDenied", times=9),
    "upload read throttled": lambda p: p.faults.fail_call("s3", "GetObject", "SlowDown", when=_mentions("incoming/")),
    "claim throttled": lambda p: p.faults.fail_call(
        "dynamodb", "UpdateItem", "ProvisionedThroughputExceededException", when=_mentions("attempt")
    ),
    "terminal write throttled": lambda p: p.faults.fail_call(
        "dynamodb", "UpdateItem", "ThrottlingException", when=_mentions("terminal_run")
    ),
    "SNS publish throttled": lambda p: p.faults.fail_call("sns", "Publish", "Throttling"),
    "DynamoDB fails after SNS published": lambda p: p.faults.fail_call(
        "dynamodb", "UpdateItem", "ThrottlingException", times=2, when=_mentions("notified_at")
    ),
    "results/ write fails": lambda p: p.faults.fail_call(
        "s3", "PutObject", "InternalError", when=_mentions("results/")
    ),
}


@pytest.mark.usefixtures("regex_accepts")
@pytest.mark.parametrize("inject", AWS_FAULTS.values(), ids=AWS_FAULTS.keys())
def test_an_aws_failure_still_ends_in_one_terminal_state_and_one_notification(
    pipeline: LocalPipeline, inject: AwsFault
) -> None:
    inject(pipeline)
    injected = pipeline.faults.pending()
    key = _run(pipeline)
    fired = pipeline.faults.pending() < injected
    assert (fired, outcome(pipeline, key)) == (True, exactly_once(_terminal_status(pipeline, key)))


def test_review_message_failing_mid_publish_still_queues_one_message(pipeline: LocalPipeline) -> None:
    pipeline.faults.fail_call("sqs", "SendMessage", "InternalError", when=_mentions("review"))
    key = _run(pipeline, b"not a pdf")
    assert outcome(pipeline, key) == exactly_once("needs_review")


def test_deleted_upload_goes_to_review_once(pipeline: LocalPipeline) -> None:
    ref = pipeline.upload("gone.pdf", PDF)
    pipeline.s3.delete_object(Bucket=ref.bucket, Key=ref.key, VersionId=ref.version_id)
    key = pipeline.key_of(ref)
    pipeline.run_until_done([key], timeout_s=60)
    assert outcome(pipeline, key) == exactly_once("needs_review")


@pytest.mark.usefixtures("regex_accepts")
def test_duplicate_event_after_the_end_changes_nothing(pipeline: LocalPipeline) -> None:
    key = _run(pipeline)
    pipeline.sqs.send_message(QueueUrl=pipeline.res.ingest_queue_url, MessageBody=_upload_event(pipeline, key))
    while pipeline.pump():
        pass
    assert (outcome(pipeline, key), _runs(pipeline, key)) == (exactly_once("accepted"), 1)


@pytest.mark.usefixtures("regex_accepts")
def test_concurrent_duplicate_events_run_the_document_once(pipeline: LocalPipeline) -> None:
    ref = pipeline.upload("twice.pdf", PDF)
    key = pipeline.key_of(ref)
    for _ in range(3):
        pipeline.sqs.send_message(QueueUrl=pipeline.res.ingest_queue_url, MessageBody=_upload_event(pipeline, key))
    pipeline.run_until_done([key], timeout_s=60)
    while pipeline.pump():
        pass
    assert (outcome(pipeline, key), _runs(pipeline, key)) == (exactly_once("accepted"), 1)


@pytest.mark.usefixtures("regex_accepts")
def test_starter_crash_after_start_runs_the_document_once(
    pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    original, crashes = starter._start_sync, [1]

    def start_then_crash(*args: Any) -> dict[str, Any]:
        answer: dict[str, Any] = original(*args)
        if crashes and crashes.pop():
            raise RuntimeError("starter died after StartSyncExecution")
        return answer

    monkeypatch.setattr(starter, "_start_sync", start_then_crash)
    key = _run(pipeline)
    while pipeline.pump():
        pass
    assert (outcome(pipeline, key), _runs(pipeline, key)) == (exactly_once("accepted"), 1)


def _upload_event(pipeline: LocalPipeline, key: str) -> str:
    """An upload event for this document, shaped as EventBridge delivers it."""
    for version in pipeline.s3.list_object_versions(Bucket=pipeline.bucket, Prefix="incoming/")["Versions"]:
        ref = ObjectRef(bucket=pipeline.bucket, key=version["Key"], version_id=version["VersionId"])
        if pipeline.key_of(ref) == key:
            detail = {"bucket": {"name": ref.bucket}, "object": {"key": ref.key, "version-id": ref.version_id}}
            return json.dumps({"detail-type": "Object Created", "source": "aws.s3", "detail": detail})
    raise AssertionError(f"no upload for {key}")


def _runs(pipeline: LocalPipeline, key: str) -> int:
    return sum(1 for e in pipeline.executions() if e["name"].startswith(key))


def _sweep(pipeline: LocalPipeline, after_s: float) -> SweepReport:
    outputs = outputs_from_env(s3=pipeline.s3, dynamodb=pipeline.dynamodb, sns=pipeline.sns, sqs=pipeline.sqs)
    return sweep(
        outputs=outputs,
        ingest_queue_url=pipeline.res.ingest_queue_url,
        bucket=pipeline.bucket,
        now=time.time() + after_s,
    )


def _hard_crash_before_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """The starter dies between its claim and StartSyncExecution, too hard to release its lease."""
    crashes = [1]

    def crash(*args: Any) -> dict[str, Any]:
        if crashes and crashes.pop():
            raise RuntimeError("starter killed")
        answer: dict[str, Any] = original(*args)
        return answer

    original = starter._start_sync
    monkeypatch.setattr(starter, "_start_sync", crash)
    monkeypatch.setattr(starter, "release", lambda *args: False)


@pytest.mark.usefixtures("regex_accepts")
def test_sweeper_notifies_a_document_whose_notification_failed_for_good(pipeline: LocalPipeline) -> None:
    pipeline.faults.fail_call("sns", "Publish", "InternalError", times=99)
    key = _upload_and_settle(pipeline)
    pipeline.faults.clear()
    report = _sweep(pipeline, after_s=NOTIFY_GRACE_S + 1)
    assert (key in report.renotified, outcome(pipeline, key)) == (True, exactly_once("accepted"))


@pytest.mark.usefixtures("regex_accepts")
def test_sweeper_redrives_a_document_whose_starter_died_before_starting(
    pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hard_crash_before_start(monkeypatch)
    key = _upload_and_settle(pipeline)
    report = _sweep(pipeline, after_s=FAST_LEASE_S + 1)
    pipeline.run_until_done([key], timeout_s=60)
    assert (key in report.redriven, outcome(pipeline, key)) == (True, exactly_once("accepted"))


@pytest.mark.usefixtures("regex_accepts")
def test_sweeper_gives_a_document_that_never_finishes_to_a_person(
    pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hard_crash_before_start(monkeypatch)
    key = _upload_and_settle(pipeline)
    pipeline.dynamodb.update_item(
        TableName=pipeline.res.table_name,
        Key={"document_key": {"S": key}},
        UpdateExpression="SET attempt = :max",
        ExpressionAttributeValues={":max": {"N": str(MAX_ATTEMPTS)}},
    )
    report = _sweep(pipeline, after_s=FAST_LEASE_S + 1)
    assert (key in report.reviewed, outcome(pipeline, key)) == (True, exactly_once("needs_review"))


@pytest.mark.usefixtures("regex_accepts")
def test_redrive_runs_a_stuck_document_to_its_end_once(
    pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hard_crash_before_start(monkeypatch)
    key = _upload_and_settle(pipeline)
    _redrive(pipeline, key)
    pipeline.run_until_done([key], timeout_s=60)
    assert outcome(pipeline, key) == exactly_once("accepted")


@pytest.mark.usefixtures("regex_accepts")
def test_redrive_refuses_a_finished_document_without_reprocess(pipeline: LocalPipeline) -> None:
    key = _run(pipeline)
    with pytest.raises(RedriveError, match="--reprocess"):
        _redrive(pipeline, key)


def test_reviewers_manual_result_is_never_overwritten_by_an_automatic_run(pipeline: LocalPipeline) -> None:
    key = _run(pipeline, b"not a pdf", "scan.pdf")
    _save_manual_result(pipeline, key)
    pipeline.sqs.send_message(QueueUrl=pipeline.res.ingest_queue_url, MessageBody=_upload_event(pipeline, key))
    while pipeline.pump():
        pass
    with pytest.raises(RedriveError, match="manual"):
        _redrive(pipeline, key, reprocess=True)
    item = pipeline.document(key) or {}
    assert (item["method"], pipeline.result(key)["extraction"]["method"], result_versions(pipeline, key)) == (
        "manual",
        "manual",
        2,
    )


def _redrive(pipeline: LocalPipeline, key: str, *, reprocess: bool = False) -> None:
    redrive(
        key,
        dynamodb=pipeline.dynamodb,
        s3=pipeline.s3,
        sqs=pipeline.sqs,
        table=pipeline.res.table_name,
        bucket=pipeline.bucket,
        ingest_queue_url=pipeline.res.ingest_queue_url,
        reprocess=reprocess,
    )


def _save_manual_result(pipeline: LocalPipeline, key: str) -> None:
    """What the reviewer's tool does (issue 14): one conditional terminal write, then the file at its revision."""
    automatic = BiometryResult.model_validate(pipeline.result(key))
    manual = automatic.model_copy(
        update={"status": "accepted", "extraction": automatic.extraction.model_copy(update={"method": "manual"})}
    )
    result_ref = ObjectRef(bucket=pipeline.bucket, key=f"results/{key}.json")
    state = TerminalState("accepted", "manual", "ZEISS IOLMaster 700", 1.0, 0.0, result_ref.uri, result_ref.uri)
    recorded = record_terminal(pipeline.dynamodb, pipeline.res.table_name, key, state, run_id="reviewer-1")
    write_result_file(pipeline.s3, result_ref, manual, recorded.revision)


def test_a_reprocess_never_overwrites_a_result_a_reviewer_saved_by_hand(pipeline: LocalPipeline) -> None:
    key = _run(pipeline, b"not a pdf", "hand.pdf")
    corrected = {**pipeline.result(key), "status": "accepted"}
    corrected["extraction"] = {**corrected["extraction"], "method": "manual"}
    pipeline.s3.put_object(Bucket=pipeline.bucket, Key=f"results/{key}.json", Body=json.dumps(corrected).encode())
    _redrive(pipeline, key, reprocess=True)
    while pipeline.pump():
        pass
    assert pipeline.result(key)["extraction"]["method"] == "manual"
