"""The fine-tuned GGUF answering through the GPU worker's own engine and job code; run as
`python -m training.worker_eval MODEL.gguf EXAMPLES.jsonl OUT.json [--limit N]` by an interpreter with llama-cpp-python.
Writes each example's raw job result (output or error, usage, seconds); `training.scoring` judges them."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any


def answer_all(model: Path, examples: list[dict[str, Any]], max_tokens: int, n_ctx: int) -> list[dict[str, Any]]:
    """One worker job per example, as RunPod would hand it to the handler."""
    from biometry.llm.schema import extraction_schema
    from gpu_worker.engine import LlamaEngine, run_job

    engine = LlamaEngine(str(model), n_ctx=n_ctx)
    answers = []
    for example in examples:
        started = time.perf_counter()
        request = {"prompt": example["prompt"], "json_schema": extraction_schema(), "max_tokens": max_tokens}
        job = run_job(engine, request)
        answers.append({"id": example["id"], "seconds": round(time.perf_counter() - started, 3), **job})
    return answers


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model", type=Path)
    parser.add_argument("examples", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--max-tokens", type=int, default=4096)
    parser.add_argument("--n-ctx", type=int, default=16384)
    args = parser.parse_args(argv)
    examples = [json.loads(line) for line in args.examples.read_text(encoding="utf-8").splitlines() if line.strip()]
    chosen = examples[: args.limit] if args.limit else examples
    answers = answer_all(args.model, chosen, args.max_tokens, args.n_ctx)
    args.out.write_text(json.dumps(answers, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
