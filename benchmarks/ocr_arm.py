"""One arm of the OCR benchmark as a process: reads file paths on stdin, parses each, writes its CPU and result.

Started by `ocr_speed.py` with PYTHONPATH pointing at the tree under test (this working tree, or a copy of the
product at a git ref for the baseline), so every arm is the code of its own tree run the same way. Each stdin line is
a path; each stdout line is JSON: pages, CPU and wall seconds of the parse (this process, its threads and finished
children) and the `BiometryResult` as JSON. Engines are started before the first clock (a warm Lambda keeps them).
Options: --workers N (page workers, BIOMETRY_OCR_WORKERS), --engine process (a `tesseract` process per region via
pytesseract, the engine before issue 9, swapped into the engine seam `extract.tesseract.read_words`).
Only standard library and `biometry` calls that every tree since the in-process engine has.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any


def cpu_seconds() -> float:
    """CPU seconds of this process (all threads) and of its finished children."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def process_read_words(image: Any, psm: int, language: str = "eng") -> list[Any]:
    """The engine seam as it was before issue 9: a new `tesseract` process reads the image (pytesseract)."""
    import pytesseract

    from biometry.extract import tesseract

    data = pytesseract.image_to_data(image, lang=language, config=f"--psm {psm}", output_type="dict")
    columns = zip(data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"], strict=True)
    return [tesseract.TesseractWord(str(t), float(c), *box) for t, c, *box in columns]


def warm_up(workers: int) -> None:
    """Start this thread's engine and every page worker's on a printed line, before any clock runs."""
    from PIL import Image, ImageDraw, ImageFont

    from biometry.extract import ocr_pages, tesseract

    tesseract.engine()
    image = Image.new("L", (600, 200), 255)
    ImageDraw.Draw(image).text((40, 60), "AL 23.41 mm", fill=0, font=ImageFont.load_default(size=40))
    ocr_pages.ocr_pages(ocr_pages.PageImage(image.copy(), n) for n in range(4 * workers))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--engine", choices=("inprocess", "process"), default="inprocess")
    args = parser.parse_args()
    os.environ["BIOMETRY_OCR_WORKERS"] = str(args.workers)
    from biometry.extract import tesseract
    from biometry.parse import parse_bytes

    warm_up(args.workers)
    if args.engine == "process":
        tesseract.read_words = process_read_words
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        path = Path(line.strip())
        data = path.read_bytes()
        cpu, wall = cpu_seconds(), time.perf_counter()
        result = parse_bytes(data, path.name)
        cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
        row = {"pages": result.source.pages, "cpu_s": round(cpu, 3), "wall_s": round(wall, 3)}
        print(json.dumps({**row, "result": result.model_dump(mode="json")}), flush=True)


if __name__ == "__main__":
    main()
