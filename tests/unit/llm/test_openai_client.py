"""The OpenAI-compatible provider (Ollama, vLLM, Together) against a local fake chat server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from biometry.errors import GpuUnavailable, LlmOutputError
from biometry.llm.openai_client import OpenAiCompatibleClient
from biometry.llm.tier import LlmRequest, provider_from_env

REQUEST = LlmRequest(prompt="AL: 23,41", json_schema={"type": "object"}, max_tokens=300)


class ChatServer:
    """Replies with `content`/`finish_reason`; keeps every request body it saw."""

    def __init__(self) -> None:
        self.content = json.dumps({"OD": {"axial_length_mm": 23.41}})
        self.finish_reason = "stop"
        self.bodies: list[dict[str, Any]] = []


@pytest.fixture
def chat() -> Iterator[tuple[ChatServer, str]]:
    state = ChatServer()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            state.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            choice = {"message": {"role": "assistant", "content": state.content}, "finish_reason": state.finish_reason}
            raw = json.dumps({"model": "qwen2.5:7b", "choices": [choice], "usage": {"total_tokens": 42}}).encode()
            self.send_response(200)
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield state, f"http://127.0.0.1:{server.server_port}/v1"
    server.shutdown()


def test_answer_is_parsed_json_with_usage_and_model(chat: tuple[ChatServer, str]) -> None:
    client = OpenAiCompatibleClient(chat[1], "qwen2.5:7b")
    job = client.poll(client.submit(REQUEST, "doc-1"))
    assert (job.output, job.usage["total_tokens"], job.model) == (
        {"OD": {"axial_length_mm": 23.41}},
        42.0,
        "qwen2.5:7b",
    )


def test_request_sends_the_schema_as_response_format_and_caps_tokens(chat: tuple[ChatServer, str]) -> None:
    OpenAiCompatibleClient(chat[1], "m").submit(REQUEST, "doc-1")
    body = chat[0].bodies[0]
    assert (body["response_format"]["json_schema"]["schema"], body["max_tokens"]) == ({"type": "object"}, 300)


def test_same_key_does_not_call_the_model_twice(chat: tuple[ChatServer, str]) -> None:
    client = OpenAiCompatibleClient(chat[1], "m")
    client.submit(REQUEST, "doc-1")
    client.submit(REQUEST, "doc-1")
    assert len(chat[0].bodies) == 1


def test_finish_reason_length_is_an_output_error(chat: tuple[ChatServer, str]) -> None:
    chat[0].finish_reason = "length"
    with pytest.raises(LlmOutputError, match="truncated"):
        OpenAiCompatibleClient(chat[1], "m").submit(REQUEST, "doc-1")


def test_non_json_content_is_an_output_error(chat: tuple[ChatServer, str]) -> None:
    chat[0].content = "Sure! AL is 23.41"
    with pytest.raises(LlmOutputError):
        OpenAiCompatibleClient(chat[1], "m").submit(REQUEST, "doc-1")


def test_polling_an_unknown_job_is_gpu_unavailable() -> None:
    with pytest.raises(GpuUnavailable):
        OpenAiCompatibleClient("http://127.0.0.1:9/v1", "m").poll("lost")


def test_configuration_chooses_the_openai_provider() -> None:
    env = {"LLM_PROVIDER": "openai", "OPENAI_BASE_URL": "http://127.0.0.1:11434/v1", "OPENAI_MODEL": "m"}
    assert isinstance(provider_from_env(env), OpenAiCompatibleClient)
