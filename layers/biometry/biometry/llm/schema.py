"""The flattened extraction schema (no `$defs`/`$ref`) that constrains every LLM, from the contract models."""

from __future__ import annotations

import types
from typing import Any, Union, get_args, get_origin

from biometry.models import EYE_VALUE_FIELDS, Eye, IolCalculation, IolRow

SCHEMA_NAME = "biometry_extraction"
_JSON_TYPES: dict[Any, str] = {float: "number", int: "integer", str: "string", bool: "boolean"}
_IOL_SCALARS = ("formula", "iol_model", "iol_manufacturer", "target_refraction_d", "emmetropia_power_d")


def extraction_schema() -> dict[str, Any]:
    """The JSON schema of an LLM answer: device, exam date, OD, OS and IOL calculations; no patient data."""
    nullable_str = {"type": ["string", "null"]}
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "device_manufacturer": nullable_str,
            "device_model": nullable_str,
            "device_software_version": nullable_str,
            "exam_date": {"type": ["string", "null"], "description": "placeholder of the measurement date: [date-N]"},
            "OD": _eye_schema(),
            "OS": _eye_schema(),
            "iol_calculations": {"type": "array", "items": _iol_schema()},
        },
        "required": ["device_model", "exam_date", "iol_calculations"],
    }


def field_names() -> list[str]:
    """Every eye field name, for repeating them in the prompt."""
    return [*EYE_VALUE_FIELDS, "lens_status"]


def _eye_schema() -> dict[str, Any]:
    props = {name: _property(Eye.model_fields[name].annotation) for name in field_names()}
    return {"type": "object", "additionalProperties": False, "properties": props}


def _iol_schema() -> dict[str, Any]:
    props: dict[str, Any] = {"eye": {"type": "string", "enum": ["OD", "OS"]}}
    props |= {name: _property(IolCalculation.model_fields[name].annotation) for name in _IOL_SCALARS}
    props["constants"] = {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"name": {"type": "string"}, "value": {"type": "number"}},
            "required": ["name", "value"],
        },
    }
    row_props = {name: _property(field.annotation) for name, field in IolRow.model_fields.items()}
    props["rows"] = {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "properties": row_props,
            "required": list(row_props),
        },
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": props,
        "required": ["eye", "formula", "iol_model", "rows"],
    }


def _property(annotation: Any) -> dict[str, Any]:
    args = get_args(annotation) if get_origin(annotation) in (Union, types.UnionType) else (annotation,)
    base = next(a for a in args if a is not type(None))
    json_type = _JSON_TYPES[base]
    return {"type": [json_type, "null"]} if type(None) in args else {"type": json_type}
