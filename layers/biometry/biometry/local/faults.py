"""Fault injection for the local runtime: a step that fails, times out or answers garbage; an AWS call that errs."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

StepFault = Literal["timeout", "throttling", "unhandled", "malformed"]
# timeout, throttling, unhandled: the step fails before doing its work, with the errorType Retry/Catch match on.
# malformed: the step does its work, then answers garbage instead of its payload.
_ERROR_TYPES = {"timeout": "Sandbox.Timedout", "throttling": "TransientAwsError", "unhandled": "RuntimeError"}
MALFORMED_ANSWER = {"not": "a step payload"}


@dataclass
class _ApiFault:
    service: str
    operation: str
    code: str
    times: int
    when: Callable[[dict[str, Any]], bool]


@dataclass
class Faults:
    """Faults waiting to fire; each fires `times` times, then the call behaves normally again."""

    _steps: dict[str, list[StepFault | None]] = field(default_factory=dict)  # None: an invocation that runs normally
    _api: list[_ApiFault] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_step(self, step: str, fault: StepFault, times: int = 1, *, after: int = 0) -> None:
        """The next `times` invocations of the step's Lambda fail this way, after `after` that run normally (e.g. the
        second Extract text of an execution: its Textract reading)."""
        with self._lock:
            self._steps.setdefault(step, []).extend([None] * after + [fault] * times)

    def fail_call(
        self,
        service: str,
        operation: str,
        code: str,
        *,
        times: int = 1,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """The next `times` matching AWS calls (e.g. "dynamodb", "UpdateItem") raise a ClientError with `code`."""
        with self._lock:
            self._api.append(_ApiFault(service, operation, code, times, when or (lambda params: True)))

    def clear(self) -> None:
        """Forget every fault still waiting."""
        with self._lock:
            self._steps.clear()
            self._api.clear()

    def pending(self) -> int:
        """Faults injected that have not fired yet (a test whose fault never fired tested nothing)."""
        with self._lock:
            steps = sum(1 for waiting in self._steps.values() for fault in waiting if fault is not None)
            return steps + sum(f.times for f in self._api)

    def next_fault(self, step: str) -> StepFault | None:
        """The fault this invocation of the step suffers, if one is waiting."""
        with self._lock:
            waiting = self._steps.get(step)
            return waiting.pop(0) if waiting else None

    @staticmethod
    def error_answer(step: str, fault: StepFault) -> bytes:
        """Lambda's error JSON for a step killed or failing before it did its work."""
        body = {"errorType": _ERROR_TYPES[fault], "errorMessage": f"injected {fault} in {step}", "stackTrace": []}
        return json.dumps(body).encode()

    def api_error(self, service: str, operation: str, params: dict[str, Any]) -> str | None:
        """The error code to raise for this AWS call, if a fault matches it."""
        with self._lock:
            for fault in self._api:
                if fault.times > 0 and (fault.service, fault.operation) == (service, operation) and fault.when(params):
                    fault.times -= 1
                    return fault.code
        return None
