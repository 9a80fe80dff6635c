"""The pipeline's own named errors (the state machine retries `TransientAwsError` with backoff and jitter)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError, ReadTimeoutError

from biometry.errors import BiometryError

TRANSIENT_CODES = frozenset(
    {
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "ProvisionedThroughputExceededException",
        "RequestThrottled",
        "RequestThrottledException",
        "SlowDown",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "InternalError",
        "InternalServerError",
        "InternalFailure",
        "RequestTimeout",
        "RequestTimeoutException",
        "TransactionConflictException",
        "KMSThrottlingException",
    }
)
F = TypeVar("F", bound=Callable[..., Any])


class TransientAwsError(BiometryError):
    """An AWS call was throttled or failed transiently; the step is safe to retry."""

    code = "aws_transient"


class PipelineConfigError(BiometryError):
    """A step is missing configuration it needs (an environment variable or a parameter)."""

    code = "pipeline_config"


class ExecutionDidNotFinish(BiometryError):
    """The fast path failed, timed out or was aborted: the lease is released and the upload event redelivered."""

    code = "execution_not_finished"


def retry_transient(handler: F) -> F:
    """A throttled or unreachable AWS call inside a step becomes `TransientAwsError` (the state machine retries it)."""

    @functools.wraps(handler)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return handler(*args, **kwargs)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            if code in TRANSIENT_CODES:
                raise TransientAwsError(f"{error.operation_name} failed transiently: {code}") from error
            raise
        except (EndpointConnectionError, ConnectionClosedError, ReadTimeoutError) as error:
            raise TransientAwsError(f"AWS unreachable: {type(error).__name__}") from error

    return wrapped  # type: ignore[return-value]
