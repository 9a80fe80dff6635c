"""The output contract's JSON Schema, as printed by `biometry schema` and committed under docs/."""

from __future__ import annotations

from typing import Any

from biometry.models import BiometryResult


def contract_schema() -> dict[str, Any]:
    """JSON Schema of `BiometryResult` (contract v1)."""
    schema = BiometryResult.model_json_schema(mode="serialization")
    schema["$id"] = "https://biometry-pipeline.example/schema/biometry-result-1.0.json"
    return schema
