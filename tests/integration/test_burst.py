"""A burst of uploads: every document reaches exactly one terminal state, none lost, none duplicated."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from biometry.local.runtime import LocalPipeline

BURST = 200


@pytest.mark.slow
@pytest.mark.usefixtures("fake_extract", "regex_accepts")
def test_burst_of_200_uploads_ends_in_200_terminal_states(pipeline: LocalPipeline) -> None:
    keys = [pipeline.key_of(pipeline.upload(f"burst/{i:03}.pdf", f"%PDF burst {i}".encode())) for i in range(BURST)]
    finished = pipeline.run_until_done(keys, timeout_s=600)
    notified = Counter(
        json.loads(json.loads(m["Body"])["Message"])["document_key"]
        for m in pipeline.drain(pipeline.res.notifications_queue_url)
    )
    executions = Counter(e["name"] for e in pipeline.executions())
    assert (len(finished), set(notified.values()), set(executions.values()), set(executions)) == (
        BURST,
        {1},
        {1},
        set(keys),
    )
