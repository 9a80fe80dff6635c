"""The IOL-formula vocabulary every parser shares: printed formula names and lens-constant labels to contract names."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Printed name (lower case, letters and digits only) -> contract name; OCR's l/i for 1 included.
_EXACT = {
    "barrettuniversalii": "Barrett Universal II",
    "barrettuniversal2": "Barrett Universal II",
    "barretttkuniversalii": "Barrett TK Universal II",
    "haigis": "Haigis",
    "haigisl": "Haigis-L",
    "haigist": "Haigis-T",
    "holladay1": "Holladay 1",
    "holladayi": "Holladay 1",
    "holladayl": "Holladay 1",
    "holladay2": "Holladay 2",
    "holladayii": "Holladay 2",
    "srkt": "SRK/T",
    "srkrt": "SRK/T",
    "srkii": "SRK II",  # IOLMaster 500: `SRK® II`
    "srkrii": "SRK II",
    "hofferq": "Hoffer Q",
    "hoffero": "Hoffer Q",  # OCR of `HofferQ` (Q read as O)
    "hofferrq": "Hoffer Q",
    "hillrbf": "Hill-RBF",
    "olsen": "Olsen",
    "kane": "Kane",
    "evo": "EVO",
    "pearldgs": "PEARL-DGS",
}
# Captions that qualify the name (`Barrett (measured)`, `Hill RBF + Abulafia-Koch`): matched by prefix.
_PREFIXES = (
    ("barretttk", "Barrett TK Universal II"),
    ("barrett", "Barrett Universal II"),
    ("olsen", "Olsen"),
    ("hillrbf", "Hill-RBF"),
    ("haigis", "Haigis"),
    ("srkt", "SRK/T"),
    ("hofferq", "Hoffer Q"),
    ("holladay1", "Holladay 1"),
    ("holladay2", "Holladay 2"),
    ("kane", "Kane"),
)
KNOWN_FORMULAS = frozenset(_EXACT.values())
# Lens constants the formulas use: A constant; Barrett LF/DF; Haigis a0-a2; Holladay/Hoffer ACD, pACD, SF.
KNOWN_CONSTANTS = frozenset({"a_constant", "lf", "df", "a0", "a1", "a2", "acd", "pacd", "sf"})
# The numeric constants a formula's result always shows (Barrett's DF may print as `Standard`, so only LF).
CONSTANTS_OF: dict[str, frozenset[str]] = {
    "Barrett Universal II": frozenset({"lf"}),
    "Haigis": frozenset({"a0", "a1", "a2"}),
    "Hoffer Q": frozenset({"pacd"}),
    "Olsen": frozenset({"acd"}),
    "Holladay 1": frozenset({"sf"}),
    "Holladay 2": frozenset({"acd"}),
    "SRK/T": frozenset({"a_constant"}),
    "SRK II": frozenset({"a_constant"}),
}
# Printed (or OCR-misread) constant labels, letters and digits only -> contract names.
_CONSTANT_ALIASES = {
    "a": "a_constant",
    "aconst": "a_constant",
    "akonst": "a_constant",
    "aconstante": "a_constant",
    "constantea": "a_constant",  # pt, es, fr: `Constante A:`
    "costantea": "a_constant",  # it: `Costante A:`
    "akonstante": "a_constant",  # de: `A-Konstante:`
    "acdconst": "acd",
    "a0const": "a0",  # IOLMaster 500: `A0 const:`, `A1 const:`, `A2 const:`, `pACD const:` (OCR: AO, Al)
    "aoconst": "a0",
    "a1const": "a1",
    "alconst": "a1",
    "a2const": "a2",
    "pacdconst": "pacd",
    "ao": "a0",
    "aq": "a0",  # IOLMaster 700 rescans: `AQ: +1,508`
    "ag": "a0",  # IOLMaster 700 150-dpi rescans: `AG: +1.476`
    "al": "a1",
    "ai": "a1",
    "at": "a1",  # IOLMaster 700 rescans: `At: +0,249`
}


def missing_constants(formula: str | None, read: Iterable[str]) -> list[str]:
    """The constants this formula always shows that were not read (a lost constants line on an OCR page)."""
    return sorted(CONSTANTS_OF.get(formula or "", frozenset()) - set(read))


def formula_name(printed: str, *, by_prefix: bool = False) -> str | None:
    """`SRK®/T` -> `SRK/T`, `Holladay l` -> `Holladay 1`; with `by_prefix`, `Barrett (measured)` too; else None."""
    key = _key(printed)
    if key in _EXACT:
        return _EXACT[key]
    if by_prefix:
        return next((name for prefix, name in _PREFIXES if key.startswith(prefix)), None)
    return None


def constant_name(printed: str) -> str:
    """`A const.:` -> `a_constant`, `AO:` -> `a0`, `LF` -> `lf`; an unknown label comes back as its key.

    OCR doubles letters (`A cconst.`, `paACD:`): a label whose doubled letters undoubled name a constant is that
    constant.
    """
    key = _key(printed)
    undoubled = re.sub(r"([a-z])\1+", r"\1", key)
    named = undoubled if undoubled in KNOWN_CONSTANTS else None
    return _CONSTANT_ALIASES.get(key) or _CONSTANT_ALIASES.get(undoubled) or named or key


def _key(printed: str) -> str:
    return re.sub(r"[^a-z0-9]", "", printed.lower().replace("®", "").replace("(r)", ""))
