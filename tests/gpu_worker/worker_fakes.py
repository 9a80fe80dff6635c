"""A fake engine for the worker tests: a real class with the engine interface, answers chosen by the prompt."""

from __future__ import annotations

import json
import threading
from typing import Any

ANSWER = {"device_model": "IOLMaster 700", "exam_date": "2024-05-10", "OD": {"axial_length_mm": 23.41}}


class FakeEngine:
    """'TRUNCATE' in the prompt: hits max_tokens; 'GARBAGE': not JSON; 'CRASH': raises; else the ANSWER.

    With `meeting` set, each call waits at that barrier: calls that are not concurrent break it."""

    model_id = "fake-biometry-q4"
    parallel_slots = 4

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any], int]] = []
        self.meeting: threading.Barrier | None = None  # set it to make concurrent calls wait for each other

    def generate(self, prompt: str, json_schema: dict[str, Any], max_tokens: int) -> Any:
        from engine import Generation

        self.calls.append((prompt, json_schema, max_tokens))
        if self.meeting is not None:
            self.meeting.wait()  # a BrokenBarrierError if the others never come: the calls were not concurrent
        if "CRASH" in prompt:
            raise RuntimeError("CUDA error: out of memory")
        if "TRUNCATE" in prompt:
            return Generation('{"OD": {"axial_len', "length", 10, max_tokens)
        text = "not json" if "GARBAGE" in prompt else json.dumps(ANSWER)
        return Generation(text, "stop", 10, 20)


def make_engine() -> FakeEngine:
    """ENGINE_FACTORY target: `tests.gpu_worker.worker_fakes:make_engine`."""
    return FakeEngine()
