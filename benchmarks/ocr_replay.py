"""Tuning aid: a corpus with truth parsed on cached page passes (`ocr_cache`), per document and per group.

The first run over a corpus reads every page in full and fills the cache; later runs replay only the refiners,
bold and the parse, so a parser or refiner change is measured in seconds per document. Prints, per document with
-v, its status, wrong / silent / missed values and review reasons; then per group: accepted, silent errors and
silent omissions, and the review reasons that held documents.
Run: PYTHONPATH=. .venv/bin/python benchmarks/ocr_replay.py DIR (--cache CACHE | --engine-cache CACHE) [--filter TEXT]
     [--jobs N] [-v]   (--engine-cache: tesseract's readings replayed, the page pass run again: for page-pass changes)
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.ocr_cache import engine_cache, page_pass_cache
from biometry.corpus_eval import corpus_files, group_name, truth_path
from biometry.evaluate import compare
from biometry.models import BiometryResult
from biometry.parallel import cpu_count, ordered_map
from biometry.parse import parse_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    caches = parser.add_mutually_exclusive_group(required=True)
    caches.add_argument("--cache", type=Path, help="page passes read once into CACHE, then replayed")
    caches.add_argument("--engine-cache", type=Path, help="tesseract calls read once into CACHE, then replayed")
    parser.add_argument("--filter", default="", help="only documents whose file name contains this")
    parser.add_argument("--jobs", type=int, default=cpu_count())
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    paths = [p for p in corpus_files(args.directory) if args.filter in p.name]
    work = [(path, args.cache or args.engine_cache, args.engine_cache is not None) for path in paths]
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    reasons: dict[str, Counter[str]] = defaultdict(Counter)
    for path, line in zip(paths, ordered_map(replay_one, work, args.jobs), strict=True):
        group, status, wrong, silent, missed, patient, codes = line
        tally = groups[group]
        tally["documents"] += 1
        tally["accepted"] += status == "accepted"
        tally["silent_errors"] += silent if status == "accepted" else 0
        tally["silent_omissions"] += missed if status == "accepted" else 0
        tally["patient"] += bool(patient)
        reasons[group].update(set(codes))
        if args.verbose:
            print(f"{path.name:48} {status:13} wrong {wrong:2} silent {silent:2} missed {missed:3} patient {patient} "
                  f"{','.join(codes)}")  # fmt: skip
    for group, tally in sorted(groups.items()):
        print(f"{group:40} accepted {tally['accepted']}/{tally['documents']}  silent errors {tally['silent_errors']}"
              f"  silent omissions {tally['silent_omissions']}  patient block wrong {tally['patient']}")  # fmt: skip
        print(f"    held by: {dict(reasons[group].most_common())}")


def replay_one(item: tuple[Path, Path, bool]) -> tuple[str, str, int, int, int, int, list[str]]:
    """One document parsed on the cache: group, status, wrong measurement values, silent errors, measurement values
    missed, patient fields wrong or unread in an accepted result, and its review reasons."""
    path, cache, engine_level = item
    truth = BiometryResult.model_validate_json(truth_path(path).read_text(encoding="utf-8"))
    with (engine_cache if engine_level else page_pass_cache)(cache):
        result = parse_bytes(path.read_bytes(), path.name)
    comparison = compare(result, truth)
    codes = sorted({issue.code for issue in result.extraction.issues if issue.severity == "error"})
    silent, patient = len(comparison.silent_errors(result)), len(comparison.patient_errors(result))
    wrong, missed = (sum(not n.startswith("patient.") for n in kind) for kind in (comparison.wrong, comparison.missed))
    return group_name(truth), result.status, wrong, silent, missed, patient, codes


if __name__ == "__main__":
    main()
