"""Benchmark: the misreads OCR makes of a number, one at a time, on generated printouts: accepted must mean exact.

Each generated text layer is read as an OCR page would give it (bold unseen, so every table's highlighted row is
inferred from its target), then every number printed with a decimal mark is misread in turn, one misread per parse:
parted after its mark (`-1. 00`), its mark lost (`-100`), or its first glyph lost (`0.50` for `-0.50`: a minus or a
leading digit). A parse that accepts a mutated document with a wrong or missing value is a silent error; it prints
them and their count per kind (0 is the bar). The fifty-first session found the lost-minus target this way
(docs/real-reports.md F51).
Run: PYTHONPATH=layers/biometry:. .venv/bin/python benchmarks/misread_mutations.py [--seeds 7,8]
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections.abc import Callable, Iterator

from biometry.document import Document, Page, Word
from biometry.evaluate import compare
from biometry.extract import load_document
from biometry.models import BiometryResult
from biometry.parse import parse_document
from biometry.synth.case import Case
from biometry.synth.eyesuite.plan import EyesuiteCase
from biometry.synth.eyesuite.report import render as render_eyesuite
from biometry.synth.iolmaster700.report import render as render_iolmaster700

_DECIMAL = re.compile(r"^[+-]?\d+[.,]\d+")
Misread = Callable[[Word], list[Word]]


def parted(word: Word) -> list[Word]:
    """`-1.00` read as `-1.` and `00`, each over its share of the word."""
    x0, y0, x1, y1 = word.bbox
    mark = re.search(r"[.,]", word.text).end()  # type: ignore[union-attr]  # `_DECIMAL` matched
    cut = x0 + (x1 - x0) * mark / len(word.text)
    return [dataclasses.replace(word, text=word.text[:mark], bbox=(x0, y0, cut, y1)),
            dataclasses.replace(word, text=word.text[mark:], bbox=(cut, y0, x1, y1))]  # fmt: skip


def unmarked(word: Word) -> list[Word]:
    """`-1.00` read as `-100`."""
    return [dataclasses.replace(word, text=re.sub(r"[.,]", "", word.text, count=1))]


def first_lost(word: Word) -> list[Word]:
    """`-0.50` read as `0.50`, `23.45` as `3.45`."""
    return [dataclasses.replace(word, text=word.text[1:])]


MISREADS: dict[str, Misread] = {"parted": parted, "unmarked": unmarked, "first glyph lost": first_lost}


def as_ocr(document: Document) -> Document:
    """The document as OCR gives it: the same words, bold unseen."""
    return dataclasses.replace(document, pages=[_unbolded(page) for page in document.pages])


def _unbolded(page: Page) -> Page:
    words = [dataclasses.replace(w, bold=False) for w in page.words]
    return dataclasses.replace(page, words=words, source="ocr", _lines=None, _memo={})


def mutants(document: Document, misread: Misread) -> Iterator[tuple[str, Document]]:
    """The document once for each number printed with a decimal mark, that number misread."""
    for p, page in enumerate(document.pages):
        for k, word in enumerate(page.words):
            if not _DECIMAL.match(word.text):
                continue
            words = [*page.words[:k], *misread(word), *page.words[k + 1 :]]
            pages = [*document.pages]
            pages[p] = dataclasses.replace(page, words=words, _lines=None, _memo={})
            yield f"page {page.number} {word.text!r}", dataclasses.replace(document, pages=pages)


def documents(seeds: list[int]) -> Iterator[tuple[str, Document, BiometryResult]]:
    """Generated EyeSuite and IOLMaster 700 printouts (text layers) with their truth."""
    for seed in seeds:
        for case, render in (
            (EyesuiteCase(seed=seed), render_eyesuite),
            (Case(seed=seed, layout="calc_only"), render_iolmaster700),
        ):
            pdf, truth = render(case)
            yield case.filename, load_document(pdf, case.filename), BiometryResult.model_validate(truth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="7,8", help="comma-separated generator seeds")
    args = parser.parse_args()
    silent: dict[str, int] = dict.fromkeys(MISREADS, 0)
    tried: dict[str, int] = dict.fromkeys(MISREADS, 0)
    for name, document, truth in documents([int(s) for s in args.seeds.split(",")]):
        read = as_ocr(document)
        base = parse_document(read)
        print(f"{name}: read as OCR, {base.status}, {len(compare(base, truth).wrong)} wrong")
        for kind, misread in MISREADS.items():
            for where, mutant in mutants(read, misread):
                tried[kind] += 1
                result = parse_document(mutant)
                comparison = compare(result, truth)
                wrong = comparison.silent_errors(result) + comparison.silent_omissions(result)
                if wrong:
                    silent[kind] += 1
                    print(f"  SILENT {kind} {where}: {wrong[:4]}")
    for kind in MISREADS:
        print(f"{kind:18} mutations {tried[kind]:5}  silent errors {silent[kind]}")


if __name__ == "__main__":
    main()
