"""The fast path's worst case (a local reading, then Textract's, every retry and the Textract deadline) ends inside
Express's 300 s."""

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


def _fast_path_worst_s() -> float:
    """The longest route: a local reading, its parse, Textract's reading (job to its deadline), the parse again."""
    states = json.loads(FAST_PATH.read_text())["States"]
    worst = {name: _worst_s(state) for name, state in states.items() if "TimeoutSeconds" in state}
    local_reading = worst["Extract text"] + worst["Parse with regex"]
    textract_loop = TEXTRACT_DEADLINE_S + states["Wait for Textract"]["Seconds"] + worst["Read Textract results"]
    textract_reading = worst["Read with Textract"] + textract_loop + worst["Parse with regex"]
    to_the_end = max(worst["Publish result"], worst["Hand over to the LLM path"]) + worst["Send to review"]
    return local_reading + textract_reading + to_the_end + worst["Notify"]


def test_fast_path_worst_case_fits_the_express_limit_with_every_retry() -> None:
    assert _fast_path_worst_s() <= EXPRESS_LIMIT_S - MARGIN_S


def test_the_state_machine_comment_states_the_worst_case() -> None:
    comment = json.loads(FAST_PATH.read_text())["Comment"]
    assert f"{_fast_path_worst_s():.0f} s of Express's 300 s" in comment
