"""The worker's engine: load the GGUF model once, run one schema-constrained extraction per job."""

from __future__ import annotations

import importlib
import json
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Protocol

DEFAULT_MAX_TOKENS = 2048
MAX_TOKENS_CAP = int(os.environ.get("MAX_TOKENS_CAP", "8192"))


@dataclass(frozen=True)
class Generation:
    """What one model call produced."""

    text: str
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int


class Engine(Protocol):
    """A loaded model that answers one prompt under a JSON schema, within max_tokens; `parallel_slots` prompts at
    once (the worker takes that many jobs concurrently)."""

    model_id: str
    parallel_slots: int

    def generate(self, prompt: str, json_schema: dict[str, Any], max_tokens: int) -> Generation: ...


class JobError(Exception):
    """A structured failure returned to RunPod as {"error": {"code", "message"}} (the job ends FAILED)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class LlamaEngine:
    """llama.cpp in-process (llama-cpp-python), one sequence at a time; the JSON schema becomes a grammar."""

    parallel_slots = 1

    def __init__(self, model_path: str, n_ctx: int = 16384, n_gpu_layers: int = -1) -> None:
        from llama_cpp import Llama

        self.model_id = os.environ.get("MODEL_ID") or os.path.basename(model_path)
        self._llama = Llama(model_path=model_path, n_ctx=n_ctx, n_gpu_layers=n_gpu_layers, verbose=False)

    def generate(self, prompt: str, json_schema: dict[str, Any], max_tokens: int) -> Generation:
        from llama_cpp import LlamaGrammar

        try:
            grammar = LlamaGrammar.from_json_schema(json.dumps(json_schema), verbose=False)
        except Exception as error:  # a schema that does not compile must fail, not be dropped
            raise JobError("schema_invalid", f"JSON schema does not compile to a grammar: {error}") from error
        reply: Any = self._llama.create_chat_completion(
            messages=[{"role": "user", "content": prompt}],  # the prompt carries the instructions
            grammar=grammar,
            max_tokens=max_tokens,
            temperature=0.0,
        )
        choice, usage = reply["choices"][0], reply["usage"]
        return Generation(
            text=choice["message"]["content"] or "",
            finish_reason=choice.get("finish_reason") or "stop",
            prompt_tokens=int(usage["prompt_tokens"]),
            completion_tokens=int(usage["completion_tokens"]),
        )


class ServerEngine:
    """A local llama.cpp server decoding many sequences at once (llama-server --parallel N; llama-cpp-python's
    server, one at a time, for tests): OpenAI chat completions, the JSON schema as llama.cpp's `json_object` form."""

    def __init__(self, base_url: str, parallel_slots: int, model_id: str = "biometry", timeout_s: float = 600) -> None:
        self.model_id = model_id
        self.parallel_slots = parallel_slots
        self._url = f"{base_url.rstrip('/')}/chat/completions"
        self._timeout_s = timeout_s

    def generate(self, prompt: str, json_schema: dict[str, Any], max_tokens: int) -> Generation:
        body = {
            "model": self.model_id,
            "messages": [{"role": "user", "content": prompt}],
            "max_tokens": max_tokens,
            "temperature": 0.0,
            "response_format": {"type": "json_object", "schema": json_schema},  # llama.cpp's form (both servers)
        }
        reply = self._post(body)
        choice, usage = reply["choices"][0], reply.get("usage") or {}
        return Generation(
            text=choice["message"].get("content") or "",
            finish_reason=choice.get("finish_reason") or "stop",
            prompt_tokens=int(usage.get("prompt_tokens", 0)),
            completion_tokens=int(usage.get("completion_tokens", 0)),
        )

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            self._url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout_s) as response:
                reply: dict[str, Any] = json.loads(response.read())
                return reply
        except urllib.error.HTTPError as error:
            if 400 <= error.code < 500:  # the server refused this job (e.g. a schema it cannot compile)
                raise JobError("rejected", f"The model server refused the job: HTTP {error.code}") from error
            raise


def load_engine(env: dict[str, str] | None = None) -> Engine:
    """The engine named by ENGINE_FACTORY (module:function, for tests), a local model server at LLAMA_SERVER_URL
    (PARALLEL_SLOTS sequences at once), or llama.cpp in-process on MODEL_PATH."""
    env = dict(os.environ) if env is None else env
    factory = env.get("ENGINE_FACTORY")
    if factory:
        module, _, name = factory.partition(":")
        engine: Engine = getattr(importlib.import_module(module), name)()
        return engine
    if env.get("LLAMA_SERVER_URL"):
        model_id = env.get("MODEL_ID") or "biometry"
        return ServerEngine(env["LLAMA_SERVER_URL"], int(env.get("PARALLEL_SLOTS", "8")), model_id)
    path = env.get("MODEL_PATH", "")
    if not os.path.isfile(path):
        raise RuntimeError(f"MODEL_PATH {path!r} is not a file: refusing to start without a model.")
    return LlamaEngine(path, int(env.get("N_CTX", "16384")), int(env.get("N_GPU_LAYERS", "-1")))


def run_job(engine: Engine, job_input: object) -> dict[str, Any]:
    """One job: a parsed answer with usage, timings and model id, or {"error": ...}; never an empty success."""
    try:
        return _extract(engine, job_input)
    except JobError as error:
        return {"error": json.dumps({"code": error.code, "message": str(error)})}


def _extract(engine: Engine, job_input: object) -> dict[str, Any]:
    prompt, schema, max_tokens = _parse_input(job_input)
    started = time.perf_counter()
    generation = engine.generate(prompt, schema, max_tokens)
    elapsed = time.perf_counter() - started
    if generation.finish_reason == "length":
        raise JobError("truncated", f"The answer hit max_tokens={max_tokens} and is incomplete.")
    try:
        answer = json.loads(generation.text)
    except ValueError as error:
        raise JobError("invalid_json", f"The model's answer is not JSON: {error}") from error
    if not isinstance(answer, dict) or not answer:
        raise JobError("invalid_json", "The model's answer is not a non-empty JSON object.")
    return {
        "output": answer,
        "usage": {"prompt_tokens": generation.prompt_tokens, "completion_tokens": generation.completion_tokens},
        "timings": {"generate_s": round(elapsed, 3)},
        "model": engine.model_id,
    }


def _parse_input(job_input: object) -> tuple[str, dict[str, Any], int]:
    if not isinstance(job_input, dict):
        raise JobError("bad_input", "Job input must be an object.")
    prompt, schema = job_input.get("prompt"), job_input.get("json_schema")
    if not isinstance(prompt, str) or not prompt.strip():
        raise JobError("bad_input", "Job input needs a non-empty 'prompt'.")
    if not isinstance(schema, dict) or not schema:
        raise JobError("bad_input", "Job input needs a 'json_schema' object.")
    max_tokens = job_input.get("max_tokens", DEFAULT_MAX_TOKENS)
    if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
        raise JobError("bad_input", "'max_tokens' must be a positive integer.")
    return prompt, schema, min(max_tokens, MAX_TOKENS_CAP)
