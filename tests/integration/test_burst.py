"""A burst of uploads: every document reaches exactly one terminal state, none lost, none duplicated, and no more
fast-path executions run at once than the ingest queue's maximum concurrency allows (as on AWS, no other cap)."""

from __future__ import annotations

import json
import threading
from collections import Counter

import pytest

import biometry.extract
from biometry.document import Document
from biometry.local.runtime import LocalPipeline
from tests.integration.conftest import fake_load_document

BURST = 200


class InFlight:
    """Counts extractions running at once (each fast-path execution extracts once)."""

    def __init__(self) -> None:
        self.now = self.most = 0
        self._lock = threading.Lock()

    def load_document(self, data: bytes, filename: str, *, ocr: bool = True) -> Document:
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            return fake_load_document(data, filename, ocr=ocr)
        finally:
            with self._lock:
                self.now -= 1


@pytest.mark.slow
@pytest.mark.usefixtures("regex_accepts")
def test_burst_of_200_uploads_ends_in_200_terminal_states_within_the_concurrency_bound(
    pipeline: LocalPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_flight = InFlight()
    monkeypatch.setattr(biometry.extract, "load_document", in_flight.load_document, raising=False)
    keys = [pipeline.key_of(pipeline.upload(f"burst/{i:03}.pdf", f"%PDF burst {i}".encode())) for i in range(BURST)]
    finished = pipeline.run_until_done(keys, timeout_s=900)
    notified = Counter(
        json.loads(json.loads(m["Body"])["Message"])["document_key"]
        for m in pipeline.drain(pipeline.res.notifications_queue_url)
    )
    executions = Counter(e["name"] for e in pipeline.executions())
    bounded = in_flight.most <= pipeline.concurrency
    assert (len(finished), set(notified.values()), set(executions.values()), len(executions), bounded) == (
        BURST,
        {1},
        {1},
        BURST,
        True,
    )
