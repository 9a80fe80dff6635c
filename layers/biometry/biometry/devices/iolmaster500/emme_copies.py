"""IOLMaster 500 emmetropia powers OCR misread, taken from the copy of the same box on another page.

The exam prints a calculation more than once: the SRK/T formula page's box of a lens and the multi-formula page's
SRK/T box of that lens are the same calculation (the real report's OS MTA3U0 box on pages 5 and 6: rows, constants,
`Emme. IOL: 16.37`). A rescan read one copy's power `19.37`, which does not fit its rows (`boxes.ocr_consistency`),
and the box went to review with the power lost. Where a box's only doubt is its power (misfit or unreadable) and
another box prints the same eye, formula, lens, constants, target and all seven rows, read alike, with a power that
fits them, the device printed that power in both: it is taken, with the copy's place as its provenance. Copies that
disagree, or none, leave the doubt (review).
"""

from __future__ import annotations

from biometry.devices.iolmaster500.boxes import BoxDoubt
from biometry.models import IolCalculation, Issue, Provenance

EMMETROPIA_FIELD = "emmetropia_power_d"


def with_powers_from_copies(
    calculations: list[IolCalculation], doubts: list[BoxDoubt], provenance: dict[str, Provenance]
) -> tuple[list[IolCalculation], list[Issue]]:
    """The calculations with each doubted power taken from its copies where they agree, and the issues still open
    (the doubt's own where no copy settles it, an info note where one does). `provenance` is updated in place."""
    doubted = {doubt.index for doubt in doubts}
    settled = list(calculations)
    issues: list[Issue] = []
    for doubt in doubts:
        calculation = calculations[doubt.index]
        copies = [
            j
            for j, other in enumerate(calculations)
            if j not in doubted and other.emmetropia_power_d is not None and _same_box(calculation, other)
        ]
        powers = {calculations[j].emmetropia_power_d for j in copies}
        copied = provenance.get(f"iol_calculations[{copies[0]}].{EMMETROPIA_FIELD}") if copies else None
        if len(powers) != 1 or copied is None:
            issues += doubt.issues
            continue
        power = calculations[copies[0]].emmetropia_power_d
        settled[doubt.index] = calculation.model_copy(update={EMMETROPIA_FIELD: power})
        provenance[f"iol_calculations[{doubt.index}].{EMMETROPIA_FIELD}"] = copied
        message = (
            f"{calculation.eye} {calculation.formula} / {calculation.iol_model}: the emmetropia power is read from the"
            f" same box on page {copied.page} ({power}); this copy's was misread."
        )
        issues.append(Issue(code="emmetropia_from_copy", severity="info", eye=calculation.eye, message=message))
    return settled, issues


def _same_box(one: IolCalculation, other: IolCalculation) -> bool:
    """Whether two calculations print the same box: eye, formula, lens, constants, target and every row alike."""
    keys = ("eye", "formula", "iol_model", "constants", "target_refraction_d", "rows")
    return one is not other and bool(one.rows) and all(getattr(one, k) == getattr(other, k) for k in keys)
