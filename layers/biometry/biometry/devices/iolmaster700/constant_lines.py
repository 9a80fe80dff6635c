"""IOLMaster 700: a result box's constants line as the device prints it, and what OCR does to it.

The device prints each constant in one form (the real pt-BR printout and the generator): the A constant unsigned with
two decimals (`Constante A: 119,30`), Barrett's LF and Hoffer Q's pACD signed with two (`LF: +1,88`), Holladay 2's
ACD and Haigis's A0, A1, A2 signed with three (`A0: -0,111  A1: +0,249  A2: +0,179`), in that order. A reading in
another form lost or gained a glyph: `+0,2` for `+0,210` (its last decimals set apart, or lost) is no constant of the
line, and a constant read so sends the document to review unless the other boxes of its lens give it
(`constant_copies`). A value whose label OCR lost but for its colon (`:-0,111  A1: +0,249  A2: +0,179`, both eyes'
Haigis boxes of a real 200-dpi rescan) is the one constant the formula prints there: the only one no label read,
where the labels read before it are those the formula prints before it, and in its printed form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from biometry import formulas
from biometry.devices.measurements import Token
from biometry.normalize import canonical

PRINTED_FORM: dict[str, re.Pattern[str]] = {
    "a_constant": re.compile(r"^\d{3}[.,]\d{2}$"),
    "lf": re.compile(r"^[+-]\d[.,]\d{2}$"),
    "pacd": re.compile(r"^[+-]\d[.,]\d{2}$"),
    "acd": re.compile(r"^[+-]\d[.,]\d{3}$"),
    **{name: re.compile(r"^[+-]\d[.,]\d{3}$") for name in ("a0", "a1", "a2")},
}
PRINTED_ORDER: dict[str, tuple[str, ...]] = {"Haigis": ("a0", "a1", "a2")}  # a formula printing one: that one
LABEL_LOST = ":"  # what is left of a label OCR lost but for its colon (`:-0,111`)


def printed_form(name: str, token: Token) -> bool:
    """Whether a constant was read in the form the device prints it in (True for a constant of no known form)."""
    form = PRINTED_FORM.get(name)
    return form is None or bool(form.match(canonical(token.text)))


def in_any_printed_form(text: str) -> bool:
    """Whether a text is some constant as the device prints it (`+0,210`, `118,80`)."""
    return any(form.match(canonical(text)) for form in PRINTED_FORM.values())


def named_by_place(formula: str | None, read: Sequence[tuple[str, Token]]) -> dict[str, Token]:
    """The constants a line read, by name, in the order read; a value whose label OCR lost but for its colon
    (`LABEL_LOST`), or garbled into no constant's name (`ait +0,249` for `A1: +0,249`), named as the formula's one
    constant no label read (see the module); else a lost label's value is left out and a garbled one kept as read
    (an unknown constant: review)."""
    as_read = {name: token for name, token in read if name != LABEL_LOST}
    lost = [k for k, (name, _) in enumerate(read) if name not in formulas.KNOWN_CONSTANTS]  # `LABEL_LOST` included
    if len(lost) != 1:
        return as_read
    named = [name for k, (name, _) in enumerate(read) if k != lost[0]]
    order = PRINTED_ORDER.get(formula or "") or tuple(sorted(formulas.CONSTANTS_OF.get(formula or "", ())))
    missing = [name for name in order if name not in named]
    if len(missing) != 1 or len(order) != len(named) + 1:
        return as_read
    name, (_, token) = missing[0], read[lost[0]]
    before = [label for label, _ in read[: lost[0]]]
    if before != list(order[: order.index(name)]) or not printed_form(name, token):
        return as_read
    return {label: value for label, value in [*read[: lost[0]], (name, token), *read[lost[0] + 1 :]]}
