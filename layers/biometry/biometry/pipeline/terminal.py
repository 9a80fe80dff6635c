"""The one terminal write: status and result pointer recorded once, conditionally, before anyone is notified."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from biometry.models import BiometryResult
from biometry.pipeline.claim import IN_FLIGHT, condition_failed

# After the terminal write the notify step has this long before the sweeper re-notifies the document.
NOTIFY_GRACE_S = 600.0
MANUAL = "manual"


def device_name(result: BiometryResult) -> str:
    """`manufacturer model`, or `unknown` (the SNS attribute and table value)."""
    return f"{result.device.manufacturer} {result.device.model}" if result.device else "unknown"


@dataclass(frozen=True)
class TerminalState:
    """What the terminal write records (the result JSON itself lives at `staged_uri`, copied to `result_uri`)."""

    status: str
    method: str
    device: str
    confidence: float
    cost_usd: float
    result_uri: str
    staged_uri: str


@dataclass(frozen=True)
class Recorded:
    """The outcome: `won` when this writer holds the terminal state (now or from its own earlier try)."""

    won: bool
    revision: int = 0


def record_terminal(
    dynamodb: Any,
    table: str,
    document_key: str,
    state: TerminalState,
    *,
    run_id: str,
    expected_revision: int | None = None,
    now: float | None = None,
) -> Recorded:
    """Record the terminal state once. Automatic runs never replace a terminal state (a retry of the winner is
    recognised); `method: manual` replaces an automatic one, and another manual one only at `expected_revision`."""
    now = time.time() if now is None else now
    try:
        answer = dynamodb.update_item(
            TableName=table,
            Key={"document_key": {"S": document_key}},
            UpdateExpression=(
                "SET #status = :status, #method = :method, device = :device, confidence = :confidence, "
                "cost_usd = :cost, result_uri = :result, staged_uri = :staged, finished_at = :now, terminal_at = :now, "
                "terminal_run = :run, revision = if_not_exists(revision, :zero) + :one, in_flight = :yes, "
                "lease_expires_at = :notify_by REMOVE notified_at, review_sent_at"
            ),
            ConditionExpression=_condition(state.method, expected_revision),
            ExpressionAttributeNames={"#status": "status", "#method": "method"},
            ExpressionAttributeValues=_values(state, run_id, now, expected_revision),
            ReturnValues="UPDATED_NEW",
        )
    except ClientError as error:
        if not condition_failed(error):
            raise
        return _earlier_win(dynamodb, table, document_key, state, run_id)
    return Recorded(won=True, revision=int(answer["Attributes"]["revision"]["N"]))


def read_item(dynamodb: Any, table: str, document_key: str) -> dict[str, Any]:
    """The document's table item as plain values (consistent read); {} when there is none."""
    answer = dynamodb.get_item(TableName=table, Key={"document_key": {"S": document_key}}, ConsistentRead=True)
    return {name: next(iter(value.values())) for name, value in answer.get("Item", {}).items()}


def _condition(method: str, expected_revision: int | None) -> str:
    if method != MANUAL:
        return "attribute_not_exists(terminal_at)"
    if expected_revision is not None:
        return "attribute_not_exists(terminal_at) OR revision = :expected"
    return "attribute_not_exists(terminal_at) OR #method <> :manual"


def _values(state: TerminalState, run_id: str, now: float, expected_revision: int | None) -> dict[str, dict[str, str]]:
    values = {
        ":status": {"S": state.status},
        ":method": {"S": state.method},
        ":device": {"S": state.device},
        ":confidence": {"N": str(state.confidence)},
        ":cost": {"N": f"{state.cost_usd:.9f}"},
        ":result": {"S": state.result_uri},
        ":staged": {"S": state.staged_uri},
        ":now": {"N": str(now)},
        ":run": {"S": run_id},
        ":zero": {"N": "0"},
        ":one": {"N": "1"},
        ":yes": {"S": IN_FLIGHT},
        ":notify_by": {"N": str(now + NOTIFY_GRACE_S)},
    }
    if state.method == MANUAL:
        values.update(
            {":expected": {"N": str(expected_revision)}}
            if expected_revision is not None
            else {":manual": {"S": MANUAL}}
        )
    return values


def _earlier_win(dynamodb: Any, table: str, document_key: str, state: TerminalState, run_id: str) -> Recorded:
    """A retried step of the winning run finds its own terminal state (same run, same status): still the winner."""
    item = read_item(dynamodb, table, document_key)
    mine = item.get("terminal_run") == run_id and item.get("status") == state.status and bool(run_id)
    return Recorded(won=mine, revision=int(item.get("revision", 0)) if mine else 0)
