"""What one synthetic EyeSuite IOL report shows (Eyestar 900 or Lenstar LS 900), drawn once from its seed."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from biometry.synth.iol import IolTable, iol_table
from biometry.synth.lenses import LENSES, Lens
from biometry.synth.people import Patient, random_patient
from biometry.synth.values import EyeValues, fellow_eye, random_eye

Model = Literal["eyestar", "lenstar"]
WarningLanguage = Literal["en", "de", "fr"]
Side = Literal["OD", "OS"]
SIDES: tuple[Side, Side] = ("OD", "OS")
VERSIONS = ("4.12.0", "4.10.1", "4.9.3")
EMPTY_BOX_RATE = 0.05  # a box of a lens that is not toric printed without rows
ROWS_PER_PAGE = 2  # block rows per eye and page, two blocks a row; a toric block's plot takes the second place
MISSABLE: dict[Model, tuple[str, ...]] = {
    "eyestar": ("lens_thickness_mm", "wtw_mm", "q"),
    "lenstar": ("lens_thickness_mm", "wtw_mm", "pupil_mm"),
}
# EyeSuite formula caption -> contract formula name.
FORMULAS: dict[str, str] = {
    "Barrett (measured)": "Barrett Universal II",
    "Olsen (measured)": "Olsen",
    "Hill RBF + Abulafia-Koch": "Hill-RBF",
    "Haigis": "Haigis",
    "SRK/T": "SRK/T",
    "Hoffer Q": "Hoffer Q",
}
TORIC_LENS = Lens("Alcon", "AcrySof IQ Toric SN6AT4", 119.1, 1.90, (-0.770, 0.234, 0.217), 5.700, 5.61)
WARNINGS: dict[str, dict[WarningLanguage, str]] = {
    "difference": {
        "en": "Significant difference between OD and OS",
        "de": "Signifikanter Unterschied zwischen OD und OS",
        "fr": "Différence significative entre OD et OS",
    },
    "signal": {"en": "Low signal quality", "de": "Geringe Signalqualität", "fr": "Qualité du signal faible"},
    "fixation": {"en": "Check patient fixation", "de": "Fixation prüfen", "fr": "Vérifier la fixation"},
}


@dataclass(frozen=True, slots=True)
class EyesuiteCase:
    """The knobs of one synthetic EyeSuite report; everything else follows from `seed`."""

    seed: int
    model: Model = "eyestar"
    image_only: bool = False
    warning_language: WarningLanguage = "en"
    missing_rate: float = 0.08
    toric_rate: float = 0.25
    anisometropia: bool = False
    name: str | None = None

    @property
    def filename(self) -> str:
        return f"{self.name or f'eyesuite-{self.seed}'}.pdf"


@dataclass(frozen=True, slots=True)
class Block:
    """One lens block: a lens and a formula; `table` (rows from low to high power) is None for an empty box."""

    lens: Lens
    caption: str
    table: IolTable | None

    @property
    def toric(self) -> bool:
        """A toric lens: the block has a plot beside it (`No appropriate lens model found`)."""
        return self.lens is TORIC_LENS


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a block is drawn: page (0-based), block row on that page, column in the eye's half."""

    page: int
    row: int
    column: int


