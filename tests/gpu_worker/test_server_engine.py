"""The worker's parallel engine against a stand-in OpenAI-compatible server on 127.0.0.1 (the real one: test-llama)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from gpu_worker.engine import JobError, ServerEngine, run_job

REPLY = {
    "choices": [{"message": {"content": '{"OD": {"axial_length_mm": 23.41}}'}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 812, "completion_tokens": 31},
}


class StandInServer:
    """Answers every chat completion with `reply` (or `status`), keeping the request bodies it received."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.reply: dict[str, Any] = REPLY
        self.status = 200
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                stand_in.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                raw = json.dumps(stand_in.reply).encode()
                self.send_response(stand_in.status)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http.server_port}/v1"


@pytest.fixture
def server() -> Iterator[StandInServer]:
    stand_in = StandInServer()
    threading.Thread(target=stand_in.http.serve_forever, daemon=True).start()
    yield stand_in
    stand_in.http.shutdown()


def job(max_tokens: int = 256) -> dict[str, Any]:
    return {"prompt": "AL: 23,41", "json_schema": {"type": "object"}, "max_tokens": max_tokens}


def test_answer_and_usage_come_from_the_server(server: StandInServer) -> None:
    result = run_job(ServerEngine(server.url, parallel_slots=4), job())
    assert (result["output"], result["usage"]) == (
        {"OD": {"axial_length_mm": 23.41}},
        {"prompt_tokens": 812, "completion_tokens": 31},
    )


def test_schema_and_token_cap_are_sent_in_llama_cpps_json_object_form(server: StandInServer) -> None:
    run_job(ServerEngine(server.url, parallel_slots=4), job(max_tokens=300))
    body = server.bodies[-1]
    assert (body["response_format"]["schema"], body["max_tokens"]) == ({"type": "object"}, 300)


def test_answer_cut_at_max_tokens_by_the_server_is_truncated(server: StandInServer) -> None:
    server.reply = {**REPLY, "choices": [{"message": {"content": '{"OD": '}, "finish_reason": "length"}]}
    result = run_job(ServerEngine(server.url, parallel_slots=4), job())
    assert json.loads(result["error"])["code"] == "truncated"


def test_a_job_the_server_refuses_is_a_structured_failure(server: StandInServer) -> None:
    server.status = 400
    with pytest.raises(JobError, match="HTTP 400"):
        ServerEngine(server.url, parallel_slots=4).generate("x", {"type": "object"}, 16)
