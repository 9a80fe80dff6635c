"""Servers differ in how they take a JSON schema: OpenAI's `json_schema` first, `json_object` + schema when the
server refuses the response_format (llama-cpp-python's server answers HTTP 500 naming it)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from biometry.errors import GpuUnavailable
from biometry.llm.openai_client import OpenAiCompatibleClient
from biometry.llm.tier import LlmRequest

REQUEST = LlmRequest(prompt="AL: 23,41", json_schema={"type": "object"}, max_tokens=300)
ANSWER = {"choices": [{"message": {"content": '{"OD": {"axial_length_mm": 23.41}}'}, "finish_reason": "stop"}]}


class PickyServer:
    """Answers a request whose response_format type is in `accepted`; else HTTP `refusal` with `reason` as detail."""

    def __init__(self, accepted: tuple[str, ...], refusal: int = 500, reason: str = "bad response_format") -> None:
        self.accepted, self.refusal, self.reason = accepted, refusal, reason
        self.bodies: list[dict[str, Any]] = []


@pytest.fixture
def serve() -> Iterator[Any]:
    servers: list[ThreadingHTTPServer] = []

    def start(state: PickyServer) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                state.bodies.append(body)
                ok = body["response_format"]["type"] in state.accepted
                raw = json.dumps(ANSWER if ok else {"detail": state.reason}).encode()
                self.send_response(200 if ok else state.refusal)
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args: Any) -> None:
                return

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/v1"

    yield start
    for server in servers:
        server.shutdown()


def test_a_server_refusing_json_schema_gets_json_object_with_the_schema(serve: Any) -> None:
    state = PickyServer(accepted=("json_object",))
    client = OpenAiCompatibleClient(serve(state), "m")
    client.submit(REQUEST, "doc-1")
    assert state.bodies[-1]["response_format"] == {"type": "json_object", "schema": {"type": "object"}}


def test_the_fallback_answer_is_the_jobs_answer(serve: Any) -> None:
    client = OpenAiCompatibleClient(serve(PickyServer(accepted=("json_object",))), "m")
    assert client.poll(client.submit(REQUEST, "doc-1")).output == {"OD": {"axial_length_mm": 23.41}}


def test_a_server_that_takes_json_schema_is_asked_once(serve: Any) -> None:
    state = PickyServer(accepted=("json_schema",))
    OpenAiCompatibleClient(serve(state), "m").submit(REQUEST, "doc-1")
    assert [b["response_format"]["type"] for b in state.bodies] == ["json_schema"]


def test_a_server_error_is_not_retried_with_another_form(serve: Any) -> None:
    state = PickyServer(accepted=(), refusal=500, reason="CUDA error: out of memory")
    with pytest.raises(GpuUnavailable):
        OpenAiCompatibleClient(serve(state), "m").submit(REQUEST, "doc-1")
    assert len(state.bodies) == 1
