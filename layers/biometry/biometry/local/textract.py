"""A stand-in for Amazon Textract on the local runtime (moto's Textract answers with empty blocks).

It answers DetectDocumentText and the asynchronous text-detection job in Textract's shape (PAGE, LINE and WORD blocks
with geometry; a job that runs for one poll, then pages of at most 1,000 blocks joined by NextToken) with the words
registered for the upload's bytes (`read_as`: tests and the demo register the words of the report's text layer, as
a good reader of the scan would find them), else with this machine's own OCR reading of the upload.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from typing import Any

from biometry.document import Document, Page

Bbox = tuple[float, float, float, float]
BLOCKS_PER_RESPONSE = 1000  # GetDocumentTextDetection's MaxResults
ACCOUNT = "123456789012"


def _geometry(bbox: Bbox) -> dict[str, Any]:
    x0, y0, x1, y1 = bbox
    polygon = [{"X": x0, "Y": y0}, {"X": x1, "Y": y0}, {"X": x1, "Y": y1}, {"X": x0, "Y": y1}]
    return {"BoundingBox": {"Width": x1 - x0, "Height": y1 - y0, "Left": x0, "Top": y0}, "Polygon": polygon}


def _block(block_type: str, block_id: str, bbox: Bbox, page: int | None, **fields: Any) -> dict[str, Any]:
    """One Textract block; `Page` is left out as in a synchronous single-image answer when `page` is None."""
    block = {"BlockType": block_type, "Id": block_id, "Geometry": _geometry(bbox), **fields}
    return block | ({"Page": page} if page else {})


def page_blocks(page: Page, *, with_page_field: bool) -> list[dict[str, Any]]:
    """PAGE, then its LINE blocks, then its WORD blocks: the order Textract returns them in."""
    number = page.number if with_page_field else None
    lines: list[dict[str, Any]] = []
    words: list[dict[str, Any]] = []
    for k, line in enumerate(page.lines):
        ids = [f"w{page.number}-{k}-{j}" for j in range(len(line.words))]
        words += [
            _block("WORD", wid, w.bbox, number, Confidence=99.1, Text=w.text, TextType="PRINTED")
            for w, wid in zip(line.words, ids, strict=True)
        ]
        fields = {"Confidence": 99.0, "Text": line.text, "Relationships": [{"Type": "CHILD", "Ids": ids}]}
        lines.append(_block("LINE", f"l{page.number}-{k}", line.bbox, number, **fields))
    children = [{"Type": "CHILD", "Ids": [line["Id"] for line in lines]}]
    page_block = _block("PAGE", f"p{page.number}", (0.0, 0.0, 1.0, 1.0), number, Relationships=children)
    return [page_block, *lines, *words]


def detect_response(page: Page) -> dict[str, Any]:
    """What DetectDocumentText answers for one image."""
    blocks = page_blocks(page, with_page_field=False)
    return {"DocumentMetadata": {"Pages": 1}, "Blocks": blocks, "DetectDocumentTextModelVersion": "1.0"}


def job_responses(document: Document, splits: tuple[int, ...] = ()) -> list[dict[str, Any]]:
    """A finished job's GetDocumentTextDetection answers: every page's blocks, cut at `splits` into NextToken pages."""
    blocks = [b for page in document.pages for b in page_blocks(page, with_page_field=True)]
    splits = splits or tuple(range(BLOCKS_PER_RESPONSE, len(blocks), BLOCKS_PER_RESPONSE))
    common = {"JobStatus": "SUCCEEDED", "DocumentMetadata": {"Pages": len(document.pages)}}
    cuts = [0, *splits, len(blocks)]
    pieces = [blocks[a:b] for a, b in itertools.pairwise(cuts)]
    responses = [common | {"Blocks": piece, "NextToken": f"next-{k}"} for k, piece in enumerate(pieces, start=1)]
    del responses[-1]["NextToken"]
    return responses


class TextractStandIn:
    """Answers the three Textract calls the pipeline makes; counts them by operation."""

    def __init__(self) -> None:
        self._readings: dict[str, Document] = {}
        self._jobs: dict[str, list[dict[str, Any]]] = {}
        self._polled: set[str] = set()
        self._lock = threading.Lock()
        self.calls: dict[str, int] = {}

    def read_as(self, data: bytes, document: Document) -> None:
        """Textract will read the upload `data` as these words."""
        self._readings[hashlib.sha256(data).hexdigest()] = document

    def answer(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        """The response to one Textract API call."""
        with self._lock:
            self.calls[operation] = self.calls.get(operation, 0) + 1
        if operation == "DetectDocumentText":
            return detect_response(self._reading(params["Document"]["Bytes"]).pages[0])
        if operation == "StartDocumentTextDetection":
            return self._start(params)
        if operation == "GetDocumentTextDetection":
            return self._get(params)
        raise NotImplementedError(f"the Textract stand-in does not answer {operation}")

    def _start(self, params: dict[str, Any]) -> dict[str, Any]:
        location = params["DocumentLocation"]["S3Object"]
        job_id = hashlib.sha256(repr(sorted(location.items())).encode()).hexdigest()
        with self._lock:
            if job_id not in self._jobs:
                self._jobs[job_id] = job_responses(self._reading(_s3_bytes(location)))
        return {"JobId": job_id}

    def _get(self, params: dict[str, Any]) -> dict[str, Any]:
        job_id, token = params["JobId"], params.get("NextToken")
        with self._lock:
            first_poll = job_id not in self._polled
            self._polled.add(job_id)
        if first_poll:
            return {"JobStatus": "IN_PROGRESS"}
        responses = self._jobs[job_id]
        index = int(token.removeprefix("next-")) if token else 0
        return responses[index]

    def _reading(self, data: bytes) -> Document:
        registered = self._readings.get(hashlib.sha256(data).hexdigest())
        if registered is not None:
            return registered
        from biometry.extract import load_document

        return load_document(data, "upload", ocr=True)


def _s3_bytes(location: dict[str, str]) -> bytes:
    """The object a job reads, straight from moto's S3 (no fault injected into the pipeline's own calls fires)."""
    from moto.s3.models import s3_backends

    found = s3_backends[ACCOUNT]["aws"].get_object(
        location["Bucket"], location["Name"], version_id=location.get("Version")
    )
    return bytes(found.value) if found is not None else b""
