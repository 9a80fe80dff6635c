"""The fast path's steps: extract text into a work file, read a Textract job, parse with the regex tier."""

from __future__ import annotations

import hashlib
import time
from typing import Any

from biometry.document import Document
from biometry.errors import TextractError, UnreadableInputError
from biometry.metering import Usage, express_usage
from biometry.models import BiometryResult
from biometry.parse import SourceRef
from biometry.pipeline import textract, workfiles
from biometry.pipeline.fallback import TEXTRACT_MEDIA_TYPES
from biometry.pipeline.payload import ObjectRef, OcrRoute, Stage, StepPayload
from biometry.pipeline.terminal import device_name

# Counted from the job's start: with a local reading before it and every other state's retries the fast path still
# ends inside Express's 300 s (tests/functions/test_deadlines.py adds it up); a slower job fails by name and goes to
# review. Text detection of a few pages usually ends in seconds.
TEXTRACT_DEADLINE_S = 60.0
# The most scanned pages this Lambda reads itself inside its 27 s (the state's TimeoutSeconds): 6 pages x 3.23 CPU s
# (the image corpus's mean on one core) = 19.4 s, plus ~3 s for the download, the text-layer pass and the work file,
# leaves ~4.5 s for slower pages or a slower vCPU (docs/cost.md). A longer scan goes straight to Textract instead of
# timing out first; one that still runs out of time is caught and goes to Textract too.
MAX_LOCAL_OCR_PAGES = 6


def extract_text(payload: StepPayload, *, s3: Any, textract_client: Any, local_ocr: bool, usage: Usage) -> StepPayload:
    """Words from the text layer, else from this Lambda's OCR engine (`local_ocr`, up to MAX_LOCAL_OCR_PAGES scanned
    pages) or Textract; Textract also when the state machine asks for it (`payload.ocr == "textract"`, after a local
    reading it could not accept or that timed out). Unreadable input ends here."""
    from biometry.extract import load_document
    from biometry.parse import unreadable_result

    if payload.ocr == "textract":
        payload = payload.model_copy(update={"error": None})  # a caught local-reading timeout is past: read again
    filename = workfiles.filename_of(payload.source)
    too_large = _too_large(s3, payload.source, usage)
    if too_large is not None:
        result = unreadable_result(b"", filename, too_large, _source_ref(payload))
        result = result.model_copy(update={"document_id": payload.document_key})
        return _with_result(payload, s3, result, usage, stage="unreadable")
    data = workfiles.read_bytes(s3, payload.source, usage)
    try:
        document = load_document(data, filename, ocr=False)  # scanned pages stay empty: counted before reading
    except UnreadableInputError as error:
        result = unreadable_result(data, filename, error, _source_ref(payload))
        return _with_result(payload, s3, result, usage, stage="unreadable")
    if not _needs_ocr(document):
        return _with_document(payload, s3, document, usage, ocr=None)
    if local_ocr and payload.ocr != "textract" and _ocr_pages(document) <= MAX_LOCAL_OCR_PAGES:
        document = load_document(data, filename, ocr=True)
        return _with_document(payload, s3, document, usage, ocr=_local_reading(document, usage))
    if document.media_type not in TEXTRACT_MEDIA_TYPES:
        result = unreadable_result(data, filename, _textract_cannot_read(document), _source_ref(payload))
        return _with_result(payload, s3, result, usage, stage="unreadable")
    return _with_textract(payload, s3, textract_client, document, data, usage)


def _textract_cannot_read(document: Document) -> UnreadableInputError:
    """A scan this function did not read (no engine here, too many pages, out of time) that Textract cannot read."""
    message = (
        f"The scanned pages were not read here (no OCR engine in this function, over {MAX_LOCAL_OCR_PAGES} pages, or "
        f"out of time), and Textract does not read {document.media_type} files."
    )
    return UnreadableInputError("scan_not_read", message)


def read_textract(payload: StepPayload, *, s3: Any, textract_client: Any, usage: Usage) -> StepPayload:
    """Collect a finished Textract job into the document work file; keep waiting while it runs."""
    if payload.textract_job_id is None:
        raise TextractError("no Textract job to read")
    responses = textract.read_pdf_job(textract_client, payload.textract_job_id, usage)
    if responses is None:
        if time.time() > (payload.textract_deadline_epoch or 0.0):
            raise TextractError("Textract job missed its deadline")
        return payload
    from biometry.extract import load_document

    data = workfiles.read_bytes(s3, payload.source, usage)
    placeholder = load_document(data, workfiles.filename_of(payload.source), ocr=False)  # page sizes, no OCR
    return _with_document(payload, s3, _from_textract(responses, placeholder, data), usage, ocr="textract")


