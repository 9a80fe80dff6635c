"""What every Lambda's handler wears: one Powertools logger, tracer and metrics, and the decorators that apply them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aws_lambda_powertools import Logger, Metrics, Tracer

from biometry.pipeline.errors import retry_transient

logger = Logger()
tracer = Tracer()
metrics = Metrics()
F = TypeVar("F", bound=Callable[..., Any])


def observed(handler: F) -> F:
    """The handler logged with its Lambda context (never the event: it names the upload), traced (never the response:
    it can hold results) and its metrics flushed once per call."""
    traced = tracer.capture_lambda_handler(capture_response=False)(metrics.log_metrics(handler))
    return logger.inject_lambda_context(log_event=False)(traced)  # type: ignore[no-any-return]


def step_handler(handler: F) -> F:
    """A state machine step's handler: observed, and a throttled or unreachable AWS call raised as
    `TransientAwsError`, which the state machine retries with backoff."""
    return observed(retry_transient(handler))
