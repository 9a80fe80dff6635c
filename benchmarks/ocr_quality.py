"""Benchmark: OCR quality on scan-like and photo-like IOLMaster 700 reports, with and without pre-processing.

Arms: `raw` (no clean-up: tesseract on the image as is, boxes and large type still read alone) and `default`
(the pipeline's OCR: `preprocess_for_ocr` first, then the page pass, boxes and large type). Each document is parsed
by `biometry.parse.parse_document` and compared with its ground truth (`biometry.evaluate.compare`).
When the device footer is misread (no parser claims the OCR text) the document counts as "not detected" and,
to still measure the values, is parsed by the IOLMaster 700 parser directly (then validated as usual).
Prints accepted rate, silent errors, field accuracy and OCR time per arm (no assertions).
Run: .venv/bin/python benchmarks/ocr_quality.py [--n 4] [--seed 0] [--variants scan,photo]
     [--arms raw,default]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
from PIL import Image

from biometry.devices.iolmaster700.parser import IolMaster700
from biometry.document import Document, Page
from biometry.evaluate import compare
from biometry.extract.ocr import OCR_DPI, image_frames, image_page_size_pt, ocr_image
from biometry.models import BiometryResult, Source
from biometry.parse import parse_document
from biometry.synth.case import Case, make_plan
from biometry.synth.image import photo_like, scan_like
from biometry.synth.iolmaster700.report import render
from biometry.validate import validate

Reader = Callable[[Image.Image, int, tuple[float, float]], Page]
ARMS: dict[str, Reader] = {
    "raw": lambda image, number, size: ocr_image(image, number=number, size_pt=size, clean=False),
    "default": lambda image, number, size: ocr_image(image, number=number, size_pt=size),
}
REPORTED_FIELDS = ("axial_length_mm", "k1_d", "k2_d", "k1_axis_deg", "acd_mm", "lens_thickness_mm", "cct_um",
                   "wtw_mm", "mean_k_d", "iol.rows", "iol.constants", "iol.emmetropia_power_d")  # fmt: skip


@dataclass
class Tally:
    """Counts for one (variant, arm)."""

    documents: int = 0
    accepted: int = 0
    undetected: int = 0
    silent: list[str] = field(default_factory=list)
    fields: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    ocr_seconds: float = 0.0
    pages: int = 0
    issues: Counter[str] = field(default_factory=Counter)


def scanned_cases(n: int, seed: int) -> Iterator[tuple[str, bytes, dict[str, Any]]]:
    """Two-page reports (one analysis page, one calculation page) as image-only scans."""
    for i in range(n):
        case = Case(seed=seed * 1000 + i, decimal="point" if i % 2 else "comma", layout="short")
        pdf, truth = render(case)
        yield f"scan-{case.seed}", scan_like(pdf, seed=case.seed), truth


def photographed_cases(n: int, seed: int) -> Iterator[tuple[str, bytes, dict[str, Any]]]:
    """One-page calculation reports (so the truth is exactly what the photo shows) as phone photos."""
    found, candidate = 0, seed * 1000
    while found < n:
        candidate += 1
        case = Case(seed=candidate, decimal="point" if found % 2 else "comma", layout="calc_only")
        if len(make_plan(case).pages) != 1:
            continue
        pdf, truth = render(case)
        found += 1
        yield f"photo-{case.seed}", photo_like(pdf, seed=case.seed), truth


def images_of(data: bytes) -> list[tuple[Image.Image, tuple[float, float]]]:
    """The grey images the OCR step sees, with page sizes in points (PDF pages rendered at OCR_DPI)."""
    if data.startswith(b"%PDF"):
        pdf = pdfium.PdfDocument(data)
        return [(page.render(scale=OCR_DPI / 72, grayscale=True).to_pil().convert("L"), page.get_size())
                for page in pdf]  # fmt: skip
    return [(frame, image_page_size_pt(frame)) for frame, _ in image_frames(Image.open(io.BytesIO(data)))]


def run_arm(name: str, data: bytes, truth: dict[str, Any], reader: Reader, tally: Tally) -> None:
    """OCR every page with one arm, parse, compare, and add to the tally."""
    pages = []
    for number, (image, size) in enumerate(images_of(data), start=1):
        start = time.perf_counter()
        pages.append(reader(image, number, size))
        tally.ocr_seconds += time.perf_counter() - start
        tally.pages += 1
    media = "application/pdf" if data.startswith(b"%PDF") else "image/jpeg"
    document = Document(name, media, hashlib.sha256(data).hexdigest(), pages)
    result = parse_document(document)
    if any(issue.code == "unknown_device" for issue in result.extraction.issues):
        tally.undetected += 1
        source = Source(filename=name, media_type=media, pages=len(pages), text_source="ocr")
        result = validate(IolMaster700().parse(document, source), document)
    comparison = compare(result, BiometryResult.model_validate(truth))
    tally.documents += 1
    tally.accepted += result.status == "accepted"
    tally.silent += [f"{name}:{f}" for f in comparison.silent_errors(result)]
    tally.issues.update(issue.code for issue in result.extraction.issues if issue.severity == "error")
    for outcome, names in (("correct", comparison.correct), ("wrong", comparison.wrong),
                           ("missed", comparison.missed)):  # fmt: skip
        for full in names:
            tally.fields[_field_group(full)][outcome] += 1


def _field_group(name: str) -> str:
    """`OD.axial_length_mm` -> `axial_length_mm`; `iol[3].rows` -> `iol.rows`."""
    return re.sub(r"^iol\[\d+\]", "iol", name.split(".", 1)[1] if name[:3] in ("OD.", "OS.") else name)


def report(variant: str, arm: str, tally: Tally) -> None:
    """Print one arm's figures."""
    total = Counter[str]()
    for counts in tally.fields.values():
        total.update(counts)
    known = sum(total.values()) or 1
    print(f"\n[{variant} / {arm}] documents {tally.documents}, not detected {tally.undetected}, "
          f"accepted {tally.accepted}, "
          f"silent errors {len(tally.silent)}, OCR {tally.ocr_seconds / max(tally.pages, 1):.1f} s/page")  # fmt: skip
    print(f"  all fields: correct {total['correct'] / known:.1%}, wrong {total['wrong']}, missed {total['missed']}")
    for name in REPORTED_FIELDS:
        counts = tally.fields.get(name, Counter())
        n = sum(counts.values())
        if n:
            print(f"  {name:24s} correct {counts['correct']:3d}/{n:<3d} wrong {counts['wrong']:3d} "
                  f"missed {counts['missed']:3d}")  # fmt: skip
    print(f"  error issues: {dict(tally.issues.most_common(6))}")
    for silent in tally.silent:
        print(f"  SILENT {silent}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=4, help="documents per variant")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variants", default="scan,photo")
    parser.add_argument("--arms", default="raw,default")
    args = parser.parse_args()
    sources = {"scan": scanned_cases, "photo": photographed_cases}
    for variant in args.variants.split(","):
        tallies = {arm: Tally() for arm in args.arms.split(",")}
        for name, data, truth in sources[variant](args.n, args.seed):
            for arm, tally in tallies.items():
                run_arm(name, data, truth, ARMS[arm], tally)
        for arm, tally in tallies.items():
            report(variant, arm, tally)


if __name__ == "__main__":
    main()
