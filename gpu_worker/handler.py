"""RunPod entry point: the model loads before the worker takes any job; it takes as many jobs at once as the engine
has parallel slots (RunPod's concurrency_modifier), each run in a thread so slow decoding never blocks the others."""

from __future__ import annotations

import asyncio
from typing import Any

from engine import load_engine, run_job

ENGINE = load_engine()


def handler(job: dict[str, Any]) -> dict[str, Any]:
    """One RunPod job in, the engine's answer (or structured error) out."""
    return run_job(ENGINE, job.get("input"))


async def concurrent_handler(job: dict[str, Any]) -> dict[str, Any]:
    """The same, awaitable: RunPod runs up to `concurrency(...)` of these at once."""
    return await asyncio.to_thread(handler, job)


def concurrency(current: int) -> int:
    """How many jobs this worker takes at once: the engine's parallel slots (1 for in-process llama.cpp)."""
    return max(1, int(ENGINE.parallel_slots))


if __name__ == "__main__":
    import runpod

    runpod.serverless.start({"handler": concurrent_handler, "concurrency_modifier": concurrency})
