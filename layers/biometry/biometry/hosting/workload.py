"""Measured usage that `biometry cost` prices: the route mix and what one document uses on each route."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from biometry.models import BiometryResult

Route = Literal["text", "scan", "llm"]
ROUTES: tuple[Route, ...] = ("text", "scan", "llm")
LLM_UNITS = ("runpod_gpu_seconds", "bedrock_input_tokens", "bedrock_output_tokens")

# The route mix of the 400-document synthetic corpus in docs/accuracy.md (seed 2026): 304 text-layer and export
# documents accepted, 48 scans and photos accepted by OCR, 48 left for the LLM tier (8 scans, 40 unknown devices).
DEFAULT_SHARE: dict[Route, float] = {"text": 304 / 400, "scan": 48 / 400, "llm": 48 / 400}
# AWS usage of one document per route. text: a regex-accepted document through the local runtime (the pipeline on
# moto, Lambda GB-seconds timed in-process on a loaded 2-core machine, so on the high side), rounded. scan: the same
# plus the Extract text Lambda reading a 2-page scan itself (the sample scan's pages), and, for the measured share of
# scans whose local reading falls back, a 2-page Textract job, its poll Lambda and the Express wait. llm: the fast
# path, then the Standard LLM path (~10 transitions: submit, wait/poll, publish) and its Lambdas; the model itself is
# priced by the hosting option. A results directory (`--results`) replaces these with measured means.
_FAST_PATH: dict[str, float] = {
    "lambda_requests": 4,
    "lambda_gb_seconds": 2.2,
    "sfn_express_requests": 1,
    "sfn_express_gb_seconds": 0.31,
    "s3_get_requests": 3,
    "s3_put_requests": 3,
    "sqs_requests": 3,
    "sns_publishes": 1,
    "eventbridge_events": 1,
    "dynamodb_write_units": 4,
}
# docs/cost.md "Scans: OCR inside the Lambda": 3.23 CPU seconds per page on one vCPU of the 1,769 MB Extract text
# Lambda; 8 of 14 local readings of the synthetic image corpus fell back to Textract.
SCAN_PAGES = 2
LOCAL_OCR_GB_SECONDS_PER_PAGE = 3.23 * 1769 / 1024
TEXTRACT_FALLBACK_SHARE = 8 / 14


def _scan_units(pages: int, fallback_share: float) -> dict[str, float]:
    """A scan read in Lambda; the fallback share also pays Textract's pages, its poll Lambda and the Express wait."""
    return _FAST_PATH | {
        "ocr_pages_in_lambda": pages,
        "lambda_gb_seconds": 2.2 + pages * LOCAL_OCR_GB_SECONDS_PER_PAGE + fallback_share * 0.2,
        "lambda_requests": 4 + fallback_share,
        "textract_detect_pages": pages * fallback_share,
        "sfn_express_gb_seconds": 0.31 + fallback_share * 0.94,
    }


DEFAULT_AWS_UNITS: dict[Route, dict[str, float]] = {
    "text": _FAST_PATH,
    "scan": _scan_units(SCAN_PAGES, TEXTRACT_FALLBACK_SHARE),
    "llm": _FAST_PATH
    | {
        "lambda_requests": 7,
        "lambda_gb_seconds": 2.6,
        "sfn_standard_transitions": 10,
        "s3_get_requests": 5,
        "s3_put_requests": 4,
    },
}
# Tokens of one LLM document: the means over 60 synthetic printouts (seed 7) measured by
# benchmarks/gpu_throughput.py (redacted layout text through the one prompt builder in, the truth as schema JSON
# out), counted as a BPE tokenizer splits (hosting.tokens). Medians: 1,469 in, 1,447 out; a 13-page IOLMaster 700
# printout with every IOL box: ~17,000 each way.
DEFAULT_PROMPT_TOKENS = 2611.0
DEFAULT_COMPLETION_TOKENS = 2474.0


