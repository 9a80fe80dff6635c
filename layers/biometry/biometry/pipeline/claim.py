"""The documents table's claim: one conditional UpdateItem with a lease, so one run at a time owns a document."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

# An Express execution lives at most 300 s; the lease outlives it, and stays under the ingest queue's visibility
# timeout (360 s), so a redelivered event after a starter crash finds the lease expired only once the run is over.
FAST_LEASE_S = 330.0
# The LLM path (Standard) has a 1,800 s state-machine timeout; its first step extends the lease past it.
LLM_LEASE_S = 2_100.0
IN_FLIGHT = "1"  # the value of `in_flight` (the sparse in-flight index's partition key) until notified


@dataclass(frozen=True)
class Claim:
    """A won claim: the run id every later write of this run is checked against, and the attempt number."""

    run_id: str
    attempt: int


def claim(
    dynamodb: Any, table: str, document_key: str, *, lease_s: float = FAST_LEASE_S, now: float | None = None
) -> Claim | None:
    """Claim a new document, or one whose last run's lease expired before it reached a terminal state; else None."""
    now = time.time() if now is None else now
    run_id = uuid.uuid4().hex
    try:
        answer = dynamodb.update_item(
            TableName=table,
            Key={"document_key": {"S": document_key}},
            UpdateExpression=(
                "SET #status = :received, run_id = :run, lease_expires_at = :lease, in_flight = :yes, "
                "claimed_at = :now, received_at = if_not_exists(received_at, :now), "
                "attempt = if_not_exists(attempt, :zero) + :one"
            ),
            ConditionExpression=(
                "attribute_not_exists(document_key) OR (attribute_not_exists(terminal_at) AND lease_expires_at < :now)"
            ),
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues={
                ":received": {"S": "received"},
                ":run": {"S": run_id},
                ":lease": {"N": str(now + lease_s)},
                ":yes": {"S": IN_FLIGHT},
                ":now": {"N": str(now)},
                ":zero": {"N": "0"},
                ":one": {"N": "1"},
            },
            ReturnValues="UPDATED_NEW",
        )
    except ClientError as error:
        if condition_failed(error):
            return None
        raise
    return Claim(run_id=run_id, attempt=int(answer["Attributes"]["attempt"]["N"]))


def extend_lease(
    dynamodb: Any, table: str, document_key: str, run_id: str, lease_s: float, now: float | None = None
) -> bool:
    """Push the lease out while this run still owns the document (the LLM path waits minutes); False if it does not."""
    return _set_lease(dynamodb, table, document_key, run_id, (time.time() if now is None else now) + lease_s)


def release(dynamodb: Any, table: str, document_key: str, run_id: str) -> bool:
    """End this run's lease now (its execution failed): a redelivered event or the sweeper may claim again."""
    return _set_lease(dynamodb, table, document_key, run_id, 0.0)


def _set_lease(dynamodb: Any, table: str, document_key: str, run_id: str, until: float) -> bool:
    try:
        dynamodb.update_item(
            TableName=table,
            Key={"document_key": {"S": document_key}},
            UpdateExpression="SET lease_expires_at = :until",
            ConditionExpression="run_id = :run AND attribute_not_exists(terminal_at)",
            ExpressionAttributeValues={":until": {"N": str(until)}, ":run": {"S": run_id}},
        )
    except ClientError as error:
        if condition_failed(error):
            return False
        raise
    return True


def condition_failed(error: ClientError) -> bool:
    """True when a DynamoDB write was refused by its condition (someone else got there first)."""
    return bool(error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException")
