"""Benchmark: CPU and wall seconds per OCR page, and field accuracy, per arm side by side with a baseline, in one run.

Every arm is a process (`ocr_arm.py`) running the code of its own copy of the tree, made when the run begins (others
may edit the working tree meanwhile); the documents go to the arms in turn, so every arm meets the same neighbours on a
shared machine. Arms:
  baseline  this tree with the OCR modules of `--baseline-ref` (extract/: ocr_pages, tesseract, preprocess, boxes,
            strokes, large_type, or --baseline-files), one page worker: the OCR before the change under test with
            today's parsers
  inprocess this tree, one page worker: the CPU figure
  parallel  this tree, pages across the usable cores (as shipped): the wall figure
  process   this tree with a `tesseract` process per region (pytesseract), the engine before issue 9
Documents: the real scans in ../shared/real (Eyestar 900, 4 p.; IOLMaster 500, 6 p.), the 300-dpi rescan of the real
IOLMaster 700 printout (tests/renditions.py, seed 1), and with --corpus every document of an image corpus, e.g.
  biometry corpus make /tmp/ocrdev --n 30 --seed 7 --image-share 1.0 --devices iolmaster700,eyesuite,iolmaster500
CPU seconds: the arm's process, its threads and finished children, during the parse; engines start before the clock
(a warm Lambda keeps them). Accuracy: the one evaluator (this tree's) against the truth files: correct / wrong /
missed fields; silent = wrong values in an accepted result; `same` = documents whose status, correct fields and wrong
count equal the baseline's.
Run: make bench-ocr [OCR_CORPUS=/tmp/ocrdev]
     PYTHONPATH=. .venv/bin/python benchmarks/ocr_speed.py [--arms baseline,inprocess] [--baseline-ref REF]
        [--baseline-files preprocess,boxes,strokes] [--corpus DIR] [--no-real] [--json OUT]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from biometry.evaluate import Truth, load_truth
from biometry.models import BiometryResult
from tests.real_reports import REAL_DIR, compared
from tests.renditions import renditions

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path("layers/biometry")
ARMS = ("baseline", "inprocess", "parallel", "process")
DEFAULT_ARMS = "baseline,inprocess"
BASELINE_REF = "018c614"  # the product before the second OCR speed pass (docs/performance.md)
BASELINE_FILES = "ocr_pages,tesseract,preprocess,boxes,strokes,large_type"  # extract/ modules; ocr.py also holds
# the parsers' OCR tolerances (other work), so by default the baseline keeps today's
REAL_SCANS = ("eyestar900-scan.pdf", "iolmaster500-exam1.pdf")
RESCANNED = "iolmaster700-ptbr.pdf"  # its 300-dpi rescan
Document = tuple[str, Path, Truth]


def documents(folder: Path, corpus: Path | None, *, real: bool) -> Iterator[Document]:
    """The real scans, the real IOLMaster 700's 300-dpi rescan (written to `folder`), then the corpus."""
    if real:
        for name in REAL_SCANS:
            path = REAL_DIR / name
            yield name, path, load_truth(path.with_name(name.rsplit(".", 1)[0] + ".truth.json"))
        source = REAL_DIR / RESCANNED
        rescan = next(renditions(RESCANNED, source.read_bytes(), dpis=(300,), photo_pages=()))
        path = folder / rescan.filename
        path.write_bytes(rescan.data)
        yield rescan.filename, path, load_truth(source.with_name(RESCANNED.rsplit(".", 1)[0] + ".truth.json"))
    for path in sorted(corpus.iterdir()) if corpus else ():
        truth = path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json")
        if not path.name.endswith(".json") and truth.is_file():
            yield path.name, path, load_truth(truth)


