"""Fingerprints of what the text layer and the parse make of a fixed document set, to prove a speed change harmless.

For 40 synthetic text-layer documents of every device (`biometry corpus make --n 40 --seed 91 --image-share 0`) and
the real IOLMaster 700 printout (../shared/real, when present): a hash of the words (text, box, bold, confidence),
of the lines and of the result JSON. Run it before and after a change and compare:
    .venv/bin/python benchmarks/text_layer_fingerprints.py > /tmp/before.json      # on the old code
    .venv/bin/python benchmarks/text_layer_fingerprints.py --compare /tmp/before.json
A copy of an older tree run from /tmp finds the real printout with BIOMETRY_REAL_DIR=/path/to/shared/real.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

from biometry.extract import load_document
from biometry.parse import parse_document
from biometry.synth.corpus import DEVICES, make_corpus

REAL_DIR = Path(os.environ.get("BIOMETRY_REAL_DIR", Path(__file__).resolve().parents[2] / "shared" / "real"))
REAL_PRINTOUT = REAL_DIR / "iolmaster700-ptbr.pdf"


def fingerprint(path: Path) -> dict[str, str]:
    """Hashes of one document's words, lines and result."""
    document = load_document(path.read_bytes(), path.name, ocr=False)
    words = [[(w.text, repr(w.bbox), w.bold, w.confidence) for w in page.words] for page in document.pages]
    lines = [[line.text for line in page.lines] for page in document.pages]
    result = parse_document(document).model_dump_json()
    return {name: _sha(text) for name, text in (("words", repr(words)), ("lines", repr(lines)), ("result", result))}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def fingerprints() -> dict[str, dict[str, str]]:
    with tempfile.TemporaryDirectory() as directory:
        paths = make_corpus(Path(directory), 40, seed=91, image_share=0.0, devices=DEVICES)
        if REAL_PRINTOUT.exists():
            paths.append(REAL_PRINTOUT)
        else:  # a tree copied elsewhere (/tmp/base) finds no ../shared/real: say so, or 40 looks like 41
            print(f"no real printout at {REAL_PRINTOUT} (set BIOMETRY_REAL_DIR): 40 documents", file=sys.stderr)
        return {path.name: fingerprint(path) for path in paths}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compare", type=Path, metavar="FILE", help="an earlier run's output: list what differs")
    args = parser.parse_args()
    found = fingerprints()
    if args.compare is None:
        print(json.dumps(found, indent=1))
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    names = sorted(found.keys() | before.keys())
    differ = [f"{name}: {part}" for name in names for part in ("words", "lines", "result")
              if found.get(name, {}).get(part) != before.get(name, {}).get(part)]  # fmt: skip
    print("\n".join(differ) or f"identical: {len(found)} documents (words, lines, bold marks, results)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
