"""One document model for every source: pages of positioned words, grouped into lines."""

from __future__ import annotations

import functools
import itertools
import json
import operator
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from operator import attrgetter, itemgetter
from typing import Literal, TypeVar

PageSource = Literal["text-layer", "ocr", "textract", "export"]
MediaType = str
Box = tuple[float, float, float, float]
_T = TypeVar("_T")
# OCR confidence below which a word with a digit is in doubt: the page pass reads it again alone (`extract.ocr`), and
# a value still below it after that is unsure where no rule can tell a misread digit (`devices.iolmaster500.boxes`).
DOUBTFUL_NUMBER = 0.5


@dataclass(frozen=True, slots=True)
class Word:
    """A run of non-space characters; bbox is (x0, y0, x1, y1) as fractions of the page, origin top-left."""

    text: str
    bbox: tuple[float, float, float, float]
    bold: bool = False
    confidence: float = 1.0

    def __init__(self, text: str, bbox: Box, bold: bool = False, confidence: float = 1.0) -> None:
        # The fields set through their slots: the frozen dataclass's own __init__ calls object.__setattr__ per field,
        # twice as slow (a text layer builds ~5,500 words per document, OCR one per word read).
        _SET_TEXT(self, text)
        _SET_BBOX(self, bbox)
        _SET_BOLD(self, bold)
        _SET_CONFIDENCE(self, confidence)

    @property
    def x_center(self) -> float:
        return (self.bbox[0] + self.bbox[2]) / 2

    @property
    def y_center(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]


_SET_TEXT, _SET_BBOX, _SET_BOLD, _SET_CONFIDENCE = (
    Word.__dict__[name].__set__ for name in ("text", "bbox", "bold", "confidence")
)


@dataclass(frozen=True, slots=True)
class Line:
    """Words that share a baseline, left to right (text and box computed once, on first use)."""

    words: tuple[Word, ...]
    _text: str | None = field(default=None, init=False, repr=False, compare=False)
    _bbox: Box | None = field(default=None, init=False, repr=False, compare=False)

    def __init__(self, words: tuple[Word, ...]) -> None:
        # Through the slots, as `Word` (a parse groups ~30,000 words into lines per document).
        _SET_WORDS(self, words)
        _SET_LINE_TEXT(self, None)
        _SET_LINE_BBOX(self, None)

    @property
    def text(self) -> str:
        if self._text is None:
            object.__setattr__(self, "_text", " ".join([w.text for w in self.words]))
        return self._text  # type: ignore[return-value]

    @property
    def bbox(self) -> Box:
        if self._bbox is None:
            words = self.words
            box = words[0].bbox if len(words) == 1 else union_bbox([w.bbox for w in words])  # a lone word: its box
            object.__setattr__(self, "_bbox", box)
        return self._bbox  # type: ignore[return-value]


_SET_WORDS, _SET_LINE_TEXT, _SET_LINE_BBOX = (Line.__dict__[name].__set__ for name in ("words", "_text", "_bbox"))


