"""Resolve a review: a reviewer's result saved as reviewed/<document_key>.json is validated as `manual` and
published through the one terminal write and the notify step, or sent back to the review queue with the reason."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Literal

from botocore.exceptions import ClientError

from biometry.document import Document
from biometry.errors import UnreadableInputError
from biometry.metering import Usage
from biometry.models import BiometryResult
from biometry.pipeline import workfiles
from biometry.pipeline.manual_result import ResolutionRejected, parse_reviewed, validate_manual
from biometry.pipeline.notify import notify
from biometry.pipeline.payload import ObjectRef
from biometry.pipeline.publish import Outputs
from biometry.pipeline.redrive import RedriveError, find_source
from biometry.pipeline.terminal import MANUAL, TerminalState, device_name, read_item, record_terminal

REVIEWED_PREFIX = "reviewed/"
TRAINING_PREFIX = "training/examples/"
CORRECTS_REVISION = "corrects-revision"  # S3 metadata `biometry review resolve --revision N` sets
_MISSING = ("404", "NoSuchKey", "NotFound")
_REVIEWED_KEY = re.compile(rf"^{REVIEWED_PREFIX}([0-9a-f]{{64}})\.json$")

Outcome = Literal["published", "rejected", "superseded"]


@dataclass(frozen=True)
class Resolution:
    """What became of one reviewed upload."""

    outcome: Outcome
    document_key: str
    revision: int = 0
    reasons: tuple[str, ...] = ()


def resolve_review(reviewed: ObjectRef, *, outputs: Outputs, usage: Usage, local_ocr: bool = False) -> Resolution:
    """Publish the reviewer's result as the document's manual terminal state, or send the reasons back to review."""
    document_key = document_key_of(reviewed.key)
    if _superseded(outputs.s3, reviewed):
        return Resolution("superseded", document_key)  # a late event of an older upload: the newer one decides
    try:
        revision = _publish(reviewed, document_key, outputs=outputs, usage=usage, local_ocr=local_ocr)
    except ResolutionRejected as rejected:
        if document_key:
            send_back(outputs, document_key, reviewed, rejected.reasons)
        return Resolution("rejected", document_key, reasons=rejected.reasons)
    return Resolution("published", document_key, revision)


def document_key_of(key: str) -> str:
    """The document key in `reviewed/<document_key>.json`; '' for any other name."""
    found = _REVIEWED_KEY.match(key)
    return found.group(1) if found else ""


def submit_reviewed(
    s3: Any, bucket: str, document_key: str, body: bytes, *, corrects_revision: int | None = None
) -> ObjectRef:
    """Upload a reviewer's result as reviewed/<document_key>.json (what the console upload does; the S3 event starts
    Resolve review); `corrects_revision` names the manual revision it replaces."""
    metadata = {CORRECTS_REVISION: str(corrects_revision)} if corrects_revision is not None else {}
    key = f"{REVIEWED_PREFIX}{document_key}.json"
    answer = s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType="application/json", Metadata=metadata)
    return ObjectRef(bucket=bucket, key=key, version_id=answer.get("VersionId"))


def training_ref(bucket: str, document_key: str) -> ObjectRef:
    """Where the training example of a resolved document goes."""
    return ObjectRef(bucket=bucket, key=f"{TRAINING_PREFIX}{document_key}.json")


def _publish(reviewed: ObjectRef, document_key: str, *, outputs: Outputs, usage: Usage, local_ocr: bool) -> int:
    if not document_key:
        raise ResolutionRejected(f"{reviewed.key} is not named reviewed/<document key>.json.")
    item = read_item(outputs.dynamodb, outputs.table_name, document_key)
    if "terminal_at" not in item:
        raise ResolutionRejected(f"No finished document has the key {document_key}: check the file name.")
    run_id = f"review-{reviewed.version_id or _etag(outputs.s3, reviewed)}"
    if item.get("terminal_run") != run_id:  # else a redelivered event of a resolution already recorded
        source = _source(outputs.s3, reviewed.bucket, document_key, item)
        result = _checked(reviewed, source, document_key, outputs.s3, usage, local_ocr)
        _record(result, document_key, item, reviewed, run_id, outputs, usage)
    notify(document_key, run_id, outputs=outputs, usage=usage)
    item = read_item(outputs.dynamodb, outputs.table_name, document_key)
    if item.get("terminal_run") == run_id:  # also on a retry: the example is written whole each time
        staged = workfiles.load_result(outputs.s3, workfiles.ref_from_uri(str(item["staged_uri"])), usage)
        workfiles.save_result(outputs.s3, training_ref(reviewed.bucket, document_key), staged, usage)
    return int(item.get("revision", 0))


def _superseded(s3: Any, reviewed: ObjectRef) -> bool:
    """True when the event names an older version of the file than the current one (or the file is gone)."""
    if not reviewed.version_id:
        return False
    try:
        current = _head(s3, reviewed.model_copy(update={"version_id": None})).get("VersionId")
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") not in _MISSING:
            raise
        return True
    return current not in (None, reviewed.version_id)


def _source(s3: Any, bucket: str, document_key: str, item: dict[str, Any]) -> ObjectRef:
    """The upload: work/<key>/source.json while it lives, else the published result's `source`."""
    try:
        return find_source(s3, bucket, document_key, item)
    except RedriveError as error:
        raise ResolutionRejected(f"The report of {document_key} cannot be found: {error}.") from None


