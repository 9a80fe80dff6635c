"""ZEISS IOLMaster 700 CSV export: semicolon-separated, one row per eye, radii and CCT in mm, ISO dates.

Columns from report-formats.md ("Market and sources"): `Pat_ID;Last_Name;First_Name;DOB;Acquisition_Date;Eye_Side;
AL;AL_SD;R1;R2;A1;A2;TR1;TR2;TA1;TA2;ACD;AQD;LT;CCT;W2W;P`. K in dioptres and CCT in µm are not in the file: they are
read from the derived columns extract/exports.py appends (`K1=337.5/R1`, `CCT_um=CCT*1000`), each printed with its
formula. An empty cell is null, never 0. The eye comes from `Eye_Side` of its own row, never from row order.
"""

from __future__ import annotations

from biometry.completeness import Printed
from biometry.devices.collect import EyeCollector
from biometry.devices.exports.cells import (
    csv_rows,
    export_date,
    export_result,
    eye_side,
    info,
    patient_of,
    store_cell,
    warning,
)
from biometry.document import Document, Word
from biometry.extract.exports import CSV
from biometry.models import BiometryResult, Device, EyeSide, Patient, Source
from biometry.normalize import is_missing

# column -> (contract field, is an axis)
COLUMNS: dict[str, tuple[str, bool]] = {
    "AL": ("axial_length_mm", False),
    "R1": ("k1_radius_mm", False),
    "R2": ("k2_radius_mm", False),
    "K1=337.5/R1": ("k1_d", False),
    "K2=337.5/R2": ("k2_d", False),
    "A1": ("k1_axis_deg", True),
    "A2": ("k2_axis_deg", True),
    "TK1=337.5/TR1": ("tk1_d", False),
    "TK2=337.5/TR2": ("tk2_d", False),
    "TA1": ("tk1_axis_deg", True),
    "TA2": ("tk2_axis_deg", True),
    "ACD": ("acd_mm", False),
    "AQD": ("aqueous_depth_mm", False),
    "LT": ("lens_thickness_mm", False),
    "CCT_um=CCT*1000": ("cct_um", False),
    "W2W": ("wtw_mm", False),
    "P": ("pupil_mm", False),
}
REQUIRED = ("Eye_Side", "AL", "R1", "R2", "A1")
DERIVED_NOTE = "K (D) = 337.5 / R (mm) and CCT (µm) = CCT (mm) x 1000, computed from the exported cells."
KNOWN = frozenset({*COLUMNS, "Pat_ID", "Last_Name", "First_Name", "DOB", "Acquisition_Date", "Eye_Side", "AL_SD"})


class IolMaster700Csv:
    """Parser for IOLMaster 700 CSV exports (Document built by `extract.exports.export_document`)."""

    name = "iolmaster700-csv"
    version = "1.0"

    def score(self, document: Document) -> float:
        """1.0 for a CSV with the device's columns, 0.2 for a CSV with some of them (parse names what is missing)."""
        if document.media_type != CSV or not document.pages:
            return 0.0
        header, _ = csv_rows(document.pages[0])
        known = KNOWN.intersection(header)
        if all(name in known for name in REQUIRED) and len(known) >= 8:
            return 1.0
        return 0.2 if len(known) >= 2 else 0.0

    def printed(self, document: Document) -> Printed:
        """The known columns each eye's row holds a value in (a `---` cell is not a value)."""
        fields: dict[EyeSide, frozenset[str]] = {}
        for row in csv_rows(document.pages[0])[1] if document.pages else []:
            side = eye_side(row["Eye_Side"].text) if "Eye_Side" in row else None
            if side is not None:
                held = {
                    field
                    for column, (field, _) in COLUMNS.items()
                    if column in row and not is_missing(row[column].text)
                }
                fields[side] = fields.get(side, frozenset()) | held
        return Printed(eye_fields=fields)

    def parse(self, document: Document, source: Source) -> BiometryResult:
        header, rows = csv_rows(document.pages[0])
        collector = EyeCollector()
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            collector.issue("export_columns_missing", f"The CSV lacks the columns {', '.join(missing)}.")
        for number, row in enumerate(rows, start=2):
            _read_row(row, number, collector)
        dates = {export_date(row["Acquisition_Date"].text) for row in rows if "Acquisition_Date" in row}
        exam_date = dates.pop() if len(dates) == 1 else None
        device = Device(manufacturer="ZEISS", model="IOLMaster 700")
        result = export_result(
            document, source, device, f"{self.name}@{self.version}", collector, (_patient(rows, collector), exam_date)
        )
        result.extraction.issues.append(info("derived_values", DERIVED_NOTE))
        if len(dates) > 1:
            result.extraction.issues.append(warning("exam_dates_differ", "The eyes were measured on different dates."))
        return result


def _read_row(row: dict[str, Word], number: int, collector: EyeCollector) -> None:
    side = eye_side(row["Eye_Side"].text) if "Eye_Side" in row else None
    if side is None:
        collector.issue("eye_unknown", f"CSV row {number} does not name the eye (Eye_Side).")
        return
    collector.saw(side)
    for column, (field, is_axis) in COLUMNS.items():
        if column in row:
            store_cell(collector, side, field, row[column], as_int=is_axis)


def _patient(rows: list[dict[str, Word]], collector: EyeCollector) -> Patient | None:
    """The one patient of the file; rows naming different patients block acceptance."""
    fields: list[str | None] = []
    for column in ("Last_Name", "First_Name", "Pat_ID", "DOB"):
        values = {row[column].text for row in rows if column in row}
        if len(values) > 1:
            collector.issue("export_inconsistent_rows", f"The rows disagree on {column}: more than one patient.")
        fields.append(values.pop() if len(values) == 1 else None)
    return patient_of(*fields)
