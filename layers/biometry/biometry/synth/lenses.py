"""IOL catalogue and the per-formula constants line printed in each result box."""

from __future__ import annotations

from dataclasses import dataclass

from biometry.synth.l10n import DecimalMark, Language, number

FORMULAS: tuple[str, ...] = ("Barrett Universal II", "Haigis", "Holladay 2", "SRK/T", "Hoffer Q")
PRINTED_FORMULA = {"SRK/T": "SRK®/T", "Hoffer Q": "Hoffer® Q"}
# The SRK/T constant's label and Barrett's `DF: Standard` are localised (real pt-BR printout: `Constante A`, `Padrão`).
A_CONSTANT: dict[Language, str] = {"en": "A const.", "de": "A-Konstante", "pt": "Constante A", "es": "Constante A",
                                   "fr": "Constante A"}  # fmt: skip
STANDARD: dict[Language, str] = {"en": "Standard", "de": "Standard", "pt": "Padrão", "es": "Estándar",
                                 "fr": "Standard"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Lens:
    """A lens as the device lists it: manufacturer, model and the optimised constants per formula."""

    manufacturer: str
    model: str
    a_constant: float
    lf: float
    haigis: tuple[float, float, float]
    h2_acd: float
    pacd: float

    @property
    def line(self) -> str:
        return f"{self.manufacturer} {self.model}"


LENSES: tuple[Lens, ...] = (
    Lens("Alcon", "AcrySof IQ SN60WF", 119.0, 1.88, (-0.769, 0.234, 0.217), 5.670, 5.64),
    Lens("Alcon", "AcrySof IQ Vivity DFT015", 119.2, 1.99, (1.476, 0.233, 0.122), 5.780, 5.72),
    Lens("Johnson & Johnson Vision", "TECNIS ZCB00", 119.3, 2.02, (-1.302, 0.210, 0.251), 5.810, 5.80),
    Lens("ZEISS", "CT ASPHINA 409MP", 118.3, 1.36, (1.115, 0.400, 0.100), 5.220, 5.17),
    Lens("Bausch + Lomb", "enVista MX60", 119.1, 1.91, (-0.560, 0.340, 0.160), 5.700, 5.68),
    Lens("HOYA", "Vivinex XY1", 118.9, 1.82, (-0.911, 0.300, 0.190), 5.600, 5.58),
)


def constants(lens: Lens, formula: str) -> dict[str, float]:
    """The constants the box prints for this formula, as contract keys."""
    if formula == "Barrett Universal II":
        return {"lf": lens.lf}
    if formula == "Haigis":
        return dict(zip(("a0", "a1", "a2"), lens.haigis, strict=True))
    if formula == "Holladay 2":
        return {"acd": lens.h2_acd}
    if formula == "Hoffer Q":
        return {"pacd": lens.pacd}
    return {"a_constant": lens.a_constant}


def constants_line(lens: Lens, formula: str, mark: DecimalMark, language: Language = "en") -> str:
    """`LF: +1,99  DF: Standard`, `A0: -0,769  A1: +0,234  A2: +0,217`, `A const.: 119,20` (`Constante A:`) ..."""
    values = constants(lens, formula)
    if formula == "Barrett Universal II":
        return f"LF: {number(values['lf'], 2, mark, True)}  DF: {STANDARD[language]}"
    if formula == "Haigis":
        return "  ".join(f"{k.upper()}: {number(v, 3, mark, True)}" for k, v in values.items())
    if formula == "Holladay 2":
        return f"ACD: {number(values['acd'], 3, mark, True)}"
    if formula == "Hoffer Q":
        return f"pACD: {number(values['pacd'], 2, mark, True)}"
    return f"{A_CONSTANT[language]}: {number(values['a_constant'], 2, mark)}"
