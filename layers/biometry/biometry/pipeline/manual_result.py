"""A reviewer's corrected result: read, checked by the one validator as `method: manual`, reviewer notes honoured."""

from __future__ import annotations

import json

from pydantic import ValidationError

from biometry.document import Document
from biometry.errors import BiometryError
from biometry.models import BiometryResult, Issue
from biometry.validate import validate

REVIEWER_NOTE = "reviewer_note"
REVIEWER_PARSER = "reviewer"
UNGROUNDED = "ungrounded"
# The automatic tier's doubt about its own reading: a person who checked every value has resolved it.
RESOLVED_BY_REVIEW = frozenset({"low_confidence"})
MAX_SCHEMA_ERRORS = 5


class ResolutionRejected(BiometryError):
    """A reviewer's result that cannot be published; `reasons` say why in words a reviewer can act on."""

    code = "resolution_rejected"

    def __init__(self, *reasons: str) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def parse_reviewed(body: bytes) -> BiometryResult:
    """The uploaded file as a result, or the reasons it is not one (invalid JSON, wrong schema)."""
    try:
        data = json.loads(body)
    except ValueError as error:
        raise ResolutionRejected(f"The file is not valid JSON: {error}.") from None
    try:
        return BiometryResult.model_validate(data)
    except ValidationError as error:
        reasons = [f"{_path(e['loc'])}: {e['msg']}" for e in error.errors()[:MAX_SCHEMA_ERRORS]]
        raise ResolutionRejected(*(f"The file does not match the result schema at {r}." for r in reasons)) from None


def validate_manual(result: BiometryResult, document: Document | None) -> BiometryResult:
    """Validate as `manual`: every validator error blocks, except an ungrounded value the reviewer explained in a
    `reviewer_note` issue naming its field (kept as an `info` issue) and the automatic tier's own low confidence."""
    notes = reviewer_notes(result)
    noted = {note_path(n) for n in notes}
    provenance = result.extraction.provenance if document is not None else {}  # no document: nothing to confirm
    extraction = result.extraction.model_copy(
        update={"method": "manual", "parser": REVIEWER_PARSER, "issues": notes, "provenance": provenance}
    )
    checked = validate(result.model_copy(update={"extraction": extraction}), document)
    blocking = [i for i in checked.extraction.issues if i.severity == "error" and not _resolved(i, noted)]
    if blocking:
        raise ResolutionRejected(*(_reason(i) for i in blocking))
    issues = [_vouched(i) if i.code == UNGROUNDED else i for i in checked.extraction.issues if _kept(i)]
    extraction = checked.extraction.model_copy(update={"issues": issues})
    return checked.model_copy(update={"status": "accepted", "extraction": extraction})


def reviewer_notes(result: BiometryResult) -> list[Issue]:
    """The reviewer's notes (issues with code `reviewer_note` and a message); every other old issue is dropped."""
    return [
        i.model_copy(update={"severity": "info"})
        for i in result.extraction.issues
        if i.code == REVIEWER_NOTE and i.message.strip()
    ]


def note_path(note: Issue) -> str:
    """The value a note explains: `OD.axial_length_mm` as written, or `eye` + `field` (`OD` + `axial_length_mm`)."""
    field = note.field or ""
    if note.eye and not field.startswith(f"{note.eye}."):
        return f"{note.eye}.{field}"
    return field


def _resolved(issue: Issue, noted: set[str]) -> bool:
    return issue.code in RESOLVED_BY_REVIEW or (issue.code == UNGROUNDED and issue.field in noted)


def _kept(issue: Issue) -> bool:
    return issue.code not in RESOLVED_BY_REVIEW


def _vouched(issue: Issue) -> Issue:
    message = f"{issue.message} The reviewer's note vouches for it."
    return issue.model_copy(update={"severity": "info", "message": message})


def _reason(issue: Issue) -> str:
    if issue.code == UNGROUNDED:
        hint = f'add an issue {{"code": "{REVIEWER_NOTE}", "severity": "info", "field": "{issue.field}", '
        return f'{issue.message} Correct it, or {hint}"message": "<where the value comes from>"}}.'
    return f"{issue.message} [{issue.code}]"


def _path(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "(top level)"
