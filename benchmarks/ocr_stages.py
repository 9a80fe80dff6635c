"""Profile: CPU seconds per OCR page split by stage (render, clean-up, boxes, tesseract per mode, bold, parse).

Each document is parsed end to end once (`biometry.parse.parse_bytes`, one page worker, so every stage runs in this
thread) with a CPU clock around the stage functions of `extract.ocr`; what no stage claims is `other`. Tesseract is
split by page segmentation mode (4: the page pass and tall boxes, 6: re-reads, 7: framed rows and large type) and by
the pixels it was handed. Documents as in `ocr_speed.py`: the real scans, the real IOLMaster 700's 300-dpi rescan and
with --corpus an image corpus. --cprofile FILE also writes a cProfile (CPU clock) of the whole run.
Run: PYTHONPATH=. .venv/bin/python benchmarks/ocr_stages.py [--corpus DIR] [--no-real] [--limit N] [--cprofile F]
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.ocr_speed import documents
from biometry.extract import load_document, ocr, ocr_pages, preprocess, tesseract
from biometry.parse import parse_document

STAGES = (  # (module, function, stage name): leaf stages, none calls another
    (ocr_pages, "rendered_page", "render"),
    (preprocess, "preprocess_for_ocr", "clean-up"),
    (ocr, "thickened", "thicken"),
    (ocr, "find_boxes", "boxes"),
    (ocr, "_blanked", "blank boxes"),
    (ocr, "uncovered_shapes", "uncovered ink"),  # shared by large type and lost lines
    (ocr, "large_type_regions", "large type"),
    (ocr, "_text_ink", "box ink"),
    (ocr, "_missed_share", "box ink"),
    (ocr, "with_bold", "bold"),
)
seconds: Counter[str] = Counter()
pixels: Counter[str] = Counter()
calls: Counter[str] = Counter()


def timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """The function, its thread CPU time added to `stage`."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[stage] += time.thread_time() - start
            calls[stage] += 1

    return wrapper


def timed_read_words(function: Callable[..., Any]) -> Callable[..., Any]:
    """`read_words` timed per page segmentation mode, with the pixels it read."""

    @functools.wraps(function)
    def wrapper(image: Any, psm: int, language: str = tesseract.LANGUAGE) -> Any:
        stage = f"tesseract psm {psm}" + ("" if language == tesseract.LANGUAGE else f" {language}")
        start = time.thread_time()
        try:
            return function(image, psm, language)
        finally:
            seconds[stage] += time.thread_time() - start
            calls[stage] += 1
            pixels[stage] += image.width * image.height

    return wrapper


def instrument() -> None:
    """Wrap every stage function where its callers look it up."""
    for module, name, stage in STAGES:
        setattr(module, name, timed(stage, getattr(module, name)))
    tesseract.read_words = timed_read_words(tesseract.read_words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--no-real", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="at most this many documents")
    parser.add_argument("--cprofile", type=Path, help="write a cProfile of the run here")
    args = parser.parse_args()
    os.environ["BIOMETRY_OCR_WORKERS"] = "1"
    tesseract.engine()
    instrument()
    profile = cProfile.Profile(time.process_time) if args.cprofile else None
    pages = 0
    scratch = tempfile.TemporaryDirectory(prefix="ocr-stages-")
    for count, (name, path, _) in enumerate(documents(Path(scratch.name), args.corpus, real=not args.no_real), 1):
        data = path.read_bytes()
        if profile:
            profile.enable()
        start = time.thread_time()
        document = load_document(data, name)
        seconds["extract (total)"] += time.thread_time() - start
        middle = time.thread_time()
        parse_document(document)
        seconds["parse + validate"] += time.thread_time() - middle
        if profile:
            profile.disable()
        read = sum(page.source == "ocr" for page in document.pages)
        pages += read
        print(f"{name[:60]:60} {read:3} pages {(time.thread_time() - start) / max(read, 1):6.2f} CPU s/page")
        if args.limit and count >= args.limit:
            break
    staged = sum(v for k, v in seconds.items() if k not in ("extract (total)", "parse + validate"))
    seconds["other extraction"] = seconds["extract (total)"] - staged
    print(f"\n{pages} pages; CPU s/page by stage (thread CPU):")
    for stage, total in sorted(seconds.items(), key=lambda kv: -kv[1]):
        extra = f"  {calls[stage] / max(pages, 1):5.1f} calls/page" if calls[stage] else ""
        extra += f"  {pixels[stage] / max(pages, 1) / 1e6:5.1f} Mpx/page" if pixels[stage] else ""
        print(f"  {stage:20} {total / max(pages, 1):6.3f}{extra}")
    if profile and args.cprofile:
        profile.dump_stats(str(args.cprofile))


if __name__ == "__main__":
    main()
