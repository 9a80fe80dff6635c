"""End to end against a real OpenAI-compatible server process: llama-cpp-python's server with the tiny GGUF.

The pipeline's provider (`OpenAiCompatibleClient`), `biometry parse --llm URL` and the worker's parallel engine all
talk to `python -m llama_cpp.server` on 127.0.0.1. Opt-in: `make test-llama` (venv from scripts/setup_llama.sh).
The tiny model's answers are meaningless; what is tested is the protocol, the schema constraint, and that whatever
comes back goes through the validator (and is never accepted unchecked).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("llama_cpp.server", reason="llama-cpp-python[server] is not installed: run scripts/setup_llama.sh")
pytest.importorskip("gguf", reason="gguf is not installed: run scripts/setup_llama.sh")

from benchmarks.model_server import free_port, wait_until_ready
from biometry.llm.openai_client import OpenAiCompatibleClient
from biometry.llm.schema import extraction_schema
from biometry.llm.tier import LlmRequest
from gpu_worker.engine import ServerEngine, run_job
from tests.gpu_worker.test_llama_tiny import shape_errors
from tests.gpu_worker.tiny_gguf import write_tiny_gguf

pytestmark = pytest.mark.llama

ROOT = Path(__file__).resolve().parents[2]
MODEL_ALIAS = "biometry-parser"
PROMPT = "Device: unknown\nReport text:\n<report>\nAL: 23,41 mm   K1: 42,10 D\n</report>"


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`python -m llama_cpp.server` serving the tiny GGUF on a free 127.0.0.1 port."""
    workdir = tmp_path_factory.mktemp("server")
    model = write_tiny_gguf(workdir / "tiny.gguf")
    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", MODEL_ALIAS]
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--n_gpu_layers", "0"]
    log_path = workdir / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=log)
        try:
            url = f"http://127.0.0.1:{port}/v1"
            wait_until_ready(url, process, log_path, timeout_s=120)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_pipeline_provider_gets_a_completed_job_from_the_server(server_url: str) -> None:
    client = OpenAiCompatibleClient(server_url, MODEL_ALIAS)
    request = LlmRequest(prompt=PROMPT, json_schema=extraction_schema(), max_tokens=512)
    job = client.poll(client.submit(request, "doc-1"))
    assert (job.status, isinstance(job.output, dict)) == ("COMPLETED", True)


def test_server_answer_has_exactly_the_shape_the_schema_allows(server_url: str) -> None:
    client = OpenAiCompatibleClient(server_url, MODEL_ALIAS)
    request = LlmRequest(prompt=PROMPT, json_schema=extraction_schema(), max_tokens=512)
    job = client.poll(client.submit(request, "doc-2"))
    assert shape_errors(job.output, extraction_schema()) == []


def test_server_reports_token_usage_for_metering(server_url: str) -> None:
    client = OpenAiCompatibleClient(server_url, MODEL_ALIAS)
    request = LlmRequest(prompt=PROMPT, json_schema=extraction_schema(), max_tokens=512)
    job = client.poll(client.submit(request, "doc-3"))
    assert job.usage["prompt_tokens"] > 0


def test_worker_parallel_engine_answers_through_the_server(server_url: str) -> None:
    job = {"prompt": PROMPT, "json_schema": extraction_schema(), "max_tokens": 512}
    result = run_job(ServerEngine(server_url, parallel_slots=2, model_id=MODEL_ALIAS), job)
    assert shape_errors(result["output"], extraction_schema()) == []


@pytest.fixture(scope="module")
def parsed_with_llm(server_url: str) -> dict[str, Any]:
    """`biometry parse --llm URL` on the unknown-device sample (the regex tier cannot accept it)."""
    command = [sys.executable, "-m", "biometry.cli", "parse", str(ROOT / "samples" / "unknown-device.pdf")]
    done = subprocess.run(
        [*command, "--llm", server_url, "--llm-model", MODEL_ALIAS], capture_output=True, timeout=300, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_biometry_parse_runs_the_llm_tier_against_the_server(parsed_with_llm: dict[str, Any]) -> None:
    extraction = parsed_with_llm["extraction"]
    assert (extraction["method"], extraction["parser"]) == ("gpu_llm", f"gpu_llm:{MODEL_ALIAS}")


def test_tiny_models_answer_is_never_accepted_unchecked(parsed_with_llm: dict[str, Any]) -> None:
    assert parsed_with_llm["status"] == "needs_review"
