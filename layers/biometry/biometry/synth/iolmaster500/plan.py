"""What one synthetic IOLMaster 500 printout shows: case knobs, and the plan drawn from them by seed.

Drawn from the real printout (../shared/real/iolmaster500-exam1.pdf, software 7.7): a measurement page, optional
AL graph pages, an optional white-to-white page, IOL pages of one formula with up to four lenses per eye, and an
optional multi-formula page for one lens (Haigis, SRK® II, HofferQ, SRK®/T), seven rows per box, the middle one bold.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Literal

from biometry.synth.iol import power_curve
from biometry.synth.people import Patient, random_patient
from biometry.synth.values import EyeValues, fellow_eye, random_eye

Layout500 = Literal["both", "mmt_only", "iol_only", "single_eye_OD", "single_eye_OS"]
Side = Literal["OD", "OS"]
SIDES: tuple[Side, Side] = ("OD", "OS")
PAGE_FORMULAS: tuple[str, ...] = ("SRK/T", "Haigis", "Hoffer Q", "SRK II")
MULTI_FORMULAS: tuple[str, ...] = ("Haigis", "SRK II", "Hoffer Q", "SRK/T")  # the real multi-formula page's order
COARSE_FORMULAS = frozenset({"SRK II", "Hoffer Q"})  # refractions printed to 0.1 D
VERSIONS_500 = ("7.7", "7.5", "7.3", "7.1")
MISSABLE_500 = ("axial_length_mm", "k", "acd_mm")
SNR_BORDERLINE = 2.0  # a composite below this is borderline
ROWS_500 = 7
SELECTED_ROW = 3  # the device centres its table on the row nearest the target: always the 4th of 7
# Model, A (SRK/T), A (SRK II), Haigis a0-a2, pACD: the real printout's lenses (MTA3U0 as printed) and two more.
LENS_LIST_500: tuple[tuple[str, float, float, tuple[float, float, float], float], ...] = (
    ("MA60AC", 119.1, 118.9, (-0.111, 0.249, 0.179), 5.64),
    ("SN60WF", 119.0, 118.8, (-0.769, 0.234, 0.217), 5.64),
    ("SA60AT", 118.7, 118.4, (-0.323, 0.213, 0.208), 5.45),
    ("MTA3U0", 115.54, 115.30, (-0.705, 0.400, 0.100), 3.53),
    ("ZCB00", 119.3, 119.0, (-1.302, 0.210, 0.251), 5.80),
)
CLINICS = ("Pre-op Assessment Clinic", "Eye Unit", "Cataract Clinic", "Day Surgery Eye Centre")
SURGEONS = ("Optical IOLMASTER", "Dr A Beispiel", "Mr J Doe", "Ms C Dupont")


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
class Lens500:
    """A lens of the device's lens list: the caption the user gave it, its model and its constants."""

    caption: str
    model: str
    a_constant: float
    srk2_a: float
    haigis: tuple[float, float, float]
    pacd: float


@dataclass(frozen=True, slots=True)
class Table500:
    """Seven rows as printed (power descending), the bold row and the emmetropia power; refraction decimals."""

    rows: tuple[tuple[float, float], ...]
    emmetropia_power_d: float
    decimals: int
    selected: int = SELECTED_ROW


@dataclass(frozen=True, slots=True)
class Box500:
    """One box of an IOL page: a lens with one formula for one eye."""

    lens: Lens500
    formula: str
    table: Table500


@dataclass(slots=True)
class IolPage500:
    """One IOL page: one formula over up to four lenses, or one lens (`lens`) over four formulas."""

    formula: str | None
    lens: Lens500 | None
    boxes: dict[Side, list[Box500]]


@dataclass(slots=True)
class Eye500:
    """One eye: values, what is printed as `--`, single readings around the results, composite SNR."""

    values: EyeValues
    missing: frozenset[str]
    al_readings: tuple[tuple[float, float], ...]
    snr: float
    k_sets: tuple[tuple[float, float, int], ...]  # (K1 D, K2 D, K1 axis) of the three keratometer readings
    acd_readings: tuple[float, ...]
    wtw_rows: tuple[tuple[float, float], ...]  # (WTW mm, pupil mm); the last one is the selected measurement
    offsets: tuple[float, float, float, float]  # Ix, Iy, Px, Py of the selected measurement

    @property
    def borderline(self) -> bool:
        return "axial_length_mm" not in self.missing and self.snr < SNR_BORDERLINE


