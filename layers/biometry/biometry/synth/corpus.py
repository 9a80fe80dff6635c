"""Deterministic corpora of synthetic reports with ground truth: `NAME.ext` + `NAME.truth.json`, for every device."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import pypdfium2 as pdfium

from biometry.parallel import ordered_map
from biometry.synth.case import Case, Layout
from biometry.synth.image import photo_like, scan_like
from biometry.synth.iolmaster700.report import render
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


@dataclass(frozen=True, slots=True)
class Family:
    """One kind of synthetic document: how to list its cases and how to render one."""

    share: float
    cases: Callable[[int, int, float], Iterable[Any]]
    render: Callable[[Any], tuple[bytes, dict[str, Any]]]


def _families() -> dict[str, Family]:
    from biometry.synth.exports.report import export_cases, render_export
    from biometry.synth.eyesuite import report as eyesuite
    from biometry.synth.iolmaster500 import report as iolmaster500
    from biometry.synth.unknown import render_unknown, unknown_cases

    return {
        "iolmaster700": Family(0.35, cases, render),
        "eyesuite": Family(0.25, eyesuite.cases, eyesuite.render),
        "iolmaster500": Family(0.15, iolmaster500.cases, iolmaster500.render),
        "export": Family(0.15, lambda n, seed, _: export_cases(n, seed), render_export),
        "unknown": Family(0.10, lambda n, seed, _: unknown_cases(n, seed), render_unknown),
    }


DEVICES = ("iolmaster700", "eyesuite", "iolmaster500", "export", "unknown")


def make_corpus(
    out_dir: Path,
    n: int,
    seed: int = 0,
    image_share: float = 0.2,
    devices: Sequence[str] = ("iolmaster700",),
    *,
    jobs: int = 1,
    on_written: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Write `n` documents (split over `devices` by their shares) and their truth files; return the document paths.

    Half of the image cases of printout families are realistic scans (tilt, noise, JPEG artefacts: name `-realscan`)
    or phone photos (`-photo.jpg`) instead of clean image-only renders. Rendered over `jobs` processes: every case
    carries its own seed, so the files are the same whatever the number of jobs; `on_written` follows each one.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = [(out_dir, name, case) for name, case in _planned_cases(n, seed, image_share, devices)]
    written = []
    for path in ordered_map(_write_case, todo, jobs):
        written.append(path)
        if on_written is not None:
            on_written(path)
    return written


def _planned_cases(n: int, seed: int, image_share: float, devices: Sequence[str]) -> Iterator[tuple[str, Any]]:
    """(family name, case) for every document of the corpus, in file order."""
    families = _families()
    chosen = {name: families[name] for name in devices}
    total = sum(f.share for f in chosen.values())
    for index, (name, family) in enumerate(chosen.items()):
        count = (
            n - sum(round(n * f.share / total) for f in list(chosen.values())[:-1])
            if index == len(chosen) - 1
            else round(n * family.share / total)
        )
        for case in family.cases(count, seed, image_share):
            yield name, case


def _write_case(job: tuple[Path, str, Any]) -> Path:
    """Render one case into `out_dir` with its truth file: the unit of work of `make_corpus`."""
    out_dir, family, case = job
    data, truth, filename = _rendered(_families()[family], case)
    path = out_dir / filename
    path.write_bytes(data)
    path.with_name(path.stem + ".truth.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n")
    return path


def _rendered(family: Family, case: Any) -> tuple[bytes, dict[str, Any], str]:
    """Render a case; of the image cases, odd seeds stay clean image renders, even seeds become realistic scans of
    the text-layer render, or phone photos (`-photo.jpg`) when the seed is also a multiple of 3 and the report has
    one page (a photo shows one page, so its truth is the whole report's)."""
    if not getattr(case, "image_only", False) or case.seed % 2:
        data, truth = family.render(case)
        return data, truth, case.filename
    text_pdf, truth = family.render(dataclasses.replace(case, image_only=False))
    if case.seed % 3 == 0 and len(pdfium.PdfDocument(text_pdf)) == 1:
        data = photo_like(text_pdf, seed=case.seed)
        filename = case.filename.replace(".pdf", "-photo.jpg")
        source = {**truth["source"], "filename": filename, "media_type": "image/jpeg", "text_source": "ocr"}
    else:
        data = scan_like(text_pdf, seed=case.seed)
        filename = case.filename.replace(".pdf", "-realscan.pdf")
        source = {**truth["source"], "filename": filename, "text_source": "ocr"}
    return data, {**truth, "document_id": hashlib.sha256(data).hexdigest(), "source": source}, filename
