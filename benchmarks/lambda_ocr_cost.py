"""Benchmark: what a scanned page costs when the Extract text Lambda reads it itself, and what sizes that Lambda.

Every image document of a corpus goes through the real state machines on the local runtime (`biometry.local`), one
at a time, and is priced by the pipeline's own metering: the Extract text steps that read pages themselves
(`ocr_pages_in_lambda`) over those pages is the metered in-Lambda cost per page. The Lambda time metered there is
wall time on this machine (shared with other work, so on the high side); the CPU seconds of each Extract text
invocation that read pages (this process's CPU time while it ran: the engine runs in-process, one document at a
time) give the estimate a dedicated vCPU bills, and the seconds per page that size the function's timeout and
MAX_LOCAL_OCR_PAGES. One page worker, as the function is deployed (BIOMETRY_OCR_WORKERS=1: one vCPU).
The Textract stand-in answers a fallback with pages without words (this run measures the in-Lambda reading, not
Textract's); how many documents took that route is counted.

Run: biometry corpus make /tmp/lamdev --n 20 --seed 7 --image-share 1.0
     PYTHONPATH=. .venv/bin/python benchmarks/lambda_ocr_cost.py /tmp/lamdev [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

from biometry.extract import load_document
from biometry.local import handlers
from biometry.local.runtime import LocalPipeline, local_pipeline
from biometry.metering import DEFAULT_PRICES

IMAGE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def extract_text_cpu() -> Iterator[list[tuple[int, float]]]:
    """Record (pages read here, CPU seconds) of every Extract text invocation while the block runs."""
    recorded: list[tuple[int, float]] = []
    original = handlers.invoke
    lock = threading.Lock()

    def invoke(step: str, payload: bytes, region: str, account: str) -> tuple[bytes, bool]:
        started = _cpu_s()
        answer, ok = original(step, payload, region, account)
        if step == "extract_text" and ok:
            metering = json.loads(answer).get("metering", [])
            pages = int(metering[-1]["units"].get("ocr_pages_in_lambda", 0)) if metering else 0
            with lock:
                recorded.append((pages, _cpu_s() - started))
        return answer, ok

    with mock.patch.object(handlers, "invoke", invoke):
        yield recorded


def metered_run(paths: list[Path]) -> tuple[list[dict[str, Any]], list[tuple[int, float]]]:
    """Every upload through the local runtime one at a time: per document its route and priced steps; the CPU of
    every Extract text invocation."""
    rows: list[dict[str, Any]] = []
    with local_pipeline() as pipeline, extract_text_cpu() as cpu:
        pipeline.concurrency = 1
        for path in paths:
            data = path.read_bytes()
            pipeline.textract.read_as(data, load_document(data, path.name, ocr=False))  # pages without words
            key = pipeline.key_of(pipeline.upload(path.name, data))
            started = len(cpu)
            pipeline.run_until_done([key], timeout_s=1800)
            rows.append(_route(pipeline, key, path.name) | {"cpu_s": sum(s for p, s in cpu[started:] if p)})
            print(json.dumps(rows[-1]), flush=True)
    return rows, cpu


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


def summary(rows: list[dict[str, Any]], memory_mb: int) -> dict[str, Any]:
    """The figures docs/cost.md quotes: CPU s/page, the CPU estimate and the metered cost per page."""
    read_here = [r for r in rows if r["ocr_pages"]]
    pages = sum(r["ocr_pages"] for r in read_here)
    cpu_s = sum(r["cpu_s"] for r in read_here)
    per_document = [r["cpu_s"] / r["ocr_pages"] for r in read_here]
    price_gb_s = DEFAULT_PRICES["lambda_gb_seconds"]
    return {
        "documents": len(rows),
        "documents_read_in_lambda": len(read_here),
        "pages_read_in_lambda": pages,
        "cpu_s_per_page": round(cpu_s / pages, 3),
        "cpu_s_per_page_median_document": round(statistics.median(per_document), 3),
        "cpu_s_per_page_slowest_document": round(max(per_document), 3),
        "cpu_s_slowest_document": round(max(r["cpu_s"] for r in read_here), 3),
        "memory_mb": memory_mb,
        "cpu_estimate_usd_per_page": round(cpu_s / pages * memory_mb / 1024 * price_gb_s, 8),
        "metered_usd_per_page": round(sum(r["ocr_usd"] for r in read_here) / pages, 8),
        "metered_gb_s_per_page": round(sum(r["ocr_gb_s"] for r in read_here) / pages, 3),
        "textract_usd_per_page": DEFAULT_PRICES["textract_detect_pages"],
        "documents_to_textract": sum(1 for r in rows if r["textract_pages"]),
        "accepted": sum(1 for r in rows if r["status"] == "accepted"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--json", type=Path, help="write every row and the summary here")
    args = parser.parse_args()
    os.environ.setdefault("BIOMETRY_OCR_WORKERS", "1")  # as deployed (template.yaml)
    paths = sorted(p for p in args.corpus.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    scanned = [
        p for p in paths if any(page.source == "ocr" for page in load_document(p.read_bytes(), p.name, ocr=False).pages)
    ]
    started = time.monotonic()
    rows, cpu = metered_run(scanned)
    figures = summary(rows, handlers.MEMORY_MB["extract_text"])
    print(json.dumps(figures, indent=2))
    print(f"{len(scanned)} scanned documents in {time.monotonic() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({"summary": figures, "documents": rows, "extract_text_cpu": cpu}, indent=2))


if __name__ == "__main__":
    main()
