"""The device registry: every parser scores a document; the best score above zero wins, else None (LLM tier)."""

from __future__ import annotations

from biometry.devices.base import DeviceParser
from biometry.devices.dicom_measurements import DicomMeasurements
from biometry.devices.eyesuite import Eyesuite
from biometry.devices.eyesuite_xml import EyeSuiteXml
from biometry.devices.iolmaster500 import IolMaster500
from biometry.devices.iolmaster700 import IolMaster700
from biometry.devices.iolmaster700_csv import IolMaster700Csv
from biometry.document import Document

PARSERS: tuple[DeviceParser, ...] = (
    DicomMeasurements(),  # first: its cells name the device, so a printout parser's text score may tie with it
    IolMaster700(),
    IolMaster500(),
    Eyesuite(),
    IolMaster700Csv(),
    EyeSuiteXml(),
)


def detect(document: Document) -> DeviceParser | None:
    """The parser that claims the document most strongly, or None for an unknown device."""
    scored = [(parser.score(document), index, parser) for index, parser in enumerate(PARSERS)]
    best = max((s for s in scored if s[0] > 0), default=None, key=lambda s: (s[0], -s[1]))
    return None if best is None else best[2]