def _checked(
    reviewed: ObjectRef, source: ObjectRef, document_key: str, s3: Any, usage: Usage, local_ocr: bool
) -> BiometryResult:
    result = parse_reviewed(workfiles.read_bytes(s3, reviewed, usage))
    data = workfiles.read_bytes(s3, source, usage)
    if result.document_id != hashlib.sha256(data).hexdigest():
        raise ResolutionRejected(
            f"This result is for document {result.document_id}, not for the report of document key {document_key} "
            f"({source.uri}): save the result of that report under reviewed/{document_key}.json."
        )
    located = result.source.model_copy(update={"bucket": source.bucket, "key": source.key})
    result = result.model_copy(update={"source": located.model_copy(update={"version_id": source.version_id})})
    return validate_manual(result, _document(s3, source, document_key, data, usage, local_ocr))


def _document(s3: Any, source: ObjectRef, document_key: str, data: bytes, usage: Usage, ocr: bool) -> Document | None:
    """The pipeline's own reading (Textract words included) while its work file lives, else the upload read again."""
    from biometry.extract import load_document

    try:
        return workfiles.load_document(s3, workfiles.work_ref(source, document_key, "document.json"), usage)
    except ClientError:
        pass
    try:
        return load_document(data, workfiles.filename_of(source), ocr=ocr)
    except UnreadableInputError:
        return None


def _record(
    result: BiometryResult,
    document_key: str,
    item: dict[str, Any],
    reviewed: ObjectRef,
    run_id: str,
    outputs: Outputs,
    usage: Usage,
) -> None:
    """Stage the result and write the manual terminal state (over a manual one only at the revision it corrects)."""
    staged = workfiles.save_result(
        outputs.s3, workfiles.work_ref(reviewed, document_key, f"final-{run_id}.json"), result, usage
    )
    state = TerminalState(
        status=result.status,
        method=MANUAL,
        device=device_name(result),
        confidence=result.extraction.confidence,
        cost_usd=result.cost.total_usd if result.cost else float(item.get("cost_usd", 0.0)),
        result_uri=workfiles.result_ref(reviewed, document_key).uri,
        staged_uri=staged.uri,
    )
    expected = _corrected_revision(outputs.s3, reviewed, item)
    recorded = record_terminal(
        outputs.dynamodb, outputs.table_name, document_key, state, run_id=run_id, expected_revision=expected
    )
    if not recorded.won:
        raise ResolutionRejected(
            f"The result changed while you edited it (your file corrects revision {expected}): download "
            f"results/{document_key}.json again, redo your corrections and upload it again."
        )


def _corrected_revision(s3: Any, reviewed: ObjectRef, item: dict[str, Any]) -> int | None:
    """None over an automatic result; over a manual one, the revision the upload names (`corrects-revision`
    metadata), else the current one (a console upload carries no metadata)."""
    if item.get("method") != MANUAL:
        return None
    metadata = _head(s3, reviewed).get("Metadata", {})
    return int(metadata.get(CORRECTS_REVISION, item.get("revision", 0)))


def _etag(s3: Any, ref: ObjectRef) -> str:
    return str(_head(s3, ref).get("ETag", "")).strip('"')


def _head(s3: Any, ref: ObjectRef) -> dict[str, Any]:
    extra = {"VersionId": ref.version_id} if ref.version_id else {}
    answer: dict[str, Any] = s3.head_object(Bucket=ref.bucket, Key=ref.key, **extra)
    return answer


def send_back(outputs: Outputs, document_key: str, reviewed: ObjectRef, reasons: tuple[str, ...]) -> None:
    """Queue a review message saying why the resolution was not published (nothing was written)."""
    from biometry.pipeline.review import rejection_message

    outputs.sqs.send_message(
        QueueUrl=outputs.review_queue_url,
        MessageBody=rejection_message(document_key, reviewed, reasons),
        MessageAttributes={
            "document_key": {"DataType": "String", "StringValue": document_key},
            "reasons": {"DataType": "String", "StringValue": "resolution_rejected"},
        },
    )
