"""The state machine's payload: S3 pointers, route state and metered usage, never document content."""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from biometry.metering import Usage

Stage = Literal[
    "received",
    "text_ready",
    "textract_running",
    "unreadable",
    "parsed",
    "textract_fallback",
    "person_only",
    "llm_running",
    "llm_done",
]
Status = Literal["pending", "accepted", "needs_review"]
OcrRoute = Literal["local", "textract"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ObjectRef(_Model):
    """One S3 object version."""

    bucket: str
    key: str
    version_id: str | None = None

    @property
    def uri(self) -> str:
        return f"s3://{self.bucket}/{self.key}"


class StepError(_Model):
    """What a Step Functions Catch stores: the error name and its cause (a Lambda's error JSON)."""

    Error: str
    Cause: str = ""

    def message(self) -> str:
        """The error's message in plain words (the Lambda's errorMessage when the cause carries one)."""
        try:
            cause = json.loads(self.Cause)
        except ValueError:
            return self.Cause
        if isinstance(cause, dict) and "errorMessage" in cause:
            return str(cause["errorMessage"])
        return self.Cause


class LlmJobRef(_Model):
    """A submitted GPU job and the time past which it counts as failed."""

    job_id: str
    deadline_epoch: float


class StepPayload(_Model):
    """What every step receives and returns (small: the 256 KB state limit never comes near)."""

    document_key: str
    source: ObjectRef
    received_epoch: float
    run_id: str = ""  # the claim this execution runs under (a re-drive gets a new one)
    attempt: int = 1
    path: Literal["fast", "llm"] = "fast"
    stage: Stage = "received"
    status: Status = "pending"
    device: str | None = None
    method: str | None = None
    ocr: OcrRoute | None = None  # who read the scanned pages: this Lambda (local) or Textract; None for a text layer
    document: ObjectRef | None = None
    result: ObjectRef | None = None
    textract_job_id: str | None = None
    textract_deadline_epoch: float | None = None
    llm_job: LlmJobRef | None = None
    gpu_error: StepError | None = None
    error: StepError | None = None
    metering: list[Usage] = Field(default_factory=list)


def document_key(bucket: str, key: str, version_id: str | None) -> str:
    """The one deterministic id of an upload: execution name, job idempotency key, table key."""
    return hashlib.sha256(f"{bucket}\n{key}\n{version_id or ''}".encode()).hexdigest()
