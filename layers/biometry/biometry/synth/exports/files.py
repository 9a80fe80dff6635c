"""Writes the bytes of synthetic exports: IOLMaster 700 CSV (UTF-8 BOM or UTF-16) and EyeSuite XML (Windows-1252)."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import TYPE_CHECKING

from biometry.synth.values import EyeValues

if TYPE_CHECKING:
    from biometry.synth.exports.report import ExportPlan

CSV_COLUMNS = ("Pat_ID", "Last_Name", "First_Name", "DOB", "Acquisition_Date", "Eye_Side", "AL", "AL_SD", "R1", "R2",
               "A1", "A2", "TR1", "TR2", "TA1", "TA2", "ACD", "AQD", "LT", "CCT", "W2W", "P")  # fmt: skip
_CSV_GROUPS = {"TR1": "tk", "TR2": "tk", "TA1": "tk", "TA2": "tk", "CCT": "cct_um", "AQD": "aqueous_depth_mm"}
_CSV_GROUPS |= {"LT": "lens_thickness_mm", "W2W": "wtw_mm", "P": "pupil_mm"}


def aqueous_depth_mm(values: EyeValues) -> float:
    """AD = ACD - CCT, rounded as exported (so ACD = AD + CCT holds within rounding)."""
    return round(values.acd_mm - values.cct_um / 1000, 2)


def csv_bytes(plan: ExportPlan) -> bytes:
    """One header line and one row per eye (in random order), `;`-separated, CRLF, with a BOM."""
    rng = random.Random(plan.rng_seed)
    sides = list(plan.eyes)
    rng.shuffle(sides)
    stamp = f" {rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}" if rng.random() < 0.5 else ""
    lines = [";".join(CSV_COLUMNS)]
    for side in sides:
        cells = _csv_cells(plan, side, stamp)
        lines.append(
            ";".join(cells.get(c, "") if _CSV_GROUPS.get(c) not in plan.missing[side] else "" for c in CSV_COLUMNS)
        )
    text = "\r\n".join(lines) + "\r\n"
    return text.encode(plan.case.encoding)


def _csv_cells(plan: ExportPlan, side: str, stamp: str) -> dict[str, str]:
    v, p = plan.eyes[side], plan.patient
    last, _, first = p.name.partition(", ")
    n = _numbers(plan.case.decimal == "comma")
    return {
        "Pat_ID": p.patient_id,
        "Last_Name": last,
        "First_Name": first,
        "DOB": p.birth_date.isoformat(),
        "Acquisition_Date": p.exam_date.isoformat() + stamp,
        "Eye_Side": side,
        "AL": n(v.axial_length_mm, 2),
        "AL_SD": n(v.sd_um["AL"] / 1000, 3),
        "R1": n(v.k.r1_mm, 2),
        "R2": n(v.k.r2_mm, 2),
        "A1": str(v.k.k1_axis_deg),
        "A2": str(v.k.k2_axis_deg),
        "TR1": n(v.tk.r1_mm, 2),
        "TR2": n(v.tk.r2_mm, 2),
        "TA1": str(v.tk.k1_axis_deg),
        "TA2": str(v.tk.k2_axis_deg),
        "ACD": n(v.acd_mm, 2),
        "AQD": n(aqueous_depth_mm(v), 2),
        "LT": n(v.lens_thickness_mm, 2),
        "CCT": n(v.cct_um / 1000, 3),
        "W2W": n(v.wtw_mm, 1),
        "P": n(v.pupil_mm, 1),
    }


def xml_bytes(plan: ExportPlan) -> bytes:
    """An EyeSuite export: device, patient, one examination with an `EYE side=..` element per eye shown."""
    rng = random.Random(plan.rng_seed)
    root = ET.Element("EYESUITE_EXPORT", {"version": "1.0"})
    device = ET.SubElement(root, "DEVICE")
    _leaf(device, "MODEL", plan.device[0])
    _leaf(device, "SOFTWARE_VERSION", plan.device[1])
    patient = ET.SubElement(root, "PATIENT")
    last, _, first = plan.patient.name.partition(", ")
    born = plan.patient.birth_date
    birth = born.isoformat() if rng.random() < 0.5 else born.strftime("%d.%m.%Y")
    for tag, text in (("ID", plan.patient.patient_id), ("LAST_NAME", last), ("FIRST_NAME", first)):
        _leaf(patient, tag, text)
    _leaf(patient, "BIRTH_DATE", birth)
    _leaf(patient, "SEX", plan.sex)
    exam = ET.SubElement(root, "EXAMINATION")
    _leaf(exam, "DATE", plan.patient.exam_date.isoformat())
    for side in plan.eyes:
        _xml_eye(ET.SubElement(exam, "EYE", {"side": side}), plan, side, rng)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="Windows-1252", xml_declaration=True)
    return data


def _xml_eye(eye: ET.Element, plan: ExportPlan, side: str, rng: random.Random) -> None:
    v, missing = plan.eyes[side], plan.missing[side]
    n = _numbers(plan.case.decimal == "comma")
    sections = {
        "A-SCAN": (
            ("CENTRAL_CORNEA_THICKNESS", "cct_um", str(v.cct_um), "µm"),
            ("AQUEOUS_DEPTH", "aqueous_depth_mm", n(aqueous_depth_mm(v), 2), "mm"),
            ("LENSE_THICKNESS", "lens_thickness_mm", n(v.lens_thickness_mm, 2), "mm"),
            ("AXIAL_LENGTH", "axial_length_mm", n(v.axial_length_mm, 2), "mm"),
        ),
        "KERATOMETRY": (
            ("FLAT_MERIDIAN", "k1_d", n(v.k.k1_d, 2), "D"),
            ("STEEP_MERIDIAN", "k2_d", n(v.k.k2_d, 2), "D"),
            ("FLAT_MERIDIAN_AXIS", "k1_axis_deg", str(v.k.k1_axis_deg), "°"),
        ),
        "WHITE-WHITE": (("DIAMETER", "wtw_mm", n(v.wtw_mm, 2), "mm"),),
    }
    for section, leaves in sections.items():
        parent = ET.SubElement(eye, section)
        for tag, field, text, unit in leaves:
            if field not in missing:
                _leaf(parent, tag, text, unit=unit)
            elif rng.random() < 0.5:
                _leaf(parent, tag, "", unit=unit)  # an empty element: not measured


def _leaf(parent: ET.Element, tag: str, text: str, **attrs: str) -> None:
    ET.SubElement(parent, tag, attrs).text = text


def _numbers(comma: bool) -> Callable[[float, int], str]:
    """A formatter printing a number with fixed decimals and the case's decimal mark."""

    def number(value: float, places: int) -> str:
        text = f"{value:.{places}f}"
        return text.replace(".", ",") if comma else text

    return number
