"""The Textract path of the fast pipeline on botocore's Stubber: sync images, async PDFs, failures by name.

moto's Textract answers with empty blocks, so a real boto3 Textract client is stubbed with responses of
the shape Textract sends (PAGE/LINE/WORD blocks with geometry, NextToken pages). The Stubber also checks
every request against the service model and fails on any call not queued (AnalyzeDocument included).
"""

from __future__ import annotations

import inspect
import io
import json
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import EndpointConnectionError
from botocore.stub import Stubber
from PIL import Image

from biometry.document import Document
from biometry.errors import TextractError
from biometry.extract import load_document
from biometry.local import handlers
from biometry.local.runtime import REGION
from biometry.local.textract import detect_response, job_responses
from biometry.metering import Usage
from biometry.pipeline import steps, workfiles
from biometry.pipeline.errors import TransientAwsError
from biometry.pipeline.payload import ObjectRef, StepPayload, document_key
from biometry.synth.image import render_image_pdf, render_png
from biometry.synth.iolmaster700.report import Case, render
from tests.functions.conftest import BUCKET, Invoke

ASL = Path(__file__).resolve().parents[2] / "statemachine" / "document_fast_path.asl.json"
JOB_ID = "a" * 64
BLOCKS_IN_FIRST_RESPONSE = 300  # past page 1: page 2 is split across the two NextToken responses
THROTTLES = ("ProvisionedThroughputExceededException", "ThrottlingException")


@cache
def _report() -> tuple[bytes, Document]:
    """A synthetic IOLMaster 700 report (2 pages) and the words of its text layer."""
    pdf, _ = render(Case(seed=1, layout="short"))
    return pdf, load_document(pdf, "synth-1.pdf", ocr=False)


@cache
def _scanned_pdf() -> bytes:
    """The same report scanned: an image-only PDF, so the pipeline needs Textract for it."""
    scanned: bytes = render_image_pdf(_report()[0], dpi=100, seed=1)
    return scanned


@cache
def _scanned_png() -> bytes:
    """Page 1 of the report as a photo-like PNG (the synchronous DetectDocumentText case)."""
    photo: bytes = render_png(_report()[0], page_index=0, dpi=100, seed=1)
    return photo


def _get_params(token: str | None = None) -> dict[str, Any]:
    return {"JobId": JOB_ID, "MaxResults": 1000} | ({"NextToken": token} if token else {})


class _UnreachableTextract:
    """A Textract client whose network is down (what botocore raises after its own retries)."""

    def detect_document_text(self, **_: Any) -> dict[str, Any]:
        raise EndpointConnectionError(endpoint_url="https://textract.us-east-1.amazonaws.com/")


def _upload(data: bytes, key: str) -> StepPayload:
    """Put the file into the moto bucket; the payload the starter would hand to "Extract text"."""
    answer = boto3.client("s3", region_name=REGION).put_object(Bucket=BUCKET, Key=key, Body=data)
    source = ObjectRef(bucket=BUCKET, key=key, version_id=answer["VersionId"])
    return StepPayload(
        document_key=document_key(BUCKET, key, source.version_id), source=source, received_epoch=time.time()
    )


def _running(payload: StepPayload, deadline_epoch: float) -> StepPayload:
    update = {"stage": "textract_running", "textract_job_id": JOB_ID, "textract_deadline_epoch": deadline_epoch}
    return payload.model_copy(update=update)


def _client_error(stubber: Stubber, method: str, code: str) -> None:
    stubber.add_client_error(method, service_error_code=code, http_status_code=400)


@pytest.fixture
def s3(aws: dict[str, str]) -> Any:
    return boto3.client("s3", region_name=REGION)


@pytest.fixture
def textract() -> Iterator[tuple[Any, Stubber]]:
    """A real Textract client whose calls are answered (and checked) by the Stubber."""
    client = boto3.client("textract", region_name="us-east-1")
    with Stubber(client) as stubber:
        yield client, stubber


