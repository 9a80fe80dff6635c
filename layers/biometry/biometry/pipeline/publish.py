"""Finish a document: price its result, stage it under work/, and record the one terminal state (no notifying here)."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from biometry.errors import BiometryError
from biometry.metering import Usage, build_cost, express_usage
from biometry.models import BiometryResult
from biometry.pipeline import workfiles
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.payload import StepPayload
from biometry.pipeline.terminal import Recorded, TerminalState, device_name, record_terminal

LLM_PATH_TRANSITIONS_AT_END = 3  # the "Accepted by LLM?" choice, the final task and Notify


@dataclass(frozen=True)
class Outputs:
    """Where a finished document goes."""

    s3: Any
    dynamodb: Any
    sns: Any
    table_name: str
    topic_arn: str
    prices: dict[str, float]
    sqs: Any = None
    review_queue_url: str = ""


class PublishError(BiometryError):
    """Publish was asked to deliver a document that has no result."""

    code = "publish_failed"


def publish_result(payload: StepPayload, *, outputs: Outputs, meter: StepMeter) -> tuple[BiometryResult, Recorded]:
    """Record the current result (accepted by regex or by the LLM tier) as the terminal state; returns it priced."""
    if payload.result is None:
        raise PublishError("publish needs a result")
    result = workfiles.load_result(outputs.s3, payload.result, meter.usage)
    return deliver(payload, result, outputs=outputs, meter=meter)


def deliver(
    payload: StepPayload, result: BiometryResult, *, outputs: Outputs, meter: StepMeter
) -> tuple[BiometryResult, Recorded]:
    """Price the result, stage it, and write the terminal state once; `won` is False when another run holds it."""
    _count_final_leg(payload, result, meter.usage)
    cost = build_cost([*payload.metering, meter.snapshot()], outputs.prices)
    result = result.model_copy(update={"cost": cost})
    staged_name = f"final-{payload.run_id or uuid.uuid4().hex}.json"
    staged = workfiles.save_result(
        outputs.s3, workfiles.work_ref(payload.source, payload.document_key, staged_name), result, meter.usage
    )
    state = TerminalState(
        status=result.status,
        method=result.extraction.method,
        device=device_name(result),
        confidence=result.extraction.confidence,
        cost_usd=cost.total_usd,
        result_uri=workfiles.result_ref(payload.source, payload.document_key).uri,
        staged_uri=staged.uri,
    )
    recorded = record_terminal(outputs.dynamodb, outputs.table_name, payload.document_key, state, run_id=payload.run_id)
    return result, recorded


def _count_final_leg(payload: StepPayload, result: BiometryResult, usage: Usage) -> None:
    """This step's writes and, counted ahead, the notify step's (it runs after the cost is priced)."""
    if payload.path == "llm":
        usage.add("sfn_standard_transitions", LLM_PATH_TRANSITIONS_AT_END)
    else:
        express_usage(usage, (time.time() - payload.received_epoch) * 1000)
    usage.add("s3_put_requests", 2)  # the staged result, then its copy under results/
    usage.add("s3_get_requests")  # notify reads the staged result
    usage.add("dynamodb_write_units", 2)  # terminal write, notified mark
    usage.add("dynamodb_read_units")  # notify's consistent read of the item
    usage.add("lambda_requests")  # the Notify Lambda (its few milliseconds are not metered)
    usage.add("sns_publishes")
    if result.status != "accepted":
        usage.add("sqs_requests")  # the review message
