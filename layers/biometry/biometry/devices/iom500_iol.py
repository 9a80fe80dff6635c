"""IOLMaster 500 IOL pages: the formula of a page and every lens box of an eye column as an `IolCalculation`."""

from __future__ import annotations

import re

from biometry import formulas
from biometry.devices import iom500_boxes as box_reader
from biometry.devices.collect import EyeCollector
from biometry.devices.iom500_boxes import EMME, Box
from biometry.devices.iom500_columns import LEFT_ALIGNED, Column
from biometry.devices.layout import Region, lines_in
from biometry.devices.measurements import Token, tokens_of
from biometry.document import Line, Page
from biometry.grounding import provenance_of
from biometry.models import EyeSide, IolCalculation, Issue, Provenance
from biometry.normalize import canonical

BOX_COLUMN_PT = 130.0  # the second lens box of a column starts 133 pt right of the first
_FORMULA_TITLE = re.compile(r"Formula\s*:?\s*(.+)$", re.IGNORECASE)


def formula_of(page: Page, collector: EyeCollector) -> str | None:
    """The formula an IOL page names in its title (`Formula: SRK(R)/T`); None on other pages."""
    for line in page.lines:
        match = _FORMULA_TITLE.search(canonical(line.text))
        if match:
            name = formulas.formula_name(match.group(1))
            if name is not None:
                return name
            collector.issue("formula_unknown", f"Page {page.number}: the formula `{match.group(1)}` is not known.")
            return None
    return None


class IolReader:
    """Reads the lens boxes of IOL pages into calculations, with provenance and the issues found on the way."""

    def __init__(self, *, inferred: bool) -> None:
        self.inferred = inferred
        self.calculations: list[IolCalculation] = []
        self.provenance: dict[str, Provenance] = {}
        self.issues: list[Issue] = []

    def read_column(self, page: Page, lines: list[Line], column: Column, formula: str) -> None:
        """Every box of one eye column: two box columns side by side, boxes top to bottom."""
        target = _target(lines)
        top = max((ln.bbox[3] for ln in lines if _labelled(ln)), default=0.0)
        area = [w for w in column.words if w.y_center > top]
        split = column.left + BOX_COLUMN_PT / page.width_pt
        found = [
            box
            for region in (Region(0.0, split), Region(split, 1.01))
            for box in box_reader.boxes(lines_in(area, region))
        ]
        for box in found:
            self._add(page.number, column.side, formula, box, target)
        printed = sum(1 for line in lines_in(area) for w in line.words if EMME.search(w.text))
        if printed != sum(1 for box in found if box.emmetropia is not None):
            message = f"Page {page.number}: {printed} lens boxes are printed, {len(found)} could be read."
            self.issues.append(_error("iol_box_unreadable", message, column.side, None))

    def _add(self, page: int, side: EyeSide, formula: str, box: Box, target: Token | None) -> None:
        prefix = f"iol_calculations[{len(self.calculations)}]"
        where = f"{side} {formula} box {len(self.calculations) + 1}"
        problems: list[str] = []
        records: dict[str, Token] = {}
        constants = box_reader.constants(box.head[2:], formula, problems)
        records |= {f"constants.{k}": t for k, t in constants.items()}
        rows = box_reader.rows(box.rows, problems, ocr=self.inferred)
        for i, (power, refraction, _) in enumerate(rows):
            records |= {f"rows[{i}].iol_power_d": power, f"rows[{i}].refraction_d": refraction}
        emmetropia = box_reader.emmetropia(box.emmetropia, problems)
        if emmetropia is not None:
            records["emmetropia_power_d"] = emmetropia
        if target is not None:
            records["target_refraction_d"] = target
        calculation = IolCalculation(
            eye=side,
            formula=formula,
            iol_model=box.head[0].text if box.head else "",
            iol_manufacturer=box.head[1].text if len(box.head) > 1 else None,
            constants={k: t.number for k, t in constants.items() if t.number is not None},
            target_refraction_d=target.number if target is not None else None,
            rows=box_reader.iol_rows(rows, target, self.inferred),
            emmetropia_power_d=emmetropia.number if emmetropia is not None else None,
        )
        if self.inferred:
            problems += box_reader.ocr_consistency(calculation)
        if len(box.head) < 3:
            problems.append("its lens and constants lines are not readable")
        self.calculations.append(calculation)
        self.provenance |= {f"{prefix}.{key}": provenance_of(page, t.word) for key, t in records.items()}
        for problem in problems:
            self.issues.append(_error("iol_box_unreadable", f"{where}: {problem}.", side, prefix))

    def check_constants(self) -> None:
        """The same lens and formula prints the same constants in every box (both eyes, every page)."""
        seen: dict[tuple[str, str, str], float] = {}
        for calculation in self.calculations:
            for name, value in calculation.constants.items():
                key = (calculation.formula, calculation.iol_model, name)
                if seen.setdefault(key, value) != value:
                    message = f"{calculation.iol_model} {calculation.formula} {name} is printed as two values."
                    self.issues.append(_error("iol_constants_conflict", message, calculation.eye, None))


def _labelled(line: Line) -> bool:
    return any(w.text.startswith(LEFT_ALIGNED) or w.text.startswith("Cyl") for w in line.words)


def _target(lines: list[Line]) -> Token | None:
    for line in lines:
        tokens = tokens_of(line.words)
        for i, token in enumerate(tokens):
            if token.text.lower().startswith("target"):
                return next((t for t in tokens[i + 1 : i + 4] if t.number is not None), None)
    return None


def _error(code: str, message: str, side: EyeSide | None, field: str | None) -> Issue:
    return Issue(code=code, severity="error", eye=side, field=field, message=message)
