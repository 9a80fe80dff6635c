"""Output contract v1: the `BiometryResult` every extraction path produces (see docs/contract.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal["1.0"] = "1.0"

EyeSide = Literal["OD", "OS"]
TextSource = Literal["text-layer", "ocr", "export"]
Method = Literal["regex", "export", "gpu_llm", "bedrock", "manual"]
Status = Literal["accepted", "needs_review"]
Severity = Literal["info", "warning", "error"]
Flag = Literal["borderline", "edited", "not_measured", "warning"]
BBox = tuple[float, float, float, float]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # schemas built on first use, not at import


class Source(_Model):
    filename: str
    bucket: str | None = None
    key: str | None = None
    version_id: str | None = None
    media_type: str
    pages: int
    text_source: TextSource


class Device(_Model):
    manufacturer: str
    model: str
    software_version: str | None = None


class Patient(_Model):
    """PHI: never logged, never sent to a third party."""

    name: str | None = None
    id: str | None = None
    birth_date: str | None = None
    sex: str | None = None


class Eye(_Model):
    axial_length_mm: float | None = None
    k1_d: float | None = None
    k1_axis_deg: int | None = Field(default=None, ge=0, le=180)
    k2_d: float | None = None
    k2_axis_deg: int | None = Field(default=None, ge=0, le=180)
    k1_radius_mm: float | None = None
    k2_radius_mm: float | None = None
    mean_k_d: float | None = None
    keratometric_index: float | None = None
    tk1_d: float | None = None
    tk1_axis_deg: int | None = Field(default=None, ge=0, le=180)
    tk2_d: float | None = None
    tk2_axis_deg: int | None = Field(default=None, ge=0, le=180)
    acd_mm: float | None = None
    aqueous_depth_mm: float | None = None
    lens_thickness_mm: float | None = None
    wtw_mm: float | None = None
    cct_um: float | None = None
    pupil_mm: float | None = None
    lens_status: str | None = None
    flags: dict[str, list[Flag]] = Field(default_factory=dict)


EYE_VALUE_FIELDS: tuple[str, ...] = tuple(name for name in Eye.model_fields if name not in ("flags", "lens_status"))


class Eyes(_Model):
    OD: Eye | None = None
    OS: Eye | None = None


class IolRow(_Model):
    iol_power_d: float
    refraction_d: float
    selected: bool = False


class IolCalculation(_Model):
    eye: EyeSide
    formula: str
    iol_model: str
    iol_manufacturer: str | None = None
    constants: dict[str, float] = Field(default_factory=dict)
    target_refraction_d: float | None = None
    rows: list[IolRow] = Field(default_factory=list)
    emmetropia_power_d: float | None = None


class Issue(_Model):
    code: str
    severity: Severity
    field: str | None = None
    eye: EyeSide | None = None
    message: str


class Provenance(_Model):
    page: int
    bbox: BBox
    text: str


class Extraction(_Model):
    method: Method
    parser: str
    confidence: float = Field(ge=0.0, le=1.0)
    issues: list[Issue] = Field(default_factory=list)
    provenance: dict[str, Provenance] = Field(default_factory=dict)


class CostStep(_Model):
    step: str
    usd: float
    detail: dict[str, float | int | str] = Field(default_factory=dict)


class Cost(_Model):
    total_usd: float
    steps: list[CostStep] = Field(default_factory=list)


class BiometryResult(_Model):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    document_id: str
    source: Source
    device: Device | None = None
    exam_date: str | None = None
    patient: Patient | None = None
    eyes: Eyes = Field(default_factory=Eyes)
    iol_calculations: list[IolCalculation] = Field(default_factory=list)
    status: Status
    extraction: Extraction
    cost: Cost | None = None
