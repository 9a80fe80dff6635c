"""A deterministic corpus of synthetic IOLMaster 700 reports: `NAME.pdf` + `NAME.truth.json`."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

from biometry.synth.case import Case, Layout
from biometry.synth.iolmaster700 import render
from biometry.synth.l10n import LANGUAGES, DecimalMark

LAYOUTS: tuple[Layout, ...] = get_args(Layout)
_POINT_SHARE = {"en": 0.8, "de": 0.1, "pt": 0.15, "es": 0.2, "fr": 0.1}


def cases(n: int, seed: int = 0, image_share: float = 0.2) -> Iterator[Case]:
    """`n` cases cycling through languages and layouts, with number format and image variant by seed."""
    rng = random.Random(f"corpus:{seed}")
    for i in range(n):
        language = LANGUAGES[i % len(LANGUAGES)]
        layout = LAYOUTS[(i // len(LANGUAGES) + i % len(LANGUAGES)) % len(LAYOUTS)]
        decimal: DecimalMark = "point" if rng.random() < _POINT_SHARE[language] else "comma"
        image_only = rng.random() < image_share
        case_seed = rng.randrange(2**31)
        name = f"iolm700-{seed}-{i:04d}-{language}-{decimal}-{layout}{'-scan' if image_only else ''}"
        yield Case(
            seed=case_seed,
            language=language,
            decimal=decimal,
            layout=layout,
            image_only=image_only,
            anisometropia=rng.random() < 0.1,
            name=name,
        )


def make_corpus(out_dir: Path, n: int, seed: int = 0, image_share: float = 0.2) -> list[Path]:
    """Write `n` reports and their truth files into `out_dir`; return the PDF paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for case in cases(n, seed, image_share):
        pdf, truth = render(case)
        path = out_dir / case.filename
        path.write_bytes(pdf)
        path.with_suffix(".truth.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    return written
