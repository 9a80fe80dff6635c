"""Benchmark: the misreads OCR makes of a word, one at a time, on generated printouts: accepted must mean exact.

Each generated text layer is read as an OCR page would give it (bold unseen, so every table's highlighted row is
inferred from its target), then every printed number is misread in turn, one misread per parse: parted after its
decimal mark (`-1. 00`), its mark lost (`-100`) or moved (`-10.0`), its first glyph lost (`0.50` for `-0.50`: a minus
or a leading digit) or its last digit lost (`-0.5`); every word, number or not, is lost in turn (a value, a label, a
word of a lens name), and every part of a line (a row's value, unit and SD together); every digit is read as a glyph
OCR confuses it with, at full confidence. A parse that accepts a mutated document with a wrong or missing value is a
silent error; it prints them and their count per kind. 0 is the bar, but for the residuals named in
docs/real-reports.md: an IOLMaster 700 row of LT or TK lost but for its label reads as its null lost (2 line parts at
seeds 7-8, F52), and a confused digit in a value printed once that no other print or formula reads (LT, TK, WTW, CCT,
pupil, axes, targets; a cell or emmetropia power changed by 0.01 D: F53). The fifty-first session found the lost-minus
target this way, the fifty-second lost last digits, lost values, lost rows and lens names one word short, the
fifty-third AL, K and ACD printed once (F51-F53).
Run: PYTHONPATH=layers/biometry:. .venv/bin/python benchmarks/misread_mutations.py [--seeds 7,8]
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
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
_NUMBER = re.compile(r"^[+-]?\d")
CONFUSED = dict(zip("0123456789", "8778965138", strict=True))  # a digit -> a digit OCR reads it as (`3` -> `8`)
LINE_REACH = 0.15  # of the page width either side of a word: the part of its line lost with it
Misread = Callable[[Word], list[Word] | None]


def parted(word: Word) -> list[Word] | None:
    """`-1.00` read as `-1.` and `00`, each over its share of the word."""
    if not _DECIMAL.match(word.text):
        return None
    x0, y0, x1, y1 = word.bbox
    mark = re.search(r"[.,]", word.text).end()  # type: ignore[union-attr]  # `_DECIMAL` matched
    cut = x0 + (x1 - x0) * mark / len(word.text)
    return [dataclasses.replace(word, text=word.text[:mark], bbox=(x0, y0, cut, y1)),
            dataclasses.replace(word, text=word.text[mark:], bbox=(cut, y0, x1, y1))]  # fmt: skip


def unmarked(word: Word) -> list[Word] | None:
    """`-1.00` read as `-100`."""
    if not _DECIMAL.match(word.text):
        return None
    return [dataclasses.replace(word, text=re.sub(r"[.,]", "", word.text, count=1))]


def mark_moved(word: Word) -> list[Word] | None:
    """`-1.00` read as `-10.0`: the mark one digit later."""
    match = _DECIMAL.match(word.text)
    if not match or match.end() - re.search(r"[.,]", word.text).end() < 2:  # type: ignore[union-attr]
        return None
    return [dataclasses.replace(word, text=re.sub(r"([.,])(\d)", r"\2\1", word.text, count=1))]


def first_lost(word: Word) -> list[Word] | None:
    """`-0.50` read as `0.50`, `23.45` as `3.45`, `93°` as `3°`."""
    if not _NUMBER.match(word.text) or not any(c.isdigit() for c in word.text[1:]):
        return None
    return [dataclasses.replace(word, text=word.text[1:])]


def last_lost(word: Word) -> list[Word] | None:
    """`-0.50` read as `-0.5`, `93°` as `9°`: the last digit gone."""
    digits = [k for k, c in enumerate(word.text) if c.isdigit()]
    if not _NUMBER.match(word.text) or len(digits) < 2:
        return None
    return [dataclasses.replace(word, text=word.text[: digits[-1]] + word.text[digits[-1] + 1 :])]


def lost(word: Word) -> list[Word] | None:
    """The word not read at all: a value, a label, a word of a lens name."""
    return []


MISREADS: dict[str, Misread] = {
    "parted": parted,
    "unmarked": unmarked,
    "mark moved": mark_moved,
    "first glyph lost": first_lost,
    "last digit lost": last_lost,
    "word lost": lost,
}


def as_ocr(document: Document) -> Document:
    """The document as OCR gives it: the same words, bold unseen."""
    return dataclasses.replace(document, pages=[_unbolded(page) for page in document.pages])


def _unbolded(page: Page) -> Page:
    words = [dataclasses.replace(w, bold=False) for w in page.words]
    return dataclasses.replace(page, words=words, source="ocr", _lines=None, _memo={})


def mutants(document: Document, misread: Misread) -> Iterator[tuple[str, Document]]:
    """The document once for each printed word the misread applies to, that word misread."""
    for p, page in enumerate(document.pages):
        for k, word in enumerate(page.words):
            read = misread(word)
            if read is not None:
                words = [*page.words[:k], *read, *page.words[k + 1 :]]
                yield f"page {page.number} {word.text!r}", _with_words(document, p, words)


def line_parts_lost(document: Document) -> Iterator[tuple[str, Document]]:
    """The document once for each part of a line OCR lost whole: the words level with a word and within LINE_REACH
    of it (a row's value, unit and SD; a table row; a constants line), each part once."""
    for p, page in enumerate(document.pages):
        seen: set[frozenset[int]] = set()
        for word in page.words:
            lost = frozenset(k for k, other in enumerate(page.words) if _level_near(other, word))
            if lost not in seen:
                seen.add(lost)
                words = [w for k, w in enumerate(page.words) if k not in lost]
                yield f"page {page.number} around {word.text!r}", _with_words(document, p, words)


def digits_confused(document: Document) -> Iterator[tuple[str, Document]]:
    """The document once for each digit of each printed number read as a glyph OCR confuses it with (`CONFUSED`),
    at full confidence: `23.04` read `28.04`, then `23.09`, ..."""
    for p, page in enumerate(document.pages):
        for k, word in enumerate(page.words):
            if not _NUMBER.match(word.text):
                continue
            for i, glyph in enumerate(word.text):
                if glyph.isdigit():
                    read = dataclasses.replace(word, text=word.text[:i] + CONFUSED[glyph] + word.text[i + 1 :])
                    words = [*page.words[:k], read, *page.words[k + 1 :]]
                    yield f"page {page.number} {word.text!r} as {read.text!r}", _with_words(document, p, words)


def _level_near(other: Word, word: Word) -> bool:
    return abs(other.y_center - word.y_center) < word.height / 2 and abs(other.x_center - word.x_center) < LINE_REACH


def _with_words(document: Document, index: int, words: list[Word]) -> Document:
    pages = [*document.pages]
    pages[index] = dataclasses.replace(pages[index], words=words, _lines=None, _memo={})
    return dataclasses.replace(document, pages=pages)


KINDS: dict[str, Callable[[Document], Iterator[tuple[str, Document]]]] = {
    **{kind: functools.partial(mutants, misread=misread) for kind, misread in MISREADS.items()},
    "line part lost": line_parts_lost,
    "digit confused": digits_confused,
}


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
    silent: dict[str, int] = dict.fromkeys(KINDS, 0)
    tried: dict[str, int] = dict.fromkeys(KINDS, 0)
    for name, document, truth in documents([int(s) for s in args.seeds.split(",")]):
        read = as_ocr(document)
        base = parse_document(read)
        print(f"{name}: read as OCR, {base.status}, {len(compare(base, truth).wrong)} wrong")
        for kind, made in KINDS.items():
            for where, mutant in made(read):
                tried[kind] += 1
                result = parse_document(mutant)
                comparison = compare(result, truth)
                wrong = comparison.silent_errors(result) + comparison.silent_omissions(result)
                if wrong:
                    silent[kind] += 1
                    print(f"  SILENT {kind} {where}: {wrong[:4]}")
    for kind in KINDS:
        print(f"{kind:18} mutations {tried[kind]:5}  silent errors {silent[kind]}")


if __name__ == "__main__":
    main()
