"""RunPod entry point: the model loads before the worker takes any job; each job goes to the engine."""

from __future__ import annotations

from typing import Any

from engine import load_engine, run_job

ENGINE = load_engine()


def handler(job: dict[str, Any]) -> dict[str, Any]:
    """One RunPod job in, the engine's answer (or structured error) out."""
    return run_job(ENGINE, job.get("input"))


if __name__ == "__main__":
    import runpod

    runpod.serverless.start({"handler": handler})
