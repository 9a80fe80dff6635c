"""Benchmark: tesseract against RapidOCR's PP-OCRv4 recogniser alone, on the same text segments, CPU per segment.

Issue 9 names "a recogniser with a cheaper step per character" as the lever that could bring OCR under 1 CPU s a
page: our layout code finds the lines, a small CRNN reads them. This measures it on the real IOLMaster 700 printout
rendered clean at 300 dpi, where the text layer is the truth: every text-layer line is cut into segments at gaps wider
than its height (`AL: 23,73 mm`, a table cell), each segment cropped with a small margin and read alone by both
engines, one thread each. Three steps, because RapidOCR is no dependency of the product (install it in a scratch
venv: `python3 -m venv /tmp/rapid && /tmp/rapid/bin/pip install rapidocr-onnxruntime`, whose wheel ships its models):

  PYTHONPATH=layers/biometry:. .venv/bin/python benchmarks/recogniser_segments.py crops DIR       # + tesseract
  /tmp/rapid/bin/python benchmarks/recogniser_segments.py rapid DIR                             # + RapidOCR
  python3 benchmarks/recogniser_segments.py score DIR                                           # the comparison
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from biometry.document import Page, Word

MARGIN_PX = 6  # white around a segment's crop
REAL_PRINTOUT = Path(os.environ.get("BIOMETRY_REAL_DIR", "../shared/real")) / "iolmaster700-ptbr.pdf"
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def crops(out: Path) -> None:
    """Every segment of the printout's text layer as a PNG crop of a clean 300-dpi render, with its text and
    tesseract's psm-7 reading and CPU time (the product's engine, one thread)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import pypdfium2 as pdfium

    from biometry.extract import load_document
    from biometry.extract.tesseract import read_words

    data = REAL_PRINTOUT.read_bytes()
    document, pdf = load_document(data, REAL_PRINTOUT.name), pdfium.PdfDocument(data)
    out.mkdir(parents=True, exist_ok=True)
    segments = []
    for number, page in enumerate(document.pages):
        image = pdf[number].render(scale=300 / 72, grayscale=True).to_pil().convert("L")
        for index, (text, box) in enumerate(_segments(page, image.size)):
            crop, name = image.crop(box), f"p{number:02d}_s{index:03d}.png"
            crop.save(out / name)
            start = time.process_time()
            read = " ".join(word.text for word in read_words(crop, 7))
            segments.append(
                {"file": name, "truth": text, "tesseract": read, "tesseract_cpu": time.process_time() - start}
            )
    (out / "segments.json").write_text(json.dumps(segments, ensure_ascii=False))
    print(f"{len(segments)} segments written to {out}")


def _segments(page: Page, size: tuple[int, int]) -> list[tuple[str, tuple[int, int, int, int]]]:
    """A page's text-layer lines cut at gaps wider than the line is high: (text, pixel box with MARGIN_PX)."""
    from biometry.document import group_lines, union_bbox

    width, height = size
    found = []
    for line in group_lines(page.words):
        words = sorted(line.words, key=lambda w: w.bbox[0])
        gap = (line.bbox[3] - line.bbox[1]) * height / width
        parts: list[list[Word]] = [[words[0]]]
        for left, right in itertools.pairwise(words):
            if right.bbox[0] - left.bbox[2] > gap:
                parts.append([])
            parts[-1].append(right)
        for part in parts:
            x0, y0, x1, y1 = union_bbox([w.bbox for w in part])
            box = (max(round(x0 * width) - MARGIN_PX, 0), max(round(y0 * height) - MARGIN_PX, 0),
                   min(round(x1 * width) + MARGIN_PX, width), min(round(y1 * height) + MARGIN_PX, height))  # fmt: skip
            found.append((" ".join(w.text for w in part), box))
    return found


def rapid(out: Path) -> None:
    """RapidOCR's recogniser (no detector, no classifier) on every crop, one onnxruntime thread, CPU per crop."""
    import cv2
    import rapidocr_onnxruntime
    from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
    from rapidocr_onnxruntime.utils import read_yaml

    package = Path(rapidocr_onnxruntime.__file__).parent
    config = read_yaml(str(package / "config.yaml"))["Rec"]
    config.update(model_path=str(package / config["model_path"]), intra_op_num_threads=1, inter_op_num_threads=1)
    recogniser = TextRecognizer(config)
    segments = json.loads((out / "segments.json").read_text())
    images = [cv2.imread(str(out / segment["file"])) for segment in segments]
    recogniser([images[0]])  # the session's first run allocates
    for segment, image in zip(segments, images, strict=True):
        start = time.process_time()
        (reading,), _ = recogniser([image])
        segment.update(rapidocr=reading[0], rapidocr_cpu=time.process_time() - start)
    (out / "segments.json").write_text(json.dumps(segments, ensure_ascii=False))


def score(out: Path) -> None:
    """Per engine: segments read exactly (spaces aside), segments whose numbers are all read right, CPU ms a segment."""
    segments = json.loads((out / "segments.json").read_text())
    numbered = [s for s in segments if _NUMBER.search(s["truth"])]
    print(f"{len(segments)} segments, {len(numbered)} with numbers")
    for engine in ("tesseract", "rapidocr"):
        exact = sum(_squashed(s[engine]) == _squashed(s["truth"]) for s in segments)
        numbers = sum(_NUMBER.findall(s[engine]) == _NUMBER.findall(s["truth"]) for s in numbered)
        cpu_ms = 1000 * sum(s[f"{engine}_cpu"] for s in segments) / len(segments)
        print(f"{engine:10s} exact {exact:5d}  numbers right {numbers:5d}  CPU {cpu_ms:6.1f} ms/segment")


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("crops", "rapid", "score"))
    parser.add_argument("dir", type=Path)
    arguments = parser.parse_args()
    {"crops": crops, "rapid": rapid, "score": score}[arguments.step](arguments.dir)


if __name__ == "__main__":
    main()
