"""Benchmark: documents per hour of the GPU worker at several concurrencies, for realistic prompt and output lengths.

Lengths are measured on a synthetic corpus: each report's redacted layout text through the one prompt builder
(`build_llm_request`) in, its truth as the extraction schema's JSON out. Jobs go through the worker's own engine
(`gpu_worker/engine.py` ServerEngine, schema-constrained) to an OpenAI-compatible server on 127.0.0.1, N at once.
Models made here (`--make-model`) tokenise one character per token: each prompt is cut to the token count a BPE
tokenizer gives it (biometry.hosting.tokens) and answers are capped at theirs, so the work per job is realistic.

CPU, tiny model, llama-cpp-python's server (one sequence at a time; venv: scripts/setup_llama.sh):
    .venv-llama/bin/python benchmarks/gpu_throughput.py --concurrency 1,2,4
GPU, a random q4 model of Qwen2.5-7B's size (needs llama-server built with CUDA, as in gpu_worker/Dockerfile):
    benchmarks/gpu_throughput_on_gpu.sh    (builds it, then --make-model qwen2.5-7b --server llama-server)
Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the repository's packages (gpu_worker, tests) importable
    sys.path.insert(0, str(ROOT))

from llm_lengths import Sample, corpus_samples  # noqa: E402  (sibling modules)
from model_server import make_model, serve  # noqa: E402

from biometry.llm.schema import extraction_schema  # noqa: E402
from gpu_worker.engine import ServerEngine  # noqa: E402

CONTEXT_MARGIN = 256  # the system prompt and chat template around each job


@dataclass(slots=True)
class Level:
    """One concurrency's run: per-job latency and tokens, failures, wall time."""

    concurrency: int
    wall_s: float = 0.0
    latencies_s: list[float] = field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    failures: int = 0

    def as_dict(self) -> dict[str, Any]:
        done = len(self.latencies_s)
        ordered = sorted(self.latencies_s) or [0.0]
        return {
            "concurrency": self.concurrency,
            "documents": done,
            "failures": self.failures,
            "docs_per_hour": round(done / self.wall_s * 3600, 1) if self.wall_s else 0.0,
            "p50_s": round(statistics.median(ordered), 3),
            "p95_s": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3),
            "prompt_tokens_per_s": round(self.prompt_tokens / self.wall_s, 1) if self.wall_s else 0.0,
            "completion_tokens_per_s": round(self.completion_tokens / self.wall_s, 1) if self.wall_s else 0.0,
            "completion_tokens_per_doc": round(self.completion_tokens / done, 1) if done else 0.0,
        }


def run_level(engine: ServerEngine, samples: list[Sample], concurrency: int, jobs: int, cut: bool) -> Level:
    """`jobs` documents (the samples in turn), `concurrency` at a time through the engine."""
    level = Level(concurrency)
    schema = extraction_schema()

    def one(sample: Sample) -> None:
        started = time.perf_counter()
        try:
            generation = engine.generate(sample.prompt_for(cut), schema, sample.answer_tokens)
        except Exception:  # a failed job counts, it does not stop the run
            level.failures += 1
            return
        level.latencies_s.append(time.perf_counter() - started)
        level.prompt_tokens += generation.prompt_tokens
        level.completion_tokens += generation.completion_tokens

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, [samples[i % len(samples)] for i in range(jobs)]))
    level.wall_s = time.perf_counter() - started
    return level


def print_lengths(samples: list[Sample]) -> None:
    def summary(values: list[int]) -> str:
        ordered = sorted(values)
        return f"mean {statistics.mean(ordered):,.0f}, p50 {ordered[len(ordered) // 2]:,}, max {ordered[-1]:,}"

    print(f"{len(samples)} corpus documents")
    print(f"  prompt characters        {summary([len(s.prompt) for s in samples])}")
    print(f"  prompt tokens (BPE est.) {summary([s.prompt_tokens for s in samples])}")
    print(f"  answer tokens (BPE est.) {summary([s.answer_tokens for s in samples])}")


def fitting(samples: list[Sample], slot_context: int) -> list[Sample]:
    """The samples whose prompt and answer fit one slot's context; the others would be truncated (-> review)."""
    print_lengths(samples)
    kept = [s for s in samples if s.prompt_tokens + s.answer_tokens + CONTEXT_MARGIN <= slot_context]
    if len(kept) < len(samples):
        print(f"  {len(samples) - len(kept)} of {len(samples)} exceed a {slot_context:,}-token slot: left out")
    return kept


def print_levels(levels: list[dict[str, Any]]) -> None:
    header = ("concurrency", "docs", "fail", "docs/hour", "p50 s", "p95 s", "prompt tok/s", "gen tok/s", "gen tok/doc")
    print(" ".join(f"{h:>12}" for h in header))
    keys = ("concurrency", "documents", "failures", "docs_per_hour", "p50_s", "p95_s")
    keys += ("prompt_tokens_per_s", "completion_tokens_per_s", "completion_tokens_per_doc")
    for level in levels:
        print(" ".join(f"{level[k]:>12}" for k in keys))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=16, help="corpus documents to measure lengths on")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--make-model", default="tiny", choices=("tiny", "small-q4k", "7b", "qwen2.5-7b"))
    parser.add_argument("--model", type=Path, help="an existing GGUF (real tokenizer: prompts are not cut)")
    parser.add_argument("--server", default="python", choices=("python", "llama-server"))
    parser.add_argument("--llama-server", default="llama-server", help="path of the llama-server binary")
    parser.add_argument("--url", help="use this running OpenAI-compatible server (.../v1) instead of starting one")
    parser.add_argument("--concurrency", default="1,2,4,8")
    parser.add_argument("--jobs", type=int, default=0, help="jobs per concurrency (default: 4 x concurrency, >= 8)")
    parser.add_argument("--slot-context", type=int, default=16384, help="tokens per parallel slot (the worker's N_CTX)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    levels = [int(c) for c in args.concurrency.split(",")]
    with tempfile.TemporaryDirectory(prefix="gpu-throughput-") as scratch:
        workdir = Path(scratch)
        samples = fitting(corpus_samples(args.documents, args.seed, workdir / "corpus"), args.slot_context)
        model = args.model or make_model(args.make_model, workdir)
        with serve(args, model, max(levels), args.slot_context, workdir) as url:
            engine = ServerEngine(url, parallel_slots=max(levels), timeout_s=3600)
            run_level(engine, samples, 1, 1, args.model is None)  # warm-up
            figures = [
                run_level(engine, samples, c, args.jobs or max(8, 4 * c), args.model is None).as_dict() for c in levels
            ]
    print_levels(figures)
    if args.json:
        args.json.write_text(json.dumps({"model": str(model.name), "server": args.server, "levels": figures}, indent=2))


if __name__ == "__main__":
    main()
