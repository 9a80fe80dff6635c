"""IOLMaster 700 lens headings that OCR garbled past the catalogue, confirmed by the page itself: a lens page prints
one lens over each of an eye's formula boxes, so the heading its other boxes read confirms a reading one OCR edit
from it. A name is never taken from the catalogue on OCR alone, nor from a box of the other eye.

A manufacturer some of whose words OCR lost (`Johnson &` or `Johnson & Johnson` for `Johnson & Johnson Vision`: the
shorter may itself be a known manufacturer, so the parser's check cannot see it; `& Vision`, its first words lost on
a 150-dpi rescan) is completed from the boxes of its model on the page: where one box reads a known manufacturer
whose words every box of that model reads in their order, word for word, some left out, each takes that box's
heading (a model has one manufacturer on a printout).

A printout may print one calculation more than once (a lens's page and its formula's page, box for box alike). A
box whose heading OCR garbled past the catalogue (`HOYA Vivinex xv1`, one edit from `Vivinex XY1` and from
`Vivinex XC1` too, so its page alone cannot confirm it) takes the heading its copies read: the other boxes of the same
eye that print the same formula, the same constants (each both read) and the same table (every row and the
emmetropia power, a sign OCR lost aside), where those that read a heading cleanly all read one, and the garbled
reading is one OCR edit from it. Two lenses of one constant set printed alike would give two headings: none is
taken."""

from __future__ import annotations

import re
from collections.abc import Sequence

from biometry import formulas
from biometry.devices.iolmaster700.boxes import IolBox, one_edit_apart, split_lens_heading
from biometry.devices.measurements import Token
from biometry.lens_catalogue import IOL_MODELS, MANUFACTURERS, catalogue_name, is_known_manufacturer, ocr_fold
from biometry.models import EyeSide, Issue
from biometry.normalize import canonical

MIN_CONFIRMING = 2  # boxes of the same eye on the page that read the heading cleanly
TABLE_ROWS = 5  # every result box prints five rows

Heading = tuple[str, str]  # (manufacturer as printed, catalogue model)


def confirm_garbled_headings(boxes: Sequence[tuple[EyeSide, IolBox]]) -> list[Issue]:
    """Give a box whose heading OCR garbled (its model not in the catalogue or its manufacturer unknown) the heading of
    the other boxes of its eye on the page, where at least MIN_CONFIRMING read one and the same heading cleanly and
    none another, the eye's boxes print different formulas (a lens page), and the garbled reading is one OCR edit
    from that heading and from no other catalogue lens or manufacturer. Notes (info) for each box so confirmed."""
    notes = []
    for side, box in boxes:
        half = [other for other_side, other in boxes if other_side == side]
        heading = _confirming_heading(box, half)
        if heading is None:
            continue
        read = _take_heading(box, half, heading)
        message = f"{side} {box.formula}: lens heading read {read!r}, confirmed as {' '.join(heading)!r} by the page."
        notes.append(Issue(code="ocr_lens_heading_confirmed", severity="info", eye=side, message=message))
    return notes


def headings_from_copies(boxes: Sequence[tuple[EyeSide, IolBox]]) -> list[Issue]:
    """Give each box whose heading OCR garbled the heading its copies elsewhere in the printout read (see the module);
    notes (info) for each box so named."""
    notes = []
    for side, box in boxes:
        if not box.lens_heading or _clean(box) is not None or not _full_table(box):
            continue
        copies = [
            other for other_side, other in boxes if other_side == side and other is not box and _alike(box, other)
        ]
        cleans = {heading for other in copies if (heading := _clean(other)) is not None}
        heading = cleans.pop() if len(cleans) == 1 else None
        if heading is None or not _near(_key(_heading_text(box)), _key(" ".join(heading))):
            continue
        read = _take_heading(box, copies, heading)
        message = f"{side} {box.formula}: lens heading read {read!r}, {' '.join(heading)!r} as its copies print it."
        notes.append(Issue(code="ocr_lens_heading_from_copy", severity="info", eye=side, message=message))
    return notes


def _take_heading(box: IolBox, others: Sequence[IolBox], heading: Heading) -> str:
    """Give `box` the heading lines of the first of `others` that reads `heading` cleanly; the heading it read."""
    read = _heading_text(box)
    box.lens_heading = next(other.lens_heading for other in others if _clean(other) == heading)
    return read


def _full_table(box: IolBox) -> bool:
    """Whether a box read a known formula and every row of its table."""
    return box.formula in formulas.KNOWN_FORMULAS and len(box.rows) == TABLE_ROWS