@dataclass(slots=True)
class Plan500:
    """Everything the renderer and the ground truth need, drawn once from the case's seed."""

    case: Iom500Case
    patient: Patient
    version: str
    clinic: str
    surgeon: str
    day_first: bool
    target_d: float
    eyes: dict[Side, Eye500]
    has_mmt: bool
    al_pages: bool
    wtw_page: bool
    printed_time: str
    iol_pages: list[IolPage500] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return int(self.has_mmt) + self.al_pages * len(self.eyes) + int(self.wtw_page) + len(self.iol_pages)


def make_plan(case: Iom500Case) -> Plan500:
    """Draw patient, eyes, pages and device settings from the case's seed."""
    rng = random.Random(f"iom500:{case.seed}")
    first = random_eye(rng)
    values = {"OD": first, "OS": fellow_eye(first, rng, case.anisometropia)}
    sides = [s for s in SIDES if case.layout != f"single_eye_{'OS' if s == 'OD' else 'OD'}"]
    eyes = {side: _eye(values[side], case, rng) for side in sides}
    has_mmt = case.layout != "iol_only"
    plan = Plan500(
        case=case,
        patient=random_patient(rng),
        version=rng.choice(VERSIONS_500),
        clinic=f"{rng.choice(CLINICS)}, IOL Master 500 No {rng.randint(1, 4)}",
        surgeon=rng.choice(SURGEONS),
        day_first=rng.random() < 0.7,
        target_d=rng.choice((0.0, 0.0, 0.0, -0.25, -0.5)),  # zero stays inside the seven rows
        eyes=eyes,
        has_mmt=has_mmt,
        al_pages=has_mmt and rng.random() < 0.25,
        wtw_page=has_mmt and rng.random() < 0.6,
        printed_time=f"{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}",
    )
    if case.layout != "mmt_only":
        lenses = _lenses(rng)
        formulas = rng.sample(PAGE_FORMULAS, rng.choice((1, 1, 2)))
        plan.iol_pages = [_formula_page(f, rng.sample(lenses, rng.randint(1, 4)), plan) for f in formulas]
        if rng.random() < 0.5:
            plan.iol_pages.append(_lens_page(rng.choice(lenses), plan))
    return plan


def _eye(values: EyeValues, case: Iom500Case, rng: random.Random) -> Eye500:
    missing = frozenset(f for f in MISSABLE_500 if rng.random() < case.missing_rate)
    borderline = rng.random() < case.borderline_rate
    snr = round(rng.uniform(1.6, 1.94), 1) if borderline else round(min(max(rng.gauss(60.0, 40.0), 2.1), 250.0), 1)
    k = values.k
    drawn = [(rng.choice((0, 0, -0.06, 0.06)), rng.choice((0, 0, 0.06)), rng.choice((0, 0, 1))) for _ in range(3)]
    k1_offsets, k2_offsets = _median_zero([d[0] for d in drawn]), _median_zero([d[1] for d in drawn])
    k_sets = tuple(
        (round(k.k1_d + k1, 2), round(k.k2_d + k2, 2), (k.k1_axis_deg + d[2] - 1) % 180 + 1)
        for k1, k2, d in zip(k1_offsets, k2_offsets, drawn, strict=True)
    )
    acd = tuple(round(values.acd_mm + rng.choice((0.0, 0.0, 0.01, -0.01)), 2) for _ in range(5))
    wtw = tuple((round(values.wtw_mm + rng.choice((0.0, 0.1, -0.1)), 1), round(rng.uniform(3.0, 6.5), 1)) for _ in "ab")
    wtw = (*wtw, (values.wtw_mm, values.pupil_mm))
    offsets = tuple(round(rng.uniform(-0.6, 0.6), 1) for _ in range(4))
    return Eye500(values, missing, _al_readings(values.axial_length_mm, snr, rng), snr, k_sets, acd, wtw, offsets)  # type: ignore[arg-type]


