"""The device registry: every parser scores a document; the best score above zero wins, else None (LLM tier).

A parser's modules are imported when it parses or counts what a document prints, not at start: a cold start imports
each printout device's package, whose `score` reads a footer, a header or a few labels (`PrintoutParser`), and no
export module (an export parser is asked only of a document read from an export of its type: `ExportParser`).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable

from biometry.completeness import Printed
from biometry.devices import eyesuite, iolmaster500, iolmaster700
from biometry.devices.base import DeviceParser
from biometry.document import Document
from biometry.extract.refiners import imported_on_use, register_page_refiners
from biometry.extract.sniff import CSV, DICOM, XML
from biometry.models import BiometryResult, Source


class _Deferred:
    """A device parser named by `module:Class`, imported and built the first time it is needed."""

    def __init__(self, where: str) -> None:
        self.where = where

    @functools.cached_property
    def parser(self) -> DeviceParser:
        """The device's parser, its modules imported now."""
        module, name = self.where.split(":")
        built: DeviceParser = getattr(importlib.import_module(module), name)()
        return built

    @property
    def name(self) -> str:
        return self.parser.name

    @property
    def version(self) -> str:
        return self.parser.version

    def parse(self, document: Document, source: Source) -> BiometryResult:
        return self.parser.parse(document, source)

    def printed(self, document: Document) -> Printed:
        return self.parser.printed(document)


class PrintoutParser(_Deferred):
    """A printout's parser, scored by its package's `score` (the parser's own) without importing its modules."""

    def __init__(self, where: str, score: Callable[[Document], float]) -> None:
        super().__init__(where)
        self._score = score

    def score(self, document: Document) -> float:
        return self._score(document)


class ExportParser(_Deferred):
    """An export format's parser: 0 for a document not read from an export of its media type, else its own score
    (imported then)."""

    def __init__(self, where: str, media_type: str) -> None:
        super().__init__(where)
        self.media_type = media_type

    def score(self, document: Document) -> float:
        if document.text_source != "export" or document.media_type != self.media_type:
            return 0.0
        return self.parser.score(document)


PARSERS: tuple[DeviceParser, ...] = (
    # first: its cells name the device, so a printout parser's text score may tie with it
    ExportParser("biometry.devices.exports.dicom_measurements:DicomMeasurements", DICOM),
    PrintoutParser("biometry.devices.iolmaster700.parser:IolMaster700", iolmaster700.score),
    PrintoutParser("biometry.devices.iolmaster500.parser:IolMaster500", iolmaster500.score),
    PrintoutParser("biometry.devices.eyesuite.parser:Eyesuite", eyesuite.score),
    ExportParser("biometry.devices.exports.iolmaster700_csv:IolMaster700Csv", CSV),
    ExportParser("biometry.devices.exports.eyesuite_xml:EyeSuiteXml", XML),
)

register_page_refiners(iolmaster500.PAGE_REFINERS)  # extraction reads a device's pages again without knowing it
register_page_refiners(iolmaster700.PAGE_REFINERS)
register_page_refiners(eyesuite.PAGE_REFINERS)
# every device's patient name read again with the Latin-script model, EyeSuite's lost ID line (`patient_lines`)
register_page_refiners([imported_on_use("biometry.devices.patient_lines", "with_patient_lines")])

MAX_SCORE = 1.0  # a score is in [0, 1]: a parser at 1.0 wins over every later one, so they are not asked


def detect(document: Document) -> DeviceParser | None:
    """The parser that claims the document most strongly (the first of a tie), or None for an unknown device."""
    best: tuple[float, DeviceParser] | None = None
    for parser in PARSERS:
        score = parser.score(document)
        if score > 0 and (best is None or score > best[0]):
            best = (score, parser)
        if score >= MAX_SCORE:
            break
    return None if best is None else best[1]
