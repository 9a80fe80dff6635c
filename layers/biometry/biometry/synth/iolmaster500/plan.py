"""What one synthetic IOLMaster 500 printout shows: case knobs, and the plan drawn from them by seed."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal

from biometry.synth.iol import IolTable, iol_table
from biometry.synth.lenses import LENSES, Lens
from biometry.synth.people import Patient, random_patient
from biometry.synth.values import EyeValues, fellow_eye, random_eye

Layout500 = Literal["both", "mmt_only", "iol_only", "single_eye_OD", "single_eye_OS"]
Side = Literal["OD", "OS"]
SIDES: tuple[Side, Side] = ("OD", "OS")
FORMULAS_500: tuple[str, ...] = ("Haigis", "Holladay 1", "SRK/T", "Hoffer Q")
REPORT_TITLE = {
    "Haigis": "IOL-Haigis",
    "Holladay 1": "IOL-Holladay-1",
    "SRK/T": "IOL-SRK-T",
    "Hoffer Q": "IOL-Hoffer-Q",
}
VERSIONS_500 = ("7.7", "7.5", "7.3", "7.1")
MISSABLE_500 = ("axial_length_mm", "k", "acd_mm", "wtw_mm")
SNR_BORDERLINE = 2.0  # a composite below this is borderline
SNR_VALID = 1.6  # a single reading below this is not evaluated (`--`)


@dataclass(frozen=True, slots=True)
class Iom500Case:
    """The knobs of one synthetic IOLMaster 500 printout; everything else follows from `seed`."""

    seed: int
    layout: Layout500 = "both"
    image_only: bool = False
    missing_rate: float = 0.06
    borderline_rate: float = 0.15
    anisometropia: bool = False
    name: str | None = None

    @property
    def filename(self) -> str:
        return f"{self.name or f'iom500-{self.seed}'}.pdf"


@dataclass(frozen=True, slots=True)
class Reading500:
    """One AL reading of the readings table: AL (None when not evaluated) and its SNR."""

    al_mm: float | None
    snr: float


@dataclass(slots=True)
class Eye500:
    """One eye: values, what is printed as `--`, the AL readings, composite SNR and target refraction."""

    values: EyeValues
    missing: frozenset[str]
    readings: tuple[Reading500, ...]
    snr: float
    target_d: float

    @property
    def borderline(self) -> bool:
        return "axial_length_mm" not in self.missing and self.snr < SNR_BORDERLINE


@dataclass(frozen=True, slots=True)
class Box500:
    """One lens box of an IOL page: the lens and its table for one eye."""

    lens: Lens
    table: IolTable


@dataclass(slots=True)
class IolPage500:
    """One IOL page: one formula, up to four lenses, a box per lens and eye."""

    formula: str
    boxes: dict[Side, list[Box500]]


@dataclass(slots=True)
class Plan500:
    """Everything the renderer and the ground truth need, drawn once from the case's seed."""

    case: Iom500Case
    patient: Patient
    version: str
    eyes: dict[Side, Eye500]
    k_mm_first: bool
    plus_cyl: bool
    bold_font: bool
    show_wtw: bool
    has_mmt: bool
    iol_pages: list[IolPage500] = field(default_factory=list)


def make_plan(case: Iom500Case) -> Plan500:
    """Draw patient, eyes, pages and device settings from the case's seed."""
    rng = random.Random(f"iom500:{case.seed}")
    first = random_eye(rng)
    values = {"OD": first, "OS": fellow_eye(first, rng, case.anisometropia)}
    sides = [s for s in SIDES if case.layout != f"single_eye_{'OS' if s == 'OD' else 'OD'}"]
    eyes = {side: _eye(values[side], case, rng) for side in sides}
    plan = Plan500(
        case=case,
        patient=random_patient(rng),
        version=rng.choice(VERSIONS_500),
        eyes=eyes,
        k_mm_first=rng.random() < 0.4,
        plus_cyl=rng.random() < 0.3,
        bold_font=rng.random() < 0.5,
        show_wtw=rng.random() < 0.5,
        has_mmt=case.layout != "iol_only",
    )
    if case.layout != "mmt_only":
        plan.iol_pages = [_iol_page(f, eyes, rng) for f in rng.sample(FORMULAS_500, rng.randint(1, 3))]
    return plan


def _eye(values: EyeValues, case: Iom500Case, rng: random.Random) -> Eye500:
    missing = frozenset(f for f in MISSABLE_500 if rng.random() < case.missing_rate)
    borderline = rng.random() < case.borderline_rate
    snr = round(rng.uniform(1.6, 1.94), 1) if borderline else round(min(max(rng.gauss(9.0, 4.0), 2.1), 30.0), 1)
    target = rng.choice((0.0, 0.0, -0.25, -0.5, -1.0))
    return Eye500(values, missing, _readings(values.axial_length_mm, snr, rng), snr, target)


def _readings(al_mm: float, snr: float, rng: random.Random) -> tuple[Reading500, ...]:
    """Five readings around the composite (which is their rounded mean); weak ones are not evaluated."""
    while True:
        offsets = [round(rng.uniform(-0.03, 0.03), 2) for _ in range(rng.randint(3, 5))]
        snrs = [round(max(snr + rng.uniform(-1.5, 1.5), 0.8), 1) for _ in offsets]
        valid = [o for o, s in zip(offsets, snrs, strict=True) if s >= SNR_VALID]
        if valid and abs(sum(valid) / len(valid)) < 0.004:
            break
    return tuple(
        Reading500(round(al_mm + o, 2) if s >= SNR_VALID else None, s) for o, s in zip(offsets, snrs, strict=True)
    )


def _iol_page(formula: str, eyes: dict[Side, Eye500], rng: random.Random) -> IolPage500:
    lenses = rng.sample(LENSES, rng.randint(1, 4))
    return IolPage500(
        formula,
        {
            side: [Box500(lens, iol_table(eye.values, lens.a_constant, formula, eye.target_d)) for lens in lenses]
            for side, eye in eyes.items()
            if not {"axial_length_mm", "k", "acd_mm"} & eye.missing  # the device cannot calculate without them
        },
    )


def constants_500(lens: Lens, formula: str) -> dict[str, float]:
    """The constants an IOLMaster 500 box prints for this formula, as contract keys."""
    if formula == "Haigis":
        return dict(zip(("a0", "a1", "a2"), lens.haigis, strict=True))
    if formula == "Holladay 1":
        return {"sf": round(0.5663 * lens.a_constant - 65.60, 2)}
    if formula == "Hoffer Q":
        return {"pacd": lens.pacd}
    return {"a_constant": lens.a_constant}
