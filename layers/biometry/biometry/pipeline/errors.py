"""The pipeline's own named errors (the state machine retries `TransientAwsError` with backoff and jitter)."""

from __future__ import annotations

from biometry.errors import BiometryError


class TransientAwsError(BiometryError):
    """An AWS call was throttled or failed transiently; the step is safe to retry."""

    code = "aws_transient"


class PipelineConfigError(BiometryError):
    """A step is missing configuration it needs (an environment variable or a parameter)."""

    code = "pipeline_config"
