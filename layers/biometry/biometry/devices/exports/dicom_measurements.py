"""DICOM ophthalmic measurement objects: Ophthalmic Axial Measurements (SOP class 1.2.840.10008.5.1.4.1.1.78.7),
Keratometry Measurements (…78.3) and Intraocular Lens Calculations (…78.8), as the IOLMaster 700's DICOM conformance
statement lists them. Read from the Document of cells extract/dicom/cells.py lays out; method `export`.

Attributes (PS3.3 C.8.25.14, C.8.25.16 and the Keratometry Measurements module): the eye is the Right/Left Eye
Sequence a value sits in (axial 0022,1007/1008; keratometry 0046,0070/0071; IOL 0022,1300/1310), never the order.
AL is `OphthalmicAxialLength` (0022,1019) under a selected-length sequence (axial object; individual measurements
are not results) or under `OphthalmicAxialLengthSequence` (IOL object). K from Steep/Flat Keratometric Axis Sequence
(0046,0074/0080): Radius of Curvature, Keratometric Power, Keratometric Axis; Keratometer Index (0022,1033). ACD, LT
and corneal size (WTW) from their sequences in the IOL Calculations macro. IOL items: devices/exports/dicom_iol.py.
"""

from __future__ import annotations

from biometry.completeness import Printed
from biometry.devices.collect import EyeCollector
from biometry.devices.exports.cells import export_result, store_cell
from biometry.devices.exports.dicom_cells import Cell, cells, eye_of, header_value
from biometry.devices.exports.dicom_checks import brand, iso_date
from biometry.devices.exports.dicom_iol import SEQUENCES as IOL_SEQUENCES
from biometry.devices.exports.dicom_iol import calculations
from biometry.document import Document
from biometry.extract.dicom.read import DICOM, MEASUREMENTS
from biometry.models import BiometryResult, Device, EyeSide, Patient, Source

KERATOMETRY_SIDES = {"SteepKeratometricAxisSequence": "k2", "FlatKeratometricAxisSequence": "k1"}
KERATOMETRY_VALUES = {"RadiusOfCurvature": "radius_mm", "KeratometricPower": "d", "KeratometricAxis": "axis_deg"}
SIMPLE_FIELDS = {
    "KeratometerIndex": "keratometric_index",
    "AnteriorChamberDepth": "acd_mm",
    "LensThickness": "lens_thickness_mm",
    "CornealSize": "wtw_mm",
}
AXES = frozenset({"k1_axis_deg", "k2_axis_deg"})


class DicomMeasurements:
    """Parser for DICOM axial-measurement, keratometry and IOL-calculation objects."""

    name = "dicom-measurements"
    version = "1.0"

    def score(self, document: Document) -> float:
        """1.0 for a DICOM Document of cells whose SOP class is a measurement object, else 0."""
        if document.media_type != DICOM or document.text_source != "export":
            return 0.0
        return 1.0 if header_value(cells(document), "SOPClassUID") in MEASUREMENTS else 0.0

    def printed(self, document: Document) -> Printed:
        """The eye fields and IOL calculations (items with power rows) each eye's sequences hold."""
        fields: dict[EyeSide, set[str]] = {"OD": set(), "OS": set()}
        boxes: dict[EyeSide, set[int]] = {"OD": set(), "OS": set()}
        for cell in cells(document):
            side, field = eye_of(cell), eye_field(cell)
            if side is not None and field is not None:
                fields[side].add(field)
            if side is not None and cell.leaf == "IOLPower" and cell.keywords[0] in IOL_SEQUENCES:
                boxes[side].add(cell.items[0])
        return Printed(
            eye_fields={side: frozenset(held) for side, held in fields.items() if held},
            iol_boxes={side: len(items) for side, items in boxes.items() if items},
        )

    def parse(self, document: Document, source: Source) -> BiometryResult:
        all_cells = cells(document)
        collector = EyeCollector()
        for cell in all_cells:
            _read_eye_value(cell, collector)
        read = calculations(all_cells, collector)  # before export_result copies the collector's issues
        device = Device(
            manufacturer=brand(header_value(all_cells, "Manufacturer")) or "unknown",
            model=header_value(all_cells, "ManufacturerModelName") or "unknown",
            software_version=(header_value(all_cells, "SoftwareVersions") or "").split("\\")[0] or None,
        )
        exam_date = iso_date(header_value(all_cells, "StudyDate") or header_value(all_cells, "ContentDate"))
        header = (_patient(all_cells), None)
        result = export_result(document, source, device, f"{self.name}@{self.version}", collector, header)
        provenance = {**result.extraction.provenance, **read.provenance}
        extraction = result.extraction.model_copy(update={"provenance": provenance})
        return result.model_copy(
            update={"exam_date": exam_date, "iol_calculations": read.calculations, "extraction": extraction}
        )


def eye_field(cell: Cell) -> str | None:
    """The contract field an eye value maps to, or None for a value that is not a result."""
    if cell.leaf in KERATOMETRY_VALUES and len(cell.keywords) >= 2:
        meridian = KERATOMETRY_SIDES.get(cell.keywords[-2])
        return f"{meridian}_{KERATOMETRY_VALUES[cell.leaf]}" if meridian else None
    if cell.leaf == "OphthalmicAxialLength":
        selected = any("Selected" in k for k in cell.keywords) and not any("Segmental" in k for k in cell.keywords)
        return "axial_length_mm" if selected or cell.under("OphthalmicAxialLengthSequence") else None
    return SIMPLE_FIELDS.get(cell.leaf)


def _read_eye_value(cell: Cell, collector: EyeCollector) -> None:
    side, field = eye_of(cell), eye_field(cell)
    if side is None or field is None:
        return
    collector.saw(side)
    store_cell(collector, side, field, cell.word, as_int=field in AXES, page=cell.page)


def _patient(all_cells: list[Cell]) -> Patient | None:
    """PatientName `LAST^FIRST` -> `LAST, FIRST`; PHI, read into `patient` only."""
    name = header_value(all_cells, "PatientName")
    parts = [part.strip() for part in (name or "").split("^")[:2] if part.strip()]
    patient_id = header_value(all_cells, "PatientID")
    birth = iso_date(header_value(all_cells, "PatientBirthDate"))
    sex = header_value(all_cells, "PatientSex")
    if not parts and patient_id is None and birth is None:
        return None
    return Patient(name=", ".join(parts) or None, id=patient_id, birth_date=birth, sex=sex)
