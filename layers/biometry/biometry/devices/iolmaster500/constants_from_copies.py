"""IOLMaster 500 constants lines OCR lost, taken from a copy of the same lens and formula elsewhere in the exam.

The device takes a lens's constants for a formula from its lens database and prints them in every box of that lens
and formula: both eyes' boxes at one place, the formula page's box and the multi-formula page's box of its lens (the
real report's MTA3U0 `A const: 115.54` on pages 5 and 6, twice each). A 150-dpi rescan lost one line of a box's
constants (a Haigis box read `A0 const: -0.705` and `A1 const: 0.400`, its `A2 const: 0.100` gone; a Hoffer Q box
its one `pACD const:` line) while the copies read it, and the box went to review. Where a box's only doubt is such a
lost line (every constant it did read well-formed, none misnamed), its lens a catalogue name as read, and the other
boxes of that lens and formula that read all their constants without a doubt agree with each other and with every
constant this box read, the lost constants are the copies'; their place is the copy's. Copies that disagree, or none,
leave the doubt (review).
"""

from __future__ import annotations

from biometry.devices.iolmaster500.boxes import CONSTANTS, BoxDoubt
from biometry.lens_catalogue import is_known_model
from biometry.models import IolCalculation, Issue, Provenance


def with_constants_from_copies(
    calculations: list[IolCalculation],
    doubts: list[BoxDoubt],
    clean: set[int],
    provenance: dict[str, Provenance],
) -> tuple[list[IolCalculation], list[Issue]]:
    """The calculations with each box's lost constants taken from its copies where they agree, and the issues still
    open (the doubt's own where no copy settles it, an info note where one does); `clean`: the boxes read without any
    doubt, the only ones that count as copies. `provenance` is updated in place."""
    settled = list(calculations)
    issues: list[Issue] = []
    for doubt in doubts:
        calculation = calculations[doubt.index]
        copies = [j for j in sorted(clean) if j != doubt.index and _copy_of(calculation, calculations[j])]
        printed = {tuple(sorted(calculations[j].constants.items())) for j in copies}
        if len(printed) != 1:
            issues += doubt.issues
            continue
        source = copies[0]
        lost = {k: v for k, v in calculations[source].constants.items() if k not in calculation.constants}
        places = {k: provenance.get(f"iol_calculations[{source}].constants.{k}") for k in lost}
        if not lost or any(place is None for place in places.values()):
            issues += doubt.issues
            continue
        settled[doubt.index] = calculation.model_copy(update={"constants": {**calculation.constants, **lost}})
        provenance |= {f"iol_calculations[{doubt.index}].constants.{k}": p for k, p in places.items() if p is not None}
        page = provenance[f"iol_calculations[{source}].constants.{next(iter(lost))}"].page
        message = (
            f"{calculation.eye} {calculation.formula} / {calculation.iol_model}: the constants line of"
            f" {', '.join(sorted(lost))} was not readable; read from the same lens and formula on page {page}."
        )
        issues.append(Issue(code="constants_from_copy", severity="info", eye=calculation.eye, message=message))
    return settled, issues


def lost_lines_only(formula: str, found: dict[str, float]) -> bool:
    """True when the constants read are some of the formula's, not all: a line lost, none read under another name
    (a misnamed or extra value is a misread, which no copy settles)."""
    expected = CONSTANTS.get(formula, {})
    return set(found) < set(expected)


def _copy_of(calculation: IolCalculation, other: IolCalculation) -> bool:
    """Whether `other` prints the constants `calculation` should: the same formula and catalogue lens, every constant
    of the formula read, and the same value for each constant `calculation` read."""
    expected = set(CONSTANTS.get(calculation.formula, {}))
    return (
        bool(expected)
        and other.formula == calculation.formula
        and other.iol_model == calculation.iol_model
        and calculation.iol_model is not None
        and is_known_model(calculation.iol_model)
        and set(other.constants) == expected
        and all(other.constants.get(k) == v for k, v in calculation.constants.items())
    )