def _alike(box: IolBox, other: IolBox) -> bool:
    """Whether two boxes print the same calculation as read: formula, every row and the emmetropia power, and each of
    the formula's constants both read (one at least); a sign OCR lost in one copy aside."""
    if other.formula != box.formula or len(other.rows) != len(box.rows):
        return False
    if not _same(box.emmetropia, other.emmetropia):
        return False
    names = formulas.CONSTANTS_OF.get(box.formula, frozenset())
    both = [name for name in names if name in box.constants and name in other.constants]
    if not both or not all(_same(box.constants[name], other.constants[name]) for name in both):
        return False
    return all(
        _same(power, power_copy) and _same(refraction, refraction_copy)
        for (power, refraction, _), (power_copy, refraction_copy, _) in zip(box.rows, other.rows, strict=True)
    )


def _same(one: Token | None, other: Token | None) -> bool:
    """Whether two readings are one printed value: digits alike, the decimal mark aside, and the same sign where both
    read one (`0.44` beside `-0.44`: the sign lost), or both unread."""
    if one is None or other is None:
        return one is other
    a, b = (canonical(token.text).replace(",", ".") for token in (one, other))
    signs = {text[0] for text in (a, b) if text[:1] in "+-" and text}
    return a.lstrip("+-") == b.lstrip("+-") and len(signs) <= 1


def complete_truncated_manufacturers(boxes: Sequence[IolBox]) -> list[Issue]:
    """Give each box whose manufacturer reads as some of the words, in order, of another box's known manufacturer
    for the same catalogue model on the page that box's heading (see the module); notes (info) for each box so
    completed."""
    by_model: dict[str, list[tuple[IolBox, list[str]]]] = {}
    for box in boxes:
        manufacturer, model = split_lens_heading(box.lens_heading) if box.lens_heading else (None, "")
        name = catalogue_name(model)
        if manufacturer and name:
            by_model.setdefault(name, []).append((box, manufacturer.casefold().split()))
    notes = []
    for model, read in by_model.items():
        longest = max(read, key=lambda item: len(item[1]))
        full = " ".join(longest[1])
        if not is_known_manufacturer(full) or not all(_kept_in_order(words, longest[1]) for _, words in read):
            continue
        for box, words in read:
            if len(words) < len(longest[1]):
                message = f"{box.formula} {model}: manufacturer read {' '.join(words)!r}, completed by the page."
                box.lens_heading = longest[0].lens_heading
                notes.append(Issue(code="ocr_manufacturer_completed", severity="info", message=message))
    return notes


def _kept_in_order(words: list[str], full: list[str]) -> bool:
    """Whether `words` are words of `full`, each once, in its order (those OCR lost left out)."""
    remaining = iter(full)
    return all(word in remaining for word in words)


def _confirming_heading(box: IolBox, half: list[IolBox]) -> Heading | None:
    if not box.lens_heading or _clean(box) is not None or len({b.formula for b in half}) != len(half):
        return None
    cleans = {heading for other in half if other is not box and (heading := _clean(other)) is not None}
    confirming = [other for other in half if other is not box and _clean(other) is not None]
    if len(cleans) != 1 or len(confirming) < MIN_CONFIRMING:
        return None
    heading = cleans.pop()
    return heading if _one_edit_from_only(box, heading) else None


def _clean(box: IolBox) -> Heading | None:
    """The heading a box reads cleanly: a known manufacturer, spelled as printed, and a catalogue model."""
    manufacturer, model = split_lens_heading(box.lens_heading) if box.lens_heading else (None, "")
    name = catalogue_name(model)
    return (manufacturer, name) if manufacturer is not None and is_known_manufacturer(manufacturer) and name else None


def _one_edit_from_only(box: IolBox, heading: Heading) -> bool:
    """Whether the box's reading is one OCR edit from the heading (manufacturer and model together), and its model
    (unless read as the heading's) and its manufacturer (if split off) as near no other catalogue name."""
    manufacturer, model = split_lens_heading(box.lens_heading)
    if not _near(_key(_heading_text(box)), _key(" ".join(heading))):
        return False
    if catalogue_name(model) != heading[1] and any(_near(_key(model), _key(other)) for other in _others(heading[1])):
        return False
    return manufacturer is None or not any(
        _near(_key(manufacturer), _key(other)) for other in MANUFACTURERS if other.casefold() != heading[0].casefold()
    )


def _heading_text(box: IolBox) -> str:
    manufacturer, model = split_lens_heading(box.lens_heading)
    return " ".join(part for part in (manufacturer, model) if part)


def _others(model: str) -> list[str]:
    return [name for name in IOL_MODELS if name != model]


def _near(a: str, b: str) -> bool:
    return a == b or one_edit_apart(a, b)


def _key(text: str) -> str:
    """A name as OCR cannot tell it apart (`lens_catalogue.ocr_fold`), without marks and spaces."""
    return re.sub(r"[^0-9a-z&+]", "", ocr_fold(text))
