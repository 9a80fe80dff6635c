"""Per-invocation metering for the Lambda shells: count usage, add Lambda time, append to the payload."""

from __future__ import annotations

import time
from typing import Any

from biometry.metering import Usage, lambda_usage
from biometry.pipeline.payload import StepPayload


class StepMeter:
    """Meters one step: domain code adds units to `usage`, the shell adds its Lambda time at the end."""

    def __init__(self, step: str, context: Any) -> None:
        self.usage = Usage(step=step)
        self.memory_mb = int(getattr(context, "memory_limit_in_mb", 128) or 128)
        self._started = time.perf_counter()

    def elapsed_ms(self) -> float:
        """Milliseconds since the step started."""
        return (time.perf_counter() - self._started) * 1000

    def snapshot(self) -> Usage:
        """This step's usage so far, its Lambda time included (for the publish step's own line)."""
        usage = self.usage.model_copy(deep=True)
        lambda_usage(usage, self.elapsed_ms(), self.memory_mb)
        return usage

    def finish(self, payload: StepPayload) -> dict[str, Any]:
        """Append this step's usage to the payload and return it as the Lambda's JSON answer."""
        payload.metering.append(self.snapshot())
        return payload.model_dump(mode="json")
