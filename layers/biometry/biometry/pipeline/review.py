"""Send to review: a needs_review result, and a plain-text SQS message a reviewer can act on without tools."""

from __future__ import annotations

import hashlib
from typing import Any

from botocore.exceptions import ClientError

from biometry import errors
from biometry.models import EYE_VALUE_FIELDS, BiometryResult, Extraction, Issue, Source
from biometry.pipeline import workfiles
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import ObjectRef, StepError, StepPayload
from biometry.pipeline.publish import Outputs, deliver
from biometry.pipeline.terminal import Recorded

PARSER_PIPELINE = "pipeline@1"


def send_to_review(payload: StepPayload, *, outputs: Outputs, meter: StepMeter) -> tuple[BiometryResult, Recorded]:
    """Record the document as needs_review, saying why; never over a terminal state (the Notify step queues the
    reviewer's message)."""
    result = _with_errors(_current_result(payload, outputs.s3, meter), payload)
    return deliver(payload, result, outputs=outputs, meter=meter)


def review_message(document_key: str, result: BiometryResult, ref: ObjectRef) -> str:
    """The message body: what, where, why, what was found, and what to do next (the file name, for the reviewer)."""
    source = result.source
    uri = f"s3://{source.bucket}/{source.key}" if source.bucket and source.key else "(unknown)"
    version = f" (version {source.version_id})" if source.version_id else ""
    lines = [
        "BIOMETRY REPORT NEEDS MANUAL REVIEW",
        "",
        f"Document: {source.key or source.filename}",
        f"S3 URI:   {uri}{version}",
        f"Device:   {_device(result)}",
        f"Document key: {document_key}",
        "",
        "Why it needs review:",
        *[f"  - {issue.message} [{issue.code}{_where(issue)}]" for issue in result.extraction.issues],
        "",
        f"Values found so far (method {result.extraction.method}, confidence {result.extraction.confidence:.2f}):",
        *(_values(result) or ["  (none)"]),
        "",
        "What to do next:",
        *resolve_steps(document_key, uri, ref),
    ]
    return "\n".join(lines)


def resolve_steps(document_key: str, report_uri: str, ref: ObjectRef) -> list[str]:
    """How a reviewer resolves a document, in S3 console terms (docs/operations.md, "Resolve a review")."""
    return [
        f"  1. Open the report at {report_uri} and check each value above against it.",
        f"  2. Download the result: S3 console > bucket {ref.bucket} > {ref.key} > Download.",
        "  3. Edit the JSON: correct or fill in the values (missing stays null, never 0). A value you cannot find",
        '     printed in the report needs a note in extraction.issues: {"code": "reviewer_note", "severity": "info",',
        '     "field": "OD.axial_length_mm", "message": "<where the value comes from>"}.',
        f"  4. Upload it to the same bucket as reviewed/{document_key}.json (S3 console > Upload, folder reviewed/;",
        f"     or `biometry review resolve FILE --document-key {document_key}`).",
        "  5. The pipeline checks it: accepted, it is published (method manual) and subscribers are notified;",
        "     otherwise a new message in this queue says why. Delete this message once you have uploaded.",
    ]


def rejection_message(document_key: str, reviewed: ObjectRef, reasons: tuple[str, ...]) -> str:
    """The message body when a reviewer's result is not published: which upload, why, and what to do."""
    lines = [
        "BIOMETRY REVIEW RESOLUTION REJECTED",
        "",
        f"Document key: {document_key}",
        f"Your upload:  {reviewed.uri}" + (f" (version {reviewed.version_id})" if reviewed.version_id else ""),
        "",
        "Why it was not published (nothing was changed):",
        *[f"  - {reason}" for reason in reasons],
        "",
        "What to do next:",
        f"  Fix the file and upload it again as reviewed/{document_key}.json (your upload is kept as it is).",
    ]
    return "\n".join(lines)


def _values(result: BiometryResult) -> list[str]:
    found = []
    for side in ("OD", "OS"):
        eye = getattr(result.eyes, side)
        for name in EYE_VALUE_FIELDS if eye else ():
            value = getattr(eye, name)
            if value is not None:
                where = result.extraction.provenance.get(f"{side}.{name}")
                source = f"  (read from '{where.text}' on page {where.page})" if where else ""
                found.append(f"  {side} {name}: {value}{source}")
    return found


def _where(issue: Issue) -> str:
    parts = [p for p in (issue.eye, issue.field) if p]
    return f" at {'.'.join(parts)}" if parts else ""


def _device(result: BiometryResult) -> str:
    if result.device is None:
        return "not recognised"
    version = f" {result.device.software_version}" if result.device.software_version else ""
    return f"{result.device.manufacturer} {result.device.model}{version}"


def _with_errors(result: BiometryResult, payload: StepPayload) -> BiometryResult:
    issues = [*result.extraction.issues]
    for error, prefix in ((payload.gpu_error, "GPU worker"), (payload.error, "Pipeline step")):
        if error is not None:
            issues.append(_issue(error, prefix))
    extraction = result.extraction.model_copy(update={"issues": issues})
    return result.model_copy(update={"status": "needs_review", "extraction": extraction})


def _issue(error: StepError, prefix: str) -> Issue:
    known = getattr(errors, error.Error, None)
    code = known.code if isinstance(known, type) and issubclass(known, errors.BiometryError) else "pipeline_error"
    if error.Error == "BedrockUnavailable":
        prefix = "Amazon Bedrock"
    return Issue(code=code, severity="error", message=f"{prefix} failed ({error.Error}): {error.message()}")


def _current_result(payload: StepPayload, s3: Any, meter: StepMeter) -> BiometryResult:
    if payload.result is not None:
        return workfiles.load_result(s3, payload.result, meter.usage)
    try:
        document_id = hashlib.sha256(workfiles.read_bytes(s3, payload.source, meter.usage)).hexdigest()
    except ClientError:
        document_id = payload.document_key
    source = Source(
        filename=workfiles.filename_of(payload.source),
        bucket=payload.source.bucket,
        key=payload.source.key,
        version_id=payload.source.version_id,
        media_type="application/octet-stream",
        pages=0,
        text_source="text-layer",
    )
    extraction = Extraction(method="regex", parser=PARSER_PIPELINE, confidence=0.0)
    return BiometryResult(document_id=document_id, source=source, status="needs_review", extraction=extraction)
