"""IOL calculations of a DICOM Intraocular Lens Calculations object: one Right/Left Eye Sequence item per calculation.

Per item (PS3.3 C.8.25.16, Calculated IOL macro C.8.25.16-5): formula from IOL Formula Code Sequence (0022,1028)
code meaning (else IOL Formula Detail), lens from Implant Name (0022,1095) and IOL Manufacturer (0022,1093), constants
from Lens Constant Sequence (0022,1092) items (concept name code meaning + Numeric Value (0040,A30A)), Target
Refraction (0022,1037), rows from IOL Power Sequence (0022,1090) items (IOL Power, Predicted Refractive Error,
Pre-Selected For Implantation), IOL Power For Exact Emmetropia (0022,1121). Codes are matched by their meaning: the
code values of CIDs 4236/4237 were not verified here (docs/dicom.md).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from biometry.devices.collect import EyeCollector
from biometry.devices.exports.dicom_cells import Cell
from biometry.formulas import constant_name, formula_name
from biometry.grounding import provenance_of
from biometry.models import EyeSide, IolCalculation, IolRow, Provenance
from biometry.normalize import parse_number

SEQUENCES: dict[str, EyeSide] = {
    "IntraocularLensCalculationsRightEyeSequence": "OD",
    "IntraocularLensCalculationsLeftEyeSequence": "OS",
}
# Lens Constant Type code meanings (letters and digits only) -> contract constant names
CONSTANT_MEANINGS = {
    "aconstant": "a_constant",
    "haigisa0": "a0",
    "haigisa1": "a1",
    "haigisa2": "a2",
    "pacd": "pacd",
    "hofferpacd": "pacd",
    "hofferqpacd": "pacd",
    "surgeonfactor": "sf",
    "holladaysurgeonfactor": "sf",
}
FORMULA = (("IOLFormulaCodeSequence", "CodeMeaning"), ("IOLFormulaDetail",))


@dataclass(slots=True)
class IolRead:
    """The calculations read and the provenance of each of their values."""

    calculations: list[IolCalculation] = field(default_factory=list)
    provenance: dict[str, Provenance] = field(default_factory=dict)


def calculations(all_cells: list[Cell], collector: EyeCollector) -> IolRead:
    """Every complete calculation in item order per eye; an incomplete one is an issue, never a guess."""
    items: dict[tuple[EyeSide, int], list[Cell]] = defaultdict(list)
    for cell in all_cells:
        side = SEQUENCES.get(cell.keywords[0])
        if side is not None and cell.items:
            items[(side, cell.items[0])].append(cell)
    read = IolRead()
    for (side, number), item in items.items():
        collector.saw(side)
        _read_item(side, number, item, read, collector)
    return read


def _read_item(side: EyeSide, number: int, item: list[Cell], read: IolRead, collector: EyeCollector) -> None:
    by_path = {cell.keywords[1:]: cell for cell in item}
    formula = next((by_path[path] for path in FORMULA if path in by_path), None)
    model = by_path.get(("ImplantName",))
    rows = _rows(item)
    if formula is None or model is None or not rows:
        message = f"{side} IOL calculation {number} lacks its formula, implant name or power rows."
        collector.issue("dicom_iol_incomplete", message, side=side, field="iol_calculations")
        return
    prefix = f"iol_calculations[{len(read.calculations)}]"
    where = {f"{prefix}.iol_model": model}
    constants = _constants(item, prefix, where)
    target = by_path.get(("TargetRefraction",))
    emmetropia = by_path.get(("IOLPowerForExactEmmetropia",))
    manufacturer = by_path.get(("IOLManufacturer",))
    for path, cell in ((f"{prefix}.target_refraction_d", target), (f"{prefix}.emmetropia_power_d", emmetropia)):
        if cell is not None:
            where[path] = cell
    for index, (power, refraction, _) in enumerate(rows):
        where[f"{prefix}.rows[{index}].iol_power_d"] = power
        where[f"{prefix}.rows[{index}].refraction_d"] = refraction
    read.calculations.append(
        IolCalculation(
            eye=side,
            formula=formula_name(formula.text, by_prefix=True) or formula.text,
            iol_model=model.text,
            iol_manufacturer=manufacturer.text if manufacturer else None,
            constants=constants,
            target_refraction_d=_number(target),
            rows=[IolRow(iol_power_d=_required(p), refraction_d=_required(r), selected=s) for p, r, s in rows],
            emmetropia_power_d=_number(emmetropia),
        )
    )
    read.provenance |= {path: provenance_of(cell.page, cell.word) for path, cell in where.items()}


def _rows(item: list[Cell]) -> list[tuple[Cell, Cell, bool]]:
    """(power, predicted refraction, pre-selected) per IOL Power Sequence item that holds both numbers."""
    rows: dict[int, dict[str, Cell]] = defaultdict(dict)
    for cell in item:
        if cell.keywords[1:2] == ("IOLPowerSequence",) and len(cell.items) > 1:
            rows[cell.items[1]][cell.leaf] = cell
    complete = [r for _, r in sorted(rows.items()) if "IOLPower" in r and "PredictedRefractiveError" in r]
    if any(_number(r["IOLPower"]) is None or _number(r["PredictedRefractiveError"]) is None for r in complete):
        return []
    selected = [r.get("PreSelectedForImplantation") for r in complete]
    return [
        (r["IOLPower"], r["PredictedRefractiveError"], s is not None and s.text.upper() == "YES")
        for r, s in zip(complete, selected, strict=True)
    ]


def _constants(item: list[Cell], prefix: str, where: dict[str, Cell]) -> dict[str, float]:
    parts: dict[int, dict[str, Cell]] = defaultdict(dict)
    for cell in item:
        if cell.keywords[1:2] == ("LensConstantSequence",) and len(cell.items) > 1:
            parts[cell.items[1]][cell.leaf] = cell
    constants = {}
    for part in parts.values():
        meaning, value = part.get("CodeMeaning"), part.get("NumericValue")
        number = _number(value)
        if meaning is None or value is None or number is None:
            continue
        key = re.sub(r"[^a-z0-9]", "", meaning.text.lower())
        name = CONSTANT_MEANINGS.get(key) or constant_name(meaning.text)
        constants[name] = number
        where[f"{prefix}.constants.{name}"] = value
    return constants


def _number(cell: Cell | None) -> float | None:
    return parse_number(cell.text) if cell is not None else None


def _required(cell: Cell) -> float:
    number = _number(cell)
    if number is None:  # _rows keeps only rows whose cells are numbers
        raise ValueError(f"not a number: {cell.text!r}")
    return number
