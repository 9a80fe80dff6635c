"""Benchmark: text extraction of a 13-page text PDF with pypdfium2 (bare and ours), pdfminer.six and pypdf.

Prints median wall times (no assertions), so the choice of pypdfium2 can be argued with figures.
Extractors that are not installed are skipped. Target: our extraction <= 2x bare pypdfium2.
Run: .venv/bin/python benchmarks/extractors.py [PDF] [--repeat N]
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from biometry.extract import load_document

PAGES = 13


def build_pdf(pages: int = PAGES) -> bytes:
    """A 13-page text PDF shaped like an IOLMaster 700 printout (synthetic corpus if present, else reportlab)."""
    try:
        from biometry.synth.corpus import Case
        from biometry.synth.iolmaster700.report import render

        return render(Case(seed=7, language="en", decimal="comma", layout="full13"))[0]
    except ImportError:
        return _reportlab_pdf(pages)


def _reportlab_pdf(pages: int) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for page in range(pages):
        pdf.setFont("Helvetica", 9)
        for row in range(60):
            y = 800 - 12 * row
            for col, x in enumerate((40, 310)):
                text = f"AL: {23 + (row + col + page) % 7},{row:02d} mm  SD: 7 µm  K1: 42,{col}5 D @ 95°"
                for offset in (0.0, 0.2, 0.4, 0.6) if row % 10 == 0 else (0.0,):  # IOLMaster fake bold
                    pdf.drawString(x + offset, y, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def bare_pypdfium2(data: bytes) -> None:
    """Open the PDF and pull every page's text: the floor for any pdfium-based extractor."""
    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        page.get_textpage().get_text_range()
    pdf.close()


def ours(data: bytes) -> None:
    """biometry.extract: positioned words, overprints merged, bold marked (no OCR)."""
    load_document(data, "bench.pdf", ocr=False)


def pdfminer_text(data: bytes) -> None:
    from pdfminer.high_level import extract_text

    extract_text(io.BytesIO(data))


def pdfminer_words(data: bytes) -> None:
    """pdfminer.six with layout analysis down to characters: what positioned words would need."""
    from pdfminer.high_level import extract_pages

    for page in extract_pages(io.BytesIO(data)):
        list(page)


def pypdf_text(data: bytes) -> None:
    from pypdf import PdfReader

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text()


def median_ms(action: Callable[[], object], repeat: int) -> float:
    action()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdf", nargs="?", type=Path, help="a text PDF (default: a built 13-page report)")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    data = args.pdf.read_bytes() if args.pdf else build_pdf()
    print(f"document: {len(pdfium.PdfDocument(data))} pages, {len(data) / 1024:.0f} KiB; median of {args.repeat} runs")
    bare = median_ms(lambda: bare_pypdfium2(data), args.repeat)
    print(f"  bare pypdfium2 get_text_range  {bare:8.1f} ms   1.00x")
    candidates = [
        ("biometry.extract (pypdfium2)", ours, "pypdfium2"),
        ("pdfminer.six extract_text", pdfminer_text, "pdfminer"),
        ("pdfminer.six extract_pages", pdfminer_words, "pdfminer"),
        ("pypdf extract_text", pypdf_text, "pypdf"),
    ]
    for name, action, module in candidates:
        if importlib.util.find_spec(module) is None:
            print(f"  {name:<30}  skipped ({module} not installed)")
            continue
        repeat = args.repeat if module == "pypdfium2" else max(3, args.repeat // 3)  # the others are slow
        took = median_ms(lambda action=action: action(data), repeat)  # type: ignore[misc]
        print(f"  {name:<30}  {took:8.1f} ms  {took / bare:5.2f}x")


if __name__ == "__main__":
    main()
