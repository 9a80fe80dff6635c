"""Benchmark: CPU seconds per OCR page on the real scans, and field accuracy, per engine arm side by side.

Arms are levers measured WITHOUT changing the product: each swaps one seam of `biometry.extract.ocr` for the run
(the tesseract call `_read`, or the render resolution of `ocr_pdf_page`), then parses the report end to end.
  current           the product as it is: tesseract as a new process per page/region (pytesseract)
  tesserocr         the same tesseract calls in-process through tesserocr's C API (one engine per page mode)
  dpi200, dpi150    pages rendered at 200 / 150 dpi instead of 300
  tesserocr-dpi200  both
  rapidocr          RapidOCR on onnxruntime (its models ship in the wheel): lines split into words by characters
CPU seconds count this process and its children (the tesseract processes), one engine start excluded (a warm
Lambda keeps it). Accuracy: the one evaluator against the truth files; silent = wrong values in an accepted result.
tesserocr and rapidocr are not product dependencies: install them apart, e.g.
  .venv/bin/pip install --target /tmp/ocrbench-site tesserocr rapidocr_onnxruntime
and pass --site /tmp/ocrbench-site (appended to sys.path, so the venv's own packages win).
Run: PYTHONPATH=. .venv/bin/python benchmarks/ocr_speed.py [--arms current,tesserocr,...] [--site DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib.util
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

from biometry.evaluate import load_truth
from biometry.extract import ocr
from biometry.parse import parse_bytes
from tests.real_reports import REAL_DIR, compared

REPORTS = ("eyestar900-scan.pdf", "iolmaster500-exam1.pdf")
ARMS = ("current", "tesserocr", "dpi200", "dpi150", "tesserocr-dpi200", "rapidocr")
TESSDATA = "/usr/share/tesseract-ocr/5/tessdata/"
_PSM = {"--psm 4": 4, "--psm 6": 6, "--psm 7": 7}


def cpu_seconds() -> float:
    """CPU seconds of this process and of its finished children."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


@contextlib.contextmanager
def patched(obj: Any, name: str, value: Any) -> Iterator[None]:
    """`obj.name` is `value` inside the block."""
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def tesserocr_read() -> Callable[..., list[Any]]:
    """A drop-in for `ocr._read` that calls tesseract in-process (tesserocr), one engine per page segmentation mode."""
    import tesserocr

    engines: dict[int, Any] = {}

    def read(image: Any, page_px: tuple[int, int], config: str, *, origin: tuple[int, int] = (0, 0), shrink: int = 1):
        psm = _PSM[config]
        if psm not in engines:
            engines[psm] = tesserocr.PyTessBaseAPI(path=TESSDATA, lang=ocr.TESSERACT_LANG, psm=psm)
        api = engines[psm]
        api.SetImage(image)
        api.Recognize()
        data: dict[str, list[Any]] = {k: [] for k in ("text", "conf", "left", "top", "width", "height")}
        level = tesserocr.RIL.WORD
        for word in tesserocr.iterate_level(api.GetIterator(), level):
            box = word.BoundingBox(level)
            if box is None:
                continue
            _append(data, word.GetUTF8Text(level), word.Confidence(level), box)
        return ocr._words(data, page_px, origin, shrink)

    return read


def rapidocr_read() -> Callable[..., list[Any]]:
    """A drop-in for `ocr._read` with RapidOCR: each detected line split into words, boxes shared out by characters."""
    import numpy as np
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)

    def read(image: Any, page_px: tuple[int, int], config: str, *, origin: tuple[int, int] = (0, 0), shrink: int = 1):
        found, _ = engine(np.asarray(image.convert("RGB")))
        data: dict[str, list[Any]] = {k: [] for k in ("text", "conf", "left", "top", "width", "height")}
        for corners, text, score in found or []:
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
            step = (right - left) / max(len(text), 1)
            position = 0
            for part in text.split(" "):
                if part:
                    x0 = left + position * step
                    _append(
                        data, part, 100 * score, (round(x0), round(top), round(x0 + len(part) * step), round(bottom))
                    )
                position += len(part) + 1
        return ocr._words(data, page_px, origin, shrink)

    return read


def _append(data: dict[str, list[Any]], text: str, conf: float, box: tuple[int, int, int, int]) -> None:
    x0, y0, x1, y1 = box
    for key, value in zip(data, (text, conf, x0, y0, x1 - x0, y1 - y0), strict=True):
        data[key].append(value)


def arm(name: str) -> contextlib.AbstractContextManager[None]:
    """The patches of one arm (engines are started here, before the clock runs)."""
    stack = contextlib.ExitStack()
    if "tesserocr" in name:
        stack.enter_context(patched(ocr, "_read", tesserocr_read()))
    if name == "rapidocr":
        stack.enter_context(patched(ocr, "_read", rapidocr_read()))
    if "dpi" in name:
        dpi = int(name.rsplit("dpi", 1)[1])
        stack.enter_context(patched(ocr, "ocr_pdf_page", functools.partial(ocr.ocr_pdf_page, dpi=dpi)))
    return stack


def measure(name: str, report: str) -> dict[str, Any]:
    """Parse one real scan under one arm: CPU seconds, pages and the field comparison."""
    path = REAL_DIR / report
    truth = load_truth(path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json"))
    with arm(name):
        start = cpu_seconds()
        result = parse_bytes(path.read_bytes(), report)
        seconds = cpu_seconds() - start
    comparison = compared(result, truth)
    return {
        "pages": result.source.pages,
        "cpu_s": seconds,
        "status": result.status,
        "correct": len(comparison.correct),
        "wrong": len(comparison.wrong),
        "missed": len(comparison.missed),
        "silent": len(comparison.silent_errors(result)),
    }


def _missing_engine(name: str) -> str | None:
    """The engine module an arm needs that cannot be imported, or None."""
    module = "tesserocr" if "tesserocr" in name else "rapidocr_onnxruntime" if name == "rapidocr" else None
    return module if module is not None and importlib.util.find_spec(module) is None else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arms", default=",".join(ARMS))
    parser.add_argument("--reports", default=",".join(REPORTS))
    parser.add_argument("--site", help="a folder holding tesserocr / rapidocr_onnxruntime (appended to sys.path)")
    args = parser.parse_args()
    if args.site:
        sys.path.append(args.site)
    print(f"{'arm':17} {'report':24} {'pages':>5} {'CPU s':>7} {'s/page':>7} {'status':13} "
          f"{'correct':>7} {'wrong':>5} {'missed':>6} {'silent':>6}")  # fmt: skip
    for name in args.arms.split(","):
        missing = _missing_engine(name)
        if missing:
            print(f"{name:17} skipped: {missing} is not installed (see --site)", flush=True)
            continue
        total_s = total_pages = 0.0
        for report in args.reports.split(","):
            row = measure(name, report)
            total_s, total_pages = total_s + row["cpu_s"], total_pages + row["pages"]
            print(f"{name:17} {report:24} {row['pages']:5} {row['cpu_s']:7.1f} {row['cpu_s'] / row['pages']:7.2f} "
                  f"{row['status']:13} {row['correct']:7} {row['wrong']:5} {row['missed']:6} {row['silent']:6}",
                  flush=True)  # fmt: skip
        print(f"{name:17} {'all':24} {total_pages:5.0f} {total_s:7.1f} {total_s / total_pages:7.2f}", flush=True)


if __name__ == "__main__":
    main()
