"""The fast path's worst case, every retry and the Textract deadline included, ends inside Express's 300 s."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from biometry.pipeline.steps import TEXTRACT_DEADLINE_S

FAST_PATH = Path(__file__).resolve().parents[2] / "statemachine" / "document_fast_path.asl.json"
EXPRESS_LIMIT_S = 300
MARGIN_S = 20  # cold starts and state transitions


def _worst_s(state: dict[str, Any]) -> float:
    """Every attempt runs to the state's timeout, every retry waits its longest interval."""
    attempts, waits = 1, 0.0
    for retrier in state.get("Retry", []):
        attempts += retrier["MaxAttempts"]
        for n in range(retrier["MaxAttempts"]):
            delay = retrier["IntervalSeconds"] * retrier.get("BackoffRate", 2.0) ** n
            waits += min(delay, retrier.get("MaxDelaySeconds", delay))
    return attempts * state["TimeoutSeconds"] + waits


def test_fast_path_worst_case_fits_the_express_limit_with_every_retry() -> None:
    states = json.loads(FAST_PATH.read_text())["States"]
    worst = {name: _worst_s(state) for name, state in states.items() if "TimeoutSeconds" in state}
    textract_loop = TEXTRACT_DEADLINE_S + states["Wait for Textract"]["Seconds"] + worst["Read Textract results"]
    to_the_end = max(worst["Publish result"], worst["Hand over to the LLM path"]) + worst["Send to review"]
    total = worst["Extract text"] + textract_loop + worst["Parse with regex"] + to_the_end + worst["Notify"]
    assert total <= EXPRESS_LIMIT_S - MARGIN_S
