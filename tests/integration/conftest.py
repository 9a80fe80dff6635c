"""Fixtures for the workflow tests: the local pipeline on moto, fake extraction, and fake regex/LLM tiers."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import biometry.extract
import biometry.parse
from biometry.document import Document, Page, Word
from biometry.errors import UnreadableInputError
from biometry.local.runtime import LocalPipeline, local_pipeline
from biometry.models import BiometryResult, Device, Extraction, Eye, Eyes, Patient, Source

# An IOLMaster 700 header always prints the patient's name and ID and the exam date (the validator's inventory knows
# it), so the fakes print them.
PDF = b"%PDF-1.7 IOLMaster 700 Patient: DOE, JANE Exam date: 21/03/2024 ID: 1234567 AL: 23,41 mm"
# No text layer: its words come from OCR.
SCAN = b"%PDF-scan IOLMaster 700 Patient: DOE, JANE Exam date: 21/03/2024 ID: 1234567 AL: 23,41 mm"
EXAM_DATE = "2024-03-21"
PATIENT_NAME = "DOE, JANE"
PATIENT_ID = "1234567"


def fake_load_document(data: bytes, filename: str, *, ocr: bool = True) -> Document:
    """A one-page document of the file's words; anything not starting %PDF is corrupt. A file starting %PDF-scan
    has no text layer: its words are there only when OCR reads it (`ocr=True`), as an image-only page."""
    if not data.startswith(b"%PDF"):
        raise UnreadableInputError("corrupt_file", "The file is not a readable PDF or image.")
    scanned = data.startswith(b"%PDF-scan")
    words = [Word(t, (0.1 + i * 0.05, 0.1, 0.14 + i * 0.05, 0.12)) for i, t in enumerate(data.decode().split())]
    words = words if ocr or not scanned else []
    page = Page(number=1, width_pt=595, height_pt=842, source="ocr" if scanned else "text-layer", words=words)
    return Document(filename, "application/pdf", hashlib.sha256(data).hexdigest(), [page])


def make_result(document: Document, status: str, method: str = "regex", ref: Any = None) -> BiometryResult:
    """A result with one value, as a device parser or the LLM tier would give it."""
    ref = ref or biometry.parse.SourceRef()
    source = Source(
        filename=document.filename,
        bucket=ref.bucket,
        key=ref.key,
        version_id=ref.version_id,
        media_type=document.media_type,
        pages=len(document.pages),
        text_source="text-layer",
    )
    return BiometryResult(
        document_id=document.sha256,
        source=source,
        device=Device(manufacturer="ZEISS", model="IOLMaster 700"),
        patient=Patient(name=PATIENT_NAME, id=PATIENT_ID),
        exam_date=EXAM_DATE,
        eyes=Eyes(OD=Eye(axial_length_mm=23.41)),
        status=status,  # type: ignore[arg-type]
        extraction=Extraction(method=method, parser=f"{method}@test", confidence=0.95 if status == "accepted" else 0.4),  # type: ignore[arg-type]
    )


@pytest.fixture
def fake_extract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(biometry.extract, "load_document", fake_load_document, raising=False)


@pytest.fixture
def regex_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(biometry.parse, "parse_document", lambda d, *, ref=None: make_result(d, "accepted", ref=ref))


@pytest.fixture
def regex_unsure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        biometry.parse, "parse_document", lambda d, *, ref=None: make_result(d, "needs_review", ref=ref)
    )


@pytest.fixture
def pipeline(fake_extract: None) -> Iterator[LocalPipeline]:
    with local_pipeline() as running:
        yield running


RunOne = Callable[..., tuple[str, dict[str, Any]]]


@pytest.fixture
def run_one(pipeline: LocalPipeline) -> RunOne:
    """Upload one file, run the pipeline to its end, return (document key, documents-table item)."""

    def run(data: bytes = PDF, name: str = "report.pdf") -> tuple[str, dict[str, Any]]:
        key = pipeline.key_of(pipeline.upload(name, data))
        assert pipeline.run_until_done([key], timeout_s=30) == {key}
        return key, pipeline.document(key) or {}

    return run