class Workload(BaseModel):
    """Per document: the share of each route, the AWS units a document uses on it, the LLM tier's tokens."""

    source: str
    documents: int
    share: dict[Route, float]
    aws_units: dict[Route, dict[str, float]]
    prompt_tokens: float = DEFAULT_PROMPT_TOKENS
    completion_tokens: float = DEFAULT_COMPLETION_TOKENS
    gpu_seconds: float | None = None  # measured GPU seconds per LLM document, when results carry them

    def with_shares(self, *, llm: float | None = None, scan: float | None = None) -> Workload:
        """The same workload with the LLM and/or scan share overridden (text takes the rest)."""
        llm = self.share["llm"] if llm is None else llm
        scan = self.share["scan"] if scan is None else scan
        if not (0 <= llm <= 1 and 0 <= scan <= 1 and llm + scan <= 1):
            raise ValueError(f"shares must lie in [0, 1] and add up to at most 1 (llm {llm}, scan {scan})")
        share: dict[Route, float] = {"text": 1 - llm - scan, "scan": scan, "llm": llm}
        return self.model_copy(update={"share": share, "source": f"{self.source}, shares overridden"})


def default_workload() -> Workload:
    """The built-in figures (docs/accuracy.md corpus mix, demo-measured AWS units, corpus-measured tokens)."""
    return Workload(
        source="defaults (docs/accuracy.md corpus mix)", documents=400, share=DEFAULT_SHARE, aws_units=DEFAULT_AWS_UNITS
    )


def workload_from_eval(path: Path) -> Workload:
    """Route mix from `biometry eval DIR --json`: accepted text-layer/export, accepted OCR, the rest to the LLM."""
    groups: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    counts: dict[Route, int] = dict.fromkeys(ROUTES, 0)
    for name, stats in groups.items():
        accepted, documents = int(stats["accepted"]), int(stats["documents"])
        counts["scan" if "/ ocr" in name else "text"] += accepted
        counts["llm"] += documents - accepted
    return _with_counts(default_workload(), f"evaluation {path.name}", counts)


def workload_from_results(directory: Path) -> Workload:
    """Route mix, AWS units and LLM usage measured from a directory of published BiometryResult JSON files."""
    results = [
        BiometryResult.model_validate_json(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))
    ]
    if not results:
        raise ValueError(f"no BiometryResult JSON files in {directory}")
    by_route: dict[Route, list[BiometryResult]] = defaultdict(list)
    for result in results:
        by_route[route_of(result)].append(result)
    counts: dict[Route, int] = {route: len(by_route[route]) for route in ROUTES}
    workload = _with_counts(default_workload(), f"results {directory.name}", counts)
    units = {route: _mean_units(by_route[route]) or workload.aws_units[route] for route in ROUTES}
    return workload.model_copy(update={"aws_units": units, **_llm_usage(by_route["llm"])})


def route_of(result: BiometryResult) -> Route:
    """The LLM route for anything the regex tier did not accept; else scan (OCR) or text (text layer, export)."""
    if result.status != "accepted" or result.extraction.method in ("gpu_llm", "bedrock"):
        return "llm"
    return "scan" if result.source.text_source == "ocr" else "text"


def _with_counts(base: Workload, source: str, counts: dict[Route, int]) -> Workload:
    total = sum(counts.values())
    if not total:
        raise ValueError(f"{source} has no documents")
    share: dict[Route, float] = {route: counts[route] / total for route in ROUTES}
    return base.model_copy(update={"source": source, "documents": total, "share": share})


def _unit_totals(results: list[BiometryResult]) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for result in results:
        for step in result.cost.steps if result.cost else []:
            for unit, quantity in step.detail.items():
                if isinstance(quantity, int | float):
                    totals[unit] += float(quantity)
    return totals


def _mean_units(results: list[BiometryResult]) -> dict[str, float]:
    """Mean AWS units per document of a route (the LLM provider's units are priced by the hosting option)."""
    priced = [r for r in results if r.cost]
    totals = _unit_totals(priced)
    return {unit: total / len(priced) for unit, total in sorted(totals.items()) if unit not in LLM_UNITS}


def _llm_usage(results: list[BiometryResult]) -> dict[str, float]:
    """Mean tokens and GPU seconds of the LLM documents that metered them."""
    totals = _unit_totals(results)
    usage: dict[str, float] = {}
    bedrock = [r for r in results if r.extraction.method == "bedrock"]
    if bedrock and totals.get("bedrock_input_tokens"):
        usage["prompt_tokens"] = totals["bedrock_input_tokens"] / len(bedrock)
        usage["completion_tokens"] = totals.get("bedrock_output_tokens", 0.0) / len(bedrock)
    gpu = [r for r in results if r.extraction.method == "gpu_llm"]
    if gpu and totals.get("runpod_gpu_seconds"):
        usage["gpu_seconds"] = totals["runpod_gpu_seconds"] / len(gpu)
    return usage
