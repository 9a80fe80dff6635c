"""IOLMaster 700 printed precision: a value OCR read without its decimal mark (`4655` for `46,55`) gets it back
only when the field's fixed digits leave one reading; the validator still asks for it to be grounded."""

from __future__ import annotations

import re

from biometry.devices.measurements import Token
from biometry.normalize import plus_read_as_four

_NUMBERS = re.compile(r"(\d+)[.,](\d+)")  # the digits before and after the mark of every number in a word
_MARK_AS_COLON = re.compile(r"^(\d+)[:;](\d+)$")  # `1:3375`: the decimal comma read as a colon
_TABLE_NUMBER_WITHOUT_MARK = re.compile(r"^([+-]?\d{1,2})(\d\d)$")  # `+2250`, `-069`: IOL tables print 2 decimals

# Field -> (digits before the decimal mark, decimals) as the device prints every plausible value of it:
# AL 15..40 mm `23,41`; ACD, LT `3,02`; WTW `11,9`; pupil `4,7`; keratometry 30..60 D `46,55`; index `1,3375`.
PRINTED_DIGITS: dict[str, tuple[int, int]] = {
    "axial_length_mm": (2, 2),
    "acd_mm": (1, 2),
    "lens_thickness_mm": (1, 2),
    "wtw_mm": (2, 1),
    "pupil_mm": (1, 1),
    "mean_k_d": (2, 2),
    "k1_d": (2, 2),
    "k2_d": (2, 2),
    "tk1_d": (2, 2),
    "tk2_d": (2, 2),
    "keratometric_index": (1, 4),
}
# Fields the device prints whole, with this many digits: CCT 350..750 µm `544`.
PRINTED_WHOLE: dict[str, int] = {"cct_um": 3}


def with_decimal_mark(token: Token, field: str) -> Token | None:
    """The token with its lost decimal point put back (`4655` -> `46.55` for K1; `1:3375` -> `1.3375`: a photo's comma
    read as a colon, where the field's digits stand either side of it), or None when it was read with one,
    the field has no fixed digits, or the digit count is not the field's (a digit lost too: never guessed)."""
    digits = PRINTED_DIGITS.get(field)
    if digits is None:
        return None
    misread = _MARK_AS_COLON.match(token.text)
    if misread is not None and (len(misread.group(1)), len(misread.group(2))) == digits:
        return Token(f"{misread.group(1)}.{misread.group(2)}", token.word)
    if not token.text.isdigit() or len(token.text) != sum(digits):
        return None
    return Token(f"{token.text[: digits[0]]}.{token.text[digits[0] :]}", token.word)


def decimals_unprinted(printed: str, field: str) -> bool:
    """Whether a number read for the field shows other digits than the device prints for it (`P: 4,55` for `4,5`,
    `45,006`, `n: 11,3375`: OCR added a digit, or lost one; `7` for a keratometry: a null or a value garbled), a
    reading to set aside, never to accept."""
    digits = PRINTED_DIGITS.get(field)
    if digits is None:
        return False
    shown = [(len(whole), len(fraction)) for whole, fraction in _NUMBERS.findall(printed)]
    return any(form != digits for form in shown) if shown else digits[1] > 0


def table_number(token: Token) -> Token:
    """An IOL table number (power, refraction, emmetropia) that OCR read without its decimal mark (`+2250`, `-069`)
    with the mark put back, or with its `+` read as a 4 (`421,55`: no power has three digits) with the sign put back:
    the device prints every one signed, with two decimals; the table's own rules (even steps, refractions rising as
    power falls, emmetropia between the rows around zero) then check it, and grounding the word it came from."""
    plus = plus_read_as_four(token.text, whole=(2,), decimals=(2,))  # `421,55` for `+21,55`
    if plus:
        return Token(plus, token.word)
    match = _TABLE_NUMBER_WITHOUT_MARK.match(token.text)
    return (
        Token(f"{match.group(1)}.{match.group(2)}", token.word)
        if match and len(token.text.lstrip("+-")) >= 3
        else token
    )