def _median_zero(offsets: list[float]) -> list[float]:
    """Three reading offsets whose median is 0: the device's `MV:` is one of its readings, the middle one (the real
    report: `MV: 42.51/43.77` over K1 42.51, 42.45, 42.51 and K2 43.83, 43.77, 43.77)."""
    first, _, last = offsets
    if first * last > 0:
        last = 0.0
    return [first, 0.0, last]


def _al_readings(al_mm: float, snr: float, rng: random.Random) -> tuple[tuple[float, float], ...]:
    """Five to twenty readings around the composite, each with its SNR, centred so that their SNR-weighted mean is the
    composite: the real report's OD composite 23.41 is that mean of its readings (23.23 at SNR 1.9 .. 23.47), its OS
    23.45 lies 0.01 off it, and both lie within their readings, as a weighted mean must (readings drawn independently
    left the composite outside all of them in about 6 % of eyes)."""
    count = rng.choice((5, 5, 8, 10, 15, 20))
    drawn = [(rng.uniform(-0.06, 0.06), round(max(snr / 10 + rng.uniform(-3.0, 6.0), 1.6), 1)) for _ in range(count)]
    centre = sum(offset * weight for offset, weight in drawn) / sum(weight for _, weight in drawn)
    return tuple((round(al_mm + offset - centre, 2), weight) for offset, weight in drawn)


def _lenses(rng: random.Random) -> list[Lens500]:
    """The device's lens list under captions the user typed (`OptA119.1MA60AC`, `Opt A119.0SN60WF`, `OPT 115.54 X`)."""
    lenses = []
    for model, a_constant, srk2_a, haigis, pacd in LENS_LIST_500:
        style = rng.randrange(3)
        caption = (f"OptA{a_constant:.1f}{model}", f"Opt A{a_constant:.1f}{model}",
                   f"OPT {a_constant:.2f} {model}")[style]  # fmt: skip
        lenses.append(Lens500(caption, model, a_constant, srk2_a, haigis, pacd))
    return lenses


def _formula_page(formula: str, lenses: list[Lens500], plan: Plan500) -> IolPage500:
    return IolPage500(formula, None, {side: [_box(lens, formula, eye, plan) for lens in lenses]
                                      for side, eye in _calculable(plan)})  # fmt: skip


def _lens_page(lens: Lens500, plan: Plan500) -> IolPage500:
    return IolPage500(None, lens, {side: [_box(lens, f, eye, plan) for f in MULTI_FORMULAS]
                                   for side, eye in _calculable(plan)})  # fmt: skip


def _calculable(plan: Plan500) -> list[tuple[Side, Eye500]]:
    """The eyes the device can calculate: AL, K and ACD measured."""
    return [(side, eye) for side, eye in plan.eyes.items() if not set(MISSABLE_500) & eye.missing]


def _box(lens: Lens500, formula: str, eye: Eye500, plan: Plan500) -> Box500:
    a_constant = lens.srk2_a if formula == "SRK II" else lens.a_constant
    return Box500(lens, formula, table_500(eye.values, a_constant, formula, plan.target_d, lens.haigis))


def table_500(
    eye: EyeValues, a_constant: float, formula: str, target_d: float, haigis: tuple[float, float, float] | None = None
) -> Table500:
    """Seven powers in 0.50 D steps, descending, the fourth the one nearest the target."""
    curve = power_curve(eye, formula, a_constant, haigis)
    decimals = 1 if formula in COARSE_FORMULAS else 2
    wanted = curve.power_for(target_d) * 2

    def printed(power: float) -> float:
        return round(curve.refraction_for(power), decimals) + 0.0

    centre = min((math.floor(wanted) / 2, math.ceil(wanted) / 2), key=lambda p: (abs(printed(p) - target_d), -p))
    rows = tuple((p, printed(p)) for p in (centre + 1.5 - 0.5 * i for i in range(ROWS_500)))
    return Table500(rows, round(curve.emmetropia_d, 2), decimals)


def constants_500(box: Box500) -> dict[str, float]:
    """The constants a box prints for its formula, as contract keys."""
    if box.formula == "Haigis":
        return dict(zip(("a0", "a1", "a2"), box.lens.haigis, strict=True))
    if box.formula == "Hoffer Q":
        return {"pacd": box.lens.pacd}
    return {"a_constant": box.lens.srk2_a if box.formula == "SRK II" else box.lens.a_constant}
