"""What one synthetic report shows: the case knobs and the plan drawn from them by seed."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Literal

from biometry.synth.iol import IolTable, iol_table
from biometry.synth.l10n import DecimalMark, Language
from biometry.synth.lenses import FORMULAS, LENSES, Lens
from biometry.synth.people import Patient, random_patient
from biometry.synth.values import EyeValues, fellow_eye, random_eye

Layout = Literal["full13", "analysis_only", "calc_only", "single_eye_OD", "single_eye_OS", "short"]
Side = Literal["OD", "OS"]
Sex = Literal["F", "M"]
SIDES: tuple[Side, Side] = ("OD", "OS")
MISSABLE = ("lens_thickness_mm", "wtw_mm", "cct_um", "pupil_mm", "tk")  # ACD stays: formulas need it
FLAGGABLE = ("axial_length_mm", "acd_mm", "lens_thickness_mm", "cct_um", "k1_d", "k2_d", "wtw_mm")
VERSIONS = ("1.90.12.05", "1.90.18.03", "1.88.1.64", "1.80.6.61")


@dataclass(frozen=True, slots=True)
class Case:
    """The knobs of one synthetic IOLMaster 700 report; everything else follows from `seed`."""

    seed: int
    language: Language = "en"
    decimal: DecimalMark = "point"
    layout: Layout = "short"
    image_only: bool = False
    missing_rate: float = 0.08
    flag_rate: float = 0.06
    anisometropia: bool = False
    name: str | None = None

    @property
    def filename(self) -> str:
        return f"{self.name or f'synth-{self.seed}'}.pdf"


@dataclass(frozen=True, slots=True)
class Box:
    """One result box: a lens, a formula and its table for one eye."""

    lens: Lens
    formula: str
    table: IolTable


@dataclass(slots=True)
class EyePlan:
    """One eye: values, what is missing (`---`), flags after values, lens status and target."""

    values: EyeValues
    missing: frozenset[str]
    flags: dict[str, str]
    target_d: float


@dataclass(frozen=True, slots=True)
class Style:
    """Per-document print quirks: µ and ° code points, the Δ trap, axis spacing, overprint offsets."""

    micro: str
    degree: str
    delta: str
    axis_gap: str
    overprint: tuple[tuple[float, float], ...]


@dataclass(slots=True)
class Plan:
    """Everything a renderer and the ground truth need, drawn once from the case's seed."""

    case: Case
    patient: Patient
    version: str
    eyes: dict[Side, EyePlan]
    style: Style
    pages: list[Side | dict[Side, list[Box]]] = field(default_factory=list)
    sex: Sex = "F"  # the header's `Sexo`
    printed_time: dt.time = dt.time(12, 0)  # the footer's `Gerado em: 01/02/2023 13:20`


def make_plan(case: Case) -> Plan:
    """Draw patient, eyes, pages and print style from the case's seed."""
    rng = random.Random(case.seed)
    first = random_eye(rng)
    values = {"OD": first, "OS": fellow_eye(first, rng, case.anisometropia)}
    sides = [s for s in SIDES if case.layout != f"single_eye_{'OS' if s == 'OD' else 'OD'}"]
    eyes = {side: _eye_plan(values[side], case, rng) for side in sides}
    patient, version, style = random_patient(rng), rng.choice(VERSIONS), _style(rng)
    # The sex takes the draw that once chose a K block layout no page prints any more (`Style.k_side_by_side`): one
    # `random()` in the same place, so every later draw, and every seed's report but for its header, stays as it was.
    sex: Sex = "M" if rng.random() < 0.6 else "F"
    plan = Plan(case, patient, version, eyes, style, sex=sex)
    plan.pages = _pages(case.layout, eyes, rng)
    plan.printed_time = dt.time(rng.randint(7, 18), rng.randint(0, 59))  # drawn last: no earlier draw moves
    return plan


def _eye_plan(values: EyeValues, case: Case, rng: random.Random) -> EyePlan:
    missing = frozenset(
        f for f in MISSABLE if rng.random() < (3 * case.missing_rate if f == "tk" else case.missing_rate)
    )
    flags = {f: rng.choice(("borderline", "edited")) for f in FLAGGABLE if rng.random() < case.flag_rate}
    flags = {f: v for f, v in flags.items() if f not in missing}
    return EyePlan(values, missing, flags, rng.choice((0.0, 0.0, 0.0, -0.25, -0.5, -1.0)))


def _style(rng: random.Random) -> Style:
    shift = round(rng.uniform(0.1, 0.3), 2)
    return Style(
        micro=rng.choice(("\u00b5", "\u03bc")),
        degree=rng.choice(("\u00b0", "\u00b0", "\u00ba")),
        delta=rng.choice(("\u0394", "\u02c2")),
        axis_gap=rng.choice(("@ ", "@ ", "@", "@  ")),
        overprint=((0.0, 0.0), (shift, 0.0), (0.0, shift), (shift, shift)),
    )


def _pages(layout: Layout, eyes: dict[Side, EyePlan], rng: random.Random) -> list[Side | dict[Side, list[Box]]]:
    sides = list(eyes)
    if layout == "analysis_only":
        return list(sides)
    if layout == "calc_only":
        return [_calc_page(eyes, rng) for _ in range(rng.randint(1, 3))]
    if layout == "full13":
        return [*sides, *(_calc_page(eyes, rng, i) for i in range(11))]
    analysed: list[Side | dict[Side, list[Box]]] = [rng.choice(sides)]
    return [*analysed, _calc_page(eyes, rng)]


def _calc_page(eyes: dict[Side, EyePlan], rng: random.Random, index: int | None = None) -> dict[Side, list[Box]]:
    """One lens x four formulas, or four lenses x one formula (the same choice for both eyes). Page `index` of a
    13-page printout: lens pages first, then one page per formula (no page repeats another, as on the real one)."""
    by_lens = rng.random() < 0.6 if index is None else index < 6
    if by_lens:
        lens = LENSES[index] if index is not None and index < len(LENSES) else rng.choice(LENSES)
        pairs = [(lens, f) for f in rng.sample(FORMULAS, 4)]
    else:
        formula = FORMULAS[index - 6] if index is not None else rng.choice(FORMULAS)
        pairs = [(lens, formula) for lens in rng.sample(LENSES, 4)]
    return {
        side: [Box(lens, f, iol_table(eye.values, lens.a_constant, f, eye.target_d, lens.haigis)) for lens, f in pairs]
        for side, eye in eyes.items()
    }
