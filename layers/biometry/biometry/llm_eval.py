"""`biometry eval DIR --llm URL [--llm URL2]`: the LLM tier, endpoint by endpoint, on the documents the regex tier
cannot accept; the same figures as the regex tier's plus latency and tokens per document."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from biometry.corpus_eval import GroupStats, add_result, truth_path
from biometry.document import Document
from biometry.errors import BiometryError
from biometry.llm.local import run_llm_tier
from biometry.llm.tier import LlmJob, LlmProvider, LlmRequest
from biometry.models import BiometryResult


@dataclass(slots=True)
class LlmStats(GroupStats):
    """One endpoint's figures over the documents the regex tier left for review."""

    failures: int = 0  # documents whose LLM call failed (unavailable, invalid output, PHI not provable)
    prompt_tokens: list[float] = field(default_factory=list)
    completion_tokens: list[float] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        right, total = (sum(tally[i] for tally in self.fields.values()) for i in (0, 1))
        return GroupStats.as_dict(self) | {
            "llm_failures": self.failures,
            "overall_field_accuracy": round(right / total, 4) if total else 0.0,
            "mean_prompt_tokens": _mean(self.prompt_tokens),
            "mean_completion_tokens": _mean(self.completion_tokens),
        }


class MeteredProvider:
    """A provider that keeps the token usage of the last job it polled."""

    def __init__(self, provider: LlmProvider) -> None:
        self.method = provider.method
        self.usage: dict[str, float] = {}
        self._provider = provider

    def submit(self, request: LlmRequest, idempotency_key: str) -> str:
        self.usage = {}
        return self._provider.submit(request, idempotency_key)

    def poll(self, job_id: str) -> LlmJob:
        job = self._provider.poll(job_id)
        self.usage = job.usage
        return job

    def cancel(self, job_id: str) -> None:
        self._provider.cancel(job_id)


def evaluate_llm_tier(
    paths: Iterable[Path],
    providers: Mapping[str, LlmProvider],
    *,
    on_document: Callable[[Path], None] | None = None,
) -> dict[str, LlmStats]:
    """Run every endpoint on each document the regex tier does not accept; one `LlmStats` per endpoint name."""
    stats = {name: LlmStats() for name in providers}
    metered = {name: MeteredProvider(provider) for name, provider in providers.items()}
    for path in paths:
        pending = _needs_llm(path)
        if pending is not None:
            document, regex, truth = pending
            for name, provider in metered.items():
                _run_one(stats[name], provider, document, regex, truth)
        if on_document is not None:
            on_document(path)
    return stats


def _needs_llm(path: Path) -> tuple[Document, BiometryResult, BiometryResult] | None:
    """The document, its regex result and its truth when the regex tier does not accept it; None otherwise."""
    from biometry.extract import load_document
    from biometry.parse import parse_document

    try:
        document = load_document(path.read_bytes(), path.name)
    except BiometryError:  # unreadable input never reaches the LLM tier
        return None
    regex = parse_document(document)
    if regex.status == "accepted":
        return None
    truth = BiometryResult.model_validate_json(truth_path(path).read_text(encoding="utf-8"))
    return document, regex, truth


def _run_one(
    stats: LlmStats, provider: MeteredProvider, document: Document, regex: BiometryResult, truth: BiometryResult
) -> None:
    started = time.perf_counter()
    result = run_llm_tier(document, regex, provider)
    add_result(stats, result, truth, time.perf_counter() - started)
    stats.failures += any(i.code in ("llm_unavailable", "phi_unredactable") for i in result.extraction.issues)
    if provider.usage:
        stats.prompt_tokens.append(provider.usage.get("prompt_tokens", 0.0))
        stats.completion_tokens.append(provider.usage.get("completion_tokens", 0.0))


def _mean(values: list[float]) -> float:
    return round(statistics.fmean(values), 1) if values else 0.0
