"""The fine-tuning chain end to end on a CPU: `biometry train-data` -> LoRA on a tiny random Qwen2 -> merge -> GGUF
(llama.cpp's converter) -> q4_k_m (llama.cpp's quantiser) -> answers through the GPU worker's engine -> model card.

Opt-in: `make test-train` (.venv-train from scripts/setup_train.sh; quantising and serving borrow .venv-llama from
scripts/setup_llama.sh). The tiny model's answers are not meant to be good; that they are schema-valid answers of
the fine-tuned GGUF through the worker is.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("torch", reason="torch is not installed: run scripts/setup_train.sh")
pytest.importorskip("peft", reason="peft is not installed: run scripts/setup_train.sh")

from biometry.synth.corpus import make_corpus
from biometry.training.data import build_dataset, labelled_documents
from training.run import LLAMA_VENV_PYTHON, main

pytestmark = pytest.mark.train

Q4_K_M = 15  # llama.cpp's LLAMA_FTYPE_MOSTLY_Q4_K_M, as written in general.file_type


def llama_python() -> Path:
    done = subprocess.run([str(LLAMA_VENV_PYTHON), "-c", "import llama_cpp"], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("llama-cpp-python is not in .venv-llama: run scripts/setup_llama.sh")
    return LLAMA_VENV_PYTHON


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one command, on training data built from three synthetic device exports (short prompts)."""
    workdir = tmp_path_factory.mktemp("train")
    make_corpus(workdir / "corpus", 3, seed=1, image_share=0.0, devices=("export",))
    build_dataset(workdir / "data", labelled_documents(workdir / "corpus", "synthetic"))
    out = workdir / "out"
    arguments = ["--data", str(workdir / "data"), "--out", str(out), "--tiny", "--llama-python", str(llama_python())]
    assert main(arguments) == 0
    return out


def figures(out: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((out / "run.json").read_text())
    return loaded


def test_training_lowers_the_answer_loss(run: Path) -> None:
    assert figures(run)["run"]["last_loss"] < figures(run)["run"]["first_loss"]


def test_the_merged_model_holds_no_adapter_weights(run: Path) -> None:
    from safetensors import safe_open

    with safe_open(str(run / "merged" / "model.safetensors"), "pt") as weights:
        assert [name for name in weights.keys() if "lora" in name] == []  # noqa: SIM118 (safe_open is no dict)


def test_the_chain_writes_a_q4_k_m_gguf(run: Path) -> None:
    from gguf import GGUFReader

    reader = GGUFReader(run / "biometry-parser.q4_k_m.gguf")
    file_type = reader.fields["general.file_type"]
    assert int(file_type.parts[file_type.data[0]][0]) == Q4_K_M


def test_every_answer_of_the_fine_tuned_gguf_through_the_worker_is_schema_valid(run: Path) -> None:
    evaluation = figures(run)["evaluation"]
    assert evaluation["schema_valid"] == evaluation["examples"] > 0


def test_the_model_card_carries_the_evaluation(run: Path) -> None:
    card = (run / "MODEL_CARD.md").read_text()
    assert f"| schema valid | {figures(run)['evaluation']['schema_valid']} |" in card
