"""Amazon Textract calls: DetectDocumentText for one image, the async text-detection job for PDFs."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as AwsConnectionError

from biometry.errors import TextractError
from biometry.metering import Usage
from biometry.pipeline.errors import TransientAwsError
from biometry.pipeline.payload import ObjectRef

_THROTTLES = {"ThrottlingException", "ProvisionedThroughputExceededException", "LimitExceededException"}


def detect_image(textract: Any, data: bytes, usage: Usage) -> list[dict[str, Any]]:
    """Synchronous DetectDocumentText on one image: one response with word geometry."""
    response = _call(textract.detect_document_text, Document={"Bytes": data})
    usage.add("textract_detect_pages", response.get("DocumentMetadata", {}).get("Pages", 1))
    return [response]


def start_pdf_job(textract: Any, source: ObjectRef, token: str) -> str:
    """Start asynchronous text detection on the PDF in S3 (idempotent by `token`)."""
    location: dict[str, str] = {"Bucket": source.bucket, "Name": source.key}
    if source.version_id:
        location["Version"] = source.version_id
    response = _call(
        textract.start_document_text_detection,
        DocumentLocation={"S3Object": location},
        ClientRequestToken=token[:64],
    )
    return str(response["JobId"])


def read_pdf_job(textract: Any, job_id: str, usage: Usage) -> list[dict[str, Any]] | None:
    """Every page of a finished job (following NextToken), or None while it still runs."""
    responses: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        extra = {"NextToken": token} if token else {}
        response = _call(textract.get_document_text_detection, JobId=job_id, MaxResults=1000, **extra)
        status = response.get("JobStatus")
        if status == "IN_PROGRESS":
            return None
        if status != "SUCCEEDED":
            raise TextractError(f"Textract job ended {status}: {response.get('StatusMessage', 'no message')}")
        responses.append(response)
        token = response.get("NextToken")
        if not token:
            break
    usage.add("textract_detect_pages", responses[0].get("DocumentMetadata", {}).get("Pages", 0))
    return responses


def _call(method: Any, **kwargs: Any) -> dict[str, Any]:
    try:
        answer: dict[str, Any] = method(**kwargs)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code in _THROTTLES:
            raise TransientAwsError(f"Textract throttled: {code}") from error
        raise TextractError(f"Textract call failed: {code}") from error
    except (AwsConnectionError, HTTPClientError) as error:
        raise TransientAwsError(f"Textract unreachable: {type(error).__name__}") from error
    return answer
