"""The sweeper: documents whose lease ran out are re-notified (terminal), re-driven, or sent to review."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from biometry.metering import Usage
from biometry.pipeline import workfiles
from biometry.pipeline.claim import IN_FLIGHT, claim, release
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.notify import notify
from biometry.pipeline.payload import StepError, StepPayload
from biometry.pipeline.publish import Outputs
from biometry.pipeline.redrive import enqueue
from biometry.pipeline.review import send_to_review

IN_FLIGHT_INDEX = "in-flight"
MAX_ATTEMPTS = 3  # runs of one document before the sweeper gives it to a person
SWEEP_LIMIT = 100  # documents handled per sweep (the schedule runs it again)


@dataclass
class SweepReport:
    """Document keys the sweep found, by what it did with them."""

    renotified: list[str] = field(default_factory=list)
    redriven: list[str] = field(default_factory=list)
    reviewed: list[str] = field(default_factory=list)

    def found(self) -> int:
        """How many stuck documents this sweep found."""
        return len(self.renotified) + len(self.redriven) + len(self.reviewed)


def sweep(*, outputs: Outputs, ingest_queue_url: str, bucket: str, now: float | None = None) -> SweepReport:
    """One pass over the in-flight index: every document past its lease gets what it is missing."""
    now = time.time() if now is None else now
    report = SweepReport()
    for item in stale_items(outputs.dynamodb, outputs.table_name, now):
        key = str(item["document_key"])
        if "terminal_at" in item:
            notify(key, str(item["terminal_run"]), outputs=outputs, usage=Usage(step="sweep"))
            report.renotified.append(key)
        elif int(item.get("attempt", 1)) >= MAX_ATTEMPTS:
            _review_stuck(outputs, bucket, key, int(item.get("attempt", 1)), now)
            report.reviewed.append(key)
        elif release(outputs.dynamodb, outputs.table_name, key, str(item["run_id"])):  # still the stale run's
            source = workfiles.load_source(outputs.s3, bucket, key, Usage(step="sweep"))
            enqueue(outputs.sqs, ingest_queue_url, source)
            report.redriven.append(key)
    return report


def stale_items(dynamodb: Any, table: str, now: float) -> list[dict[str, Any]]:
    """Items still in flight whose lease (run, or notify grace) ended before `now`."""
    answer = dynamodb.query(
        TableName=table,
        IndexName=IN_FLIGHT_INDEX,
        KeyConditionExpression="in_flight = :yes AND lease_expires_at < :now",
        ExpressionAttributeValues={":yes": {"S": IN_FLIGHT}, ":now": {"N": str(now)}},
        Limit=SWEEP_LIMIT,
    )
    return [{name: next(iter(value.values())) for name, value in item.items()} for item in answer.get("Items", [])]


def _review_stuck(outputs: Outputs, bucket: str, key: str, attempts: int, now: float) -> None:
    won = claim(outputs.dynamodb, outputs.table_name, key, now=now)
    if won is None:
        return
    source = workfiles.load_source(outputs.s3, bucket, key, Usage(step="sweep"))
    error = StepError(Error="ExecutionDidNotFinish", Cause=f"no run finished after {attempts} attempts")
    payload = StepPayload(
        document_key=key, source=source, received_epoch=now, run_id=won.run_id, attempt=won.attempt, error=error
    )
    send_to_review(payload, outputs=outputs, meter=StepMeter("sweep_stuck", None))
    notify(key, won.run_id, outputs=outputs, usage=Usage(step="sweep"))
