"""IOLMaster 500 lens names whose caption OCR garbled before the model, named by a lens another box names.

A formula page captions each box with its lens (`OptA115.5MTA3U0`: prefix, A constant, model) and the multi-formula
page names its one lens in the header in regular Times; every lens of the exam is printed on several pages. The
constant's bold or regular digits garble past reading (`OptALISSMTA3U0`, `Opt ALIS SMTA3U0`, `Opt AI19.L[MA60AC`,
`Opt ALI9.CSN6OWF`) while the model after them reads whole, and the box goes to review (`iol_model_unverified`).
Where a name outside the catalogue ends with the model (spaces aside, or in OCR's spelling: `lens_catalogue.ocr_fold`)
of exactly one catalogue lens that another box of the document names as printed, it is that lens: the ending is
read, and the document prints the lens elsewhere. Any other name stays as read (review).
"""

from __future__ import annotations

from biometry.lens_catalogue import catalogue_name, is_known_model, ocr_fold
from biometry.models import IolCalculation


def with_models_named_elsewhere(calculations: list[IolCalculation]) -> list[IolCalculation]:
    """The calculations with each garbled lens name that ends with a lens another box names taken as that lens."""
    named = {c.iol_model for c in calculations if c.iol_model and is_known_model(c.iol_model)}
    settled = []
    for calculation in calculations:
        model = calculation.iol_model
        ending = [name for name in named if model and _garbled(model) and ends_with_model(model, name)]
        settled.append(calculation.model_copy(update={"iol_model": ending[0]}) if len(ending) == 1 else calculation)
    return settled


def ends_with_model(read: str, model: str) -> bool:
    """True when a name as read ends with the model, spaces aside, as printed or in OCR's spelling."""
    squashed = "".join(read.split())
    return squashed != model and (squashed.endswith(model) or ocr_fold(squashed).endswith(ocr_fold(model)))


def _garbled(model: str) -> bool:
    """True for a lens name outside the catalogue, also in OCR's spelling."""
    return not is_known_model(model) and catalogue_name(model) is None
