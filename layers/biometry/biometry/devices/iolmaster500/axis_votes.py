"""IOLMaster 500 K axes whose copies disagree, settled by the other copies of the same meridian the pages print.

Each IOL page's summary prints the K1 meridian three times: `K1: 42.51 D / 7.94 mm @ 175°`, the K2 axis 90° from it
(`K2: 43.77 D / 7.71 mm @ 85°`) and the minus cylinder's axis (`Cyl.: -1.26 D @ 175°`: a minus cylinder sits at the
K1 axis). Two pages that read one K axis differently (`175°` and `173°`, a 150-dpi rescan) are no majority of two;
every copy of that meridian on the pages votes: the axis is the value one of its own copies reads where the meridian
is read so at least `MIN_VOTES` times and twice as often as every other reading (`ocr_misread_outvoted`, info).
Otherwise the conflict stands (review). A cylinder read without its minus, or of 0, casts no vote.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from biometry.devices.collect import MIN_VOTES, SIDES, EyeCollector
from biometry.devices.measurements import Reading
from biometry.models import EyeSide, Issue

_HALF_TURN = 180  # 0° and 180° are one meridian
_ACROSS = 90  # the two principal meridians are printed 90° apart
_OTHER = {"k1_axis_deg": "k2_axis_deg", "k2_axis_deg": "k1_axis_deg"}


def settle_axes(cylinders: list[tuple[EyeSide, Reading]], collector: EyeCollector) -> None:
    """Each eye's K axis whose copies conflict, where the meridian's other copies outvote the rest (see module)."""
    for side in SIDES:
        for field, other in _OTHER.items():
            if not collector.raised("conflicting_values", side, field):
                continue
            own = collector.readings(side, field)
            votes = Counter(_meridian(int(value)) for value, _ in own)
            votes.update(_meridian(int(value) + _ACROSS) for value, _ in collector.readings(side, other))
            turn = 0 if field == "k1_axis_deg" else _ACROSS
            votes.update(_meridian(axis + turn) for axis in _minus_cylinder_axes(cylinders, side))
            (winner, count), *rest = votes.most_common()
            against = sum(n for _, n in rest)
            copy = next(((value, where) for value, where in own if _meridian(int(value)) == winner), None)
            if copy is None or count < MIN_VOTES or count < 2 * against:
                continue
            collector.correct(side, field, copy[0])
            collector.provenance[f"{side}.{field}"] = copy[1]
            collector.withdraw("conflicting_values", side, field)
            message = f"{side} {field}: {against} OCR reading(s) outvoted by {count} copies of the meridian."
            collector.issues.append(
                Issue(code="ocr_misread_outvoted", severity="info", eye=side, field=field, message=message)
            )


def _meridian(axis: int) -> int:
    return axis % _HALF_TURN


def _minus_cylinder_axes(cylinders: list[tuple[EyeSide, Reading]], side: EyeSide) -> Iterator[int]:
    """The axes of the eye's cylinders read with their minus (a minus cylinder sits at the K1 axis)."""
    for eye, reading in cylinders:
        value, axis = reading.value, reading.axis
        if eye != side or value is None or axis is None or value.number is None or axis.number is None:
            continue
        if value.text.startswith("-") and value.number < 0:
            yield int(axis.number)
