"""Benchmark: what a scanned page costs when the Extract text Lambda reads it itself, and what sizes that Lambda.

1. Engine: every image document of a corpus read with local OCR (`biometry.extract.load_document`, the public API),
   one at a time: CPU seconds per page (this process and its children) and the peak memory, for the Lambda's memory
   and timeout.
2. Metered: the same uploads through the real state machines on the local runtime (`biometry.local`), one at a time,
   priced by the pipeline's own metering: the Extract text steps that read pages themselves (`ocr_pages_in_lambda`)
   over those pages is the in-Lambda cost per page. The Textract stand-in answers a fallback with the local reading
   (so nothing is OCR'd a third time); how many documents took that route is counted.
Lambda time on the local runtime is wall time on this machine (shared, so on the high side); the CPU estimate prices
the engine's CPU seconds per page at the function's memory instead.

Run: biometry corpus make /tmp/lamdev --n 20 --seed 7 --image-share 1.0
     PYTHONPATH=. .venv/bin/python benchmarks/lambda_ocr_cost.py /tmp/lamdev [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path
from typing import Any

from biometry.document import Document
from biometry.extract import load_document
from biometry.local import handlers
from biometry.local.runtime import LocalPipeline, local_pipeline
from biometry.metering import DEFAULT_PRICES

IMAGE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def _cpu_s() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mb() -> float:
    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


def engine_readings(paths: list[Path]) -> tuple[dict[str, Document], list[dict[str, Any]]]:
    """Each document read with local OCR: its reading, and per document the OCR pages and CPU seconds."""
    readings: dict[str, Document] = {}
    rows: list[dict[str, Any]] = []
    load_document(paths[0].read_bytes(), paths[0].name, ocr=True)  # engine started once, as a warm Lambda has it
    for path in paths:
        started = _cpu_s()
        document = load_document(path.read_bytes(), path.name, ocr=True)
        pages = sum(1 for page in document.pages if page.source == "ocr")
        readings[path.name] = document
        rows.append({"file": path.name, "ocr_pages": pages, "cpu_s": round(_cpu_s() - started, 3)})
    return readings, rows


def metered_run(paths: list[Path], readings: dict[str, Document]) -> list[dict[str, Any]]:
    """Every upload through the local runtime one at a time; per document its route and its priced steps."""
    rows: list[dict[str, Any]] = []
    with local_pipeline() as pipeline:
        pipeline.concurrency = 1
        for path in paths:
            data = path.read_bytes()
            pipeline.textract.read_as(data, readings[path.name])
            key = pipeline.key_of(pipeline.upload(path.name, data))
            pipeline.run_until_done([key], timeout_s=900)
            rows.append(_route(pipeline, key, path.name))
    return rows


def _route(pipeline: LocalPipeline, key: str, name: str) -> dict[str, Any]:
    result = pipeline.result(key)
    steps = result["cost"]["steps"]
    local = [s for s in steps if "ocr_pages_in_lambda" in s["detail"]]
    return {
        "file": name,
        "status": result["status"],
        "ocr_pages": sum(s["detail"]["ocr_pages_in_lambda"] for s in local),
        "ocr_usd": sum(s["usd"] for s in local),
        "ocr_gb_s": sum(s["detail"].get("lambda_gb_seconds", 0.0) for s in local),
        "textract_pages": sum(s["detail"].get("textract_detect_pages", 0) for s in steps),
        "total_usd": result["cost"]["total_usd"],
    }


def summary(engine: list[dict[str, Any]], metered: list[dict[str, Any]], memory_mb: int) -> dict[str, Any]:
    """The figures docs/cost.md quotes: CPU s/page, the CPU estimate and the metered cost per page."""
    pages = sum(r["ocr_pages"] for r in engine)
    per_doc_page = [r["cpu_s"] / r["ocr_pages"] for r in engine if r["ocr_pages"]]
    cpu_per_page = sum(r["cpu_s"] for r in engine) / pages
    gb = memory_mb / 1024
    price = DEFAULT_PRICES["lambda_gb_seconds"]
    metered_pages = sum(r["ocr_pages"] for r in metered)
    return {
        "documents_with_ocr_pages": sum(1 for r in engine if r["ocr_pages"]),
        "ocr_pages": pages,
        "cpu_s_per_page": round(cpu_per_page, 3),
        "cpu_s_per_page_worst_document": round(max(per_doc_page), 3),
        "cpu_s_per_page_median_document": round(statistics.median(per_doc_page), 3),
        "peak_rss_mb": round(_peak_rss_mb()),
        "memory_mb": memory_mb,
        "cpu_estimate_usd_per_page": round(cpu_per_page * gb * price, 7),
        "metered_usd_per_page": round(sum(r["ocr_usd"] for r in metered) / metered_pages, 7),
        "metered_gb_s_per_page": round(sum(r["ocr_gb_s"] for r in metered) / metered_pages, 3),
        "textract_usd_per_page": DEFAULT_PRICES["textract_detect_pages"],
        "fallback_documents": sum(1 for r in metered if r["textract_pages"]),
        "accepted": sum(1 for r in metered if r["status"] == "accepted"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--json", type=Path, help="write every row and the summary here")
    args = parser.parse_args()
    paths = sorted(p for p in args.corpus.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    started = time.monotonic()
    readings, engine = engine_readings(paths)
    scanned = [p for p, r in zip(paths, engine, strict=True) if r["ocr_pages"]]
    metered = metered_run(scanned, readings)
    figures = summary(engine, metered, handlers.MEMORY_MB["extract_text"])
    print(json.dumps(figures, indent=2))
    print(f"{len(paths)} documents in {time.monotonic() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({"summary": figures, "engine": engine, "metered": metered}, indent=2))


if __name__ == "__main__":
    main()
