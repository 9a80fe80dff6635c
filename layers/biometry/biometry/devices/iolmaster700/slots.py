"""IOLMaster 700: values printed after a label OCR garbled beyond the vocabulary (`P3 5,4 mm`, `EY: 4,52 mm`), into
another label of the printout in every copy (`LF: 4,66 mm`, `SD: 4,66 mm` for `LT:`), with its unit (`tt: 4,66 mn`) or
lost (`: 23,77 mm`; a keratometry's `D` lost before its axis: `TK: 40,610 @ 165°`), and the fields such a value may
fill: completeness asks for them; the parse never reads them."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator, Sequence

from biometry.devices.iolmaster700.precision import PRINTED_DIGITS, PRINTED_WHOLE
from biometry.devices.measurements import token_texts
from biometry.document import Line
from biometry.normalize import parse_number

# Printed label -> the Eye fields a value after it fills (a K label also prints its axis).
FIELDS_OF_LABEL: dict[str, tuple[str, ...]] = {
    "AL:": ("axial_length_mm",),
    "CCT:": ("cct_um",),
    "ACD:": ("acd_mm",),
    "LT:": ("lens_thickness_mm",),
    "WTW:": ("wtw_mm",),
    "P:": ("pupil_mm",),
    "SE:": ("mean_k_d",),
    "K1:": ("k1_d", "k1_axis_deg"),
    "K2:": ("k2_d", "k2_axis_deg"),
    "TK1:": ("tk1_d", "tk1_axis_deg"),
    "TK2:": ("tk2_d", "tk2_axis_deg"),
    "TSE:": (),  # labels that fill no Eye field, listed so that `TSE:` is never read as `SE:`
    "ΔK:": (),
    "ΔTK:": (),
}
# The eye fields printed with each unit; the pupil and CCT only on analysis pages.
UNIT_FIELDS: dict[str, frozenset[str]] = {
    "mm": frozenset({"axial_length_mm", "acd_mm", "lens_thickness_mm", "wtw_mm", "pupil_mm"}),
    "µm": frozenset({"cct_um"}),
    "D": frozenset({"mean_k_d", "k1_d", "k2_d", "tk1_d", "tk2_d"}),
}
ANALYSIS_ONLY = frozenset({"cct_um", "pupil_mm"})
# Below these a value is an SD, an offset (`Ix:`), a cylinder or a target, never one of the fields above.
_SMALLEST = {"mm": 1.0, "µm": 100.0, "D": 20.0}
UNIT_OF = {"mm": "mm", "µm": "µm", "um": "µm", "d": "D"}  # a printed unit (lower case) -> the unit its fields use
UNIT_OF_FIELD = {name: unit for unit, fields in UNIT_FIELDS.items() for name in fields}
_PRINTED_DIGITS = {
    **{k: v for k, v in PRINTED_DIGITS.items() if k in UNIT_OF_FIELD},
    **{k: (n, 0) for k, n in PRINTED_WHOLE.items()},
}
_OFFSET_LABEL = re.compile(r"^(?:[A-Za-z1|]{0,2}[xy]|CW-?Chord)[:;]$", re.IGNORECASE)  # `Ix:`, `ty:`, `tly:` as read
OFFSET_ROW_FIELDS = frozenset({"wtw_mm", "pupil_mm"})
_OFFSET_ROW_LABELS = frozenset({"WTW:", "P:"})  # a row showing one of them shows whose offsets they are
_DIGITS = re.compile(r"^[+-]?(\d+)(?:[.,](\d+))?$")


def unit_of_label(label: str) -> str | None:
    """The unit a label's value is printed in (`LT:` mm, `CCT:` µm, `K1:` D); None for a label of no eye field."""
    fields = FIELDS_OF_LABEL.get(label, ())
    return UNIT_OF_FIELD.get(fields[0]) if fields else None


def unlabelled_fields(
    lines: Sequence[Line], present: set[str], is_field_label: Callable[[str], bool], *, calculation: bool
) -> set[str]:
    """The fields the block's values without a field's label may fill: those whose label the block does not show
    (`present`), of the value's unit, or (its unit garbled too) of the digits the device prints it with."""
    found = {name for line in lines for name in _line_slots(tuple([w.text for w in line.words]), is_field_label)}
    return found - present - (ANALYSIS_ONLY if calculation else frozenset())


@functools.lru_cache(maxsize=16384)
def _line_slots(words: tuple[str, ...], is_field_label: Callable[[str], bool]) -> frozenset[str]:
    """The fields one line's values may fill, by its words' texts (a printout's lines repeat from page to page)."""
    texts = token_texts(words)
    return frozenset((*_slots(texts, is_field_label), *_offset_slots(texts)))


def _slots(texts: list[str], is_field_label: Callable[[str], bool]) -> Iterator[str]:
    """The fields each value of the line (its token texts) may fill whose label is unreadable (`EY:`), lost, or
    another label of the printout (`LF:` or `SD:` for `LT:`): an SD, offset or constant is always below the smallest
    eye value."""
    for index in range(len(texts)):
        before = texts[index - 1] if index else ""
        before = texts[index - 2] + before if before == ":" and index > 1 else before  # `SE : 42,59 D`: a label
        if is_field_label(before) or parse_number(before) is not None or before.lower() in UNIT_OF or before == "@":
            continue
        value, unit = _value_and_unit(texts, index)
        if value is None:
            continue
        garbled = not any(ch.isdigit() for ch in before)  # a label lost (``) or garbled with its colon (`EY:`, `i`)
        fields = UNIT_FIELDS[unit] if unit is not None else _printed_like(texts[index]) if garbled else ()
        yield from (name for name in fields if abs(value) >= _SMALLEST[UNIT_OF_FIELD[name]])


def is_offset_label(text: str) -> bool:
    """A centre offset's label as OCR reads it (`Ix:`, `ty:`, `tly:`, `CW-Chord:`)."""
    return _OFFSET_LABEL.match(text) is not None


def _offset_slots(texts: list[str]) -> frozenset[str]:
    """The fields a row (its token texts) printing centre offsets (`Ix: +0,3 mm`, `Iy:`, `CW-Chord: 0,3 mm`) holds: the
    device prints them after a WTW or pupil value only, so a row without either label prints one where OCR lost the
    value with its label."""
    offsets = any(_OFFSET_LABEL.match(a) and parse_number(b) is not None for a, b in itertools.pairwise(texts))
    return OFFSET_ROW_FIELDS if offsets and not _OFFSET_ROW_LABELS & {t.upper() for t in texts} else frozenset()


def _printed_like(number: str) -> frozenset[str]:
    """The eye fields the device prints with the number's digits (`4,66`: ACD or LT; `11,9`: WTW; `554`: CCT)."""
    match = _DIGITS.match(number)
    if match is None:
        return frozenset()
    shape = (len(match.group(1)), len(match.group(2) or ""))
    return frozenset(name for name, digits in _PRINTED_DIGITS.items() if digits == shape)


def _value_and_unit(texts: list[str], index: int) -> tuple[float | None, str | None]:
    """A token's number and the unit after it (`tokens_of` has parted a unit glued on: `554um`)."""
    after = texts[index + 1].lower() if index + 1 < len(texts) else ""
    return parse_number(texts[index]), UNIT_OF.get(after) or ("D" if after == "@" else None)  # `40,610 @ 165°`: a K
