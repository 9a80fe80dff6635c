"""Label/value reading shared by printout parsers: a labelled line segment becomes values with provenance."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from biometry.document import Word, union_bbox
from biometry.normalize import canonical, canonical_label, decimals, is_missing, ocr_axis, parse_number

FLAG_MARKS = {"(!)": "borderline", "!": "borderline", "(*)": "edited", "*": "edited"}
_LABEL_GLUED = re.compile(r"^([A-Za-zΔ][A-Za-z0-9Δ.]{0,5}:)(.+)$")
_OCR_AT = re.compile(r"^888(\d{1,3}°?)$")
# A printed unit (lower case) -> the unit: OCR reads the micro sign of `µm` as `u`, `y`, `yu`, `p` or `py` (a 150-dpi
# rescan's `554pym`, held-out seed 223).
UNIT_SPELLINGS = {"mm": "mm", "d": "D", "µm": "µm", "um": "µm", "yum": "µm", "ym": "µm", "pm": "µm", "pym": "µm"}
# `44,06D`, `554um`, `554yum`; `41,.45D`: the decimal mark read twice (a device's own rules say whether that is a value)
_UNIT_GLUED = re.compile(r"^([+-]?\d{1,4}(?:[.,]{1,2}\d{1,4})?)(D|mm|µm|um|yum|ym|pm|pym)$")
# `544m`: a whole number of micrometres with the micro sign lost and the unit glued (the printed `mm` values all carry
# decimals, so a whole number before a lone `m` is never millimetres)
_MICRO_SIGN_LOST = re.compile(r"^(\d{1,4})m$")
_OCR_TRAILING_DOT = re.compile(r"(?<=\d[.,]\d\d)[.,]$")  # `0,21.`: a speck after a number read as a point
_FLAG_GLUED = re.compile(r"^(.+?)(\(!\)|\(\*\))$")  # `104°(*)`: a flag mark glued to its value
_EDGE_AFTER_DEGREE = re.compile(r"(?<=°)[}\]|)]$")  # `@100°}`: a photo's box edge read after an axis
_AXIS = re.compile(r'^@?\s*(\d{1,4})\s*[°"”]?$')  # after `@`, the degree sign also as OCR reads it: `@100"`
_OCR_SEMICOLON_LABEL = re.compile(r"^([A-ZΔ][A-Za-z0-9Δ]{0,4}):?;")  # `P;`, `TK1:;`, `AL;23,41`: the colon as `;`


@dataclass(frozen=True, slots=True)
class Token:
    """One printed token with the word it came from (its provenance)."""

    text: str
    word: Word

    def __init__(self, text: str, word: Word) -> None:
        # Through the slots, as `Word`: a parse builds tens of thousands of tokens per document.
        _SET_TOKEN_TEXT(self, text)
        _SET_TOKEN_WORD(self, word)

    @property
    def number(self) -> float | None:
        return parse_number(self.text)


_SET_TOKEN_TEXT, _SET_TOKEN_WORD = (Token.__dict__[name].__set__ for name in ("text", "word"))


@dataclass(slots=True)
class Reading:
    """What one label says: its main value, the unit after it, an axis, a radius and quality flags."""

    label: str
    value: Token | None = None
    unit: str | None = None
    radius: Token | None = None
    axis: Token | None = None
    missing: bool = False
    flags: list[str] = field(default_factory=list)
    expect_axis: bool = False
    skip_sd: bool = False


def tokens_of(words: Iterable[Word]) -> list[Token]:
    """Split words into tokens: glued labels (`AL:23,41`), axes (`@95°`), flags (`104°(*)`), OCR's `888` for `@`.

    A point after a number's two decimals is a speck (`0,21.`).
    """
    return [Token(text, word) for word in words for text in _token_texts(word.text)]


def token_texts(words: Iterable[str]) -> list[str]:
    """The texts of the tokens of words given by their texts (`tokens_of` without the words)."""
    return [text for word in words for text in _token_texts(word)]


@functools.lru_cache(maxsize=65536)
def _token_texts(word: str) -> tuple[str, ...]:
    """The token texts of one word's text (pure, so a printout's repeated words are split once)."""
    text = _EDGE_AFTER_DEGREE.sub("", _OCR_TRAILING_DOT.sub("", label_spelling(word.strip())))
    flagged = _FLAG_GLUED.match(text)
    if flagged:
        return (*_token_texts(flagged.group(1)), flagged.group(2))
    glued = _LABEL_GLUED.match(text)
    at = _OCR_AT.match(text)
    unit = _UNIT_GLUED.match(text)
    if glued and (parse_number(glued.group(2).strip()) is not None or _UNIT_GLUED.match(glued.group(2))):
        return (canonical_label(glued.group(1)), *_token_texts(glued.group(2)))  # `K1:41,45D`: label, value, unit
    if unit:
        return (unit.group(1), unit.group(2))
    if micro := _MICRO_SIGN_LOST.match(text):
        return (micro.group(1), "µm")
    if at:
        return ("@", at.group(1))
    if text.startswith("@") and len(text) > 1:
        return ("@", text[1:])
    return (text,) if text else ()


@functools.lru_cache(maxsize=65536)  # pure; the parse and the inventory spell every word of a page
def label_spelling(word: str) -> str:
    """A word as the label vocabulary spells it: glyph variants, OCR's `AK:` (`ΔK:`), `Kl:` (`K1:`), `P;` (`P:`)."""
    return canonical_label(_OCR_SEMICOLON_LABEL.sub(r"\1:", canonical(word)))


