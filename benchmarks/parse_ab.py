"""Same-run A/B of two source trees: text-layer parse, extraction and cold-start import, CPU time, interleaved.

On a machine shared with other work, two runs of `parse_speed.py` minutes apart differ by more than most changes do.
Here one warm worker process per tree parses the same PDF in turn (bare pypdfium2, our extraction, the whole parse:
`parse_bytes`), each timing its own CPU, and fresh interpreters of either tree import the Lambda's modules in turn
(the import's own clock, after boto3 and Powertools), so both trees see the same load.
A tree is a directory holding `layers/biometry` (e.g. `git archive REV | tar -x -C /tmp/base`).
Run: .venv/bin/python benchmarks/parse_ab.py /tmp/base [AFTER_TREE, default: this repository] [--pairs N]
    [--rounds R] [--pdf PDF]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from parse_speed import HANDLER_PRELUDE, LAMBDA_ENV, LAMBDA_IMPORTS, PYCACHE, REAL_PRINTOUT

REPOSITORY = Path(__file__).resolve().parents[1]
KINDS = ("bare", "extraction", "parse")
_WORKER = """
import sys, time
import pypdfium2 as pdfium
from biometry.extract import load_document
from biometry.parse import parse_bytes
data = open(sys.argv[1], "rb").read()
def bare():
    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        page.get_textpage().get_text_range()
    pdf.close()
work = {"bare": bare, "extraction": lambda: load_document(data, "ab.pdf", ocr=False)}
work["parse"] = lambda: parse_bytes(data, "ab.pdf")
for action in work.values():
    action()
print("ready", flush=True)
for line in sys.stdin:
    start = time.process_time()
    work[line.strip()]()
    print((time.process_time() - start) * 1000, flush=True)
"""


def _env(tree: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(LAMBDA_ENV, PYTHONPYCACHEPREFIX=str(PYCACHE), PYTHONPATH=str(tree / "layers" / "biometry"))
    return env


def _worker(tree: Path, pdf: Path) -> subprocess.Popen[str]:
    worker = subprocess.Popen(
        [sys.executable, "-c", _WORKER, str(pdf)],
        env=_env(tree),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    return worker


def _ask(worker: subprocess.Popen[str], kind: str) -> float:
    assert worker.stdin is not None and worker.stdout is not None
    worker.stdin.write(kind + "\n")
    worker.stdin.flush()
    return float(worker.stdout.readline())


def _import_ms(tree: Path) -> float:
    """CPU ms a fresh interpreter of `tree` spends importing the Lambda's modules (own clock, after the prelude)."""
    code = f"import time; {HANDLER_PRELUDE}; t = time.process_time(); {LAMBDA_IMPORTS}; print(time.process_time() - t)"
    done = subprocess.run([sys.executable, "-c", code], env=_env(tree), capture_output=True, text=True, check=True)
    return float(done.stdout) * 1000


def _one_round(trees: dict[str, Path], pdf: Path, pairs: int, times: dict[tuple[str, str], list[float]]) -> None:
    """`pairs` interleaved calls of each kind in a fresh worker per tree, and as many imports of each."""
    workers = {name: _worker(tree, pdf) for name, tree in trees.items()}
    for pair in range(pairs):
        order = list(trees) if pair % 2 == 0 else list(trees)[::-1]  # neither tree always goes first
        for kind in KINDS:
            for name in order:
                times[name, kind].append(_ask(workers[name], kind))
        for name in order:
            times[name, "import"].append(_import_ms(trees[name]))
    for worker in workers.values():
        worker.terminate()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", type=Path, help="the tree before the change")
    parser.add_argument("after", nargs="?", type=Path, default=REPOSITORY, help="the tree after (default: this one)")
    parser.add_argument("--pdf", type=Path, default=REAL_PRINTOUT)
    parser.add_argument("--pairs", type=int, default=10, help="interleaved calls per tree, kind and round")
    parser.add_argument("--rounds", type=int, default=3, help="fresh worker processes per tree, one per round")
    args = parser.parse_args()
    trees = {"base": args.base, "after": args.after}
    times: dict[tuple[str, str], list[float]] = {(name, kind): [] for name in trees for kind in (*KINDS, "import")}
    for _ in range(args.rounds):  # a process's memory layout alone moves its times by several %: fresh ones
        _one_round(trees, args.pdf, args.pairs, times)
    medians = {key: statistics.median(values) for key, values in times.items()}
    pairs = args.pairs * args.rounds
    print(f"{args.pdf.name}, {pairs} interleaved pairs, load average {os.getloadavg()[0]:.1f}; CPU ms, medians")
    for name, tree in trees.items():
        bare, extraction, parse, imported = (medians[name, kind] for kind in (*KINDS, "import"))
        print(
            f"{name:5s} ({tree}): bare {bare:.1f}  extraction {extraction:.1f} ({extraction / bare:.2f}x)  "
            f"parse {parse:.1f} ({parse / bare:.2f}x)  import {imported:.0f}"
        )
    for kind in (*KINDS, "import"):
        print(f"after / base, {kind}: {medians['after', kind] / medians['base', kind]:.3f}")


if __name__ == "__main__":
    main()
