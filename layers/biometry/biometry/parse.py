"""The regex tier end to end: bytes or a `Document` in, one validated `BiometryResult` out, never a traceback."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from biometry.devices.registry import detect  # also registers the devices' page refiners before any OCR
from biometry.document import Document
from biometry.errors import UnreadableInputError
from biometry.models import BiometryResult, Extraction, Issue, Source

PARSER_NONE = "none@0"
logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where the original file lives, when it came from S3."""

    bucket: str | None = None
    key: str | None = None
    version_id: str | None = None


def parse_bytes(data: bytes, filename: str, *, ocr: bool = True, ref: SourceRef | None = None) -> BiometryResult:
    """Extract and parse one file; bad input becomes a `needs_review` result with a specific issue code."""
    from biometry.extract import load_document

    try:
        document = load_document(data, filename, ocr=ocr)
        return parse_document(document, ref=ref)
    except UnreadableInputError as error:
        return unreadable_result(data, filename, error, ref)
    except Exception as error:  # a bug must still end in a review result, with its reason, never a traceback
        logger.error("parse failed", extra={"error_type": type(error).__name__})  # no message: it may hold PHI
        failure = UnreadableInputError("internal_error", f"The parser failed: {type(error).__name__}: {error}")
        return unreadable_result(data, filename, failure, ref)


def parse_document(document: Document, *, ref: SourceRef | None = None) -> BiometryResult:
    """Run the device parser that claims the document, then the one validator."""
    from biometry.validate import validate

    parser = document.memo("parser", detect)  # the completeness inventory asks again
    if parser is None:
        return _review_result(
            document.sha256,
            _source(document, ref),
            Issue(code="unknown_device", severity="error", message="No device parser recognises this report."),
        )
    result = parser.parse(document, _source(document, ref))
    if document.text_source == "ocr":
        result = _with_catalogue_lens_names(result)
    return validate(result, document)


def _with_catalogue_lens_names(result: BiometryResult) -> BiometryResult:
    """OCR confuses 0/O and 1/l in lens codes: a reading that stands for exactly one catalogue name becomes it."""
    from biometry.lens_catalogue import catalogue_name

    calculations = [
        calc.model_copy(update={"iol_model": catalogue_name(calc.iol_model) or calc.iol_model})
        for calc in result.iol_calculations
    ]
    return result.model_copy(update={"iol_calculations": calculations})


def unreadable_result(
    data: bytes, filename: str, error: UnreadableInputError, ref: SourceRef | None = None
) -> BiometryResult:
    """The `needs_review` result for input that cannot be read as a document."""
    ref = ref or SourceRef()
    source = Source(
        filename=filename,
        bucket=ref.bucket,
        key=ref.key,
        version_id=ref.version_id,
        media_type=getattr(error, "media_type", "application/octet-stream"),
        pages=0,
        text_source="text-layer",
    )
    issue = Issue(code=error.code, severity="error", message=str(error))
    return _review_result(hashlib.sha256(data).hexdigest(), source, issue)


def _source(document: Document, ref: SourceRef | None) -> Source:
    ref = ref or SourceRef()
    return Source(
        filename=document.filename,
        bucket=ref.bucket,
        key=ref.key,
        version_id=ref.version_id,
        media_type=document.media_type,
        pages=len(document.pages),
        text_source=document.text_source,
    )


def _review_result(document_id: str, source: Source, issue: Issue) -> BiometryResult:
    return BiometryResult(
        document_id=document_id,
        source=source,
        status="needs_review",
        extraction=Extraction(method="regex", parser=PARSER_NONE, confidence=0.0, issues=[issue]),
    )