def parse_report(payload: StepPayload, *, s3: Any, usage: Usage, now: float | None = None) -> StepPayload:
    """Run the regex tier on the document work file. A local OCR reading in review for a reason Textract may remove
    is read once more by Textract (stage `textract_fallback`); one only a person can resolve goes straight to review
    (`person_only`); any other result not accepted leaves the fast path for the LLM tier."""
    from biometry.parse import parse_document

    if payload.document is None:
        raise UnreadableInputError("no_document", "no extracted document to parse")
    document = workfiles.load_document(s3, payload.document, usage)
    result = parse_document(document, ref=_source_ref(payload))
    stage = _next_stage(result, payload.ocr)
    if stage != "textract_fallback" and result.status != "accepted":
        express_usage(usage, ((now or time.time()) - payload.received_epoch) * 1000)
    return _with_result(payload, s3, result, usage, stage=stage)


def _next_stage(result: BiometryResult, ocr: OcrRoute | None) -> Stage:
    """`textract_fallback` (read the scan again), `person_only` (straight to review: pages of two patients; a patient
    field unread once no reader is left that may read it) or `parsed` (publish or LLM)."""
    from biometry.pipeline.fallback import only_a_person_helps, only_the_patient_unread, textract_may_help

    if only_a_person_helps(result):
        return "person_only"
    if ocr == "local" and textract_may_help(result):
        return "textract_fallback"
    return "person_only" if only_the_patient_unread(result) else "parsed"


def _with_result(payload: StepPayload, s3: Any, result: BiometryResult, usage: Usage, *, stage: str) -> StepPayload:
    ref = workfiles.save_result(
        s3, workfiles.work_ref(payload.source, payload.document_key, "result.json"), result, usage
    )
    update = {
        "stage": stage,
        "result": ref,
        "status": result.status,
        "device": device_name(result),
        "method": result.extraction.method,
    }
    return payload.model_copy(update=update)


def _with_document(
    payload: StepPayload, s3: Any, document: Document, usage: Usage, *, ocr: OcrRoute | None
) -> StepPayload:
    ref = workfiles.save_document(
        s3, workfiles.work_ref(payload.source, payload.document_key, "document.json"), document, usage
    )
    return payload.model_copy(update={"stage": "text_ready", "document": ref, "ocr": ocr})


def _ocr_pages(document: Document) -> int:
    return sum(1 for page in document.pages if page.source == "ocr")


def _local_reading(document: Document, usage: Usage) -> OcrRoute | None:
    """`local` when this Lambda's OCR engine found words (the pages it read are counted, so cost.steps shows the
    route); a blank page in a text-layer PDF is read but never a reason to ask Textract."""
    read = [page for page in document.pages if page.source == "ocr"]
    if read:
        usage.add("ocr_pages_in_lambda", len(read))
    return "local" if any(page.words for page in read) else None


def _with_textract(
    payload: StepPayload, s3: Any, textract_client: Any, document: Document, data: bytes, usage: Usage
) -> StepPayload:
    """Pages without words to Textract: the async job for a PDF (the state machine waits), one call for an image."""
    payload = payload.model_copy(update={"ocr": "textract"})
    if document.media_type != "application/pdf":
        document = _from_textract(textract.detect_image(textract_client, data, usage), document, data)
        return _with_document(payload, s3, document, usage, ocr="textract")
    job_id = textract.start_pdf_job(textract_client, payload.source, payload.document_key)
    deadline = time.time() + TEXTRACT_DEADLINE_S
    update = {"stage": "textract_running", "textract_job_id": job_id, "textract_deadline_epoch": deadline}
    return payload.model_copy(update=update)


def _from_textract(responses: list[dict[str, Any]], document: Document, data: bytes) -> Document:
    from biometry.extract.textract import document_from_textract

    converted: Document = document_from_textract(
        responses,
        filename=document.filename,
        media_type=document.media_type,
        sha256=_sha256(data),
        page_sizes_pt=[(page.width_pt, page.height_pt) for page in document.pages] or None,
    )
    return converted


def _too_large(s3: Any, source: ObjectRef, usage: Usage) -> UnreadableInputError | None:
    """HeadObject before GetObject: an upload over the largest limit is never read into memory."""
    from biometry.extract.sniff import MAX_PDF_BYTES

    extra = {"VersionId": source.version_id} if source.version_id else {}
    usage.add("s3_get_requests")  # HEAD is billed as a GET
    size = int(s3.head_object(Bucket=source.bucket, Key=source.key, **extra).get("ContentLength", 0))
    if size <= MAX_PDF_BYTES:
        return None
    return UnreadableInputError("file_too_large", f"The file is {size} bytes; the limit is {MAX_PDF_BYTES} bytes.")


def _needs_ocr(document: Document) -> bool:
    return not document.pages or any(not page.words for page in document.pages)


def _source_ref(payload: StepPayload) -> SourceRef:
    return SourceRef(payload.source.bucket, payload.source.key, payload.source.version_id)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
