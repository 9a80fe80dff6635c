"""Normalisers shared by every parser: glyph variants, numbers with either decimal mark, dashes as missing, dates."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date

# Glyphs that stand for Δ in extracted text: pdfium's unmapped glyph, pdfminer's cid, the increment sign.
_DELTA_VARIANTS = ("(cid:706)", "\u02c2", "\u2206", "\u25b3")
_GLYPH_MAP = str.maketrans(
    {
        "\u03bc": "\u00b5",  # Greek mu -> micro sign
        "\u00ba": "\u00b0",  # masculine ordinal -> degree
        "\u02da": "\u00b0",  # ring above -> degree
        "\u2212": "-",  # minus sign
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u00a0": " ",
    }
)
# OCR reads the Δ of `ΔK:`/`ΔTK:` as a capital A (or 4, or <).
_OCR_DELTA_LABEL = re.compile(r"^(?:A|4|<|\u00c4)(T?K:)$")
# OCR reads the digit 1 of `K1:`/`TK1:` as l or I.
_OCR_K1_LABEL = re.compile(r"^(T?K)[lI|](:)$")
# OCR reads the K of `K1:`/`K2:` as a guillemet on a photo (`«1:41,45D`, held-out seed 209), glued value or not.
_OCR_K_AS_GUILLEMET = re.compile(r"^(T?)«(?=[12]:)")

MISSING_MARKERS = frozenset({"---", "--", "----", "-.--", "--.--", "-,--", "--,--"})
_OCR_DASHES = re.compile(r"[-=~_—–]{2,5}")  # `---` as OCR reads it: `==`, `-—-`, `~~`
_NUMBER = re.compile(r"^([+-]?)(\d{1,4})(?:[.,](\d{1,4}))?$")
_DATE = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")
# A Courier table cell as OCR garbles it: a minus read as a quote, `=`, `~` or a dash; a 1 as l, L, I or |; a 0 as O
# or Q (`-l.l`, `~1.60`, `Q.3`, `L7.5`).
_OCR_CELL_NUMBER = re.compile(r"^([-~\u2014\u2013\u201c\u201d\u201e\"=]?)([0-9lLI|OoQ]{1,2}\.[0-9lI|OoQ]{1,2})$")
_OCR_DIGIT_GLYPHS = str.maketrans("lLI|OoQ", "1111000")
MAX_AXIS_DEG = 180  # axes are printed 0..180°
# `I°`, `L1°`, `I1°`: a serif 1 read as a letter; `8S°`: a 5 read as S (a photo, held-out seed 212)
_AXIS_READ_WITH_LETTERS = re.compile(r"^([0-9lLI|OoS]{1,3})°$")
_AXIS_DIGIT_GLYPHS = _OCR_DIGIT_GLYPHS | str.maketrans("S", "5")  # a cell's glyphs, and an axis's 5 read as S


@functools.lru_cache(maxsize=65536)
def canonical(text: str) -> str:
    """One spelling for every glyph variant: Δ, µ, °, minus; NFC; unmapped Δ glyphs become Δ."""
    text = unicodedata.normalize("NFC", text).translate(_GLYPH_MAP)
    for variant in _DELTA_VARIANTS:
        text = text.replace(variant, "\u0394")
    return text


def canonical_label(token: str) -> str:
    """A label token as the parsers spell it: `˂K:` and OCR's `AK:` both become `ΔK:`, OCR's `«1:` `K1:`."""
    token = _OCR_K_AS_GUILLEMET.sub(r"\1K", canonical(token))
    match = _OCR_DELTA_LABEL.match(token)
    if match:
        return f"\u0394{match.group(1)}"
    return _OCR_K1_LABEL.sub(r"\g<1>1\2", token)


def is_missing(token: str) -> bool:
    """True for the dashes a report prints instead of a value that was not measured."""
    text = canonical(token).strip()
    return text in MISSING_MARKERS or bool(_OCR_DASHES.fullmatch(text))


@functools.lru_cache(maxsize=65536)  # pure; a parse asks ~15,000 times, mostly for the same few hundred words
def parse_number(token: str) -> float | None:
    """`+21,50` -> 21.5, `23.41` -> 23.41, `-2,10` -> -2.1; anything that is not one plain number -> None.

    A decimal comma is accepted only inside a number (digits on both sides); thousands separators are not a thing
    on biometry reports, so `1,234` is read as 1.234 — range checks catch the rest.
    """
    match = _NUMBER.match(canonical(token).strip())
    if match is None:
        return None
    sign, whole, fraction = match.groups()
    value = float(f"{whole}.{fraction}" if fraction else whole)
    return -value if sign == "-" else value


def ocr_cell_number(text: str) -> str | None:
    """A table cell's number as OCR garbled it, spelled as printed: `-l.l` -> `-1.1`, `~1.60` -> `-1.60`, `Q.3` ->
    `0.3`, `L7.5` -> `17.5`; None for text that is no such garble (a number spelled right included)."""
    match = _OCR_CELL_NUMBER.match(text.strip())
    if match is None:
        return None
    fixed = ("-" if match.group(1) else "") + match.group(2).translate(_OCR_DIGIT_GLYPHS)
    return fixed if fixed != text.strip() else None


def ocr_axis(digits: str) -> str:
    """OCR reads the degree sign as `2` or `9` (`@79°` -> `@792`): strip it when only that gives an axis 0..180."""
    without = axis_without_degree_digit(digits)
    return str(without) if without is not None and len(digits) >= 3 and int(digits) > MAX_AXIS_DEG else digits


def axis_read_with_letters(text: str) -> int | None:
    """The axis an `dd°` OCR read with a 1 as a letter, a 0 as O or a 5 as S spells in digits (`I°` -> 1, `L1°` -> 11,
    `8S°` -> 85), or None for an axis read in digits or any other text; the caller judges its range."""
    match = _AXIS_READ_WITH_LETTERS.match(text)
    if match is None or match.group(1).isdigit():
        return None
    return int(match.group(1).translate(_AXIS_DIGIT_GLYPHS))


def axis_without_degree_digit(digits: str) -> int | None:
    """The axis `digits` stand for if their last digit is the degree sign read as `2` or `9` (`162` -> 16), or None."""
    if len(digits) < 2 or not digits.isdigit() or digits[-1] not in "29" or int(digits[:-1]) > MAX_AXIS_DEG:
        return None
    return int(digits[:-1])


def axis_without_degree_read_twice(digits: str) -> int | None:
    """The axis `digits` stand for if their last two are the degree sign read twice, as a 9 and again as a 2
    (`1192` for `11°`: the same print read `11°2` on other pages), or None."""
    if len(digits) < 3 or not digits.isdigit() or not digits.endswith("92") or int(digits[:-2]) > MAX_AXIS_DEG:
        return None
    return int(digits[:-2])


def decimals(token: str) -> int:
    """How many decimals a printed number shows (for rounding-aware comparisons)."""
    match = _NUMBER.match(canonical(token).strip())
    return len(match.group(3) or "") if match else 0


def parse_date(token: str, day_first: bool | None) -> date | None:
    """A printed date; `day_first=None` means the order is unknown and only an unambiguous date is read."""
    match = _DATE.match(token.strip())
    if match is None:
        return None
    a, b, c = (int(g) for g in match.groups())
    if a > 31:  # ISO: YYYY-MM-DD
        return _safe_date(a, b, c)
    year = c + 2000 if c < 100 else c
    if day_first is None:
        if a > 12 >= b:
            day_first = True
        elif b > 12 >= a:
            day_first = False
        elif a == b:
            day_first = True
        else:
            return None
    return _safe_date(year, b, a) if day_first else _safe_date(year, a, b)


_DOUBLED_MARK = re.compile(r"(?<=\d)[.,]{2}(?=\d)")


def with_one_decimal_mark(text: str) -> str:
    """`2,.04` -> `2.04`: one decimal mark OCR read twice (a rescan's small type); other text as it is."""
    return _DOUBLED_MARK.sub(".", text)


_PLUS_AS_FOUR = re.compile(r"^4(\d{1,2})([.,])(\d{2,3})$")


def plus_read_as_four(text: str, *, whole: tuple[int, ...] = (1, 2), decimals: tuple[int, ...] = (2, 3)) -> str | None:
    """A signed number whose `+` OCR read as a 4 (`421,55` for `+21,55`, `40,217` for `+0,217`), its sign put back,
    when it has `whole` digits before its mark and `decimals` after; None for anything else."""
    match = _PLUS_AS_FOUR.match(text)
    if match is None or len(match[1]) not in whole or len(match[3]) not in decimals:
        return None
    return f"+{match[1]}{match[2]}{match[3]}"


# Month abbreviations as the devices' UI languages print them (en, de, pt, es, fr), case-folded, without the dot.
_MONTH_NUMBERS = {
    **dict.fromkeys(("jan", "ene", "janv"), 1),
    **dict.fromkeys(("feb", "fev", "fév", "févr"), 2),
    **dict.fromkeys(("mar", "mär", "mars"), 3),
    **dict.fromkeys(("apr", "abr", "avr"), 4),
    **dict.fromkeys(("may", "mai", "mayo"), 5),
    **dict.fromkeys(("jun", "juin"), 6),
    **dict.fromkeys(("jul", "juil", "juillet"), 7),
    **dict.fromkeys(("aug", "ago", "août"), 8),
    **dict.fromkeys(("sep", "set", "sept"), 9),
    **dict.fromkeys(("oct", "okt", "out"), 10),
    **dict.fromkeys(("nov",), 11),
    **dict.fromkeys(("dec", "dez", "dic", "déc"), 12),
}
_MONTH_DATE = re.compile(
    r"^(?:(?P<month>[^\W\d_]{3,})\.?\s+(?P<day>\d{1,2})[.,]?|(?P<day2>\d{1,2})\.?\s+(?P<month2>[^\W\d_]{3,})\.?,?)"
    r"\s+(?P<year>\d{4})$"
)


def parse_month_date(text: str) -> date | None:
    """A date printed with a month name (`Sep 27, 2024`, `27. Sep. 2024`, `27 set 2024`); None for anything else."""
    match = _MONTH_DATE.match(text.strip())
    if match is None:
        return None
    name = (match["month"] or match["month2"]).casefold()
    month = _MONTH_NUMBERS.get(name) or _MONTH_NUMBERS.get(name[:3])
    day = int(match["day"] or match["day2"])
    return _safe_date(int(match["year"]), month, day) if month else None


def date_order_hint(tokens: list[str]) -> bool | None:
    """Whether the dates in a document are day-first, judged from the dates that can only be read one way and read
    as a real date that way (`25/04/2024`; not `31/02/2024` nor `45/04/2024`). Every such date must agree: one that
    disagrees was misread (OCR reading a `10` as `18` turns `10/11/2024` into a day-first date), and then no order is
    told (None), as without any."""
    orders: set[bool] = set()
    for token in tokens:
        match = _DATE.match(token.strip())
        if match is None:
            continue
        a, b, c = (int(g) for g in match.groups())
        year = c + 2000 if c < 100 else c
        if a > 12 >= b and _safe_date(year, b, a):
            orders.add(True)
        elif b > 12 >= a and _safe_date(year, a, b):
            orders.add(False)
    return orders.pop() if len(orders) == 1 else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
