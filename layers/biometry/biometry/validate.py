"""The one validator every extraction path uses (placeholder until the real checks land)."""

from __future__ import annotations

from biometry.document import Document
from biometry.models import BiometryResult


def validate(result: BiometryResult, document: Document | None) -> BiometryResult:
    """Check ranges, cross-field consistency and grounding; set issues, confidence and status."""
    return result.model_copy(update={"status": "needs_review"})
