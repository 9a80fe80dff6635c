"""IOLMaster 500 K axes OCR garbled on every page: the meridian 90° from the other K's axis, where the copies read it.

The result K lines print `K1: 42.40 D / 7.96 mm @ 1°` and `K2: 42.83 D / 7.88 mm @ 91°`: the device prints the two
principal meridians, 90° apart (the real printout: 175°/85°, 24°/114°). In the Times of the IOL pages a 1 is read as
a letter (`@ I°`, `@ L1°`, `@ I1°` on 300-dpi rescans), which is no number, and the axis stayed unread (review).
Where every copy of one K's axis is garbled so and the other K's axis is read, the axis 90° from that one is taken
only where every garbled copy reads it with its 1-like glyphs (`I`, `l`, `L`, `|`) as 1 and `O` as 0: read, not
computed, and the other meridian confirms it. The copy's word is its provenance; noted `ocr_axis_from_other_meridian`
(info). A copy that reads another axis so (`I11°`), or none, leaves the axis unread.
"""

from __future__ import annotations

from collections import defaultdict

from biometry.devices.collect import EyeCollector
from biometry.devices.measurements import Token
from biometry.models import EyeSide, Issue
from biometry.normalize import MAX_AXIS_DEG, axis_read_with_letters

GarbledAxes = list[tuple[EyeSide, str, Token, int]]  # (eye, `k1` or `k2`, the axis copy as read, page)

OTHER_MERIDIAN = {"k1": "k2", "k2": "k1"}
_AT = "@"


def garbled_axis(tokens: list[Token], label: str) -> Token | None:
    """The axis copy of the K result line labelled `label` (`K1:`), where OCR read a glyph of it as a letter
    (`@ I°`, `mm@ L1°`): the word after the `@` (or glued after it), before the next label; None where the axis reads
    as a number, or nothing after the `@` looks like an axis."""
    for start, token in enumerate(tokens):
        axis = _after_at(tokens[start + 1 :]) if token.text == label else None
        if axis is not None:
            return axis
    return None


def _after_at(tokens: list[Token]) -> Token | None:
    for at, token in enumerate(tokens):
        if token.text.endswith(":"):
            return None
        if _AT not in token.text:
            continue
        glued = token.text.rsplit(_AT, 1)[1]
        axis = Token(glued, token.word) if glued else (tokens[at + 1] if at + 1 < len(tokens) else None)
        if axis is None or axis_read_with_letters(axis.text) is None:
            return None
        return axis
    return None


def axes_from_the_other_meridian(garbled: GarbledAxes, collector: EyeCollector) -> None:
    """Each K axis garbled on every page taken as the one 90° from the other K's axis, where every copy reads it
    (see the module)."""
    copies: defaultdict[tuple[EyeSide, str], list[tuple[Token, int]]] = defaultdict(list)
    for side, field, token, page in garbled:
        copies[side, field].append((token, page))
    for (side, field), found in copies.items():
        name, other_name = f"{field}_axis_deg", f"{OTHER_MERIDIAN[field]}_axis_deg"
        other = collector.value(side, other_name)
        if collector.value(side, name) is not None or not isinstance(other, int):
            continue
        if collector.raised("conflicting_values", side, other_name):
            continue
        across = {(other + 90) % 180, (other + 90) % 180 or 180}  # 0° and 180° are one meridian
        read = {_as_digits(token.text) for token, _ in found}
        if len(read) != 1 or not read <= across:
            continue
        axis = read.pop()
        token, page = found[0]
        collector.set_number(side, name, Token(str(axis), token.word), page, as_int=True)
        label = field.upper()
        message = f"{side} {label} axis garbled on every page ({token.text!r}): {axis}°, 90° from the other meridian."
        collector.issues.append(
            Issue(code="ocr_axis_from_other_meridian", severity="info", eye=side, field=name, message=message)
        )


def _as_digits(text: str) -> int | None:
    """An axis copy read with its 1-like glyphs as 1 and `O` as 0 (`L1°` -> 11); None where that is no axis."""
    axis = axis_read_with_letters(text)
    return axis if axis is not None and axis <= MAX_AXIS_DEG else None
