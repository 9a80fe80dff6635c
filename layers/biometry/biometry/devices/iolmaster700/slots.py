"""IOLMaster 700: values printed after a label OCR garbled beyond the vocabulary (`P3 5,4 mm`, `EY: 4,52 mm`) or lost
(`: 23,77 mm`), and the fields such a value may fill: completeness asks for them; the parse never reads them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from biometry.devices.measurements import tokens_of
from biometry.document import Line
from biometry.normalize import parse_number

# The eye fields printed with each unit; the pupil and CCT only on analysis pages.
UNIT_FIELDS: dict[str, frozenset[str]] = {
    "mm": frozenset({"axial_length_mm", "acd_mm", "lens_thickness_mm", "wtw_mm", "pupil_mm"}),
    "µm": frozenset({"cct_um"}),
    "D": frozenset({"mean_k_d", "k1_d", "k2_d", "tk1_d", "tk2_d"}),
}
ANALYSIS_ONLY = frozenset({"cct_um", "pupil_mm"})
# Below these a value is an SD, an offset (`Ix:`), a cylinder or a target, never one of the fields above.
_SMALLEST = {"mm": 1.0, "µm": 100.0, "D": 20.0}
_UNIT_OF = {"mm": "mm", "µm": "µm", "um": "µm", "d": "D"}
_VALUE_UNIT = re.compile(r"^([+-]?\d{1,4}(?:[.,]\d{1,4})?)(mm|µm|um|D)$")  # `554um`: a unit glued to an integer


def unlabelled_fields(
    lines: Sequence[Line], present: set[str], is_label: Callable[[str], bool], *, calculation: bool
) -> set[str]:
    """The fields the block's values without a readable label may fill: per unit, those whose label the block does
    not show (`present`)."""
    allowed = {unit: fields - (ANALYSIS_ONLY if calculation else set()) for unit, fields in UNIT_FIELDS.items()}
    return {name for line in lines for unit in _unlabelled_units(line, is_label) for name in allowed[unit] - present}


def _unlabelled_units(line: Line, is_label: Callable[[str], bool]) -> Iterator[str]:
    texts = [t.text for t in tokens_of(line.words)]
    for index in range(len(texts)):
        value, unit = _value_and_unit(texts, index)
        if unit is None or value is None or abs(value) < _SMALLEST[unit]:
            continue
        before = texts[index - 1] if index else ""
        if not (is_label(before) or parse_number(before) is not None or before.lower() in _UNIT_OF or before == "@"):
            yield unit


def _value_and_unit(texts: list[str], index: int) -> tuple[float | None, str | None]:
    glued = _VALUE_UNIT.match(texts[index])
    if glued:
        return parse_number(glued.group(1)), _UNIT_OF[glued.group(2).lower()]
    after = texts[index + 1].lower() if index + 1 < len(texts) else ""
    return parse_number(texts[index]), _UNIT_OF.get(after)
