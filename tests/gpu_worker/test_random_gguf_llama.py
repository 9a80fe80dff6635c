"""The benchmark's random-weights models are real GGUF files: llama.cpp loads a small one and decodes with it.

Opt-in: `make test-llama`. The 7B shape is the same code with bigger numbers (written only on a GPU machine).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed: run scripts/setup_llama.sh")
pytest.importorskip("gguf", reason="gguf is not installed: run scripts/setup_llama.sh")

from benchmarks.random_gguf import SHAPES, write_random_gguf

pytestmark = pytest.mark.llama


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_random_gguf(tmp_path_factory.mktemp("gguf") / "small.gguf", SHAPES["small-q4k"])


def test_random_q4k_model_loads_with_its_shape(model_path: Path) -> None:
    from llama_cpp import Llama

    llama = Llama(model_path=str(model_path), n_ctx=512, n_gpu_layers=0, verbose=False)
    assert (llama.n_embd(), llama.n_vocab()) == (SHAPES["small-q4k"].n_embd, SHAPES["small-q4k"].n_vocab)


def test_random_q4k_model_decodes_the_tokens_asked_for(model_path: Path) -> None:
    from llama_cpp import Llama

    llama = Llama(model_path=str(model_path), n_ctx=512, n_gpu_layers=0, verbose=False)
    logit_bias = {2: -1e9}  # never end early: the run must produce every token asked for
    reply = llama.create_completion("AL: 23,41 mm", max_tokens=16, temperature=0.0, logit_bias=logit_bias)
    # at least 16: llama-cpp-python decodes on past the cap to finish a UTF-8 character split over byte tokens
    assert reply["usage"]["completion_tokens"] >= 16  # type: ignore[index]
