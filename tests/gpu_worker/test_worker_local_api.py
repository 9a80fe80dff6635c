"""The worker under runpod's local API server, reached by the Lambda's own client through the path adapter.

Needs `.venv-worker` (python -m venv .venv-worker && .venv-worker/bin/pip install -r gpu_worker/requirements-local.txt;
`make setup` does this);
skipped when it is absent.
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from biometry.errors import GpuUnavailable, LlmOutputError
from biometry.llm.runpod_client import RunPodClient, http_json
from biometry.llm.tier import LlmRequest
from gpu_worker.local_adapter import make_server

ROOT = Path(__file__).resolve().parents[2]
WORKER_PYTHON = ROOT / ".venv-worker" / "bin" / "python"
pytestmark = pytest.mark.skipif(not WORKER_PYTHON.exists(), reason=".venv-worker (runpod SDK) is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, process: subprocess.Popen[bytes], timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"worker exited early: {process.stdout.read().decode() if process.stdout else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"worker did not listen on {port}")


@pytest.fixture(scope="module")
def runpod_api() -> Iterator[str]:
    """Worker on the SDK's local API (fake engine) with the production-path adapter in front of it."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ENGINE_FACTORY": "tests.gpu_worker.worker_fakes:make_engine"}
    command = [str(WORKER_PYTHON), "handler.py", "--rp_serve_api", "--rp_api_host", "127.0.0.1"]
    process = subprocess.Popen(
        [*command, "--rp_api_port", str(port)],
        cwd=ROOT / "gpu_worker",
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(port, process)
        adapter = make_server(f"http://127.0.0.1:{port}")
        threading.Thread(target=adapter.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{adapter.server_port}/v2"
        adapter.shutdown()
    finally:
        process.terminate()
        process.wait(timeout=10)


def request(prompt: str) -> LlmRequest:
    return LlmRequest(prompt=prompt, json_schema={"type": "object"}, max_tokens=128)


def test_client_submits_and_polls_a_completed_job(runpod_api: str) -> None:
    client = RunPodClient("local", "test-key", base_url=runpod_api)
    job = client.poll(client.submit(request("AL: 23,41"), "doc-1"))
    assert (job.status, job.output and job.output["OD"], job.model) == (
        "COMPLETED",
        {"axial_length_mm": 23.41},
        "fake-biometry-q4",
    )


def test_truncation_in_the_worker_reaches_the_client_as_output_error(runpod_api: str) -> None:
    client = RunPodClient("local", "test-key", base_url=runpod_api)
    job_id = client.submit(request("TRUNCATE"), "doc-2")
    with pytest.raises(LlmOutputError):
        client.poll(job_id)


def test_engine_crash_reaches_the_client_as_gpu_unavailable(runpod_api: str) -> None:
    client = RunPodClient("local", "test-key", base_url=runpod_api)
    job_id = client.submit(request("CRASH"), "doc-3")
    with pytest.raises(GpuUnavailable, match="out of memory"):
        client.poll(job_id)


def test_cancel_path_answers_cancelled_through_the_adapter(runpod_api: str) -> None:
    job_id = RunPodClient("local", "test-key", base_url=runpod_api).submit(request("AL"), "doc-4")
    assert http_json("POST", f"{runpod_api}/local/cancel/{job_id}", None, {})["status"] == "CANCELLED"


def test_worker_runs_its_test_input_json_and_exits_cleanly() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ENGINE_FACTORY": "tests.gpu_worker.worker_fakes:make_engine"}
    done = subprocess.run(
        [str(WORKER_PYTHON), "handler.py"], cwd=ROOT / "gpu_worker", env=env, capture_output=True, timeout=60
    )
    assert done.returncode == 0 and b"completed successfully" in done.stdout + done.stderr