def read_labels(tokens: Sequence[Token], labels: frozenset[str]) -> list[Reading]:
    """Each known label reads the tokens after it up to the next known label (lines can merge across blocks)."""
    readings: list[Reading] = []
    for token in tokens:
        if token.text in labels:
            readings.append(Reading(label=token.text))
        elif readings:
            _consume(readings[-1], token)
    return readings


def _consume(reading: Reading, token: Token) -> None:
    text = token.text
    if reading.skip_sd:
        reading.skip_sd = token.number is None and text != "---"
        return
    if text == "SD:":
        reading.skip_sd = True
    elif text in FLAG_MARKS or set(text) == {"!"}:
        reading.flags.append(FLAG_MARKS.get(text, "borderline"))
    elif is_missing(text) and reading.value is None:
        reading.missing = True
    elif text == "@":
        reading.expect_axis = True
    elif (reading.expect_axis or text.endswith("°")) and _AXIS.match(text) and reading.axis is None:
        reading.axis = Token(ocr_axis(_AXIS.match(text).group(1)), token.word)  # type: ignore[union-attr]
        reading.expect_axis = False
    elif token.number is not None:
        _consume_number(reading, token)
    elif reading.value is not None and reading.unit is None and text.lower() in UNIT_SPELLINGS:
        reading.unit = UNIT_SPELLINGS[text.lower()]


def _consume_number(reading: Reading, token: Token) -> None:
    if reading.value is None and not reading.missing:
        reading.value = token
    elif reading.radius is None and reading.axis is None and reading.value is not None:
        reading.radius = token


def is_signed(token: Token) -> bool:
    """Whether a number is read with its sign (`+0,217`, `-0,25`, a typographic minus too)."""
    return canonical(token.text).startswith(("+", "-"))


def joined(parts: list[Token]) -> Token:
    """Number tokens OCR split apart as one token, from one word that spans them (grounding finds the parts in it)."""
    words = [t.word for t in parts]
    box = union_bbox([w.bbox for w in words])
    return Token("".join(t.text for t in parts), Word(" ".join(w.text for w in words), box, confidence=min(
        w.confidence for w in words)))  # fmt: skip


def split_at_mark(tokens: Sequence[Token], printed_decimals: int) -> Token | None:
    """A number OCR split after its decimal mark (`+0, 00D`, `-1. 00`) as one number where its parts give the decimals
    the device prints, else an empty token (unread: never its decimals alone, `00`, as the value); None where no
    number of the tokens is split so. Grounding finds the parts in the words they came from."""
    for first, second in itertools.pairwise(tokens):
        if _ENDS_IN_MARK.match(first.text) and second.text.isdigit():
            whole = joined([first, second])
            return whole if decimals(whole.text) == printed_decimals else Token("", first.word)
    return None


_ENDS_IN_MARK = re.compile(r"^[+-]?\d+[.,]$")  # `+0,`: a number whose decimals OCR set apart
