"""Haag-Streit EyeSuite XML export (Lenstar LS 900, Eyestar 900): Windows-1252, decimal comma, one `EYE` per side.

Elements from report-formats.md ("Market and sources"): per `EYE side="OD"|"OS"`, A-SCAN `CENTRAL_CORNEA_THICKNESS`
(µm), `AQUEOUS_DEPTH`, `LENSE_THICKNESS` (sic), `AXIAL_LENGTH`; KERATOMETRY `FLAT_MERIDIAN`, `STEEP_MERIDIAN` (D),
`FLAT_MERIDIAN_AXIS`; WHITE-WHITE `DIAMETER`; a PATIENT block. The eye comes from the `side` attribute of the
enclosing `EYE`, never from element order. A `unit` attribute other than the expected one blocks acceptance.
"""

from __future__ import annotations

from biometry.completeness import Printed
from biometry.devices.collect import EyeCollector
from biometry.devices.exports.cells import (
    XmlElement,
    export_date,
    export_result,
    eye_side,
    patient_of,
    store_cell,
    xml_elements,
)
from biometry.document import Document
from biometry.extract.exports import XML
from biometry.models import BiometryResult, Device, EyeSide, Patient, Source
from biometry.normalize import is_missing

# (parent tag, tag) -> (contract field, expected units, is an axis)
ELEMENTS: dict[tuple[str, str], tuple[str, frozenset[str], bool]] = {
    ("A-SCAN", "CENTRAL_CORNEA_THICKNESS"): ("cct_um", frozenset({"µm", "um"}), False),
    ("A-SCAN", "AQUEOUS_DEPTH"): ("aqueous_depth_mm", frozenset({"mm"}), False),
    ("A-SCAN", "LENSE_THICKNESS"): ("lens_thickness_mm", frozenset({"mm"}), False),
    ("A-SCAN", "AXIAL_LENGTH"): ("axial_length_mm", frozenset({"mm"}), False),
    ("KERATOMETRY", "FLAT_MERIDIAN"): ("k1_d", frozenset({"D", "dpt"}), False),
    ("KERATOMETRY", "STEEP_MERIDIAN"): ("k2_d", frozenset({"D", "dpt"}), False),
    ("KERATOMETRY", "FLAT_MERIDIAN_AXIS"): ("k1_axis_deg", frozenset({"°", "deg"}), True),
    ("KERATOMETRY", "STEEP_MERIDIAN_AXIS"): ("k2_axis_deg", frozenset({"°", "deg"}), True),
    ("WHITE-WHITE", "DIAMETER"): ("wtw_mm", frozenset({"mm"}), False),
}
SECTIONS = frozenset({"A-SCAN", "KERATOMETRY", "WHITE-WHITE"})
HEADER = ("LAST_NAME", "FIRST_NAME", "ID", "BIRTH_DATE", "SEX")
DEFAULT_MODEL = "EyeSuite biometer"  # the export names no model: do not guess Lenstar vs Eyestar


class EyeSuiteXml:
    """Parser for EyeSuite XML exports (Document built by `extract.exports.export_document`)."""

    name = "eyesuite-xml"
    version = "1.0"

    def score(self, document: Document) -> float:
        """1.0 for XML with `EYE` elements holding EyeSuite sections, 0.2 for XML with either, else 0."""
        if document.media_type != XML or not document.pages:
            return 0.0
        tags = {element.path[-1] for element in xml_elements(document.pages[0])}
        has_eye, has_section = "EYE" in tags, bool(SECTIONS & tags)
        return 1.0 if has_eye and has_section else 0.2 if has_eye or has_section else 0.0

    def printed(self, document: Document) -> Printed:
        """The known elements each `EYE` holds a value in (a `---` value is not a value)."""
        fields: dict[EyeSide, set[str]] = {}
        for element in xml_elements(document.pages[0]) if document.pages else []:
            side = _side_of(element)
            if (
                side
                and element.value is not None
                and element.path[-2:] in ELEMENTS
                and not is_missing(element.value.text)
            ):
                fields.setdefault(side, set()).add(ELEMENTS[element.path[-2], element.path[-1]][0])
        return Printed(eye_fields={side: frozenset(names) for side, names in fields.items()})

    def parse(self, document: Document, source: Source) -> BiometryResult:
        elements = xml_elements(document.pages[0])
        collector = EyeCollector()
        for element in elements:
            if element.path[-1] == "EYE":
                _open_eye(element, collector)
            elif element.value is not None and element.path[-2:] in ELEMENTS:
                _read_value(element, collector)
        texts = {element.path[-2:]: element.value.text for element in elements if element.value is not None}
        device = Device(
            manufacturer="Haag-Streit",
            model=texts.get(("DEVICE", "MODEL"), DEFAULT_MODEL),
            software_version=texts.get(("DEVICE", "SOFTWARE_VERSION")),
        )
        exam_date = export_date(texts.get(("EXAMINATION", "DATE")))
        parser = f"{self.name}@{self.version}"
        return export_result(document, source, device, parser, collector, (_patient(texts), exam_date))


def _open_eye(element: XmlElement, collector: EyeCollector) -> None:
    side = eye_side(element.attrs.get("side", ""))
    if side is None:
        collector.issue("eye_unknown", f"An EYE element has side={element.attrs.get('side')!r}, not OD or OS.")
    else:
        collector.saw(side)


def _read_value(element: XmlElement, collector: EyeCollector) -> None:
    field, units, is_axis = ELEMENTS[element.path[-2], element.path[-1]]
    side = _side_of(element)
    if side is None or element.value is None:
        if not _eyes_around(element):  # inside an EYE of unknown side, `eye_unknown` was raised when that EYE opened
            collector.issue("eye_unknown", f"{field} is exported outside an EYE element.", field=field)
        return
    unit = element.attrs.get("unit")
    if unit is not None and unit not in units:
        collector.issue("export_unit_unexpected", f"{side} {field} is exported in {unit!r}.", side=side, field=field)
        return
    store_cell(collector, side, field, element.value, as_int=is_axis)


def _eyes_around(element: XmlElement) -> list[str]:
    return [attrs.get("side", "") for tag, attrs in zip(element.path, element.ancestors, strict=False) if tag == "EYE"]


def _side_of(element: XmlElement) -> EyeSide | None:
    """The side of the innermost `EYE` element around this one."""
    eyes = _eyes_around(element)
    return eye_side(eyes[-1]) if eyes else None


def _patient(texts: dict[tuple[str, ...], str]) -> Patient | None:
    last, first, patient_id, birth, sex = (texts.get(("PATIENT", tag)) for tag in HEADER)
    return patient_of(last, first, patient_id, birth, sex)
