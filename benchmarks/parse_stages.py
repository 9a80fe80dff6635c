"""Where a text-layer parse spends its CPU: per stage (no profiler: its overhead inflates small calls several times),
and, with --profile, the modules and functions that own it (cProfile on the CPU clock: read the shares, not the ms).

Stages of `parse_bytes` on one PDF, each timed on its own CPU clock, medians of N interleaved documents: bare
pypdfium2 text (the issue's baseline), our extraction (`load_document`), the device detection, the device's parse,
the completeness inventory (`printed_in`, inside `validate`), and the rest of `validate` (grounding, rules, patients).
Run: .venv/bin/python benchmarks/parse_stages.py [PDF] [--repeat N] [--profile [--top K]]
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import pstats
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractors import bare_pypdfium2
from parse_speed import REAL_PRINTOUT

import biometry.validate
from biometry.devices.registry import detect
from biometry.extract import load_document
from biometry.parse import parse_document

STAGES = ("bare", "extraction", "detect", "device parse", "inventory", "validate rest")


def _timed(spent: dict[str, float], stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[stage] += time.process_time() - start

    return wrapper


def stage_ms(data: bytes, repeat: int) -> dict[str, float]:
    """Median CPU ms per stage over `repeat` documents (after two warm-up parses)."""
    spent: dict[str, float] = collections.defaultdict(float)
    original = biometry.validate.printed_in
    biometry.validate.printed_in = _timed(spent, "inventory", original)
    try:
        runs = [_one(data, spent) for _ in range(repeat + 2)][2:]
    finally:
        biometry.validate.printed_in = original
    return {stage: statistics.median(run[stage] for run in runs) * 1000 for stage in STAGES}


def _one(data: bytes, spent: dict[str, float]) -> dict[str, float]:
    spent.clear()
    start = time.process_time()
    bare_pypdfium2(data)
    spent["bare"] = time.process_time() - start
    start = time.process_time()
    document = load_document(data, "stages.pdf", ocr=False)
    spent["extraction"] = time.process_time() - start
    start = time.process_time()
    parser = document.memo("parser", detect)
    spent["detect"] = time.process_time() - start
    assert parser is not None, "no device parser claims the document"
    parse = parser.parse
    parser.parse = _timed(spent, "device parse", parse)
    try:
        start = time.process_time()
        parse_document(document)
        total = time.process_time() - start
    finally:
        del parser.parse  # the instance attribute: the class's method shows through again
    spent["validate rest"] = total - spent["device parse"] - spent["inventory"]
    return dict(spent)


def profile(data: bytes, repeat: int, top: int) -> None:
    """cProfile (CPU clock) over `repeat` whole parses: own time per module, then the top functions."""
    from biometry.parse import parse_bytes

    parse_bytes(data, "profile.pdf")
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(repeat):
        parse_bytes(data, "profile.pdf")
    profiler.disable()
    stats = pstats.Stats(profiler)
    by_module: dict[str, float] = collections.defaultdict(float)
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        by_module[_module(filename)] += own
    whole = sum(by_module.values())
    print(f"\nown CPU by module (cProfile, {repeat} parses; shares of {whole / repeat * 1000:.0f} ms a parse)")
    for module, own in sorted(by_module.items(), key=lambda item: -item[1])[:top]:
        print(f"  {100 * own / whole:5.1f} %  {module}")
    print()
    stats.sort_stats("cumulative").print_stats(r"biometry/", top)


def _module(filename: str) -> str:
    """`biometry/devices/iolmaster700/boxes.py` for ours, `pypdfium2`/`pydantic`/... for a package, else builtin."""
    parts = Path(filename).parts
    if "biometry" in parts:  # the package: the last `biometry` folder (layers/biometry/biometry/...)
        return "/".join(parts[len(parts) - 1 - parts[::-1].index("biometry") :])
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1]
    return "builtins and C" if filename == "~" else Path(filename).name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=REAL_PRINTOUT)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--profile", action="store_true", help="also cProfile whole parses")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    data = args.pdf.read_bytes()
    stages = stage_ms(data, args.repeat)
    ours = sum(ms for stage, ms in stages.items() if stage != "bare")
    print(f"{args.pdf.name}: CPU ms per document, medians of {args.repeat} (stages' medians need not add up)")
    for stage, ms in stages.items():
        print(f"  {stage:14s} {ms:7.1f}  {ms / stages['bare']:5.2f}x bare")
    print(f"  {'parse_bytes':14s} {ours:7.1f}  {ours / stages['bare']:5.2f}x bare (sum of our stages)")
    if args.profile:
        profile(data, max(3, args.repeat // 3), args.top)


if __name__ == "__main__":
    main()
