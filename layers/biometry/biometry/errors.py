"""Named failures: each is a class the state machine's Retry/Catch can match by name."""

from __future__ import annotations


class BiometryError(Exception):
    """Base of every failure this package raises on purpose; `code` is the issue code it maps to."""

    code = "internal_error"


class UnreadableInputError(BiometryError):
    """The input cannot be read as a document (empty, corrupt, wrong type, encrypted, too big)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class TextractError(BiometryError):
    """Amazon Textract failed or returned an unusable response."""

    code = "textract_failed"


class LlmUnavailable(BiometryError):
    """No LLM provider is configured, or the one configured cannot be reached."""

    code = "llm_unavailable"


class GpuUnavailable(LlmUnavailable):
    """The RunPod GPU worker failed, timed out or was cancelled."""

    code = "gpu_unavailable"


class BedrockUnavailable(LlmUnavailable):
    """Amazon Bedrock failed, throttled past its retries, or truncated its answer."""

    code = "bedrock_unavailable"


class PhiUnredactable(BiometryError):
    """Redaction could not prove a payload free of patient identifiers: the document goes to review, not the LLM."""

    code = "phi_unredactable"


class LlmOutputError(BiometryError):
    """An LLM answered, but not with a usable extraction (truncated, not JSON, wrong schema)."""

    code = "llm_output_invalid"
