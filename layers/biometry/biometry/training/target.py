"""A result as the answer the LLM should give: the flattened extraction schema's JSON, keys in grammar order."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from biometry.document import Document
from biometry.llm.schema import extraction_schema, field_names
from biometry.models import BiometryResult, Eye, IolCalculation
from biometry.redact.dates import placeholder_of


def extraction_target(result: BiometryResult, document: Document | None = None) -> dict[str, Any]:
    """The answer for `result` read from `document`: device, OD/OS values (null when not printed), IOL boxes; never
    a patient field.

    `exam_date` is the placeholder (`[date-2]`) the redaction shows for the printed exam date: the model never sees
    a date, it points at one. Null without the document or when no printed date reads as the exam date.
    """
    device = result.device
    answer = {
        "device_manufacturer": device.manufacturer if device else None,
        "device_model": device.model if device else None,
        "device_software_version": device.software_version if device else None,
        "exam_date": _exam_date_placeholder(result, document),
        "OD": _eye(result.eyes.OD),
        "OS": _eye(result.eyes.OS),
        "iol_calculations": [_calculation(c) for c in result.iol_calculations],
    }
    ordered: dict[str, Any] = in_grammar_order(answer, extraction_schema())
    return ordered


def target_text(result: BiometryResult, document: Document) -> str:
    """The target as the model writes it: compact JSON (fewer tokens to decode), non-ASCII kept."""
    return json.dumps(extraction_target(result, document), ensure_ascii=False, separators=(",", ":"))


def _exam_date_placeholder(result: BiometryResult, document: Document | None) -> str | None:
    if document is None or result.exam_date is None:
        return None
    return placeholder_of(date.fromisoformat(result.exam_date), document)


def in_grammar_order(value: Any, schema: dict[str, Any]) -> Any:
    """Object keys as llama.cpp's schema grammar emits them: required properties first, then the rest, each in
    schema order; arrays item by item."""
    if isinstance(value, dict) and "properties" in schema:
        properties: dict[str, Any] = schema["properties"]
        required = [k for k in properties if k in schema.get("required", [])]
        order = required + [k for k in properties if k not in required]
        return {k: in_grammar_order(value[k], properties[k]) for k in order if k in value}
    if isinstance(value, list) and "items" in schema:
        return [in_grammar_order(item, schema["items"]) for item in value]
    return value


def _eye(eye: Eye | None) -> dict[str, Any]:
    return {name: _number(getattr(eye, name)) if eye else None for name in field_names()}


def _calculation(calc: IolCalculation) -> dict[str, Any]:
    return {
        "eye": calc.eye,
        "formula": calc.formula,
        "iol_model": calc.iol_model,
        "iol_manufacturer": calc.iol_manufacturer,
        "target_refraction_d": _number(calc.target_refraction_d),
        "emmetropia_power_d": _number(calc.emmetropia_power_d),
        "constants": [{"name": name, "value": _number(value)} for name, value in calc.constants.items()],
        "rows": [
            {"iol_power_d": _number(r.iol_power_d), "refraction_d": _number(r.refraction_d), "selected": r.selected}
            for r in calc.rows
        ],
    }


def _number(value: Any) -> Any:
    """A whole float as an integer (`541`, not `541.0`): what the report prints, one token shorter."""
    return int(value) if isinstance(value, float) and value.is_integer() else value
