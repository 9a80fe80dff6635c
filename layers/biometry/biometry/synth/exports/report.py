"""Synthetic device exports with ground truth, deterministic by seed: IOLMaster 700 CSV and EyeSuite XML."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from biometry.synth.exports.files import aqueous_depth_mm, csv_bytes, xml_bytes
from biometry.synth.people import Patient, random_patient
from biometry.synth.truth import truth_result
from biometry.synth.values import EyeValues, fellow_eye, random_eye

ExportFormat = Literal["csv", "xml"]
CsvEncoding = Literal["utf-8-sig", "utf-16"]
EyesShown = Literal["both", "OD", "OS"]
SIDES = ("OD", "OS")
CSV_MISSABLE = ("lens_thickness_mm", "wtw_mm", "cct_um", "pupil_mm", "aqueous_depth_mm", "tk")
XML_MISSABLE = ("lens_thickness_mm", "wtw_mm", "cct_um", "aqueous_depth_mm", "k1_axis_deg")
LENSTAR_MODELS = (("Lenstar LS 900", "i9.2.1.0"), ("Lenstar LS 900", "i8.5.0.12"), ("Eyestar 900", "i9.3.0.4"))


@dataclass(frozen=True, slots=True)
class ExportCase:
    """The knobs of one synthetic export; values, patient and missing cells follow from `seed`."""

    seed: int
    format: ExportFormat = "csv"
    encoding: CsvEncoding = "utf-8-sig"
    decimal: Literal["point", "comma"] = "point"
    eyes: EyesShown = "both"
    missing_rate: float = 0.1
    name: str | None = None

    @property
    def filename(self) -> str:
        return f"{self.name or f'export-{self.seed}'}.{self.format}"


@dataclass(frozen=True, slots=True)
class ExportPlan:
    """Everything the file and its truth show, drawn once from the case's seed."""

    case: ExportCase
    patient: Patient
    sex: str
    eyes: dict[str, EyeValues]
    missing: dict[str, frozenset[str]]
    device: tuple[str, str]
    rng_seed: int


def export_cases(n: int, seed: int = 0) -> Iterator[ExportCase]:
    """`n` cases alternating CSV and XML, with encoding, decimal mark and eyes shown drawn by seed."""
    rng = random.Random(f"exports:{seed}")
    for i in range(n):
        fmt: ExportFormat = "csv" if i % 2 == 0 else "xml"
        eyes: EyesShown = rng.choice(("both", "both", "both", "both", "OD", "OS"))
        encoding: CsvEncoding = rng.choice(("utf-8-sig", "utf-16"))
        decimal = "comma" if fmt == "xml" or rng.random() < 0.4 else "point"
        name = f"{fmt}-{seed}-{i:04d}-{eyes}" + (f"-{encoding}-{decimal}" if fmt == "csv" else "")
        yield ExportCase(rng.randrange(2**31), fmt, encoding, decimal, eyes, name=name)  # type: ignore[arg-type]


def make_plan(case: ExportCase) -> ExportPlan:
    """Draw patient, both eyes' values, the eyes shown and the missing cells from the case's seed."""
    rng = random.Random(case.seed)
    first = random_eye(rng)
    values = {"OD": first, "OS": fellow_eye(first, rng)}
    shown = [s for s in SIDES if case.eyes in ("both", s)]
    missable = CSV_MISSABLE if case.format == "csv" else XML_MISSABLE
    missing = {s: frozenset(f for f in missable if rng.random() < case.missing_rate) for s in shown}
    return ExportPlan(
        case=case,
        patient=random_patient(rng),
        sex=rng.choice(("F", "M")),
        eyes={s: values[s] for s in shown},
        missing=missing,
        device=rng.choice(LENSTAR_MODELS),
        rng_seed=rng.randrange(2**31),
    )


def render_export(case: ExportCase) -> tuple[bytes, dict[str, Any]]:
    """The export file of either format and its ground truth."""
    return render_csv(case) if case.format == "csv" else render_xml(case)


def render_csv(case: ExportCase) -> tuple[bytes, dict[str, Any]]:
    """An IOLMaster 700 CSV export (one row per eye) and its truth."""
    plan = make_plan(case)
    data = csv_bytes(plan)
    return data, _truth(plan, data, "text/csv", {"manufacturer": "ZEISS", "model": "IOLMaster 700"})


def render_xml(case: ExportCase) -> tuple[bytes, dict[str, Any]]:
    """An EyeSuite (Lenstar / Eyestar) XML export and its truth."""
    plan = make_plan(case)
    data = xml_bytes(plan)
    model, version = plan.device
    device = {"manufacturer": "Haag-Streit", "model": model, "software_version": version}
    return data, _truth(plan, data, "application/xml", device)


def eye_truth(plan: ExportPlan, side: str) -> dict[str, Any]:
    """What the export holds for one eye: CSV has radii, TK and pupil; XML has K in D and no ACD."""
    v, missing = plan.eyes[side], plan.missing[side]
    values: dict[str, Any] = {
        "axial_length_mm": v.axial_length_mm,
        "k1_d": v.k.k1_d,
        "k2_d": v.k.k2_d,
        "k1_axis_deg": v.k.k1_axis_deg,
        "lens_thickness_mm": v.lens_thickness_mm,
        "wtw_mm": v.wtw_mm,
        "cct_um": float(v.cct_um),
        "aqueous_depth_mm": aqueous_depth_mm(v),
    }
    if plan.case.format == "csv":
        values |= {
            "k2_axis_deg": v.k.k2_axis_deg,
            "k1_radius_mm": v.k.r1_mm,
            "k2_radius_mm": v.k.r2_mm,
            "acd_mm": v.acd_mm,
            "pupil_mm": v.pupil_mm,
            "tk1_d": v.tk.k1_d,
            "tk2_d": v.tk.k2_d,
            "tk1_axis_deg": v.tk.k1_axis_deg,
            "tk2_axis_deg": v.tk.k2_axis_deg,
        }
    return {k: (None if _group(k) in missing else value) for k, value in values.items()}


def _group(field: str) -> str:
    return "tk" if field.startswith("tk") else field


def _truth(plan: ExportPlan, data: bytes, media_type: str, device: dict[str, Any]) -> dict[str, Any]:
    source = {"filename": plan.case.filename, "media_type": media_type, "pages": 1, "text_source": "export"}
    eyes = {side: eye_truth(plan, side) if side in plan.eyes else None for side in SIDES}
    sex = plan.sex if plan.case.format == "xml" else None
    return truth_result(data, source, device, plan.patient, eyes, sex=sex, method="export")
