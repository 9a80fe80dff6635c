"""Benchmark: the real reports degraded at test time (rescans 150-300 dpi, phone photos): acceptance and errors.

For each real report in ../shared/real and each rendition: status, wrong values (silent when accepted), missed
values, omitted values (missed in an accepted result: for a rescan every value of the report; for a photo, which
shows one page, the values that page prints, i.e. those the clean page read alone reads right), patient fields an
accepted result reads wrong or lacks (where the truth names the patient) and seconds. The
issue's bar: 0 silent errors and 0 omissions everywhere, >= 90 % of the 300-dpi rescans accepted.
Run: PYTHONPATH=. .venv/bin/python benchmarks/real_renditions.py [--seeds 1,2] [--dpis 150,300] [--reports NAME,...]
     [--bw-dpis 300,200] [--photo-pages 0,5] [--ocr-cache DIR | --engine-cache DIR]   (--bw-dpis: black-and-white
     rescans, a scanner's text mode; the caches: page passes, or tesseract's readings, read once and then replayed:
     ocr_cache.py; --engine-cache runs the page pass again, for page-pass changes)
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections import defaultdict
from pathlib import Path

import pypdfium2 as pdfium

from benchmarks.ocr_cache import engine_cache, page_pass_cache
from biometry.evaluate import Comparison, Truth, load_truth
from biometry.models import BiometryResult
from biometry.parse import parse_bytes
from tests.real_reports import REAL_DIR, compared
from tests.renditions import REAL_PDFS, SCAN_DPIS, Rendition, printed_on_page, renditions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1", help="comma-separated rendition seeds")
    parser.add_argument("--dpis", default=",".join(map(str, SCAN_DPIS)))
    parser.add_argument("--reports", default=",".join(REAL_PDFS))
    parser.add_argument("--bw-dpis", default="", help="black-and-white rescans (a scanner's text mode) at these dpis")
    parser.add_argument("--photo-pages", default="0", help="pages photographed (0-based; past a report's end: none)")
    caches = parser.add_mutually_exclusive_group()
    caches.add_argument("--ocr-cache", type=Path, help="read each page pass once into DIR, then replay (tuning)")
    caches.add_argument("--engine-cache", type=Path, help="read each tesseract call once into DIR, then replay")
    args = parser.parse_args()
    with _cached(args):
        _run(args)


def _cached(args: argparse.Namespace) -> contextlib.AbstractContextManager[None]:
    """The OCR cache the arguments ask for, if any."""
    if args.ocr_cache:
        return page_pass_cache(args.ocr_cache)
    return engine_cache(args.engine_cache) if args.engine_cache else contextlib.nullcontext()


def _run(args: argparse.Namespace) -> None:
    seeds = tuple(int(s) for s in args.seeds.split(","))
    dpis = tuple(int(d) for d in args.dpis.split(",") if d)
    black_and_white_dpis = tuple(int(d) for d in args.bw_dpis.split(",") if d)
    accepted: dict[str, list[bool]] = defaultdict(list)
    columns = ("wrong", "silent", "missed", "omitted", "patient", "s")
    print(f"{'rendition':44} {'status':13} " + " ".join(f"{c:>{max(5, len(c))}}" for c in columns))
    for name in args.reports.split(","):
        path = REAL_DIR / name
        truth = load_truth(path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json"))
        data = path.read_bytes()
        photo_pages = tuple(int(p) for p in args.photo_pages.split(",") if p)
        printed = _printed_on_pages(name, data, photo_pages, truth)
        for rendition in renditions(
            name, data, seeds=seeds, dpis=dpis, photo_pages=photo_pages, black_and_white_dpis=black_and_white_dpis
        ):
            start = time.perf_counter()
            result = parse_bytes(rendition.data, rendition.filename)
            seconds = time.perf_counter() - start
            comparison = compared(result, truth)
            silent = len(comparison.silent_errors(result))
            omitted = _omitted(rendition, result, comparison, printed)
            patient = len(comparison.patient_errors(result))
            accepted[f"{rendition.kind}{rendition.dpi or rendition.page}"].append(result.status == "accepted")
            held_by = ",".join(sorted({i.code for i in result.extraction.issues if i.severity == "error"}))
            print(f"{rendition.filename:44} {result.status:13} {len(comparison.wrong):5} {silent:6} "
                  f"{len(comparison.missed):6} {omitted:>7} {patient:>7} {seconds:6.1f} {held_by}")  # fmt: skip
    for kind, flags in sorted(accepted.items()):
        print(f"{kind:10} accepted {sum(flags)}/{len(flags)}")


def _printed_on_pages(name: str, data: bytes, pages: tuple[int, ...], truth: Truth) -> dict[int, frozenset[str]]:
    """What each photographed page prints (the clean page read alone), said once per page."""
    printed = {}
    page_count = len(pdfium.PdfDocument(data))
    for page in (page for page in pages if page < page_count):
        printed[page] = printed_on_page(data, page, truth)
        print(f"{name} page {page + 1}, clean and alone: {len(printed[page])} truth values read right")
    return printed


def _omitted(rendition: Rendition, result: BiometryResult, comparison: Comparison,
             printed: dict[int, frozenset[str]]) -> int:  # fmt: skip
    """Values an accepted rendition lacks that its pages print (a photo: the photographed page's values)."""
    missed = comparison.silent_omissions(result)
    if rendition.page is not None:
        missed = [name for name in missed if name in printed[rendition.page]]
    return len(missed)


if __name__ == "__main__":
    main()
