"""`biometry eval DIR --llm URL --llm URL2` against two real OpenAI-compatible servers (llama-cpp-python's server,
two tiny GGUFs of different seeds): the side-by-side table, and no silent error whatever the models answer.

Opt-in: `make test-llama` (venv from scripts/setup_llama.sh).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

pytest.importorskip("llama_cpp.server", reason="llama-cpp-python[server] is not installed: run scripts/setup_llama.sh")
pytest.importorskip("gguf", reason="gguf is not installed: run scripts/setup_llama.sh")

from benchmarks.model_server import free_port, wait_until_ready
from biometry.synth.corpus import make_corpus
from tests.gpu_worker.tiny_gguf import write_tiny_gguf

pytestmark = pytest.mark.llama


@contextmanager
def serving(model: Path, log_path: Path) -> Iterator[str]:
    """`python -m llama_cpp.server` serving `model` on a free 127.0.0.1 port, stopped afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", "biometry"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "8192", "--n_gpu_layers", "0"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=log)
        try:
            url = f"http://127.0.0.1:{port}/v1"
            wait_until_ready(url, process, log_path, timeout_s=120)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    workdir = tmp_path_factory.mktemp("servers")
    with ExitStack() as stack:
        yield [
            stack.enter_context(serving(write_tiny_gguf(workdir / f"tiny-{seed}.gguf", seed), workdir / f"{seed}.log"))
            for seed in (0, 1)
        ]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    make_corpus(directory, 1, seed=4, image_share=0.0, devices=("unknown",))
    make_corpus(directory, 1, seed=4, image_share=0.0, devices=("iolmaster700",))
    return directory


def evaluate(corpus: Path, urls: list[str], *extra: str) -> str:
    command = [sys.executable, "-m", "biometry.cli", "eval", str(corpus), *(a for url in urls for a in ("--llm", url))]
    return subprocess.run([*command, *extra], capture_output=True, timeout=600, check=True, text=True).stdout


def test_eval_prints_the_two_endpoints_side_by_side(corpus: Path, two_servers: list[str]) -> None:
    pytest.importorskip("rich", reason="the table needs rich (a dev dependency): pip install rich into this venv")
    header = next(line for line in evaluate(corpus, two_servers).splitlines() if line.startswith("┃ field"))
    assert header.index(two_servers[0]) < header.index(two_servers[1])


@pytest.fixture(scope="module")
def figures(corpus: Path, two_servers: list[str]) -> dict[str, dict[str, float]]:
    figures: dict[str, dict[str, float]] = json.loads(evaluate(corpus, two_servers, "--json"))
    return figures


def test_eval_scores_only_the_document_the_regex_tier_cannot_accept(
    figures: dict[str, dict[str, float]], two_servers: list[str]
) -> None:
    assert [figures[url]["documents"] for url in two_servers] == [1, 1]


def test_tiny_models_make_no_silent_error_after_the_validator(
    figures: dict[str, dict[str, float]], two_servers: list[str]
) -> None:
    assert [figures[url]["silent_error_values"] for url in two_servers] == [0, 0]


def test_eval_measures_tokens_per_document(figures: dict[str, dict[str, float]], two_servers: list[str]) -> None:
    assert all(figures[url]["mean_prompt_tokens"] > 0 for url in two_servers)
