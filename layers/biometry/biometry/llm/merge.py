"""An LLM answer as contract models, merged with the regex tier's result through the one validator."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from biometry.document import Document
from biometry.errors import LlmOutputError
from biometry.models import (
    BiometryResult,
    Device,
    Eye,
    Eyes,
    EyeSide,
    IolCalculation,
    Issue,
    Method,
    Severity,
)
from biometry.redact.dates import printed_date_for, read_printed_date
from biometry.validate import validate

_TOLERANCE = 1e-6


def answer_eyes(output: dict[str, Any]) -> Eyes:
    """An answer's OD/OS values, validated by the contract's `Eye`; an all-null eye is None."""
    try:
        sides = {side: Eye.model_validate(output.get(side) or {}) for side in ("OD", "OS")}
    except ValidationError as error:
        raise LlmOutputError(f"LLM answer has invalid eye values: {error.error_count()} errors") from error
    return Eyes(**{side: eye if _has_values(eye) else None for side, eye in sides.items()})


def answer_iol(output: dict[str, Any]) -> list[IolCalculation]:
    """The IOL calculations of an answer; constants arrive as [{name, value}] and become a mapping."""
    try:
        return [
            IolCalculation.model_validate(
                {**raw, "constants": {c["name"]: c["value"] for c in raw.get("constants") or []}}
            )
            for raw in output.get("iol_calculations") or []
        ]
    except (ValidationError, KeyError, TypeError, AttributeError) as error:
        raise LlmOutputError(f"LLM answer has invalid IOL calculations: {error}") from error


def merge(
    output: dict[str, Any], document: Document, regex_result: BiometryResult, method: Method, parser: str
) -> BiometryResult:
    """The regex result completed by the LLM's values, disagreements as errors, then the one validator."""
    eyes, issues, agreed, llm_only = _merge_eyes(regex_result, answer_eyes(output))
    calculations, iol_issues = _merge_iol(regex_result.iol_calculations, answer_iol(output))
    exam_date = regex_result.exam_date or _exam_date(output.get("exam_date"), document, issues)
    issues += iol_issues + _summary(agreed, llm_only)
    issues += [_as_info(i) for i in regex_result.extraction.issues]
    extraction = regex_result.extraction.model_copy(
        update={"method": method, "parser": parser, "issues": issues, "provenance": _kept(regex_result, eyes)}
    )
    merged = regex_result.model_copy(
        update={
            "device": regex_result.device or _device(output),
            "exam_date": exam_date,
            "eyes": eyes,
            "iol_calculations": calculations,
            "extraction": extraction,
        }
    )
    return validate(merged, document)


def _merge_eyes(regex: BiometryResult, llm: Eyes) -> tuple[Eyes, list[Issue], int, int]:
    issues: list[Issue] = []
    agreed = llm_only = 0
    merged: dict[str, Eye | None] = {}
    for side in ("OD", "OS"):
        ours, theirs = getattr(regex.eyes, side), getattr(llm, side)
        if ours is None or theirs is None:
            merged[side] = ours or theirs
            llm_only += _count(theirs) if ours is None else 0
            continue
        values = ours.model_dump()
        for name, their_value in theirs.model_dump(exclude={"flags"}).items():
            our_value = values[name]
            if their_value is None:
                continue
            if our_value is None:
                values[name], llm_only = their_value, llm_only + 1
            elif _same(our_value, their_value):
                agreed += 1
            else:
                issues.append(_disagreement(side, name, our_value, their_value))
        merged[side] = Eye.model_validate(values)
    return Eyes(**merged), issues, agreed, llm_only


