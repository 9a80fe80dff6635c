"""S3 I/O of the pipeline's files: the original upload, work files under work/, results under results/."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from biometry.document import Document
from biometry.metering import Usage
from biometry.models import BiometryResult
from biometry.pipeline.payload import ObjectRef

WORK_PREFIX = "work/"
RESULTS_PREFIX = "results/"


def read_bytes(s3: Any, ref: ObjectRef, usage: Usage) -> bytes:
    """The object's bytes (the exact version when known)."""
    extra = {"VersionId": ref.version_id} if ref.version_id else {}
    usage.add("s3_get_requests")
    body: bytes = s3.get_object(Bucket=ref.bucket, Key=ref.key, **extra)["Body"].read()
    return body


def write_text(s3: Any, ref: ObjectRef, text: str, usage: Usage) -> ObjectRef:
    """Write UTF-8 JSON text; the returned pointer carries the new version id."""
    usage.add("s3_put_requests")
    answer = s3.put_object(Bucket=ref.bucket, Key=ref.key, Body=text.encode(), ContentType="application/json")
    return ref.model_copy(update={"version_id": answer.get("VersionId")})


def work_ref(source: ObjectRef, document_key: str, name: str) -> ObjectRef:
    """Where a work file of this document lives (expired by the bucket's lifecycle rule)."""
    return ObjectRef(bucket=source.bucket, key=f"{WORK_PREFIX}{document_key}/{name}")


def result_ref(source: ObjectRef, document_key: str) -> ObjectRef:
    """Where the final result of this upload goes: results/<document key>.json (no file name in the key)."""
    return ObjectRef(bucket=source.bucket, key=f"{RESULTS_PREFIX}{document_key}.json")


def source_ref(bucket: str, document_key: str) -> ObjectRef:
    """The work file naming the upload of a document key (the sweeper and `biometry redrive` read it)."""
    return ObjectRef(bucket=bucket, key=f"{WORK_PREFIX}{document_key}/source.json")


def ref_from_uri(uri: str) -> ObjectRef:
    """An `s3://bucket/key` URI as a pointer."""
    bucket, _, key = uri.removeprefix("s3://").partition("/")
    return ObjectRef(bucket=bucket, key=key)


def save_source(s3: Any, source: ObjectRef, document_key: str, usage: Usage) -> ObjectRef:
    """Remember which upload a document key stands for (the table holds no file names)."""
    return write_text(s3, source_ref(source.bucket, document_key), source.model_dump_json(), usage)


def load_source(s3: Any, bucket: str, document_key: str, usage: Usage) -> ObjectRef:
    """The upload a document key stands for."""
    return ObjectRef.model_validate_json(read_bytes(s3, source_ref(bucket, document_key), usage))


def filename_of(source: ObjectRef) -> str:
    """The upload's file name (last path part of its key)."""
    return PurePosixPath(source.key).name


def save_document(s3: Any, ref: ObjectRef, document: Document, usage: Usage) -> ObjectRef:
    """Store the document model as a work file."""
    return write_text(s3, ref, document.to_json(), usage)


def load_document(s3: Any, ref: ObjectRef, usage: Usage) -> Document:
    """Read a document model work file."""
    return Document.from_json(read_bytes(s3, ref, usage))


def save_result(s3: Any, ref: ObjectRef, result: BiometryResult, usage: Usage) -> ObjectRef:
    """Store a result as JSON."""
    return write_text(s3, ref, result.model_dump_json(indent=2), usage)


def load_result(s3: Any, ref: ObjectRef, usage: Usage) -> BiometryResult:
    """Read a result JSON."""
    return BiometryResult.model_validate_json(read_bytes(s3, ref, usage))