@dataclass(slots=True)
class Page:
    """One page: its number (1-based), its size in points, where its words came from, and the words."""

    number: int
    width_pt: float
    height_pt: float
    source: PageSource
    words: list[Word] = field(default_factory=list)
    _lines: list[Line] | None = field(default=None, repr=False, compare=False)
    _text: str | None = field(default=None, repr=False, compare=False)
    _memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def lines(self) -> list[Line]:
        if self._lines is None:
            self._lines = group_lines(self.words)
        return self._lines

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "\n".join(line.text for line in self.lines)
        return self._text

    def memo(self, key: str, compute: Callable[[Page], _T]) -> _T:
        """`compute(self)`, worked out once per page: layout facts that the parse and the inventory both need."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]  # type: ignore[return-value]


@dataclass(slots=True)
class Document:
    """A report as positioned words, whatever it came from (text layer, OCR, Textract)."""

    filename: str
    media_type: MediaType
    sha256: str
    pages: list[Page] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)  # what a container states (DICOM header), never PHI
    _memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: str, compute: Callable[[Document], _T]) -> _T:
        """`compute(self)`, worked out once per document (e.g. the parser that claims it: parse and validate ask)."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]  # type: ignore[return-value]

    @property
    def text_source(self) -> Literal["text-layer", "ocr", "export"]:
        """`export` for device exports, `text-layer` when every page had a text layer, else `ocr`."""
        sources = {p.source for p in self.pages}
        if sources == {"export"}:
            return "export"
        return "text-layer" if sources == {"text-layer"} else "ocr"

    @property
    def text(self) -> str:
        return "\n\f".join(p.text for p in self.pages)

    def to_json(self) -> str:
        pages = [
            {
                "number": p.number,
                "width_pt": p.width_pt,
                "height_pt": p.height_pt,
                "source": p.source,
                "words": [asdict(w) for w in p.words],
            }
            for p in self.pages
        ]
        return json.dumps(
            {
                "filename": self.filename,
                "media_type": self.media_type,
                "sha256": self.sha256,
                "pages": pages,
                "facts": self.facts,
            }
        )

    @classmethod
    def from_json(cls, raw: str | bytes) -> Document:
        data = json.loads(raw)
        pages = [
            Page(
                number=p["number"],
                width_pt=p["width_pt"],
                height_pt=p["height_pt"],
                source=p["source"],
                words=[Word(w["text"], tuple(w["bbox"]), w["bold"], w["confidence"]) for w in p["words"]],
            )
            for p in data["pages"]
        ]
        return cls(data["filename"], data["media_type"], data["sha256"], pages, data.get("facts", {}))


def overlaps_any(word: Word, words: list[Word], share: float = 0.0) -> bool:
    """True when the word's box meets the box of any of the words on more than `share` of the smaller of the two
    (OCR: the same ink read twice; a descender touching the row below is no such thing)."""
    x0, y0, x1, y1 = word.bbox
    area = (x1 - x0) * (y1 - y0)
    for other in words:
        width = min(x1, other.bbox[2]) - max(x0, other.bbox[0])
        height = min(y1, other.bbox[3]) - max(y0, other.bbox[1])
        smaller = min(area, (other.bbox[2] - other.bbox[0]) * (other.bbox[3] - other.bbox[1]))
        if width > 0 and height > 0 and width * height > share * smaller:
            return True
    return False


def left_edge(word: Word) -> float:
    """A word's left edge (page fraction): the key that orders words left to right."""
    return word.bbox[0]


