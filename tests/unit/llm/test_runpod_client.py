"""The Lambda-side RunPod client: every job end state, deadlines, cancellation, idempotent submit."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import boto3
import pytest
from moto import mock_aws

from biometry.errors import GpuUnavailable, LlmOutputError, LlmUnavailable
from biometry.llm.runpod_client import RunPodClient, api_key_from_secret, http_json
from biometry.llm.tier import LlmRequest, poll_job, provider_from_env

REQUEST = LlmRequest(prompt="AL: 23,41", json_schema={"type": "object"}, max_tokens=512)
ANSWER = {"output": {"OD": {"axial_length_mm": 23.41}}, "usage": {"prompt_tokens": 9}, "model": "biometry-q4"}


class ScriptedRunPod:
    """A fake transport: records requests, answers /status with the scripted replies in turn."""

    def __init__(self, *statuses: dict[str, Any]) -> None:
        self.statuses = list(statuses)
        self.calls: list[tuple[str, str, dict[str, Any] | None]] = []

    def __call__(self, method: str, url: str, body: dict[str, Any] | None, headers: dict[str, str]) -> dict[str, Any]:
        self.calls.append((method, url, body))
        if url.endswith("/run"):
            return {"id": "job-1", "status": "IN_QUEUE"}
        if "/cancel/" in url:
            return {"id": "job-1", "status": "CANCELLED"}
        return self.statuses.pop(0)

    def paths(self) -> list[str]:
        return [f"{m} {u.split('/v2/ep')[1]}" for m, u, _ in self.calls]


def client(fake: ScriptedRunPod, jobs: dict[str, str] | None = None) -> RunPodClient:
    return RunPodClient("ep", "key", base_url="https://api.test/v2", transport=fake, jobs=jobs)


def test_submit_posts_run_with_the_request_and_key() -> None:
    fake = ScriptedRunPod()
    client(fake).submit(REQUEST, "doc-1")
    method, url, body = fake.calls[0]
    assert (method, url, body["input"]["prompt"], body["input"]["idempotency_key"]) == (
        "POST",
        "https://api.test/v2/ep/run",
        "AL: 23,41",
        "doc-1",
    )


def test_retried_submit_repolls_the_same_job_instead_of_submitting_again() -> None:
    fake, jobs = ScriptedRunPod(), {}
    ids = [client(fake, jobs).submit(REQUEST, "doc-1") for _ in range(2)]
    assert ids == ["job-1", "job-1"] and len(fake.calls) == 1


def test_queued_job_polls_as_in_queue() -> None:
    assert client(ScriptedRunPod({"status": "IN_QUEUE"})).poll("job-1").status == "IN_QUEUE"


def test_completed_job_returns_the_answer_usage_and_model() -> None:
    job = client(ScriptedRunPod({"status": "COMPLETED", "output": ANSWER})).poll("job-1")
    assert (job.output, job.usage["prompt_tokens"], job.model) == (ANSWER["output"], 9.0, "biometry-q4")


def test_status_is_read_with_get_on_the_status_path() -> None:
    fake = ScriptedRunPod({"status": "IN_PROGRESS"})
    client(fake).poll("job-1")
    assert fake.paths() == ["GET /status/job-1"]


@pytest.mark.parametrize("status", ["CANCELLED", "TIMED_OUT"])
def test_cancelled_or_timed_out_job_is_gpu_unavailable(status: str) -> None:
    with pytest.raises(GpuUnavailable, match=status):
        client(ScriptedRunPod({"status": status})).poll("job-1")


def test_failed_job_is_gpu_unavailable_with_the_worker_message() -> None:
    error = json.dumps({"error_type": "RuntimeError", "error_message": "CUDA out of memory"})
    with pytest.raises(GpuUnavailable, match="CUDA out of memory"):
        client(ScriptedRunPod({"status": "FAILED", "error": error})).poll("job-1")


def test_failed_job_reporting_truncation_is_an_output_error() -> None:
    error = json.dumps({"code": "truncated", "message": "hit max_tokens"})
    with pytest.raises(LlmOutputError):
        client(ScriptedRunPod({"status": "FAILED", "error": error})).poll("job-1")


@pytest.mark.parametrize("output", [None, {}, ""])
def test_completed_with_empty_output_is_a_failure(output: Any) -> None:
    with pytest.raises(GpuUnavailable, match="empty"):
        client(ScriptedRunPod({"status": "COMPLETED", "output": output})).poll("job-1")


def test_completed_with_an_error_output_is_a_failure() -> None:
    with pytest.raises(GpuUnavailable):
        client(ScriptedRunPod({"status": "COMPLETED", "output": {"error": "boom"}})).poll("job-1")


def test_completed_without_an_extraction_is_an_output_error() -> None:
    with pytest.raises(LlmOutputError):
        client(ScriptedRunPod({"status": "COMPLETED", "output": {"usage": {}}})).poll("job-1")


def test_unknown_status_is_a_failure_not_a_wait() -> None:
    with pytest.raises(GpuUnavailable):
        client(ScriptedRunPod({"status": "EXPLODED"})).poll("job-1")


def test_run_without_a_job_id_is_gpu_unavailable() -> None:
    provider = RunPodClient("ep", "k", transport=lambda *a: {"status": "error"})
    with pytest.raises(GpuUnavailable):
        provider.submit(REQUEST, "doc-1")


def test_unfinished_job_at_the_deadline_is_cancelled_and_fails() -> None:
    fake = ScriptedRunPod({"status": "IN_PROGRESS"})
    with pytest.raises(GpuUnavailable, match="deadline"):
        poll_job(client(fake), "job-1", deadline_epoch_s=100.0, now_epoch_s=100.0)
    assert fake.paths()[-1] == "POST /cancel/job-1"


def test_unfinished_job_before_the_deadline_keeps_waiting() -> None:
    fake = ScriptedRunPod({"status": "IN_PROGRESS"})
    job = poll_job(client(fake), "job-1", deadline_epoch_s=100.0, now_epoch_s=50.0)
    assert job.status == "IN_PROGRESS" and fake.paths() == ["GET /status/job-1"]


def test_job_finished_at_the_deadline_is_kept_not_cancelled() -> None:
    fake = ScriptedRunPod({"status": "COMPLETED", "output": ANSWER})
    assert poll_job(client(fake), "job-1", deadline_epoch_s=1.0, now_epoch_s=2.0).status == "COMPLETED"


@pytest.fixture
def http_server() -> Iterator[str]:
    class Reply(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            code, body = {"/500": (500, b"{}"), "/html": (200, b"<html>"), "/list": (200, b"[]")}[self.path]
            self.send_response(code)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Reply)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.parametrize("path", ["/500", "/html", "/list"])
def test_http_errors_and_non_json_become_gpu_unavailable(http_server: str, path: str) -> None:
    with pytest.raises(GpuUnavailable):
        http_json("GET", http_server + path, None, {})


def test_unreachable_host_is_gpu_unavailable() -> None:
    with pytest.raises(GpuUnavailable):
        http_json("GET", "http://127.0.0.1:9/status/x", None, {})


@mock_aws
def test_api_key_is_read_from_secrets_manager() -> None:
    secrets = boto3.client("secretsmanager", region_name="us-east-1")
    secrets.create_secret(Name="runpod", SecretString=json.dumps({"api_key": "rp-123"}))
    assert api_key_from_secret(secrets, "runpod") == "rp-123"


@mock_aws
def test_provider_from_env_builds_runpod_with_the_secret_key() -> None:
    secrets = boto3.client("secretsmanager", region_name="us-east-1")
    secrets.create_secret(Name="runpod", SecretString="rp-456")
    env = {"LLM_PROVIDER": "runpod", "RUNPOD_ENDPOINT_ID": "ep", "RUNPOD_API_KEY_SECRET": "runpod"}
    assert isinstance(provider_from_env(env, secrets_client=secrets), RunPodClient)


def test_no_provider_configured_is_none() -> None:
    assert provider_from_env({}) is None


def test_runpod_without_endpoint_is_llm_unavailable() -> None:
    with pytest.raises(LlmUnavailable):
        provider_from_env({"LLM_PROVIDER": "runpod", "RUNPOD_API_KEY": "k"})
