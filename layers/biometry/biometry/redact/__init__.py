"""PHI redaction for third parties: an allow-list over positioned words, proved by the deny-list."""

from biometry.redact.allow import MASK, redact_document
from biometry.redact.known import phi_values
from biometry.redact.patterns import identifier_words, leftover_identifiers, redact

__all__ = ["MASK", "identifier_words", "leftover_identifiers", "phi_values", "redact", "redact_document"]
