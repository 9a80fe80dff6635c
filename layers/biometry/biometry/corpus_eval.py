"""`biometry eval DIR`: run the regex tier over a corpus with ground truth and measure it per device and field."""

from __future__ import annotations

import re
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from biometry.evaluate import compare
from biometry.models import BiometryResult
from biometry.parallel import ordered_map
from biometry.parse import parse_bytes

TRUTH_SUFFIX = ".truth.json"
_INDEX = re.compile(r"\[\d+\]")


@dataclass(slots=True)
class GroupStats:
    """Figures for one device and text source."""

    documents: int = 0
    accepted: int = 0
    silent_error_documents: int = 0
    silent_error_values: int = 0
    silent_omission_documents: int = 0
    silent_omission_values: int = 0
    patient_error_documents: int = 0  # accepted with a patient field wrong or unread
    swaps: int = 0
    crashes: int = 0
    seconds: list[float] = field(default_factory=list)
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # [right, total]

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "accepted": self.accepted,
            "automation_rate": round(self.accepted / self.documents, 4) if self.documents else 0.0,
            "silent_error_documents": self.silent_error_documents,
            "silent_error_values": self.silent_error_values,
            "silent_omission_documents": self.silent_omission_documents,
            "silent_omission_values": self.silent_omission_values,
            "patient_error_documents": self.patient_error_documents,
            "od_os_swaps": self.swaps,
            "crashes": self.crashes,
            "median_seconds": round(statistics.median(self.seconds), 3) if self.seconds else 0.0,
            "field_accuracy": {k: round(r / t, 4) for k, (r, t) in sorted(self.fields.items()) if t},
        }


def corpus_files(directory: Path) -> list[Path]:
    """Every document in a directory that has a `NAME.truth.json` beside it."""
    return sorted(
        p for p in directory.iterdir() if p.is_file() and not p.name.endswith(".json") and truth_path(p).is_file()
    )


def evaluate_corpus(
    paths: Iterable[Path], *, jobs: int = 1, on_document: Callable[[Path], None] | None = None
) -> dict[str, GroupStats]:
    """Parse every document (over `jobs` processes), compare it with its truth, and add it to its group's figures.

    Documents are counted in the order of `paths` whatever the number of jobs, so the figures do not depend on it
    (apart from the timings); `on_document` is called as each one is counted.
    """
    todo = list(paths)
    groups: dict[str, GroupStats] = defaultdict(GroupStats)
    for path, (result, truth, elapsed) in zip(todo, ordered_map(parse_with_truth, todo, jobs), strict=True):
        add_result(groups[group_name(truth)], result, truth, elapsed)
        if on_document is not None:
            on_document(path)
    return dict(sorted(groups.items()))


def parse_with_truth(path: Path) -> tuple[BiometryResult, BiometryResult, float]:
    """One document parsed (result, its truth, seconds the parse took): the unit of work of a corpus run."""
    truth = BiometryResult.model_validate_json(truth_path(path).read_text(encoding="utf-8"))
    start = time.perf_counter()
    result = parse_bytes(path.read_bytes(), path.name)
    return result, truth, time.perf_counter() - start


def group_name(truth: BiometryResult) -> str:
    """`IOLMaster 700 / text-layer`, `Eyestar 900 / ocr (photo)`, `unknown device / text-layer` (hand-labelled truths
    of invented devices), ..."""
    device = truth.device.model if truth.device else "unknown"
    if truth.extraction.method == "manual":
        device = "unknown device"
    photo = truth.source.text_source == "ocr" and truth.source.media_type.startswith("image/")
    return f"{device} / {'ocr (photo)' if photo else truth.source.text_source}"


def add_result(stats: GroupStats, result: BiometryResult, truth: BiometryResult, seconds: float) -> None:
    """Count one result against its truth: acceptance, silent errors and omissions, swaps, field by field."""
    comparison = compare(result, truth)
    stats.documents += 1
    stats.accepted += result.status == "accepted"
    stats.seconds.append(seconds)
    stats.crashes += any(i.code == "internal_error" for i in result.extraction.issues)
    stats.swaps += comparison.swapped
    silent = comparison.silent_errors(result)
    stats.silent_error_documents += bool(silent)
    stats.silent_error_values += len(silent)
    omitted = comparison.silent_omissions(result)
    stats.silent_omission_documents += bool(omitted)
    stats.silent_omission_values += len(omitted)
    stats.patient_error_documents += bool(comparison.patient_errors(result))
    for name in comparison.correct:
        _count(stats, name, right=True)
    for name in (*comparison.wrong, *comparison.missed):
        _count(stats, name, right=False)


def _count(stats: GroupStats, name: str, *, right: bool) -> None:
    key = _INDEX.sub("[]", name.split(".", 1)[1] if name.startswith(("OD.", "OS.")) else name)
    tally = stats.fields[key]
    tally[0] += right
    tally[1] += 1


def truth_path(document: Path) -> Path:
    """`NAME.truth.json` beside `NAME.ext`."""
    return document.with_name(document.stem + TRUTH_SUFFIX)
