"""What every device parser provides: a name, a detection score, and parse into an unvalidated result."""

from __future__ import annotations

from typing import Protocol

from biometry.completeness import Printed
from biometry.document import Document
from biometry.models import BiometryResult, Source


class DeviceParser(Protocol):
    """One biometer's printout or export format."""

    @property
    def name(self) -> str: ...
    @property
    def version(self) -> str: ...

    def score(self, document: Document) -> float: ...
    def parse(self, document: Document, source: Source) -> BiometryResult: ...
    def printed(self, document: Document) -> Printed:
        """What the pages print (labels, captions, table headers), counted apart from reading the values."""
        ...
