"""Benchmark: CPU and wall seconds per OCR page, and field accuracy, per engine arm side by side, in one run.

Arms (each parses every document end to end with `biometry.parse.parse_bytes`):
  current   the product before issue 9: a `tesseract` process per page and region (pytesseract), one page after
            another. The product no longer does this; the benchmark swaps it into the engine seam
            (`extract.tesseract.read_words`), so everything else is today's code.
  inprocess the product's engine (tesserocr, one engine per thread), one page after another: CPU per page
  parallel  the product as shipped: pages of a document across the usable cores (`extract.ocr_pages`): wall per page
Documents: the real scans in ../shared/real (Eyestar 900, 4 p.; IOLMaster 500, 6 p.), the 300-dpi rescan of the real
IOLMaster 700 printout (tests/renditions.py, seed 1), and with --corpus every document of an image corpus, e.g.
  biometry corpus make /tmp/ocrdev --n 40 --seed 7 --image-share 1.0 --devices iolmaster700,eyesuite,iolmaster500
CPU seconds count this process, its threads and its finished children (the tesseract processes); engines are started
before the clock runs (a warm Lambda keeps them). Accuracy is the one evaluator against the truth files: correct /
wrong / missed fields; silent = wrong values in an accepted result. `same` counts documents whose result equals the
`current` arm's (status and every field), when both ran.
Run: make bench-ocr [OCR_CORPUS=/tmp/ocrdev]
     PYTHONPATH=. .venv/bin/python benchmarks/ocr_speed.py [--arms current,inprocess,parallel] [--corpus DIR]
        [--no-real] [--json OUT]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from biometry.evaluate import Truth, load_truth
from biometry.extract import ocr_pages, tesseract
from biometry.parse import parse_bytes
from tests.real_reports import REAL_DIR, compared
from tests.renditions import renditions

ARMS = ("current", "inprocess", "parallel")
REAL_SCANS = ("eyestar900-scan.pdf", "iolmaster500-exam1.pdf")
RESCANNED = "iolmaster700-ptbr.pdf"  # its 300-dpi rescan
Document = tuple[str, bytes, Truth]


def cpu_seconds() -> float:
    """CPU seconds of this process (all threads) and of its finished children."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def process_read_words(image: Any, psm: int) -> list[tesseract.TesseractWord]:
    """The engine seam as it was: a new `tesseract` process reads the image (pytesseract)."""
    import pytesseract

    data = pytesseract.image_to_data(image, lang=tesseract.LANGUAGE, config=f"--psm {psm}", output_type="dict")
    columns = zip(data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"], strict=True)
    return [tesseract.TesseractWord(str(t), float(c), *box) for t, c, *box in columns]


@contextlib.contextmanager
def arm(name: str) -> Iterator[None]:
    """The seams of one arm, swapped for the block: the engine and the number of page workers."""
    old_read, old_workers = tesseract.read_words, os.environ.get("BIOMETRY_OCR_WORKERS")
    if name == "current":
        tesseract.read_words = process_read_words
    os.environ["BIOMETRY_OCR_WORKERS"] = str(ocr_pages.page_workers() if name == "parallel" else 1)
    try:
        yield
    finally:
        tesseract.read_words = old_read
        os.environ.pop("BIOMETRY_OCR_WORKERS")
        if old_workers is not None:
            os.environ["BIOMETRY_OCR_WORKERS"] = old_workers


def _printed(text: str) -> Image.Image:
    image = Image.new("L", (600, 200), 255)
    ImageDraw.Draw(image).text((40, 60), text, fill=0, font=ImageFont.load_default(size=40))
    return image


def documents(corpus: Path | None, *, real: bool) -> Iterator[Document]:
    """The real scans, the real IOLMaster 700's 300-dpi rescan, then the corpus (each with its truth)."""
    if real:
        for name in REAL_SCANS:
            path = REAL_DIR / name
            yield name, path.read_bytes(), load_truth(path.with_name(name.rsplit(".", 1)[0] + ".truth.json"))
        path = REAL_DIR / RESCANNED
        rescan = next(renditions(RESCANNED, path.read_bytes(), dpis=(300,), photo_page=None))
        yield rescan.filename, rescan.data, load_truth(path.with_name(RESCANNED.rsplit(".", 1)[0] + ".truth.json"))
    for path in sorted(corpus.iterdir()) if corpus else ():
        truth = path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json")
        if not path.name.endswith(".json") and truth.is_file():
            yield path.name, path.read_bytes(), load_truth(truth)


def measure(name: str, data: bytes, truth: Truth) -> dict[str, Any]:
    """Parse one document: CPU and wall seconds, pages, status and the field comparison."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    result = parse_bytes(data, name)
    cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
    comparison = compared(result, truth)
    return {
        "pages": result.source.pages,
        "cpu_s": round(cpu, 3),
        "wall_s": round(wall, 3),
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
        "same_as_current": same,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arms", default=",".join(ARMS))
    parser.add_argument("--corpus", type=Path, help="a folder of documents with NAME.truth.json beside each")
    parser.add_argument("--no-real", action="store_true", help="the corpus only")
    parser.add_argument("--json", type=Path, help="write every row and the summaries here")
    args = parser.parse_args()
    arms = args.arms.split(",")
    tesseract.engine()  # the main thread's engine, started before any clock; the page workers' ones too:
    with arm("parallel"):
        ocr_pages.ocr_pages(ocr_pages.PageImage(_printed("AL 23.41 mm"), n) for n in range(8))
    rows: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in arms}
    print(f"{'document':52} {'arm':9} {'pages':>5} {'CPU s/p':>7} {'wall s/p':>8} {'status':13} "
          f"{'correct':>7} {'wrong':>5} {'missed':>6} {'silent':>6}", flush=True)  # fmt: skip
    for document, data, truth in documents(args.corpus, real=not args.no_real):
        for name in arms:  # interleaved: every arm meets the same neighbours on a shared machine
            with arm(name):
                row = rows[name][document] = measure(document, data, truth)
            print(f"{document[:52]:52} {name:9} {row['pages']:5} {row['cpu_s'] / row['pages']:7.2f} "
                  f"{row['wall_s'] / row['pages']:8.2f} {row['status']:13} {row['correct']:7} {row['wrong']:5} "
                  f"{row['missed']:6} {row['silent']:6}", flush=True)  # fmt: skip
    summaries = {name: summary(rows[name], rows.get("current")) for name in arms}
    print(f"\n{'arm':9} {'docs':>4} {'pages':>5} {'CPU s/page':>10} {'wall s/page':>11} {'accepted':>8} "
          f"{'correct':>7} {'wrong':>5} {'missed':>6} {'silent':>6} {'same as current':>15}")  # fmt: skip
    for name, s in summaries.items():
        print(f"{name:9} {s['documents']:4} {s['pages']:5} {s['cpu_s_per_page']:10.2f} {s['wall_s_per_page']:11.2f} "
              f"{s['accepted']:8} {s['correct']:7} {s['wrong']:5} {s['missed']:6} {s['silent']:6} "
              f"{'' if s['same_as_current'] is None else s['same_as_current']:>15}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "summaries": summaries}, indent=1))


if __name__ == "__main__":
    main()