def union_bbox(boxes: Iterable[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    """The smallest box holding every box given."""
    xs0, ys0, xs1, ys1 = zip(*boxes, strict=True)
    return (min(xs0), min(ys0), max(xs1), max(ys1))


def group_lines(words: list[Word]) -> list[Line]:
    """Group words into lines by vertical overlap (not by extraction order), each sorted left to right.

    A word joins a line when its centre lies within the line's first word's height, or vice versa, and the centres
    are close. Containment rather than a fixed tolerance keeps short glyphs (`---`, `-`) on the line of their labels.
    A speck taller than two text lines (no letter or digit: a scan's margin shadow read as `:` or `|`) is a line of
    its own: it would join the lines it spans into one. A line begun by a small mark (`_small_marks`) is measured by
    the first word of type that joins it.
    """
    boxes = list(map(_bbox_of, words))
    lettered = list(map(has_alnum, map(_text_of, words)))
    specks = _tall_specks(lettered, boxes)
    marks = _small_marks(words, lettered, boxes)
    keyed = sorted([((b[1] + b[3]) / 2, b[0], k, b[1], b[3]) for k, b in enumerate(boxes)])
    lines: list[list[tuple[float, int]]] = []
    line: list[tuple[float, int]] = []
    top = bottom = center = height = 0.0
    on_mark = False
    for y, x, k, y0, y1 in keyed:  # runs ~30,000 times a document: no calls in the loop
        tall = height if height > y1 - y0 else y1 - y0
        if specks and k in specks:
            lines.append([(x, k)])
        elif line and (top <= y <= bottom or y0 <= center <= y1) and abs(center - y) <= tall * 0.6:
            line.append((x, k))
            if on_mark and k not in marks:  # a line begun by a mark is measured by its first word
                top, bottom, center, height, on_mark = y0, y1, y, y1 - y0, False
        else:
            line = [(x, k)]
            lines.append(line)
            top, bottom, center, height, on_mark = y0, y1, y, y1 - y0, k in marks
    # Left to right; equal x0 in the order taken (a stable sort by x0 alone).
    return [Line(tuple([words[k] for _, k in sorted(members, key=_first)])) for members in lines]


def _tall_specks(lettered: list[bool], boxes: list[Box]) -> set[int]:
    """The indices of words without a letter or digit more than `SPECK_LINES` times the median word's height."""
    if all(lettered):
        return set()
    heights = sorted([b[3] - b[1] for b in itertools.compress(boxes, lettered)])
    if len(heights) < SPECK_MIN_WORDS:
        return set()
    limit = SPECK_LINES * heights[len(heights) // 2]
    marks = itertools.compress(range(len(boxes)), map(operator.not_, lettered))
    return {k for k in marks if boxes[k][3] - boxes[k][1] > limit}


def _small_marks(words: list[Word], lettered: list[bool], boxes: list[Box]) -> set[int]:
    """The indices of specks that must not measure a line: words without a letter or digit (`|}`), words less than
    `MARK_SHARE` of the median word's height (a speck read as `p`), unless they hold a glyph reports print: a `-` or
    `---` cell, a sign, a colon is type (`_PRINTED_MARKS`); and an icon read as letters, taller than `SPECK_LINES`
    median words and read below `ICON_CONFIDENCE` (`e` at 0.12 beside two rows of an Eyestar photo: it took the next
    row's `K2` onto its line). A line begun by a speck (it lies highest on the line) would take only the words whose
    middle lies within its few pixels, and split one printed line in two; one measured by an icon, the next row's."""
    if len(boxes) < SPECK_MIN_WORDS:
        return set()
    heights = [b[3] - b[1] for b in boxes]
    median = sorted(heights)[len(heights) // 2]
    small, tall = MARK_SHARE * median, SPECK_LINES * median
    marks = {
        k
        for k, (h, typed) in enumerate(zip(heights, lettered, strict=True))
        if (h < small or not typed) and _PRINTED_MARKS.isdisjoint(words[k].text)
    }
    if min(map(_confidence_of, words)) < ICON_CONFIDENCE:  # never on a text layer
        marks.update(k for k, w in enumerate(words) if w.confidence < ICON_CONFIDENCE and heights[k] > tall)
    return marks


@functools.lru_cache(maxsize=65536)
def has_alnum(text: str) -> bool:
    """Whether a text holds a letter or a digit (answered once per text: parsers ask it of every word and line)."""
    return any(ch.isalnum() for ch in text)


_first = itemgetter(0)
_bbox_of = attrgetter("bbox")
_text_of = attrgetter("text")
_confidence_of = attrgetter("confidence")
SPECK_LINES = 2.0  # a word without a letter or digit taller than this many median words spans lines: a speck
ICON_CONFIDENCE = 0.2  # a word read below this confidence and taller than SPECK_LINES median words is an icon
SPECK_MIN_WORDS = 5  # fewer words than this give no median height to compare with
MARK_SHARE = 0.5  # a word under half the median word's height is a mark (a speck), not type
# Glyphs the reports print that OCR boxes flat or without a letter: dashes and nulls (and their misreads `~ _ =`),
# signs, decimal and list punctuation, units and brackets. A word holding one is type, never a speck.
_PRINTED_MARKS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212~_=+.,:;°%/()[]*!'\"<>@#")
