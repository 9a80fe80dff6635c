"""Where a regex result in review goes next: Textract for a reading reason, a person for a reason no reader changes."""

from __future__ import annotations

from biometry.extract.sniff import JPEG, PDF, PNG, TIFF
from biometry.models import BiometryResult

# Blocking reasons no second reading changes, so Textract would be paid for nothing: no device parser claims the
# words (the LLM tier's case), the eyes differ more than the devices allow (a clinical fact a person checks), or the
# pages name different patients (one upload, one patient: a person splits the file).
# Every other blocking reason of a local OCR reading (a value unread or misread, a consistency check that fails, low
# confidence) may be the engine's, and Textract reads the upload once more.
NOT_READING_ISSUES = frozenset({"unknown_device", "inter_eye_al", "inter_eye_k", "patients_differ"})
# Blocking reasons only a person resolves, so neither Textract nor the LLM tier is paid for: the pages name different
# patients (the upload must be split; any reading of it names two patients again).
PERSON_ONLY_ISSUES = frozenset({"patients_differ"})
TEXTRACT_MEDIA_TYPES = frozenset({PDF, PNG, JPEG, TIFF})  # DetectDocumentText / the async job (DICOM: not)


def textract_may_help(result: BiometryResult) -> bool:
    """True when every blocking issue of a needs_review result is one a better reading of the words can remove."""
    blocking = _blocking(result)
    readable = result.source.media_type in TEXTRACT_MEDIA_TYPES
    return result.status == "needs_review" and readable and bool(blocking) and not blocking & NOT_READING_ISSUES


def only_a_person_helps(result: BiometryResult) -> bool:
    """True when a needs_review result blocks on a reason no reader (Textract, the LLM tier) can remove."""
    return result.status == "needs_review" and bool(_blocking(result) & PERSON_ONLY_ISSUES)


def only_the_patient_unread(result: BiometryResult) -> bool:
    """True when every blocking issue of a needs_review result is a patient field printed and unread: the LLM tier
    answers without patient data (it reads redacted text), so only a person reads it."""
    blocking = [issue for issue in result.extraction.issues if issue.severity == "error"]
    return (
        result.status == "needs_review"
        and bool(blocking)
        and all(i.code == "printed_value_unread" and (i.field or "").startswith("patient.") for i in blocking)
    )


def _blocking(result: BiometryResult) -> set[str]:
    return {issue.code for issue in result.extraction.issues if issue.severity == "error"}
