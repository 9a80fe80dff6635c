"""Benchmark: parse time of a 13-page IOLMaster 700 PDF against bare pdfium text extraction, and cold-start import time.

Prints figures (no assertions). Targets: parse / bare extraction <= 2.0; package import < 300 ms.
Run: .venv/bin/python benchmarks/parse_speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from extractors import bare_pypdfium2, median_ms  # the sibling script: one baseline for both benchmarks

from biometry.parse import parse_bytes
from biometry.synth.corpus import Case
from biometry.synth.iolmaster700 import render

LAMBDA_IMPORTS = "import biometry.parse, biometry.extract, biometry.devices.registry, biometry.validate"


def import_ms(statement: str, repeat: int = 7) -> float:
    """Median wall time of a fresh interpreter running `statement`, minus a bare interpreter's start."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare = statistics.median(run("pass") for _ in range(repeat))
    full = statistics.median(run(statement) for _ in range(repeat))
    return (full - bare) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    data, _ = render(Case(seed=7, language="en", decimal="comma", layout="full13"))
    result = parse_bytes(data, "bench.pdf")
    bare = median_ms(lambda: bare_pypdfium2(data), args.repeat) / 1000
    full = median_ms(lambda: parse_bytes(data, "bench.pdf"), args.repeat) / 1000
    print(f"document: 13-page IOLMaster 700 text-layer PDF, {len(data) / 1024:.0f} KiB, status {result.status}")
    print(f"bare pypdfium2 text extraction: median {bare * 1000:.1f} ms")
    print(f"biometry parse (extract+parse+validate): median {full * 1000:.1f} ms")
    print(f"ratio parse / bare extraction: {full / bare:.2f}  (target <= 2.0)")
    print(f"cold-start import of the Lambda's modules: {import_ms(LAMBDA_IMPORTS):.0f} ms  (target < 300 ms)")


if __name__ == "__main__":
    main()