def snapshot(folder: Path, name: str) -> Path:
    """A copy of this tree's package: the arms run the code as it was when the run began, whatever changes after."""
    tree = folder / name
    shutil.copytree(ROOT / PACKAGE, tree / PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
    return tree


def baseline_tree(folder: Path, ref: str, modules: str = BASELINE_FILES) -> Path:
    """A copy of this tree's package with these modules of extract/ as they were at `ref`."""
    tree = snapshot(folder, "baseline")
    paths = [f"{PACKAGE}/biometry/extract/{name}.py" for name in modules.split(",")]
    archive = subprocess.run(["git", "archive", ref, *paths], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as files:
        files.extractall(tree, filter="data")
    return tree


class Arm:
    """One arm's process: a path in, a measured result out."""

    def __init__(self, name: str, tree: Path) -> None:
        workers = len(os.sched_getaffinity(0)) if name == "parallel" else 1
        options = ["--workers", str(workers), "--engine", "process" if name == "process" else "inprocess"]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree / PACKAGE), str(ROOT)])}
        script = str(ROOT / "benchmarks" / "ocr_arm.py")
        self.process = subprocess.Popen(
            [sys.executable, script, *options], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self._read()  # ready: engines started

    def parse(self, path: Path) -> dict[str, Any]:
        stdin: IO[str] = self.process.stdin  # type: ignore[assignment]
        stdin.write(f"{path}\n")
        stdin.flush()
        return self._read()

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait()

    def _read(self) -> dict[str, Any]:
        line = self.process.stdout.readline() if self.process.stdout else ""
        if not line:
            raise RuntimeError("an arm's process ended early")
        answer: dict[str, Any] = json.loads(line)
        return answer


def measured(answer: dict[str, Any], truth: Truth) -> dict[str, Any]:
    """An arm's answer for one document, judged by the one evaluator."""
    result = BiometryResult.model_validate(answer["result"])
    comparison = compared(result, truth)
    return {
        "pages": answer["pages"],
        "cpu_s": answer["cpu_s"],
        "wall_s": answer["wall_s"],
        "status": result.status,
        "correct": len(comparison.correct),
        "wrong": len(comparison.wrong),
        "missed": len(comparison.missed),
        "silent": len(comparison.silent_errors(result)),
        "fields": sorted(comparison.correct),
    }


def summary(rows: dict[str, dict[str, Any]], baseline: dict[str, dict[str, Any]] | None) -> dict[str, Any]:
    """One arm's totals over its documents; `same`: documents whose status and correct fields equal the baseline's."""
    pages = sum(r["pages"] for r in rows.values()) or 1
    totals = {k: sum(r[k] for r in rows.values()) for k in ("correct", "wrong", "missed", "silent")}
    keys = ("status", "fields", "wrong")
    same = None
    if baseline is not None:
        same = sum(all(r[k] == baseline[d][k] for k in keys) for d, r in rows.items() if d in baseline)
    return {
        "documents": len(rows),
        "pages": pages,
        "cpu_s_per_page": round(sum(r["cpu_s"] for r in rows.values()) / pages, 3),
        "wall_s_per_page": round(sum(r["wall_s"] for r in rows.values()) / pages, 3),
        "accepted": sum(r["status"] == "accepted" for r in rows.values()),
        **totals,
        "same_as_baseline": same,
    }


def print_row(document: str, arm: str, row: dict[str, Any]) -> None:
    print(f"{document[:52]:52} {arm:9} {row['pages']:5} {row['cpu_s'] / row['pages']:7.2f} "
          f"{row['wall_s'] / row['pages']:8.2f} {row['status']:13} {row['correct']:7} {row['wrong']:5} "
          f"{row['missed']:6} {row['silent']:6}", flush=True)  # fmt: skip


def print_summaries(summaries: dict[str, dict[str, Any]]) -> None:
    print(f"\n{'arm':9} {'docs':>4} {'pages':>5} {'CPU s/page':>10} {'wall s/page':>11} {'accepted':>8} "
          f"{'correct':>7} {'wrong':>5} {'missed':>6} {'silent':>6} {'same as baseline':>16}")  # fmt: skip
    for name, s in summaries.items():
        same = "" if s["same_as_baseline"] is None else s["same_as_baseline"]
        print(f"{name:9} {s['documents']:4} {s['pages']:5} {s['cpu_s_per_page']:10.2f} "
              f"{s['wall_s_per_page']:11.2f} {s['accepted']:8} {s['correct']:7} {s['wrong']:5} {s['missed']:6} "
              f"{s['silent']:6} {same:>16}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arms", default=DEFAULT_ARMS, help=f"comma-separated, of {','.join(ARMS)}")
    parser.add_argument("--baseline-ref", default=BASELINE_REF, help="git ref whose OCR files the baseline runs")
    parser.add_argument("--baseline-files", default=BASELINE_FILES, help="extract/ modules the baseline takes at REF")
    parser.add_argument("--corpus", type=Path, help="a folder of documents with NAME.truth.json beside each")
    parser.add_argument("--no-real", action="store_true", help="the corpus only")
    parser.add_argument("--json", type=Path, help="write every row and the summaries here")
    args = parser.parse_args()
    names = args.arms.split(",")
    with tempfile.TemporaryDirectory(prefix="ocr-speed-") as scratch:
        folder = Path(scratch)
        today = snapshot(folder, "today")
        baseline = baseline_tree(folder, args.baseline_ref, args.baseline_files) if "baseline" in names else today
        trees = {name: baseline if name == "baseline" else today for name in names}
        arms = {name: Arm(name, tree) for name, tree in trees.items()}
        rows: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in names}
        print(f"{'document':52} {'arm':9} {'pages':>5} {'CPU s/p':>7} {'wall s/p':>8} {'status':13} "
              f"{'correct':>7} {'wrong':>5} {'missed':>6} {'silent':>6}", flush=True)  # fmt: skip
        for document, path, truth in documents(folder, args.corpus, real=not args.no_real):
            for name, arm in arms.items():
                row = rows[name][document] = measured(arm.parse(path), truth)
                print_row(document, name, row)
        for arm in arms.values():
            arm.close()
    summaries = {name: summary(rows[name], rows.get("baseline")) for name in names}
    print_summaries(summaries)
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "summaries": summaries}, indent=1))


if __name__ == "__main__":
    main()
