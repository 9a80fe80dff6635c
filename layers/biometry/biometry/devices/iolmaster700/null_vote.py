"""IOLMaster 700: what OCR read after each eye-value label, voted across pages. The printout prints the same values
for an eye on every page, so a label printed with the null `---` and read so on at least MIN_VOTES pages, with no
value read after it on any, prints the null on every page: one lone digit read after it elsewhere (`TK1: 0 a`) is the
null garbled (no eye value is printed with one digit), so is a word with a colon there (`TK2: pers:`, taken for the next
label), and no value whose label OCR lost fills it."""

from __future__ import annotations

import re

from biometry.devices.collect import MIN_VOTES
from biometry.extract.refiners import DOUBT
from biometry.normalize import is_missing, parse_number

# What OCR read after a label: a value (digits), one lone digit (a value garbled, or the null), the null `---`, another
# label (`P: Ix: +0,3 mm`: the value lost, or the null garbled into a word with a colon, `TK2: pers:`), or "".
VALUE, LONE_DIGIT, NULL, LOST = "value", "lone digit", "null", "lost"
# The eye fields printed on one page only (each eye's analysis page): nothing else says whether a value stood there
PRINTED_ONCE = frozenset({"wtw_mm", "pupil_mm", "cct_um"})
# The eye fields the device measures on every eye it measures (what an IOL calculation needs; a `---` there is rare):
# a label read alone is a value OCR lost, not a null, wherever it is printed
MEASURED_ALWAYS = frozenset({"axial_length_mm", "acd_mm", "k1_d", "k2_d", "mean_k_d"})
LabelReading = tuple[tuple[str, ...], str]  # the fields a label fills, and the kind of what was read after it
_UNIT = re.compile(r"(mm|µm|um|D)$")  # a value's unit: glued to it, or the word after it
_LONE_STROKE = re.compile(r"[-—–=_~]")  # the null `---` read as one stroke (the label vocabulary spells `—` as `-`)


def reading_kind(text: str, following: str = "") -> str:
    """What OCR read after a label: `VALUE`, `LONE_DIGIT`, `NULL`, or "" (neither digits nor the null). One stroke
    (`TK2: —`, `=`, `_`: the null's three dashes in the small grey type run together) is the null too, unless digits
    follow it (`ΔK: - 2,79D`: a value's sign set apart). A unit, or a word without digits before one, is a value OCR
    lost or garbled (`CCT: Ad um` on a 150-dpi rescan): the device prints its null without a unit."""
    if is_missing(text) or (_LONE_STROKE.fullmatch(text) and not any(c.isdigit() for c in following)):
        return NULL
    if text == DOUBT:  # every registered refiner runs on every OCR page, another device's too (`extract.refiners`)
        return VALUE
    if not is_value(text):
        return VALUE if _UNIT.fullmatch(text) or _UNIT.fullmatch(following) else ""
    return LONE_DIGIT if sum(c.isdigit() for c in text) == 1 else VALUE


def is_value(text: str) -> bool:
    """A printed value after a label: a number, or digits OCR garbled (`11,.9mm`: printed, if not readable); the null
    `---` is none."""
    return not is_missing(text) and (parse_number(_UNIT.sub("", text)) is not None or any(c.isdigit() for c in text))


def fields_with_values(readings: list[LabelReading]) -> set[str]:
    """The fields of one eye printed with a value: read with digits after their label on some page; a lone digit, or
    another label right after it (its value lost: no digit read), only where the pages do not vote the field null; and
    a field printed once (`PRINTED_ONCE`) or measured always (`MEASURED_ALWAYS`) whose label is read with nothing after
    it wherever printed (a value OCR lost whole: CCT's on the one page printing it, on a rescan; an AL row lost but for
    its label on a one-page printout) is printed and unread. Other fields' labels read alone are left to the pages'
    vote: a photo of one page loses the thin grey `---` of TK1 and TK2 (or LT) whole."""
    return {
        name
        for fields, seen in _kinds(readings).items()
        if VALUE in seen
        or ({LONE_DIGIT, LOST} & set(seen) and not _null_by_vote(seen))
        or (set(seen) == {""} and (PRINTED_ONCE | MEASURED_ALWAYS).intersection(fields))
        for name in fields
    }


def voted_nulls(readings: list[LabelReading]) -> set[str]:
    """The fields of one eye the pages vote null: read `---` after their label on at least MIN_VOTES pages, with no
    value read on any."""
    return {name for fields, seen in _kinds(readings).items() if _null_by_vote(seen) for name in fields}


def _kinds(readings: list[LabelReading]) -> dict[tuple[str, ...], list[str]]:
    kinds: dict[tuple[str, ...], list[str]] = {}
    for fields, kind in readings:
        kinds.setdefault(fields, []).append(kind)
    return kinds


def _null_by_vote(seen: list[str]) -> bool:
    return VALUE not in seen and seen.count(NULL) >= MIN_VOTES
