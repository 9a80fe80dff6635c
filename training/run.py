"""One command for the whole fine-tuning chain: `python -m training.run --data DIR --out DIR [--base ID] [--smoke]`.

data (`biometry train-data`) -> LoRA -> merge -> GGUF (llama.cpp converter) -> q4_k_m (llama.cpp quantiser) ->
answers through the GPU worker's engine on the validation split -> model card. `--tiny` swaps the base for a tiny
random Qwen2 built from the training texts: the same chain on a CPU in about a minute.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from training.config import DEFAULT_BASE, TrainConfig

ROOT = Path(__file__).resolve().parents[1]
LLAMA_VENV_PYTHON = ROOT / ".venv-llama" / "bin" / "python"
SMOKE = {"max_steps": 30, "eval_limit": 4, "max_seq_tokens": 4096}  # < 10 min on one GPU with a 7B base (estimate)
TINY = {"max_steps": 20, "eval_limit": 2, "grad_accumulation": 1, "learning_rate": 3e-3, "lora_rank": 32,
        "eval_max_tokens": 1024, "n_ctx": 8192, "max_seq_tokens": 4096, "gradient_checkpointing": False}  # fmt: skip


def run(config: TrainConfig, *, llama_python: Path, pre_tokenizer: str | None = None) -> dict[str, Any]:
    """Every step in order; returns the run's figures and the evaluation (also in the model card)."""
    from training.card import write_card
    from training.lora import train_adapter

    config.out_dir.mkdir(parents=True, exist_ok=True)
    figures = train_adapter(config)
    convert = [sys.executable, "-m", "training.convert", str(config.merged_dir), str(config.f16_gguf)]
    _step([*convert, *(["--pre-tokenizer", pre_tokenizer] if pre_tokenizer else [])])
    _step([str(llama_python), "-m", "training.quantize", str(config.f16_gguf), str(config.gguf), config.quant_type])
    evaluation = evaluate(config, llama_python)
    write_card(config, figures, evaluation)
    return {"run": figures, "evaluation": evaluation}


def evaluate(config: TrainConfig, llama_python: Path) -> dict[str, Any]:
    """The quantised model answering the validation split (the training split when that is empty) through the worker."""
    from training.dataset import read_examples
    from training.scoring import score

    split = config.data_dir / "validation.jsonl"
    if not read_examples(split):
        split = config.data_dir / "train.jsonl"
    answers_path = config.out_dir / "worker_answers.json"
    command = [str(llama_python), "-m", "training.worker_eval", str(config.gguf), str(split), str(answers_path)]
    _step([*command, "--limit", str(config.eval_limit), "--max-tokens", str(config.eval_max_tokens),
           "--n-ctx", str(config.n_ctx)])  # fmt: skip
    answers = json.loads(answers_path.read_text(encoding="utf-8"))
    return {"split": split.stem, **score(answers, read_examples(split))}


def default_llama_python() -> Path:
    """This interpreter when it has llama-cpp-python (a GPU image), else .venv-llama's (scripts/setup_llama.sh)."""
    done = subprocess.run([sys.executable, "-c", "import llama_cpp"], capture_output=True, check=False)
    return Path(sys.executable) if done.returncode == 0 else LLAMA_VENV_PYTHON


def _step(command: list[str]) -> None:
    subprocess.run(command, cwd=ROOT, check=True)


def _config(args: argparse.Namespace) -> TrainConfig:
    overrides: dict[str, Any] = {**(SMOKE if args.smoke else {}), **(TINY if args.tiny else {})}
    if args.max_steps:
        overrides["max_steps"] = args.max_steps
    config = TrainConfig(data_dir=args.data, out_dir=args.out, base=args.base, **overrides)
    if args.tiny:
        from training.dataset import read_examples
        from training.tiny import write_tiny_base

        texts = [t for e in read_examples(args.data / "train.jsonl") for t in (e["prompt"], e["completion"])]
        config = dataclasses.replace(config, base=str(write_tiny_base(args.out / "tiny-base", texts)))
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.run", description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="the OUT of `biometry train-data OUT`")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--base", default=DEFAULT_BASE, help="hub id or local directory of the instruct base")
    parser.add_argument("--smoke", action="store_true", help="30 steps, 4 evaluation documents: < 10 min on one GPU")
    parser.add_argument("--tiny", action="store_true", help="a tiny random Qwen2 base (CPU proof of the chain)")
    parser.add_argument("--max-steps", type=int, default=0)
    parser.add_argument("--llama-python", type=Path, default=None, help="interpreter with llama-cpp-python")
    args = parser.parse_args(argv)
    result = run(_config(args), llama_python=args.llama_python or default_llama_python(),
                 pre_tokenizer="qwen2" if args.tiny else None)  # fmt: skip
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
