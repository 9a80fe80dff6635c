"""The truth every generator writes: the `BiometryResult` a perfect parser returns, validated, as JSON-ready dict."""

from __future__ import annotations

import hashlib
from typing import Any

from biometry.models import BiometryResult
from biometry.synth.people import Patient


def truth_result(
    data: bytes,
    source: dict[str, Any],
    device: dict[str, Any],
    patient: Patient,
    eyes: dict[str, Any],
    iol_calculations: list[dict[str, Any]] | None = None,
    *,
    sex: str | None = None,
    method: str = "regex",
) -> dict[str, Any]:
    """The accepted result for a document's bytes: its source, device, exam date, patient, eyes and IOL boxes."""
    result = {
        "document_id": hashlib.sha256(data).hexdigest(),
        "source": source,
        "device": device,
        "exam_date": patient.exam_date.isoformat(),
        "patient": {
            "name": patient.name,
            "id": patient.patient_id,
            "birth_date": patient.birth_date.isoformat(),
            "sex": sex,
        },
        "eyes": eyes,
        "iol_calculations": iol_calculations or [],
        "status": "accepted",
        "extraction": {"method": method, "parser": "truth", "confidence": 1.0, "issues": [], "provenance": {}},
    }
    return BiometryResult.model_validate(result).model_dump(mode="json")
