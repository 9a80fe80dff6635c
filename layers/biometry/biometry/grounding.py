"""Grounding: proof that a value appears in the source document, as a page, a box and the printed text."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable

from biometry.document import Document, Line, Word
from biometry.lens_catalogue import ocr_fold
from biometry.models import Provenance
from biometry.normalize import (
    MAX_AXIS_DEG,
    axis_read_with_letters,
    axis_without_degree_digit,
    axis_without_degree_read_twice,
    canonical,
    ocr_cell_number,
    parse_number,
    plus_read_as_four,
)

_NUMBER_IN_TOKEN = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_OCR_AXIS = re.compile(r"^@?(\d{2,4})$")
_OCR_FOUR_DIGIT_AXIS = re.compile(r"(?:^|@)(\d{3})\d$")  # `1040`, `7.92@1040`: no axis has four digits
_OCR_COLON = re.compile(r"^\d{1,2}[:;]\d{2}(?:\d{2})?$")  # `2:57`, `1:3375`, `1;3375`: two or four decimals
_COLON_AS_MINUS = re.compile(r"^-(\d+(?:[.,]\d+)?)(?:D|mm)$")  # a value with its unit glued on, a minus before it
_PLANO = re.compile(r"^plan[o0]$", re.IGNORECASE)
_GLUED_UNIT = re.compile(r"(?<=\d)(D|mm|µm|um)$")
_GLUED_LABEL = re.compile(r"^[^\W\d_][^\W_]{0,3}:(?=[+-]?\d)")  # `K1:4145D`: a label OCR glued to its value
_OCR_QUOTED_MINUS = re.compile(r"^[“”\"„=~](\d{1,2}[.,]\d{1,2})$")  # `=1.3`, `~0,06`: a minus read as `=` or `~`
_FRAMING = "$|()[]{}°*#_"  # specks OCR sets around a table cell (`$+059`, `(+21,86`), never a sign or a digit
_GLUED_FLAG = re.compile(r"(?<=\S)(?:\(!\)|\(\*\))$")  # `175°(*)`: a flag mark glued to its value
_OCR_DOUBLED_MARK = re.compile(r"^([+-]?\d+)[.,]{2}(\d+)$")  # `+22,.23`: one decimal mark read twice
# `44.94D/751`, `8.16mm/4140D`: a radius `d.dd` or a power `dd.dd D` without its point, glued behind a slash
_AFTER_SLASH = re.compile(r"/(?:(\d{3})(?:mm)?|(\d{4})D)$")


def numbers_in(text: str, *, ocr: bool = False) -> list[float]:
    """Every number printed inside a token (`@95°` -> [95.0], `23,41mm` -> [23.41]).

    On OCR pages also the readings OCR garbles in known ways: the degree sign read as 2 or 9 (`@792` -> 79) or, after
    three digits, as any digit (`1040` -> 104), the decimal point read as a colon (`2:57` -> 2.57, `1:3375` -> 1.3375)
    or twice (`+22,.23` -> 22.23), a minus sign read as a quote (`“1.13` -> -1.13), a plus sign as a 4 (`421,55` ->
    21.55), an axis's 1 read as a letter before its degree sign (`I°` -> 1, `L1°` -> 11).
    """
    return list(_numbers(text, ocr))


@functools.lru_cache(maxsize=16384)
def _numbers(text: str, ocr: bool) -> tuple[float, ...]:
    """`numbers_in`, worked out once per distinct text (a table prints the same values many times)."""
    values = [v for v in (parse_number(m) for m in _NUMBER_IN_TOKEN.findall(canonical(text))) if v is not None]
    if _PLANO.match(text.strip()):
        values.append(0.0)  # `Target ref.: plano`: a refraction of 0 D
    if ocr:
        values += _ocr_readings(_GLUED_FLAG.sub("", text.strip()))  # `1752(*)`: the readings of `1752`
    return tuple(values)


def _ocr_readings(text: str) -> list[float]:
    readings = []
    axis = _OCR_AXIS.match(text)
    without = axis_without_degree_digit(axis.group(1)) if axis else None
    if axis and without is not None and (text.startswith("@") or len(axis.group(1)) == 4):
        readings.append(float(without))
    lettered = axis_read_with_letters(text.removeprefix("@"))  # `I°`, `L1°`, `@I1°`
    if lettered is not None and lettered <= MAX_AXIS_DEG:
        readings.append(float(lettered))
    four = _OCR_FOUR_DIGIT_AXIS.search(text)  # the degree sign read as any digit (EyeSuite settles it by its pages)
    if four and int(four.group(1)) <= MAX_AXIS_DEG:
        readings.append(float(four.group(1)))
    if _OCR_COLON.match(text):
        readings.append(float(text.replace(":", ".").replace(";", ".")))
    quoted = _OCR_QUOTED_MINUS.match(text)
    if quoted:
        readings.append(-float(quoted.group(1).replace(",", ".")))
    # `11,.9mm_`: unit and rule glued on; `K1:41,.45D`: its label too; `LF=2,.04`: a constant's value; `(n=1,.3375)`:
    # the keratometric index in its brackets
    value = _GLUED_LABEL.sub("", text.strip("_")).rpartition("=")[2].rstrip(")]}")
    doubled = _OCR_DOUBLED_MARK.match(_GLUED_UNIT.sub("", value))
    if doubled:
        readings.append(float(f"{doubled.group(1)}.{doubled.group(2)}"))
    plus = plus_read_as_four(text)  # `421,55`, `40,217`: the `+` of `+21,55` read as a 4
    if plus:
        readings.append(float(plus.replace(",", ".")))
    cell = ocr_cell_number(text)  # `-l.l`, `~1.60`, `Q.3`: a Courier table cell's glyphs misread
    if cell is not None:
        readings.append(float(cell))
    return readings


def _point_dropped(text: str, value: float) -> bool:
    """`231` printed as `2.31`, `+2250` as `+22.50`, `-069` as `-0.69`, `13375` as `1.3375`, `25mm` as `2,5 mm`: OCR
    lost the decimal point before the last two digits (lengths, powers, refractions), four (the keratometric index)
    or, in a two-digit word, the last one (the pupil's `d,d`; `231` is no `23,1`), with its label glued on or not
    (`K1:4145D`); a parser puts it back only where the printed digits allow."""
    unlabelled = _GLUED_LABEL.sub("", text.strip())  # `K1:4145D`: the label glued on too
    digits = _GLUED_UNIT.sub("", unlabelled.strip(_FRAMING)).lstrip("+")  # `4141D`: the unit glued on; `$+059`
    unsigned = digits.removeprefix("-")
    if value == 0 or not unsigned.isdigit() or (digits != unsigned) != (value < 0):
        return False
    places = (1, 2, 4) if len(unsigned) == _PUPIL_DIGITS else (2, 4)
    return any(math.isclose(int(unsigned) / 10**shift, abs(value)) for shift in places)


def _slashed_point_dropped(text: str, value: float) -> bool:
    """`44.94D/751` for `44.94 D / 7.51 mm`, `8.16mm/4140D` for `8.16 mm / 41.40 D`: a radius or a power OCR read
    without its point, glued behind the slash of its pair."""
    after = _AFTER_SLASH.search(text)
    return after is not None and math.isclose(int(after.group(1) or after.group(2)) / 100, value)


def _degree_read_as_digit(text: str, value: float) -> bool:
    """`812` printed as `81°`: the parser took this word for an axis and resolved its degree sign by the 90° rule."""
    digits = text.strip().lstrip("@")
    return value in (axis_without_degree_digit(digits), axis_without_degree_read_twice(digits))


def _sign_dropped(text: str, value: float) -> bool:
    """`0,32` printed as `-0,32`: OCR lost the minus (a parser restores it only when the table allows one sign), and
    `111` as `-1,11`, its decimal point too (a table prints two decimals)."""
    unsigned = canonical(text).strip().lstrip('“”"„')
    return value < 0 and unsigned[:1].isdigit() and (-value in numbers_in(text) or _point_dropped(unsigned, -value))


def _colon_as_minus(text: str, value: float) -> bool:
    """`-41,45D` printed as `K1: 41,45 D`: the colon of a label OCR lost, read as a minus glued to the value and its
    unit (a parser takes it so only for an unsigned value whose row the printout's order names); `-4145D`, its
    decimal point lost too (the parser puts it back where the printed digits allow)."""
    glued = _COLON_AS_MINUS.match(canonical(text).strip())
    if glued is None or value <= 0:
        return False
    return parse_number(glued.group(1)) == value or _point_dropped(glued.group(1), value)


def provenance_of(page: int, word: Word) -> Provenance:
    """The provenance record of one word."""
    return Provenance(page=page, bbox=word.bbox, text=word.text)


class GroundingIndex:
    """Looks values up in a document: by the box a parser recorded, or by search when no box is known.

    Only the box lookup is built up front; the number index and the squashed texts are built on first use.
    """

    def __init__(self, document: Document) -> None:
        self._document = document
        self._exact: dict[int, dict[tuple[float, ...], Word]] = {}
        for page in document.pages:
            self._exact.setdefault(page.number, {}).update(zip([w.bbox for w in page.words], page.words, strict=True))
        self._rounded: dict[tuple[int, tuple[float, ...]], Word] | None = None
        self._numbers: dict[float, tuple[int, Word]] | None = None
        self._squashed_lines: list[tuple[int, Line, str]] | None = None
        self._texts: tuple[str, str] | None = None
        self._found_texts: dict[str, Provenance | None] = {}
        self._ocr = document.text_source == "ocr"

    def confirms(self, provenance: Provenance, value: float | str) -> bool:
        """True when the recorded box holds a word that prints this value (text: the document prints it)."""
        if isinstance(value, str):
            text, folded = self._squashed_texts()
            return _squash(value) in text or ocr_fold(value) in folded
        word = self._word_at(provenance) or self._split_word_at(provenance)
        if word is None:
            return False
        if value in _numbers(word.text, self._ocr):
            return True
        text = word.text
        dropped = _point_dropped(text, value) or _slashed_point_dropped(text, value)
        return self._ocr and (
            dropped or _degree_read_as_digit(text, value) or _sign_dropped(text, value) or _colon_as_minus(text, value)
        )

    def _word_at(self, provenance: Provenance) -> Word | None:
        """The word at the recorded page and box (boxes compared to 4 decimals)."""
        word = self._exact.get(provenance.page, {}).get(tuple(provenance.bbox))
        if word is not None:
            return word
        if self._rounded is None:
            self._rounded = {(page, _key(bbox)): w for page, words in self._exact.items() for bbox, w in words.items()}
        return self._rounded.get((provenance.page, _key(provenance.bbox)))

    def _split_word_at(self, provenance: Provenance) -> Word | None:
        """On OCR pages, a number OCR split in words (`+22 21`: its decimal mark read as a space; `+21 (55`: as a speck
        framing a part) that a parser joined: the words inside the recorded box, left to right, without the specks
        framing each, as one word."""
        if not self._ocr:
            return None
        inside = sorted(
            (w for w in self._exact.get(provenance.page, {}).values() if _within(w.bbox, provenance.bbox)),
            key=lambda w: w.bbox[0],
        )
        text = "".join(w.text.strip(_FRAMING) for w in inside)
        if not _SPLIT_PARTS[0] <= len(inside) <= _SPLIT_PARTS[1] or not _SPLIT_NUMBER.match(text):
            return None
        return Word(text, provenance.bbox, confidence=min(w.confidence for w in inside))

    def _by_number(self) -> dict[float, tuple[int, Word]]:
        if self._numbers is None:
            self._numbers = {}
            for page in self._document.pages:
                for word in page.words:
                    for number in numbers_in(word.text, ocr=page.source != "text-layer"):
                        self._numbers.setdefault(number, (page.number, word))
        return self._numbers

    def _squashed_texts(self) -> tuple[str, str]:
        """The document text squashed, and (on OCR pages) folded; worked out on first use."""
        if self._texts is None:
            text = _squash(self._document.text)
            self._texts = (text, ocr_fold(self._document.text) if self._ocr else text)
        return self._texts

    def find(self, value: float | str) -> Provenance | None:
        """Where the value is printed, or None when it is printed nowhere."""
        if isinstance(value, str):
            if value not in self._found_texts:
                self._found_texts[value] = self._find_text(value)
            return self._found_texts[value]
        hit = self._by_number().get(float(value))
        return None if hit is None else provenance_of(*hit)

    def _find_text(self, value: str) -> Provenance | None:
        """The first line that prints the text (a lens name is looked up once per document, not once per box)."""
        wanted = self._fold(value)
        for page, line, squashed in self._lines():
            if wanted in squashed:
                return Provenance(page=page, bbox=line.bbox, text=line.text)
        return None

    def _lines(self) -> list[tuple[int, Line, str]]:
        if self._squashed_lines is None:
            self._squashed_lines = [
                (page.number, line, self._fold(line.text)) for page in self._document.pages for line in page.lines
            ]
        return self._squashed_lines

    def _fold(self, text: str) -> str:
        """Text as compared for grounding: squashed; on OCR pages also with 0/O and 1/l/I folded together."""
        return ocr_fold(text) if self._ocr else _squash(text)

    def mean_confidence(self, provenances: Iterable[Provenance]) -> float:
        """Mean recognition confidence of the words the values came from (1.0 for a text layer)."""
        if all(word.confidence == 1.0 for page in self._document.pages for word in page.words):
            return 1.0  # the mean of ones, or the default when no word is found
        scores = [word.confidence for p in provenances if (word := self._word_at(p)) is not None]
        return sum(scores) / len(scores) if scores else 1.0


_EDGE = 1e-4  # a box compared to 4 decimals
_PUPIL_DIGITS = 2  # the pupil prints one digit and one decimal (`2,5 mm`)
_SPLIT_PARTS = (2, 3)  # the words a number OCR split may come in
# what they print joined: digits, marks, a sign, a unit, and specks or a rule framing the cell (`#22 24` for `+22,24`,
# `+21 86_`)
_SPLIT_NUMBER = re.compile(rf"^[{re.escape(_FRAMING)}]*[+-]?\d[\d.,]*(?:D|mm)?[{re.escape(_FRAMING)}]*$")


def _within(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    return all(inner[k] >= outer[k] - _EDGE for k in (0, 1)) and all(inner[k] <= outer[k] + _EDGE for k in (2, 3))


def _key(bbox: Iterable[float]) -> tuple[float, ...]:
    return tuple(round(v, 4) for v in bbox)


def _squash(text: str) -> str:
    return " ".join(canonical(text).lower().split())
