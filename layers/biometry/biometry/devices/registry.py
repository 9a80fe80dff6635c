"""The device registry: every parser scores a document; the best score above zero wins, else None (LLM tier)."""

from __future__ import annotations

from biometry.devices.base import DeviceParser
from biometry.devices.exports.dicom_measurements import DicomMeasurements
from biometry.devices.exports.eyesuite_xml import EyeSuiteXml
from biometry.devices.exports.iolmaster700_csv import IolMaster700Csv
from biometry.devices.eyesuite.parser import Eyesuite
from biometry.devices.iolmaster500.parser import IolMaster500
from biometry.devices.iolmaster700.parser import IolMaster700
from biometry.document import Document
from biometry.extract.refiners import register_page_refiners

PARSERS: tuple[DeviceParser, ...] = (
    DicomMeasurements(),  # first: its cells name the device, so a printout parser's text score may tie with it
    IolMaster700(),
    IolMaster500(),
    Eyesuite(),
    IolMaster700Csv(),
    EyeSuiteXml(),
)

register_page_refiners(IolMaster500.page_refiners)  # extraction reads a device's pages again without knowing it
register_page_refiners(IolMaster700.page_refiners)
register_page_refiners(Eyesuite.page_refiners)

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