def _merge_iol(ours: list[IolCalculation], theirs: list[IolCalculation]) -> tuple[list[IolCalculation], list[Issue]]:
    known = {_iol_key(c): c for c in ours}
    issues: list[Issue] = []
    extra: list[IolCalculation] = []
    for calc in theirs:
        match = known.get(_iol_key(calc))
        if match is None:
            extra.append(calc) if not ours else None
        elif [(r.iol_power_d, r.refraction_d) for r in match.rows] != [
            (r.iol_power_d, r.refraction_d) for r in calc.rows
        ]:
            issues.append(
                Issue(
                    code="llm_regex_disagree",
                    severity="error",
                    eye=calc.eye,
                    field=f"iol_calculations.{calc.formula}",
                    message=f"{calc.formula} rows: regex {_rows(match)}, LLM {_rows(calc)}.",
                )
            )
    return [*ours, *extra], issues


def _disagreement(side: EyeSide, name: str, ours: object, theirs: object) -> Issue:
    return Issue(
        code="llm_regex_disagree",
        severity="error",
        field=name,
        eye=side,
        message=f"{side}.{name}: regex tier read {ours}, LLM read {theirs}; kept the regex value.",
    )


def _summary(agreed: int, llm_only: int) -> list[Issue]:
    issues = []
    if agreed:
        issues.append(
            Issue(code="llm_regex_agree", severity="info", message=f"{agreed} values confirmed by both tiers.")
        )
    if llm_only:
        issues.append(
            Issue(
                code="llm_unconfirmed",
                severity="warning",
                message=f"{llm_only} values come from the LLM alone.",
            )
        )
    return issues


def _kept(regex: BiometryResult, eyes: Eyes) -> dict[str, Any]:
    """Regex provenance of the values kept from the regex tier (the validator grounds the LLM's)."""
    kept = {}
    for path, where in regex.extraction.provenance.items():
        side, _, name = path.partition(".")
        eye = getattr(eyes, side, None) if side in ("OD", "OS") else None
        regex_eye = getattr(regex.eyes, side, None) if side in ("OD", "OS") else None
        if eye is None or regex_eye is None or getattr(eye, name, None) == getattr(regex_eye, name, None):
            kept[path] = where
    return kept


def _device(output: dict[str, Any]) -> Device | None:
    model = output.get("device_model")
    if not isinstance(model, str) or not model.strip():
        return None
    return Device(
        manufacturer=str(output.get("device_manufacturer") or "unknown"),
        model=model,
        software_version=output.get("device_software_version")
        if isinstance(output.get("device_software_version"), str)
        else None,
    )


def _exam_date(answer: object, document: Document, issues: list[Issue]) -> str | None:
    """The printed date the answer's placeholder (`[date-2]`) points at, read locally in the document's own order."""
    if answer is None:
        return None
    printed = printed_date_for(answer, document) if isinstance(answer, str) else None
    if printed is None:
        issues.append(_date_issue("llm_bad_date", "warning", "The LLM's exam date names no printed date."))
        return None
    day = read_printed_date(printed, document)
    if day is None:
        issues.append(_date_issue("printed_value_unread", "error", "The exam date's day/month order is ambiguous."))
        return None
    return day.isoformat()


def _date_issue(code: str, severity: Severity, message: str) -> Issue:
    return Issue(code=code, severity=severity, field="exam_date", message=message)


def _as_info(issue: Issue) -> Issue:
    return issue.model_copy(update={"severity": "info", "message": f"regex tier: {issue.message}"})


def _iol_key(calc: IolCalculation) -> tuple[str, str, str]:
    return calc.eye, calc.formula.casefold(), re.sub(r"\W", "", calc.iol_model.casefold())


def _rows(calc: IolCalculation) -> str:
    return " ".join(f"{r.iol_power_d:+.2f}/{r.refraction_d:+.2f}" for r in calc.rows)


def _same(a: object, b: object) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) < _TOLERANCE
    return a == b


def _has_values(eye: Eye) -> bool:
    return any(v is not None for v in eye.model_dump(exclude={"flags"}).values())


def _count(eye: Eye | None) -> int:
    return 0 if eye is None else sum(v is not None for v in eye.model_dump(exclude={"flags"}).values())
