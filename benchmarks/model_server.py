"""A model to serve (made here) and an OpenAI-compatible server for it on 127.0.0.1, for the throughput benchmark."""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

START_TIMEOUT_S = 900  # a 7B model loads in well under a minute on a GPU; a cold disk may be slower


def make_model(kind: str, directory: Path) -> Path:
    """`tiny`: the test suite's 2-layer model; `small-q4k` / `7b`: random Q4_K weights of that shape."""
    directory.mkdir(parents=True, exist_ok=True)
    if kind == "tiny":
        from tests.gpu_worker.tiny_gguf import write_tiny_gguf

        return write_tiny_gguf(directory / "tiny.gguf")
    from random_gguf import SHAPES, write_random_gguf

    return write_random_gguf(directory / f"random-{kind}.gguf", SHAPES[kind])


def server_command(args: argparse.Namespace, model: Path, slots: int, context: int, port: int) -> list[str]:
    """llama-server with `slots` parallel sequences (continuous batching), or llama-cpp-python's server (one)."""
    if args.server == "llama-server":
        return [
            *(args.llama_server, "--model", str(model), "--host", "127.0.0.1", "--port", str(port)),
            *("--parallel", str(slots), "--ctx-size", str(context * slots), "--n-gpu-layers", "999"),
            *("--cont-batching", "--alias", "biometry"),
        ]
    return [
        *(sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", "biometry"),
        *("--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(context), "--n_gpu_layers", "-1"),
    ]


@contextmanager
def serve(args: argparse.Namespace, model: Path, slots: int, context: int, workdir: Path) -> Iterator[str]:
    """The server's OpenAI base URL (`args.url` when given) while the block runs; the server is stopped after."""
    if args.url:
        yield args.url
        return
    port = free_port()
    log = (workdir / "server.log").open("wb")
    process = subprocess.Popen(server_command(args, model, slots, context, port), stdout=log, stderr=log)
    try:
        url = f"http://127.0.0.1:{port}/v1"
        wait_until_ready(url, process, workdir / "server.log")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_ready(url: str, process: subprocess.Popen[bytes], log: Path, timeout_s: float = START_TIMEOUT_S) -> None:
    """Poll GET /v1/models until it answers; fail with the server's log if it exits or never answers."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the model server exited:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"the model server did not answer within {timeout_s:.0f} s")
