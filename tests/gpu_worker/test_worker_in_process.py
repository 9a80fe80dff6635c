"""The RunPod handler called in-process with the fake engine: answers, structured errors, never empty success."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest

from biometry.llm.schema import extraction_schema

JOB = {"id": "job-1", "input": {"prompt": "AL: 23,41", "json_schema": extraction_schema(), "max_tokens": 256}}


def run(worker: ModuleType, **changes: Any) -> dict[str, Any]:
    result: dict[str, Any] = worker.handler({"id": "job-1", "input": {**JOB["input"], **changes}})
    return result


def error_code(result: dict[str, Any]) -> str:
    return str(json.loads(result["error"])["code"])


def test_answer_comes_back_parsed_with_usage_timings_and_model(worker: ModuleType) -> None:
    result = run(worker)
    assert (result["output"]["OD"], result["usage"]["completion_tokens"], result["model"]) == (
        {"axial_length_mm": 23.41},
        20,
        "fake-biometry-q4",
    )
    assert "generate_s" in result["timings"]


def test_max_tokens_is_always_passed_to_the_engine(worker: ModuleType) -> None:
    job = {"id": "j", "input": {"prompt": "x", "json_schema": {"type": "object"}}}
    worker.handler(job)
    assert worker.ENGINE.calls[-1][2] > 0


def test_truncated_answer_is_a_structured_failure(worker: ModuleType) -> None:
    assert error_code(run(worker, prompt="TRUNCATE")) == "truncated"


def test_non_json_answer_is_a_structured_failure(worker: ModuleType) -> None:
    assert error_code(run(worker, prompt="GARBAGE")) == "invalid_json"


@pytest.mark.parametrize("changes", [{"prompt": ""}, {"json_schema": None}, {"max_tokens": 0}, {"max_tokens": "many"}])
def test_bad_input_is_a_structured_failure(worker: ModuleType, changes: dict[str, Any]) -> None:
    assert error_code(run(worker, **changes)) == "bad_input"


def test_failure_never_carries_an_output(worker: ModuleType) -> None:
    assert "output" not in run(worker, prompt="TRUNCATE")


def test_worker_refuses_to_start_without_a_model(monkeypatch: pytest.MonkeyPatch, worker: ModuleType) -> None:
    import engine

    with pytest.raises(RuntimeError, match="MODEL_PATH"):
        engine.load_engine({"MODEL_PATH": "/nonexistent.gguf"})


def test_max_tokens_above_the_cap_is_clamped(worker: ModuleType) -> None:
    run(worker, max_tokens=10**9)
    assert worker.ENGINE.calls[-1][2] == __import__("engine").MAX_TOKENS_CAP


def test_worker_takes_as_many_jobs_at_once_as_the_engine_has_slots(worker: ModuleType) -> None:
    assert worker.concurrency(1) == worker.ENGINE.parallel_slots


def test_concurrent_jobs_run_at_the_same_time(worker: ModuleType) -> None:
    import asyncio
    import threading

    slots = worker.ENGINE.parallel_slots
    worker.ENGINE.meeting = threading.Barrier(slots, timeout=30)

    async def all_at_once() -> list[dict[str, Any]]:
        return await asyncio.gather(*(worker.concurrent_handler(JOB) for _ in range(slots)))

    assert [r["model"] for r in asyncio.run(all_at_once())] == ["fake-biometry-q4"] * slots


def test_in_process_llama_engine_takes_one_job_at_a_time() -> None:
    from gpu_worker.engine import LlamaEngine

    assert LlamaEngine.parallel_slots == 1


def test_model_server_url_selects_the_parallel_server_engine(worker: ModuleType) -> None:
    import engine

    loaded = engine.load_engine({"LLAMA_SERVER_URL": "http://127.0.0.1:1/v1", "PARALLEL_SLOTS": "16"})
    assert (type(loaded).__name__, loaded.parallel_slots) == ("ServerEngine", 16)