def _read_job(s3: Any, client: Any, payload: StepPayload, usage: Usage) -> StepPayload:
    return steps.read_textract(payload, s3=s3, textract_client=client, usage=usage)


def _job_document(
    s3: Any, textract: tuple[Any, Stubber], usage: Usage, splits: tuple[int, ...] = (BLOCKS_IN_FIRST_RESPONSE,)
) -> Document:
    """Run the finished-job read on the scanned report and load the document work file it wrote."""
    client, stubber = textract
    for k, response in enumerate(job_responses(_report()[1], splits)):
        stubber.add_response("get_document_text_detection", response, _get_params(f"next-{k}" if k else None))
    payload = _running(_upload(_scanned_pdf(), "incoming/scan.pdf"), time.time() + 60)
    answer = _read_job(s3, client, payload, usage)
    assert answer.document is not None
    return workfiles.load_document(s3, answer.document, Usage(step="test"))


def test_an_image_is_read_with_one_synchronous_detect_document_text(s3: Any, textract: tuple[Any, Stubber]) -> None:
    client, stubber = textract
    png = _scanned_png()
    stubber.add_response("detect_document_text", detect_response(_report()[1].pages[0]), {"Document": {"Bytes": png}})
    payload = _upload(png, "incoming/photo.png")
    steps.extract_text(payload, s3=s3, textract_client=client, local_ocr=False, usage=Usage(step="extract_text"))
    stubber.assert_no_pending_responses()


def test_an_image_becomes_a_document_of_the_words_textract_found(s3: Any, textract: tuple[Any, Stubber]) -> None:
    client, stubber = textract
    page = _report()[1].pages[0]
    stubber.add_response("detect_document_text", detect_response(page))
    payload = _upload(_scanned_png(), "incoming/photo.png")
    answer = steps.extract_text(payload, s3=s3, textract_client=client, local_ocr=False, usage=Usage(step="x"))
    assert answer.document is not None
    document = workfiles.load_document(s3, answer.document, Usage(step="test"))
    assert [w.text for w in document.pages[0].words] == [w.text for line in page.lines for w in line.words]


def test_an_image_meters_the_one_page_textract_read(s3: Any, textract: tuple[Any, Stubber]) -> None:
    client, stubber = textract
    stubber.add_response("detect_document_text", detect_response(_report()[1].pages[0]))
    usage = Usage(step="extract_text")
    payload = _upload(_scanned_png(), "incoming/photo.png")
    steps.extract_text(payload, s3=s3, textract_client=client, local_ocr=False, usage=usage)
    assert usage.units["textract_detect_pages"] == 1


def test_a_photo_textract_cannot_read_ends_in_review_with_its_reason_and_no_textract_call(
    s3: Any, textract: tuple[Any, Stubber]
) -> None:
    client, _ = textract  # the Stubber fails on any call: none is queued
    webp = io.BytesIO()
    Image.open(io.BytesIO(_scanned_png())).save(webp, "WEBP")
    payload = _upload(webp.getvalue(), "incoming/photo.webp")
    answer = steps.extract_text(payload, s3=s3, textract_client=client, local_ocr=False, usage=Usage(step="x"))
    assert answer.result is not None
    result = workfiles.load_result(s3, answer.result, Usage(step="test"))
    assert (answer.stage, result.status, result.extraction.issues[0].code) == (
        "unreadable",
        "needs_review",
        "scan_not_read",
    )


def test_an_image_only_pdf_starts_one_async_job_named_by_the_document_key(
    s3: Any, textract: tuple[Any, Stubber]
) -> None:
    client, stubber = textract
    payload = _upload(_scanned_pdf(), "incoming/scan.pdf")
    location = {"Bucket": BUCKET, "Name": "incoming/scan.pdf", "Version": payload.source.version_id}
    expected = {"DocumentLocation": {"S3Object": location}, "ClientRequestToken": payload.document_key}
    stubber.add_response("start_document_text_detection", {"JobId": JOB_ID}, expected)
    answer = steps.extract_text(payload, s3=s3, textract_client=client, local_ocr=False, usage=Usage(step="x"))
    assert (answer.stage, answer.textract_job_id) == ("textract_running", JOB_ID)


