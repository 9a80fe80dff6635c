"""ZEISS IOLMaster 500 printouts (software V.7.x): measurement, AL, white-to-white, IOL and multi-formula pages.

Layout of the real printout (`Carl Zeiss IOLMaster® Advanced Technology V. 7.7`, six page images of a DICOM export,
English): a serif header with name, exam date, `n: 1.3375` and on IOL pages `Formula:`/`Target ref.:`; then eye
blocks, OD left and OS right (the white-to-white page stacks OD above OS). Page 1 prints the composite
`Comp. AL: 23.41 mm (SNR = 122.6)` over its AL/SNR readings, `MV: 42.51/43.77 D` over three `K1: .. D x 175°` sets,
`ACD:` over its readings and a white-to-white readings table; pages 2-3 the AL graphs; page 4 the selected WTW and
pupil per eye; page 5 a summary block per eye and four lens boxes per eye; page 6 one lens with four formulas.
Samples: ../shared/real/iolmaster500-exam1.pdf (real) and the synthetic generator `biometry.synth.iolmaster500.report`.
The work is split: `columns` (eye blocks), `biometry` (results), `iol` and `boxes`
(lens boxes), `printed` (what the pages print, for completeness).
"""

from __future__ import annotations

import re
from datetime import date

from biometry.completeness import Printed
from biometry.devices.collect import EyeCollector
from biometry.devices.header import find_exam_date, report_patient
from biometry.devices.iolmaster500 import printed as iom500_printed
from biometry.devices.iolmaster500 import score as device_score
from biometry.devices.iolmaster500.axis_votes import settle_axes
from biometry.devices.iolmaster500.biometry import (
    DeferredChecks,
    apply_index,
    check_cylinders,
    check_selected_among_readings,
    check_unread_lengths,
    read_biometry,
    read_unlabelled_acd,
    readings_table_top,
    store_k_results,
)
from biometry.devices.iolmaster500.columns import columns
from biometry.devices.iolmaster500.garbled_axes import axes_from_the_other_meridian
from biometry.devices.iolmaster500.iol import IolReader, formula_of, has_boxes, lens_of
from biometry.devices.iolmaster500.model_copies import with_models_named_elsewhere, with_models_of_the_other_eye
from biometry.devices.layout import lines_in
from biometry.document import Document
from biometry.models import BiometryResult, Device, Extraction, Issue, Source
from biometry.normalize import canonical

_VERSION = re.compile(r"\bV\.\s?(\d\.\d{1,2})\b")


class IolMaster500:
    """Coordinate-based parser for IOLMaster 500 printouts, their page images and scans."""

    name = "iolmaster500"
    version = "2.0"

    def score(self, document: Document) -> float:
        """The package's score (the 500 generation's footer): the registry asks it without importing this module."""
        return device_score(document)

    def printed(self, document: Document) -> Printed:
        """Labelled results, lens boxes and targets per eye (see `printed`)."""
        return iom500_printed.printed(document)

    def parse(self, document: Document, source: Source) -> BiometryResult:
        """Every page's eye blocks: results, and lens boxes where the page prints them."""
        collector = EyeCollector()
        checks = DeferredChecks()
        iol = IolReader(inferred=document.text_source != "text-layer")
        for page in document.pages:
            tables_top = readings_table_top(page.lines)
            boxed = has_boxes(page)
            formula, lens = (formula_of(page, collector), lens_of(page)) if boxed else (None, None)
            for column in columns(page, collector):
                read_biometry(lines_in(column.words), column.side, page.number, collector, tables_top, checks)
                read_unlabelled_acd(page.lines, column.words, column.side, page.number, collector)
                if boxed:
                    iol.read_column(page, column, formula, lens)
            iol.settle_target_signs()  # the page's one target, over all its boxes
        apply_index(document, collector)
        store_k_results(checks.k_results, collector)
        axes_from_the_other_meridian(checks.garbled_axes, collector)
        settle_axes(checks.cylinders, collector)
        check_unread_lengths(checks.unread_lengths, collector)
        check_selected_among_readings(checks.selected, collector)
        check_cylinders(checks.cylinders, collector)
        collector.drop_impossible_readings()
        iol.settle_constants()
        iol.calculations = with_models_named_elsewhere(iol.calculations)
        iol.calculations = with_models_of_the_other_eye(iol.calculations, iol.places)
        iol.settle_powers()
        iol.check_constants()
        return BiometryResult(
            document_id=document.sha256,
            source=source,
            device=Device(manufacturer="ZEISS", model="IOLMaster 500", software_version=_version(document)),
            exam_date=_iso(document),
            patient=report_patient(document),
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
    """What a reviewer should know about lens names read by OCR: O/0 and l/1 look alike."""
    if not (iol.inferred and iol.calculations):
        return []
    return [
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
    """The exam date; read by OCR, only where the pages print it in the device's form, day and month of two digits
    (`11/29/2023`): OCR that lost a digit of it reads another real date (`1/29/2023`), which then stays unread."""
    found = find_exam_date(document)
    if found is None or (document.text_source == "ocr" and not _printed_padded(found, canonical(document.text))):
        return None
    return found.isoformat()


def _printed_padded(found: date, text: str) -> bool:
    """Whether the text prints the date with two-digit day and month, in either order."""
    month, day = f"{found.month:02}", f"{found.day:02}"
    return any(f"{a}{mark}{b}{mark}{found.year}" in text for a, b in ((month, day), (day, month)) for mark in "/.")
