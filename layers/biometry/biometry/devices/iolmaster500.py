"""ZEISS IOLMaster 500 printouts (software V.7.x): MMT overview and IOL pages, OD column left, OS column right.

Layout facts from report-formats.md: Courier on US Letter, OD column x≈54-313 pt and OS column x≈316-576 pt, footer
`IOLMaster(R) Advanced Technology V.7.7`; composite `AL: 23.45 mm (SNR = 12.3)` over an AL/SNR readings table (SNR
below 2 is borderline; a reading below 1.6 prints `--`); `K1: 43.25 D / 7.80 mm @ 90°` (D or mm first), `Cyl.:`
(minus at the K1 axis, plus at the K2 axis); ACD includes the cornea; no LT, no CCT. IOL pages: one formula, up to
four lens boxes per eye (model, manufacturer, constants, `IOL (D)  REF (D)`, a bold row, `Emme. IOL: 21.34`).
Samples: the synthetic generator `biometry.synth.iolmaster500` (no real sample in the repository yet).
The work is split: `iom500_columns` (eye columns), `iom500_biometry` (measurements), `iom500_iol` and
`iom500_boxes` (lens boxes).
"""

from __future__ import annotations

import re

from biometry.completeness import Printed
from biometry.devices.collect import EyeCollector
from biometry.devices.header import find_exam_date, find_patient
from biometry.devices.iom500_biometry import apply_index, read_biometry
from biometry.devices.iom500_columns import columns
from biometry.devices.iom500_iol import IolReader, formula_of
from biometry.devices.layout import lines_in
from biometry.document import Document
from biometry.models import BiometryResult, Device, Extraction, Issue, Source
from biometry.normalize import canonical

_DEVICE = re.compile(r"[I1l|][O0]L\s?Master", re.IGNORECASE)
_GENERATION = re.compile(r"Advanced\s*Techno|\bV\.\s?[4-7]\.\d", re.IGNORECASE)
_OTHER_MODEL = re.compile(r"[I1l|][O0]L\s?Master\s?700", re.IGNORECASE)
_VERSION = re.compile(r"\bV\.\s?(\d\.\d{1,2})\b")


class IolMaster500:
    """Coordinate-based parser for IOLMaster 500 PDF printouts and their scans."""

    name = "iolmaster500"
    version = "1.0"

    def score(self, document: Document) -> float:
        """1.0 when the IOLMaster footer of the 500 generation is printed (OCR-tolerant), else 0."""
        text = " ".join(canonical(p.text) for p in document.pages)
        if _OTHER_MODEL.search(text) or not _DEVICE.search(text):
            return 0.0
        return 1.0 if _GENERATION.search(text) else 0.0

    def printed(self, document: Document) -> Printed:
        """Not counted yet for this device (the IOLMaster 500 layout is being rebuilt from a real report)."""
        return Printed()

    def parse(self, document: Document, source: Source) -> BiometryResult:
        """Every page's eye columns: measurements, and lens boxes where the page names a formula."""
        collector = EyeCollector()
        iol = IolReader(inferred=document.text_source != "text-layer")
        for page in document.pages:
            formula = formula_of(page, collector)
            for column in columns(page, collector):
                lines = lines_in(column.words)
                read_biometry(lines, column.side, page.number, collector)
                if formula is not None:
                    iol.read_column(page, lines, column, formula)
        apply_index(document, collector)
        iol.check_constants()
        return BiometryResult(
            document_id=document.sha256,
            source=source,
            device=Device(manufacturer="ZEISS", model="IOLMaster 500", software_version=_version(document)),
            exam_date=_iso(document),
            patient=find_patient(canonical(document.pages[0].text)) if document.pages else None,
            eyes=collector.eyes(),
            iol_calculations=iol.calculations,
            status="needs_review",
            extraction=Extraction(
                method="regex",
                parser=f"{self.name}@{self.version}",
                confidence=1.0,
                issues=[*collector.issues, *iol.issues, *_ocr_notes(iol)],
                provenance={**collector.provenance, **iol.provenance},
            ),
        )


def _ocr_notes(iol: IolReader) -> list[Issue]:
    """What a reviewer should know about IOL tables read by OCR: bold is invisible, O/0 and l/1 look alike."""
    if not (iol.inferred and iol.calculations):
        return []
    return [
        Issue(
            code="selected_row_inferred",
            severity="info",
            message="Bold is not visible to OCR: the highlighted IOL row is the one closest to the target.",
        ),
        Issue(
            code="iol_model_from_ocr",
            severity="info",
            message="Lens model names were read by OCR: O/0 and l/1 may be confused in model codes.",
        ),
    ]


def _version(document: Document) -> str | None:
    match = _VERSION.search(document.text)
    return match.group(1) if match else None


def _iso(document: Document) -> str | None:
    found = find_exam_date(document)
    return found.isoformat() if found is not None else None