def test_a_running_job_leaves_the_payload_waiting(s3: Any, textract: tuple[Any, Stubber]) -> None:
    client, stubber = textract
    stubber.add_response("get_document_text_detection", {"JobStatus": "IN_PROGRESS"}, _get_params())
    payload = _running(_upload(_scanned_pdf(), "incoming/scan.pdf"), time.time() + 60)
    assert _read_job(s3, client, payload, Usage(step="read_textract")) == payload


def test_a_finished_job_is_read_across_every_nexttoken_response(s3: Any, textract: tuple[Any, Stubber]) -> None:
    document = _job_document(s3, textract, Usage(step="read_textract"))
    expected = [[w.text for line in page.lines for w in line.words] for page in _report()[1].pages]
    assert [[w.text for w in page.words] for page in document.pages] == expected


def test_pages_metered_for_cost_equal_the_documents_page_count(s3: Any, textract: tuple[Any, Stubber]) -> None:
    usage = Usage(step="read_textract")
    document = _job_document(s3, textract, usage, splits=(100, 250, 500))
    assert usage.units["textract_detect_pages"] == len(document.pages) == 2


def test_textract_pages_keep_the_page_size_in_points(s3: Any, textract: tuple[Any, Stubber]) -> None:
    document = _job_document(s3, textract, Usage(step="read_textract"))
    assert [round(page.width_pt) for page in document.pages] == [round(p.width_pt) for p in _report()[1].pages]


def test_the_textract_route_ends_accepted_for_an_iolmaster_700_report(s3: Any, textract: tuple[Any, Stubber]) -> None:
    client, stubber = textract
    stubber.add_response("start_document_text_detection", {"JobId": JOB_ID})
    stubber.add_response("get_document_text_detection", {"JobStatus": "IN_PROGRESS"}, _get_params())
    for response in job_responses(_report()[1]):
        stubber.add_response("get_document_text_detection", response)
    payload = _upload(_scanned_pdf(), "incoming/scan.pdf")
    payload = steps.extract_text(payload, s3=s3, textract_client=client, local_ocr=False, usage=Usage(step="x"))
    while payload.stage == "textract_running":
        payload = _read_job(s3, client, payload, Usage(step="read_textract"))
    answer = steps.parse_report(payload, s3=s3, usage=Usage(step="parse_report"))
    assert (answer.status, answer.device) == ("accepted", "ZEISS IOLMaster 700")


def test_a_failed_job_raises_textract_error(s3: Any, textract: tuple[Any, Stubber]) -> None:
    client, stubber = textract
    failed = {"JobStatus": "FAILED", "StatusMessage": "Request has unsupported document format"}
    stubber.add_response("get_document_text_detection", failed, _get_params())
    payload = _running(_upload(_scanned_pdf(), "incoming/scan.pdf"), time.time() + 60)
    with pytest.raises(TextractError, match="FAILED"):
        _read_job(s3, client, payload, Usage(step="read_textract"))


def test_a_job_still_running_past_its_deadline_raises_textract_error(s3: Any, textract: tuple[Any, Stubber]) -> None:
    client, stubber = textract
    stubber.add_response("get_document_text_detection", {"JobStatus": "IN_PROGRESS"}, _get_params())
    payload = _running(_upload(_scanned_pdf(), "incoming/scan.pdf"), time.time() - 1)
    with pytest.raises(TextractError, match="deadline"):
        _read_job(s3, client, payload, Usage(step="read_textract"))


@pytest.mark.parametrize("code", THROTTLES)
def test_a_throttled_image_read_raises_the_retried_transient_error(
    s3: Any, textract: tuple[Any, Stubber], code: str
) -> None:
    client, stubber = textract
    _client_error(stubber, "detect_document_text", code)
    payload = _upload(_scanned_png(), "incoming/photo.png")
    with pytest.raises(TransientAwsError):
        steps.extract_text(payload, s3=s3, textract_client=client, local_ocr=False, usage=Usage(step="x"))


