"""An OpenAI-compatible chat server (Ollama, vLLM, llama-server, Together) behind the submit/poll/cancel interface."""

from __future__ import annotations

import functools
import json
import urllib.error
from collections.abc import MutableMapping
from typing import Any

from biometry.errors import GpuUnavailable, LlmOutputError
from biometry.llm.runpod_client import Transport, http_json
from biometry.llm.schema import SCHEMA_NAME
from biometry.llm.tier import LlmJob, LlmRequest
from biometry.models import Method

COMPLETION_TIMEOUT_S = 300.0  # a whole extraction is decoded before the reply: thousands of tokens on one GPU


class OpenAiCompatibleClient:
    """Chat completions are synchronous: `submit` runs the call and keeps the finished job for `poll`."""

    method: Method = "gpu_llm"

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str | None = None,
        jobs: MutableMapping[str, LlmJob] | None = None,
        transport: Transport | None = None,
        timeout_s: float = COMPLETION_TIMEOUT_S,
    ) -> None:
        self._url = f"{base_url.rstrip('/')}/chat/completions"
        self._model = model
        self._headers = {"Content-Type": "application/json"}
        if api_key:
            self._headers["Authorization"] = f"Bearer {api_key}"
        self._jobs: MutableMapping[str, LlmJob] = jobs if jobs is not None else {}
        self._send = transport or functools.partial(http_json, timeout_s=timeout_s)

    def submit(self, request: LlmRequest, idempotency_key: str) -> str:
        """Run the completion now (once per key); the job id is the idempotency key."""
        if idempotency_key not in self._jobs:
            self._jobs[idempotency_key] = completion_to_job(idempotency_key, self._complete(request))
        return idempotency_key

    def _complete(self, request: LlmRequest) -> dict[str, Any]:
        """The OpenAI `json_schema` response format; a server that refuses it gets `json_object` with the schema."""
        body = self._body(request)
        try:
            return self._send("POST", self._url, body, self._headers)
        except GpuUnavailable as error:
            if not _refused_response_format(error):
                raise
        body["response_format"] = {"type": "json_object", "schema": request.json_schema}
        return self._send("POST", self._url, body, self._headers)

    def poll(self, job_id: str) -> LlmJob:
        """The stored answer of a submitted job."""
        job = self._jobs.get(job_id)
        if job is None:
            raise GpuUnavailable(f"No answer stored for job {job_id}; submit again.")
        return job

    def cancel(self, job_id: str) -> None:
        """Nothing runs in the background: forget the job."""
        self._jobs.pop(job_id, None)

    def _body(self, request: LlmRequest) -> dict[str, Any]:
        return {
            "model": self._model,
            "messages": [{"role": "user", "content": request.prompt}],
            "max_tokens": request.max_tokens,
            "temperature": 0,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": SCHEMA_NAME, "schema": request.json_schema, "strict": False},
            },
        }


def _refused_response_format(error: GpuUnavailable) -> bool:
    """The server refused the request's `response_format` (llama-cpp-python's server: HTTP 500 naming it)."""
    cause = error.__cause__
    if not isinstance(cause, urllib.error.HTTPError):
        return False
    try:
        detail = cause.read()
    except OSError:
        return False
    return b"response_format" in detail


def completion_to_job(job_id: str, reply: dict[str, Any]) -> LlmJob:
    """A chat completion as a finished job; truncation or non-JSON content is an LlmOutputError."""
    try:
        choice = reply["choices"][0]
        content = choice["message"]["content"]
    except (KeyError, IndexError, TypeError) as error:
        raise GpuUnavailable("OpenAI-compatible server answered without a choice.") from error
    if choice.get("finish_reason") == "length":
        raise LlmOutputError("The model hit max_tokens: the extraction is truncated.")
    try:
        output = json.loads(content or "")
    except ValueError as error:
        raise LlmOutputError("The model's answer is not JSON.") from error
    if not isinstance(output, dict) or not output:
        raise LlmOutputError("The model's answer is not a JSON object.")
    usage = {k: float(v) for k, v in (reply.get("usage") or {}).items() if isinstance(v, int | float)}
    return LlmJob(job_id=job_id, status="COMPLETED", output=output, usage=usage, model=reply.get("model"))
