"""IOLMaster 500 lens names whose caption OCR garbled before the model, named by a lens another box names.

A formula page captions each box with its lens (`OptA115.5MTA3U0`: prefix, A constant, model) and the multi-formula
page names its one lens in the header in regular Times; every lens of the exam is printed on several pages. The
constant's bold or regular digits garble past reading (`OptALISSMTA3U0`, `Opt ALIS SMTA3U0`, `Opt AI19.L[MA60AC`,
`Opt ALI9.CSN6OWF`) while the model after them reads whole, and the box goes to review (`iol_model_unverified`).
Where a name outside the catalogue ends with the model (spaces aside, or in OCR's spelling: `lens_catalogue.ocr_fold`)
of exactly one catalogue lens that another box of the document names as printed, it is that lens: the ending is
read, and the document prints the lens elsewhere. Any other name stays as read (review).

An IOL page prints one set of lenses for both eyes in the same order (`caption_pairs`): the box at the same place in
the other eye's block prints the same lens with the same constants. A rescan read OS's `SN60WF` as `SNOOWF` (a bold
6 read O) beside OD's `SN60WF`. Where a name outside the catalogue is one glyph off (same length, OCR's spellings
aside) the catalogue lens of the box at its place in the other eye's block of its page, with the same formula and the
same constants read in both, it is that lens (`with_models_of_the_other_eye`).
"""

from __future__ import annotations

from dataclasses import dataclass

from biometry.lens_catalogue import catalogue_name, is_known_model, ocr_fold
from biometry.models import EyeSide, IolCalculation


@dataclass(frozen=True, slots=True)
class BoxPlace:
    """Where a box is printed: its page, eye block, rank in the block (row by row, left to right) and the number of
    boxes read in that block."""

    page: int
    side: EyeSide
    rank: int
    boxes: int


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


def with_models_of_the_other_eye(calculations: list[IolCalculation], places: list[BoxPlace]) -> list[IolCalculation]:
    """The calculations with each lens name outside the catalogue taken as the catalogue lens of its box's twin (the
    box at its place in the other eye's block of the page, both blocks with as many boxes), where the twin prints the
    same formula and constants and the name is one glyph off the twin's (see the module)."""
    settled = list(calculations)
    for i, (calculation, place) in enumerate(zip(calculations, places, strict=True)):
        model = calculation.iol_model
        if not model or not _garbled(model) or not calculation.constants:
            continue
        twins = [
            other.iol_model
            for other, there in zip(calculations, places, strict=True)
            if there.page == place.page
            and there.side != place.side
            and (there.rank, there.boxes) == (place.rank, place.boxes)
            and other.iol_model
            and is_known_model(other.iol_model)
            and other.formula == calculation.formula
            and other.constants == calculation.constants
        ]
        if len(twins) == 1 and twins[0] is not None and one_glyph_off(model, twins[0]):
            settled[i] = calculation.model_copy(update={"iol_model": twins[0]})
    return settled


def one_glyph_off(read: str, model: str) -> bool:
    """True when a name as read (spaces aside) has the model's length and differs from it in one glyph, glyphs OCR
    cannot tell apart (`lens_catalogue.ocr_fold`: 0/O, 1/l) counted alike (`SNOOWF`, `SN6GWF` for `SN60WF`)."""
    squashed = "".join(read.split())
    if len(squashed) != len(model):
        return False
    return sum(ocr_fold(a) != ocr_fold(b) for a, b in zip(squashed, model, strict=True)) == 1