@pytest.mark.parametrize("code", THROTTLES)
def test_a_throttled_job_start_raises_the_retried_transient_error(
    s3: Any, textract: tuple[Any, Stubber], code: str
) -> None:
    client, stubber = textract
    _client_error(stubber, "start_document_text_detection", code)
    payload = _upload(_scanned_pdf(), "incoming/scan.pdf")
    with pytest.raises(TransientAwsError):
        steps.extract_text(payload, s3=s3, textract_client=client, local_ocr=False, usage=Usage(step="x"))


@pytest.mark.parametrize("code", THROTTLES)
def test_a_throttled_second_result_page_raises_the_retried_transient_error(
    s3: Any, textract: tuple[Any, Stubber], code: str
) -> None:
    client, stubber = textract
    stubber.add_response(
        "get_document_text_detection", job_responses(_report()[1], (BLOCKS_IN_FIRST_RESPONSE,))[0], _get_params()
    )
    _client_error(stubber, "get_document_text_detection", code)
    payload = _running(_upload(_scanned_pdf(), "incoming/scan.pdf"), time.time() + 60)
    with pytest.raises(TransientAwsError):
        _read_job(s3, client, payload, Usage(step="read_textract"))


def test_an_unreachable_textract_raises_the_retried_transient_error(s3: Any) -> None:
    payload = _upload(_scanned_png(), "incoming/photo.png")
    with pytest.raises(TransientAwsError):
        steps.extract_text(
            payload, s3=s3, textract_client=_UnreachableTextract(), local_ocr=False, usage=Usage(step="x")
        )


@pytest.mark.parametrize("state", ["Extract text", "Read Textract results"])
def test_the_state_machine_retries_the_transient_error_on_textract_steps(state: str) -> None:
    retried = [name for rule in json.loads(ASL.read_text())["States"][state]["Retry"] for name in rule["ErrorEquals"]]
    assert TransientAwsError.__name__ in retried


def test_the_read_textract_lambda_reports_a_throttle_by_the_retried_error_name(
    invoke: Invoke, textract: tuple[Any, Stubber], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, stubber = textract
    _client_error(stubber, "get_document_text_detection", "ThrottlingException")
    monkeypatch.setitem(inspect.unwrap(handlers.handler("read_textract")).__globals__, "textract", client)
    payload = _running(_upload(_scanned_pdf(), "incoming/scan.pdf"), time.time() + 60)
    assert invoke("read_textract", payload.model_dump(mode="json"))["errorType"] == "TransientAwsError"


def test_a_scan_longer_than_the_lambda_reads_in_time_goes_straight_to_textract(
    s3: Any, textract: tuple[Any, Stubber], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, stubber = textract
    stubber.add_response("start_document_text_detection", {"JobId": JOB_ID})
    monkeypatch.setattr(steps, "MAX_LOCAL_OCR_PAGES", len(_report()[1].pages) - 1)
    payload = _upload(_scanned_pdf(), "incoming/scan.pdf")
    answer = steps.extract_text(payload, s3=s3, textract_client=client, local_ocr=True, usage=Usage(step="x"))
    assert (answer.stage, answer.ocr) == ("textract_running", "textract")


def test_a_scan_the_state_machine_sends_to_textract_is_not_read_here(s3: Any, textract: tuple[Any, Stubber]) -> None:
    client, stubber = textract
    stubber.add_response("start_document_text_detection", {"JobId": JOB_ID})
    payload = _upload(_scanned_pdf(), "incoming/scan.pdf").model_copy(update={"ocr": "textract"})
    answer = steps.extract_text(payload, s3=s3, textract_client=client, local_ocr=True, usage=Usage(step="x"))
    assert answer.stage == "textract_running"
