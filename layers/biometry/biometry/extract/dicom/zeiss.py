"""ZEISS IOLMaster 500 private groups (creator `99CZM`): only the values verified against the printed frames.

Verified on the real export (software 7.7.2.0242) against its six printed frames and their truth, both eyes: in
group 0x771B, sequence (771B,1001) holds one item per eye, side in (771B,1008) (`R`/`L`); its (771B,1002) item holds
the biometry as little-endian float64 and its (771B,1003) items one IOL calculation each for the lens named in
(771B,100A) (text), formula in (771B,1006) (text), constants in (771B,1007), rows in (771B,1005) (power (771B,102A),
refraction (771B,1028)) and the emmetropia power in (771B,102B). Everything else (group 0x7711, the individual AL and K
readings in (771B,1030)/(771B,1032), the axes, flags and unexplained numbers) is left alone: see docs/dicom.md.
"""

from __future__ import annotations

import json
import struct
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

GROUP = 0x771B
CREATOR = "99CZM"
EYES = 0x01
BIOMETRY, CALCULATIONS, SIDE, LENS = 0x02, 0x03, 0x08, 0x0A
ROWS, FORMULA, CONSTANTS, POWER, REFRACTION, EMMETROPIA = 0x05, 0x06, 0x07, 0x2A, 0x28, 0x2B
# element in the (771B,1002) item -> contract field (each matched the printout on both eyes)
BIOMETRY_FIELDS: dict[int, str] = {
    0x0B: "axial_length_mm",
    0x0F: "k1_radius_mm",
    0x10: "k2_radius_mm",
    0x11: "k1_d",
    0x12: "k2_d",
    0x22: "mean_k_d",
    0x24: "keratometric_index",
    0x26: "acd_mm",
    0x5A: "wtw_mm",
}
SIDES = {"R": "OD", "L": "OS"}
FACT_PREFIX = "zeiss"
VERIFIED_MODEL = "IOLMaster 500"  # another model's 99CZM groups may mean something else


def zeiss_facts(dataset: Dataset) -> dict[str, str]:
    """Verified private values as facts (`zeiss.OD.axial_length_mm`, `zeiss.OD.iol.1`); none when absent or odd."""
    if str(dataset.get("ManufacturerModelName", "")).strip() != VERIFIED_MODEL:
        return {}
    eyes = _sequence(dataset, EYES)
    lens = _text(dataset, LENS)
    facts: dict[str, str] = {}
    for item in eyes:
        side = SIDES.get(_text(item, SIDE) or "")
        if side is None:
            continue
        for biometry in _sequence(item, BIOMETRY)[:1]:
            for element, field in BIOMETRY_FIELDS.items():
                number = _double(biometry, element)
                if number is not None:
                    facts[f"{FACT_PREFIX}.{side}.{field}"] = repr(number)
        for index, calculation in enumerate(_sequence(item, CALCULATIONS), start=1):
            decoded = _calculation(calculation, lens)
            if decoded is not None:
                facts[f"{FACT_PREFIX}.{side}.iol.{index}"] = json.dumps(decoded)
    return facts


def _calculation(item: Dataset, lens: str | None) -> dict[str, Any] | None:
    formula = _text(item, FORMULA)
    rows = [(_double(row, POWER), _double(row, REFRACTION)) for row in _sequence(item, ROWS)]
    if formula is None or not rows or any(p is None or r is None for p, r in rows):
        return None
    return {
        "formula": formula,
        "lens": lens,
        "constants": _doubles(item, CONSTANTS),
        "rows": rows,
        "emmetropia_power_d": _double(item, EMMETROPIA),
    }


def _value(dataset: Dataset, element: int) -> Any:
    try:
        return dataset.private_block(GROUP, CREATOR)[element].value
    except (KeyError, ValueError):
        return None


def _sequence(dataset: Dataset, element: int) -> list[Dataset]:
    value = _value(dataset, element)
    return list(value) if value is not None and not isinstance(value, bytes | str) else []


def _text(dataset: Dataset, element: int) -> str | None:
    value = _value(dataset, element)
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return value.strip(" \x00") or None if isinstance(value, str) else None


def _doubles(dataset: Dataset, element: int) -> list[float]:
    value = _value(dataset, element)
    if not isinstance(value, bytes) or not value or len(value) % 8:
        return []
    return [round(v, 6) for v in struct.unpack(f"<{len(value) // 8}d", value)]


def _double(dataset: Dataset, element: int) -> float | None:
    values = _doubles(dataset, element)
    return values[0] if len(values) == 1 else None
