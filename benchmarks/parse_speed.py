"""Benchmark: parse time of the real 13-page IOLMaster 700 printout against bare pypdfium2 text extraction of the same
file, and the import time of the modules a Lambda handler imports, as a cold start sees it.

Prints figures (no assertions); both sides of each ratio are measured in the same run, in CPU seconds of this process
(a cold-start import: of a fresh interpreter), interleaved, so other load on a shared machine cancels out.
Targets (issue 9): parse / bare extraction <= 1.5 (median, steady state); import <= 200 ms.
The real printout is read from ../shared/real (never copied into the repository); without it, the synthetic 13-page
IOLMaster 700 render stands in.
Run: .venv/bin/python benchmarks/parse_speed.py [PDF] [--repeat N] [--rounds R]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from extractors import bare_pypdfium2, build_pdf  # the sibling script: one baseline for both benchmarks

from biometry.extract import load_document
from biometry.parse import parse_bytes

REAL_PRINTOUT = Path(__file__).resolve().parents[2] / "shared" / "real" / "iolmaster700-ptbr.pdf"
# A handler imports boto3 and Powertools first (not ours to trim), then these: the import figure is what they add.
HANDLER_PRELUDE = "import boto3, aws_lambda_powertools"
LAMBDA_IMPORTS = (
    "import biometry.pipeline.steps, biometry.parse, biometry.extract, biometry.devices.registry, biometry.validate"
)
LAMBDA_ENV = {"PYDANTIC_DISABLE_PLUGINS": "__all__"}  # as template.yaml sets it: no entry-point scan at first model
# The layer ships compiled modules (layers/biometry/Makefile): the children import from bytecode written apart from
# the tree by a warm-up run, as a Lambda imports from the layer's .pyc, whatever PYTHONDONTWRITEBYTECODE says here.
PYCACHE = Path(tempfile.gettempdir()) / "biometry-bench-pycache"
PARSE_TARGET = 1.5
IMPORT_TARGET_MS = 200.0


def cpu_ms(action: Callable[[], object]) -> float:
    """CPU milliseconds of this process spent in one call."""
    start = time.process_time()
    action()
    return (time.process_time() - start) * 1000


def interleaved_medians(actions: list[Callable[[], object]], repeat: int) -> list[float]:
    """Median CPU ms of each action over `repeat` interleaved calls (after one warm-up call each)."""
    for action in actions:
        action()
    times = [[cpu_ms(action) for action in actions] for _ in range(repeat)]
    return [statistics.median(t[k] for t in times) for k in range(len(actions))]


def child_cpu_ms(code: str) -> tuple[float, str]:
    """CPU milliseconds a fresh interpreter spends running `code` (user + system, from the OS accounting), and what
    it printed."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(LAMBDA_ENV, PYTHONPYCACHEPREFIX=str(PYCACHE))
    start = os.times()
    done = subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True)
    end = os.times()
    spent = (end.children_user - start.children_user) + (end.children_system - start.children_system)
    return spent * 1000, done.stdout


def import_ms(statement: str, repeat: int) -> tuple[float, float]:
    """Median CPU ms a fresh interpreter spends on `statement` after the handler prelude (runs interleaved): the
    child's total less the prelude's (start-up and exit included, so noisy), and the import's own clock in the child
    (`time.process_time` around `statement`: what a cold start waits for)."""
    timed = f"import time; {HANDLER_PRELUDE}; t = time.process_time(); {statement}; print(time.process_time() - t)"
    child_cpu_ms(timed)  # writes the bytecode
    pairs = [(child_cpu_ms(HANDLER_PRELUDE)[0], child_cpu_ms(timed)) for _ in range(repeat)]
    total = statistics.median(full for _, (full, _) in pairs) - statistics.median(bare for bare, _ in pairs)
    return total, statistics.median(float(out) * 1000 for _, (_, out) in pairs)


def one_round(data: bytes, repeat: int) -> tuple[float, float, float, float, float]:
    """(bare ms, extraction ms, parse ms, import ms: child less prelude, import ms: own clock) of one round."""
    bare, extracted, full = interleaved_medians(
        [
            lambda: bare_pypdfium2(data),
            lambda: load_document(data, "bench.pdf", ocr=False),
            lambda: parse_bytes(data, "bench.pdf"),
        ],
        repeat,
    )
    return bare, extracted, full, *import_ms(LAMBDA_IMPORTS, max(5, repeat // 2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdf", nargs="?", type=Path, default=REAL_PRINTOUT)
    parser.add_argument("--repeat", type=int, default=15, help="calls per side and round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the medians of the rounds are reported")
    args = parser.parse_args()

    data = args.pdf.read_bytes() if args.pdf.exists() else build_pdf()
    name = args.pdf.name if args.pdf.exists() else "synthetic 13-page IOLMaster 700"
    result = parse_bytes(data, "bench.pdf")
    print(f"document: {name}, {len(data) / 1024:.0f} KiB, status {result.status}")
    rounds = [one_round(data, args.repeat) for _ in range(args.rounds)]
    for index, (bare, extracted, full, imported, own) in enumerate(rounds, start=1):
        print(
            f"round {index}: bare {bare:.1f} ms  extraction {extracted:.1f} ms  parse {full:.1f} ms  "
            f"ratio {full / bare:.2f}  import {imported:.0f} ms (own clock {own:.0f} ms)"
        )
    bare, extracted, full, imported, own = (statistics.median(r[k] for r in rounds) for k in range(5))
    print(f"bare pypdfium2 text extraction: median {bare:.1f} ms CPU")
    print(f"biometry extraction (words, lines, bold; no parse): median {extracted:.1f} ms CPU")
    print(f"biometry parse (extract+parse+validate): median {full:.1f} ms CPU")
    print(f"ratio extraction / bare extraction: {statistics.median(r[1] / r[0] for r in rounds):.2f}")
    ratio = statistics.median(r[2] / r[0] for r in rounds)
    print(f"ratio parse / bare extraction: {ratio:.2f}  (target <= {PARSE_TARGET})")
    target = f"(target <= {IMPORT_TARGET_MS:.0f} ms)"
    print(f"cold-start import of the Lambda's biometry modules: {imported:.0f} ms CPU  {target}")
    print(f"  the same import on its own clock (no interpreter start or exit): {own:.0f} ms CPU")


if __name__ == "__main__":
    main()
