"""RunPod serverless over plain HTTP (no SDK): submit with /run, poll /status, cancel; every end state named."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, MutableMapping
from typing import Any

from biometry.errors import GpuUnavailable, LlmOutputError
from biometry.llm.tier import LlmJob, LlmRequest
from biometry.models import Method

API_URL = "https://api.runpod.ai/v2"
HTTP_TIMEOUT_S = 10.0
_RUNNING = ("IN_QUEUE", "IN_PROGRESS")
_OUTPUT_ERRORS = frozenset({"truncated", "invalid_json", "schema_invalid"})

Transport = Callable[[str, str, dict[str, Any] | None, dict[str, str]], dict[str, Any]]


class RunPodClient:
    """One RunPod endpoint; `jobs` remembers idempotency key -> job id so a retried submit re-polls."""

    method: Method = "gpu_llm"

    def __init__(
        self,
        endpoint_id: str,
        api_key: str,
        *,
        base_url: str = API_URL,
        jobs: MutableMapping[str, str] | None = None,
        transport: Transport | None = None,
        execution_timeout_ms: int = 300_000,
    ) -> None:
        self._root = f"{base_url.rstrip('/')}/{endpoint_id}"
        self._headers = {"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"}
        self._jobs = jobs if jobs is not None else {}
        self._send = transport or http_json
        self._policy = {"executionTimeout": execution_timeout_ms, "ttl": 1_800_000}

    def submit(self, request: LlmRequest, idempotency_key: str) -> str:
        """Queue one job (or return the job already queued under this key)."""
        if idempotency_key in self._jobs:
            return self._jobs[idempotency_key]
        body = {"input": {**request.model_dump(), "idempotency_key": idempotency_key}, "policy": self._policy}
        reply = self._send("POST", f"{self._root}/run", body, self._headers)
        job_id = reply.get("id")
        if not isinstance(job_id, str) or not job_id:
            raise GpuUnavailable(f"RunPod /run returned no job id (status {reply.get('status')!r}).")
        self._jobs[idempotency_key] = job_id
        return job_id

    def poll(self, job_id: str) -> LlmJob:
        """The job's state; raises GpuUnavailable / LlmOutputError for every end state but a usable COMPLETED."""
        reply = self._send("GET", f"{self._root}/status/{job_id}", None, self._headers)
        return job_from_status(job_id, reply)

    def cancel(self, job_id: str) -> None:
        """Ask RunPod to stop the job (at the deadline); a job already finished is fine."""
        self._send("POST", f"{self._root}/cancel/{job_id}", None, self._headers)


def job_from_status(job_id: str, reply: dict[str, Any]) -> LlmJob:
    """Map one /status reply to an `LlmJob`, or to the named error of its end state."""
    status = reply.get("status")
    if status in _RUNNING:
        return LlmJob(job_id=job_id, status=status)
    if status == "COMPLETED":
        return _completed(job_id, reply.get("output"))
    if status == "FAILED":
        raise _failure(job_id, reply.get("error"))
    if status in ("CANCELLED", "TIMED_OUT"):
        raise GpuUnavailable(f"RunPod job {job_id} ended {status}.")
    raise GpuUnavailable(f"RunPod job {job_id} has unknown status {status!r}.")


def _completed(job_id: str, output: object) -> LlmJob:
    if not isinstance(output, dict) or not output:
        raise GpuUnavailable(f"RunPod job {job_id} COMPLETED with empty output.")
    if output.get("error"):
        raise _failure(job_id, output["error"])
    answer = output.get("output")
    if not isinstance(answer, dict) or not answer:
        raise LlmOutputError(f"RunPod job {job_id} COMPLETED without an extraction.")
    usage = {k: float(v) for k, v in {**output.get("usage", {}), **output.get("timings", {})}.items()}
    return LlmJob(job_id=job_id, status="COMPLETED", output=answer, usage=usage, model=output.get("model"))


def _failure(job_id: str, error: object) -> GpuUnavailable | LlmOutputError:
    """A worker error: its structured code decides whether a retry can help."""
    detail: Any = error
    if isinstance(error, str):
        try:
            detail = json.loads(error)
        except ValueError:
            detail = {"message": error}
    code = detail.get("code") if isinstance(detail, dict) else None
    message = detail.get("message") or detail.get("error_message") if isinstance(detail, dict) else str(detail)
    text = f"RunPod job {job_id} failed ({code or 'worker_error'}): {str(message)[:300]}"
    return LlmOutputError(text) if code in _OUTPUT_ERRORS else GpuUnavailable(text)


def http_json(
    method: str, url: str, body: dict[str, Any] | None, headers: dict[str, str], *, timeout_s: float = HTTP_TIMEOUT_S
) -> dict[str, Any]:
    """One JSON request with the stdlib; network and HTTP errors become GpuUnavailable (the HTTPError as cause)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            raw = response.read()
    except urllib.error.HTTPError as error:
        raise GpuUnavailable(f"RunPod HTTP {error.code} on {method} {_path(url)}.") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise GpuUnavailable(f"RunPod unreachable on {method} {_path(url)}: {error}.") from error
    try:
        reply = json.loads(raw or b"{}")
    except ValueError as error:
        raise GpuUnavailable(f"RunPod answered non-JSON on {method} {_path(url)}.") from error
    if not isinstance(reply, dict):
        raise GpuUnavailable(f"RunPod answered {type(reply).__name__} on {method} {_path(url)}.")
    return reply


def _path(url: str) -> str:
    return "/" + "/".join(url.split("/")[-2:])


def api_key_from_secret(secrets_client: Any, secret_id: str) -> str:
    """The RunPod API key from Secrets Manager (a plain string, or JSON with an `api_key` field)."""
    value = str(secrets_client.get_secret_value(SecretId=secret_id)["SecretString"])
    if value.lstrip().startswith("{"):
        return str(json.loads(value)["api_key"])
    return value
