"""Cost metering: usage units per step, priced from a configurable table into the result's `cost`."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, ConfigDict, Field

from biometry.errors import BiometryError
from biometry.models import Cost, CostStep

# Public on-demand prices, USD per unit (us-east-1, arm64 Lambda; checked 2025, see PRICE_SOURCES). Override any
# of them with the PRICE_TABLE environment variable (a JSON object of unit -> USD), which the template fills
# from its PriceTable parameter. The hosting units below the AWS ones are what `biometry cost` compares.
PRICES_AS_OF = "2025"
DEFAULT_PRICES: dict[str, float] = {
    "lambda_requests": 0.20 / 1e6,
    "lambda_gb_seconds": 0.0000133334,
    "sfn_standard_transitions": 25.0 / 1e6,
    "sfn_express_requests": 1.0 / 1e6,
    "sfn_express_gb_seconds": 0.00001667,
    "textract_detect_pages": 1.50 / 1e3,
    # Pages the Extract text Lambda read with its own OCR engine: counted, not billed apart (their price is that
    # step's lambda_gb_seconds), so cost.steps shows which route read a scan and how many pages.
    "ocr_pages_in_lambda": 0.0,
    "s3_put_requests": 0.005 / 1e3,
    "s3_get_requests": 0.0004 / 1e3,
    "sqs_requests": 0.40 / 1e6,
    "sns_publishes": 0.50 / 1e6,
    "eventbridge_events": 1.0 / 1e6,
    "dynamodb_write_units": 0.625 / 1e6,
    "dynamodb_read_units": 0.125 / 1e6,
    "kms_requests": 0.03 / 1e4,
    "runpod_gpu_seconds": 0.00019,
    "bedrock_input_tokens": 0.80 / 1e6,
    "bedrock_output_tokens": 4.00 / 1e6,
    # Hosting options of the LLM tier (`biometry cost`); GPU prices are for one GPU.
    "runpod_active_gpu_seconds": 0.00013,
    "runpod_pod_gpu_hours": 1.64,
    "vast_gpu_hours": 0.64,
    "together_gpu_hours": 1.30,
    "owned_box_months": 2500.0 / 36,
    "electricity_kwh": 0.15,
    "external_api_documents": 0.25,
}
_AWS = "https://aws.amazon.com/{}/pricing/"
PRICE_SOURCES: dict[str, str] = {
    "lambda_requests": _AWS.format("lambda"),
    "lambda_gb_seconds": _AWS.format("lambda") + " (arm64)",
    "sfn_standard_transitions": _AWS.format("step-functions"),
    "sfn_express_requests": _AWS.format("step-functions"),
    "sfn_express_gb_seconds": _AWS.format("step-functions"),
    "textract_detect_pages": _AWS.format("textract") + " (DetectDocumentText, first 1M pages)",
    "ocr_pages_in_lambda": "a count: the Extract text step's Lambda GB-seconds are what in-Lambda OCR costs",
    "s3_put_requests": _AWS.format("s3"),
    "s3_get_requests": _AWS.format("s3"),
    "sqs_requests": _AWS.format("sqs"),
    "sns_publishes": _AWS.format("sns"),
    "eventbridge_events": _AWS.format("eventbridge"),
    "dynamodb_write_units": _AWS.format("dynamodb") + " (on-demand)",
    "dynamodb_read_units": _AWS.format("dynamodb") + " (on-demand)",
    "kms_requests": _AWS.format("kms"),
    "runpod_gpu_seconds": "https://www.runpod.io/pricing (serverless flex worker, 24 GB GPU)",
    "runpod_active_gpu_seconds": "https://www.runpod.io/pricing (serverless active worker, 24 GB GPU)",
    "runpod_pod_gpu_hours": "https://www.runpod.io/pricing (A100 80 GB pod; the strategy's $1.64/h)",
    "vast_gpu_hours": "https://vast.ai/pricing (A100, interruptible; the strategy's $0.64/h)",
    "together_gpu_hours": "https://www.together.ai/pricing (dedicated endpoint; the strategy's $1.30/h)",
    "bedrock_input_tokens": _AWS.format("bedrock") + " (Claude 3.5 Haiku, on-demand)",
    "bedrock_output_tokens": _AWS.format("bedrock") + " (Claude 3.5 Haiku, on-demand)",
    "owned_box_months": "assumption: a 24 GB GPU workstation, $2,500 written off over 36 months",
    "electricity_kwh": "assumption: commercial electricity, USD per kWh",
    "external_api_documents": "the strategy: external LLM APIs charge $0.25-0.30 per document (low end)",
}
EXPRESS_MEMORY_GB = 64 / 1024
EXPRESS_BILLING_MS = 100


class UnknownPriceError(BiometryError):
    """A step metered a unit that the price table has no price for."""

    code = "unknown_price"


class Usage(BaseModel):
    """One step's metered usage: unit name -> quantity (units are the price table's keys)."""

    model_config = ConfigDict(defer_build=True)  # schema built on first use, not at import (Lambda cold start)

    step: str
    units: dict[str, float] = Field(default_factory=dict)

    def add(self, unit: str, quantity: float = 1.0) -> None:
        """Count `quantity` more of `unit`."""
        self.units[unit] = self.units.get(unit, 0.0) + quantity


def price_table(env: Mapping[str, str] | None = None) -> dict[str, float]:
    """The default prices, overridden by the JSON object in PRICE_TABLE when set."""
    prices = dict(DEFAULT_PRICES)
    raw = (env or {}).get("PRICE_TABLE", "").strip()
    if raw:
        overrides = json.loads(raw)
        prices.update({str(k): float(v) for k, v in overrides.items()})
    return prices


def lambda_usage(usage: Usage, duration_ms: float, memory_mb: int) -> None:
    """Add one Lambda invocation billed per millisecond at `memory_mb`."""
    usage.add("lambda_requests")
    usage.add("lambda_gb_seconds", math.ceil(duration_ms) / 1000 * memory_mb / 1024)


def express_usage(usage: Usage, duration_ms: float) -> None:
    """Add one Express execution billed per 100 ms at 64 MB."""
    billed_s = math.ceil(max(duration_ms, 1) / EXPRESS_BILLING_MS) * EXPRESS_BILLING_MS / 1000
    usage.add("sfn_express_requests")
    usage.add("sfn_express_gb_seconds", billed_s * EXPRESS_MEMORY_GB)


def price_step(usage: Usage, prices: Mapping[str, float]) -> CostStep:
    """Price one step's usage; an unpriced unit is an error, never a silent zero."""
    unknown = sorted(set(usage.units) - set(prices))
    if unknown:
        raise UnknownPriceError(f"no price for unit(s) {', '.join(unknown)}")
    usd = sum(quantity * prices[unit] for unit, quantity in usage.units.items())
    detail: dict[str, float | int | str] = {unit: round(q, 9) for unit, q in sorted(usage.units.items())}
    return CostStep(step=usage.step, usd=round(usd, 9), detail=detail)


def build_cost(usages: Iterable[Usage], prices: Mapping[str, float]) -> Cost:
    """The result's `cost`: every step priced, and their total."""
    steps = [price_step(u, prices) for u in usages]
    return Cost(total_usd=round(sum(s.usd for s in steps), 9), steps=steps)