@dataclass(frozen=True, slots=True)
class EyesuiteEye:
    """One eye: values as printed (AD and ACD with ACD = AD + CCT), what is `---`, warnings and lens blocks."""

    values: EyeValues
    aqueous_depth_mm: float
    q: float
    simpk: tuple[float, float]
    missing: frozenset[str]
    target_d: float
    warnings: tuple[str, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class EyesuitePlan:
    """Everything the renderer and the truth need."""

    case: EyesuiteCase
    patient: Patient
    version: str
    eyes: dict[Side, EyesuiteEye]

    @property
    def pages(self) -> int:
        """Every page repeats the biometry; the lens blocks decide how many there are."""
        return 1 + max((slot.page for eye in self.eyes.values() for slot in slots(eye.blocks)), default=0)


def slots(blocks: Sequence[Block]) -> list[Slot]:
    """Where each block is drawn: two a row, two rows a page; a toric block's plot fills the rest of its row."""
    placed: list[Slot] = []
    page = row = column = 0
    for block in blocks:
        if column == 1 and block.toric:
            row, column = row + 1, 0
        if row == ROWS_PER_PAGE:
            page, row = page + 1, 0
        placed.append(Slot(page, row, column))
        column += 2 if block.toric else 1
        if column >= 2:
            row, column = row + 1, 0
    return placed


def make_plan(case: EyesuiteCase) -> EyesuitePlan:
    """Draw patient, both eyes, the lens/formula blocks (same for both eyes) and warnings from the seed."""
    rng = random.Random(f"eyesuite:{case.seed}")
    first = random_eye(rng)
    values = {"OD": first, "OS": fellow_eye(first, rng, case.anisometropia)}
    choices = _choices(case, rng)
    eyes = {side: _eye(values[side], case, choices, rng) for side in SIDES}
    return EyesuitePlan(case, random_patient(rng), rng.choice(VERSIONS), eyes)


def _choices(case: EyesuiteCase, rng: random.Random) -> list[tuple[Lens, str]]:
    pairs = [(lens, rng.choice(list(FORMULAS))) for lens in rng.sample(LENSES, rng.randint(2, 4))]
    if rng.random() < case.toric_rate:
        pairs[-1] = (TORIC_LENS, rng.choice(list(FORMULAS)))
    return pairs


def _eye(values: EyeValues, case: EyesuiteCase, choices: list[tuple[Lens, str]], rng: random.Random) -> EyesuiteEye:
    aqueous = round(values.acd_mm - values.cct_um / 1000, 2)
    values = replace(values, acd_mm=round(aqueous + values.cct_um / 1000, 2))
    target = rng.choice((0.0, 0.0, -0.25, -0.5, -1.0))
    blocks = tuple(Block(lens, caption, _table(values, lens, caption, target, rng)) for lens, caption in choices)
    warnings = [key for key, share in (("signal", 0.15), ("fixation", 0.1)) if rng.random() < share]
    if case.anisometropia:
        warnings.insert(0, "difference")
    return EyesuiteEye(
        values=values,
        aqueous_depth_mm=aqueous,
        q=round(rng.uniform(-0.45, -0.05), 2),
        simpk=(round(rng.uniform(-6.6, -5.9), 2), round(rng.uniform(-6.9, -6.2), 2)),
        missing=frozenset(f for f in MISSABLE[case.model] if rng.random() < case.missing_rate),
        target_d=target,
        warnings=tuple(WARNINGS[key][case.warning_language] for key in warnings),
        blocks=blocks,
    )


def _table(values: EyeValues, lens: Lens, caption: str, target: float, rng: random.Random) -> IolTable | None:
    """The table as EyeSuite prints it, from low to high power; None for a box printed without rows: most toric
    boxes, and now and then another (the real Eyestar prints a multifocal's box empty under its caption)."""
    if rng.random() < (0.6 if lens is TORIC_LENS else EMPTY_BOX_RATE):
        return None
    table = iol_table(values, lens.a_constant, FORMULAS[caption], target, lens.haigis)
    return replace(table, rows=table.rows[::-1], selected=len(table.rows) - 1 - table.selected)


def constants(lens: Lens, caption: str) -> dict[str, float]:
    """The constants a block prints for its formula, as contract keys: none under Hill-RBF (the real Eyestar prints its
    `Hill RBF + Abulafia-Koch` caption with no constants line under it)."""
    formula = FORMULAS[caption]
    if formula == "Hill-RBF":
        return {}
    if formula == "Barrett Universal II":
        return {"lf": lens.lf, "df": round(lens.lf + 2.46, 2)}
    if formula == "Olsen":
        return {"acd": round(lens.pacd - 0.5, 2)}
    if formula == "Haigis":
        return dict(zip(("a0", "a1", "a2"), lens.haigis, strict=True))
    if formula == "Hoffer Q":
        return {"pacd": lens.pacd}
    return {"a_constant": lens.a_constant}


def constants_line(lens: Lens, caption: str) -> str:
    """`LF=2.04 / DF=4.50`, `a0=-0.769 / a1=0.234 / a2=0.217`, `A=119.00`, `pACD=5.64`, `ACD const=5.14`."""
    values = constants(lens, caption)
    names = {"lf": "LF", "df": "DF", "acd": "ACD const", "pacd": "pACD", "a_constant": "A"}
    decimals = {"a0": 3, "a1": 3, "a2": 3}
    return " / ".join(f"{names.get(k, k)}={v:.{decimals.get(k, 2)}f}" for k, v in values.items())
