"""Layout helpers shared by printout parsers: page regions, eye labels by size and position, column splits."""

from __future__ import annotations

import functools
import itertools
import math
import re
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from biometry.document import Line, Page, Word, group_lines, union_bbox
from biometry.models import EyeSide

_EYE_LABEL = re.compile(r"^(?:(OD)+[Dd]?|(OS)+[Ss]?)$")  # OCR doubles a last letter: `OSs`

_UNITS = frozenset({"mm", "µm", "μm", "um", "dpt"})  # repeat within one eye's line (`D` is one letter: skipped too)
_VALUE_START = re.compile(r"^[+-]?[\d.,]")  # a value, its unit glued on or not: `41,98D`, `+0,25D`
REPEAT_MARGIN = 0.01  # of the page width: the right copy's first word starts this far right of the split
LARGE_LABEL_SHARE = 1.6  # a label this many times the median word height is large type (body text: ~1.0)
MIN_LABEL_CONFIDENCE = 0.5  # OCR reads specks in a smudge as `os` with a confidence of ~0.2; labels read at ~0.7+
_SPECKS = "‘’'\"`.,:;|"  # specks OCR glues to a label's ends


@dataclass(frozen=True, slots=True)
class Region:
    """A horizontal band of a page, [x0, x1) as page fractions."""

    x0: float
    x1: float

    def holds(self, word: Word) -> bool:
        return self.x0 <= (word.bbox[0] + word.bbox[2]) / 2 < self.x1  # `word.x_center`, without the property call


NAME_GAP = 2.0  # characters (the words' median advance): a gap this wide holds a lost word (one space: ~0.5)
LEFT_HALF = Region(0.0, 0.5)
RIGHT_HALF = Region(0.5, 1.01)


def lines_in(words: Iterable[Word], region: Region | None = None, *, y0: float = 0.0, y1: float = 1.01) -> list[Line]:
    """The lines formed by the words inside a region and a vertical band."""
    x0, x1 = (region.x0, region.x1) if region is not None else (-math.inf, math.inf)
    return group_lines(  # `b` is each word's box, looked up once (this filters ~20,000 words a document)
        [w for w in words if x0 <= ((b := w.bbox)[0] + b[2]) / 2 < x1 and y0 <= (b[1] + b[3]) / 2 < y1]
    )


def eye_label(words: Sequence[Word]) -> tuple[EyeSide, Word] | None:
    """The eye named by the largest `OD`/`OS` label among the words (overprinted `OSOSOS` counts as `OS`)."""
    candidates = [
        w for w in _with_spaced_labels(words) if _may_name_eye(w.text) and w.confidence >= MIN_LABEL_CONFIDENCE
    ]
    if not candidates:
        return None
    labels = []
    body = statistics.median([w.bbox[3] - w.bbox[1] for w in words])  # `height`, inline: every word of a page
    for word in candidates:
        large = word.height >= LARGE_LABEL_SHARE * body  # `os` and `OS` differ only in size: large type has no case
        match = _EYE_LABEL.match(_label_text(word.text).upper() if large else _label_text(word.text))
        if match:
            labels.append(("OD" if match.group(1) else "OS", word))
    if not labels:
        return None
    side, word = max(labels, key=lambda item: item[1].height)
    rivals = {s for s, w in labels if w.height >= 0.9 * word.height}
    if len(rivals) > 1:
        return None
    return side, word  # type: ignore[return-value]


@functools.lru_cache(maxsize=16384)
def _may_name_eye(text: str) -> bool:
    """Whether a word may be an eye label: an `O` or `o` first, specks aside (`OD`, `os`, `‘OS`)."""
    return _label_text(text)[:1] in ("O", "o")


def _label_text(text: str) -> str:
    """A label word without the specks OCR glues to its ends (`‘OS`, `OD.`)."""
    return text.strip().strip(_SPECKS)


def _with_spaced_labels(words: Sequence[Word]) -> list[Word]:
    """Add `OS` for a big letter-spaced label that OCR reads as two words `O` `S` side by side: each `O` joined with
    the `D` or `S` just right of it on its line (a half's unit `D`s lie between its letters in x order alone)."""
    joined = list(words)
    seconds = [w for w in words if w.text in ("D", "S")]
    for first in (w for w in words if w.text == "O"):
        beside = [second for second in seconds if _spaced_after(first, second)]
        if beside:
            second = min(beside, key=lambda w: w.bbox[0])
            joined.append(
                Word(
                    "O" + second.text,
                    union_bbox([first.bbox, second.bbox]),
                    first.bold,
                    min(first.confidence, second.confidence),
                )
            )
    return joined


def _spaced_after(first: Word, second: Word) -> bool:
    """Whether `second` starts within a letter's height right of `first`'s end, on its line."""
    return (
        0 <= second.bbox[0] - first.bbox[2] < first.height
        and abs(first.y_center - second.y_center) < 0.3 * first.height
    )


def split_columns(anchors: Sequence[Word], words: Sequence[Word], region: Region) -> list[Region]:
    """Split a region into columns, one per x-cluster of anchor words (e.g. formula captions).

    Each boundary is the middle of the widest strip between two clusters that no word crosses, so a column
    boundary never cuts through a printed value.
    """
    centers = _cluster_centers(sorted(a.x_center for a in anchors))
    edges = [region.x0, *(_free_middle(a, b, words) for a, b in itertools.pairwise(centers)), region.x1]
    return [Region(a, b) for a, b in itertools.pairwise(edges)]


def repeat_halves(words: Sequence[Word]) -> tuple[Region, Region] | None:
    """Left and right copy of a block printed twice side by side (OD | OS), split by the block's own geometry: the
    page left of the split is the left copy's (`repeat_copies`). None without repeats (one copy)."""
    copies = repeat_copies(words)
    return None if copies is None else (Region(0.0, copies[1].x0), copies[1])


def repeat_copies(words: Sequence[Word]) -> tuple[Region, Region] | None:
    """The two copies of a block printed twice side by side (OD | OS), from the block's own geometry.

    Words printed exactly twice on a line (`AL:`, `Fácico`, a caption, a lens name) give the offset between the
    copies; the left copy starts at its leftmost word with a counterpart one offset to the right (an OCR speck in the
    margin, a glyph of the copyright printed up it, has none), the right copy that offset further right. None
    without repeats (one copy).
    """
    return repeat_copies_in(group_lines(list(words)))


def repeat_copies_in(lines: list[Line]) -> tuple[Region, Region] | None:
    """`repeat_copies` of words already grouped into lines."""
    offsets = []
    for line in lines:
        seen: dict[str, list[float]] = {}
        for word in line.words:
            if _pairs_copies(word.text):
                seen.setdefault(word.text, []).append(word.bbox[0])
        offsets += [xs[1] - xs[0] for xs in seen.values() if len(xs) == 2]
    if not offsets:
        return None
    offset = statistics.median(offsets)
    left = _left_edge_with_counterpart(lines, offset) - REPEAT_MARGIN
    return Region(left, left + offset), Region(left + offset, 1.01)


@functools.lru_cache(maxsize=16384)
def _pairs_copies(text: str) -> bool:
    """Whether a word may pair the two copies: two or more characters, a letter among them, not a unit, and no value
    with its unit glued on (`41,98D`) or a unit with a mark (`D@`): one eye prints a value twice on a line (SE and K1
    of an eye without astigmatism), so a single-eye page would be split in two by its own values."""
    letters = "".join(ch for ch in text if ch.isalpha())
    value_or_unit = _VALUE_START.match(text) is not None or letters in _UNITS or letters == "D"
    return len(text) >= 2 and bool(letters) and not value_or_unit


def _left_edge_with_counterpart(lines: list[Line], offset: float) -> float:
    """The leftmost x0 of a word that has some word starting `offset` to its right on the same line."""
    edges = [edge for line in lines if (edge := _first_with_counterpart(line, offset)) is not None]
    return min(edges, default=min(w.bbox[0] for line in lines for w in line.words))


def _first_with_counterpart(line: Line, offset: float) -> float | None:
    """The smallest x0 on the line with some x0 within `REPEAT_MARGIN` of it plus `offset` (found by bisection in the
    sorted starts, each candidate checked exactly)."""
    starts = sorted(w.bbox[0] for w in line.words)
    slack = REPEAT_MARGIN + 1e-9  # wider than the test: float rounding cannot hide a candidate
    for x in starts:
        first, last = bisect_left(starts, x + offset - slack), bisect_right(starts, x + offset + slack)
        if any(abs(other - x - offset) <= REPEAT_MARGIN for other in starts[first:last]):
            return x
    return None


def _cluster_centers(xs: list[float], gap: float = 0.08) -> list[float]:
    clusters: list[list[float]] = []
    for x in xs:
        if clusters and x - clusters[-1][-1] < gap:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [sum(c) / len(c) for c in clusters]


def _free_middle(left: float, right: float, words: Sequence[Word]) -> float:
    """The middle of the widest x-interval in (left, right) that no word overlaps; the midpoint if none is free."""
    spans = sorted(
        (max(w.bbox[0], left), min(w.bbox[2], right)) for w in words if w.bbox[2] > left and w.bbox[0] < right
    )
    best, best_width, cursor = (left + right) / 2, 0.0, left
    for x0, x1 in spans:
        if x0 - cursor > best_width:
            best, best_width = (cursor + x0) / 2, x0 - cursor
        cursor = max(cursor, x1)
    if right - cursor > best_width:
        best = (cursor + right) / 2
    return best


def page_words(page: Page) -> list[Word]:
    """A page's words (a seam for parsers that want to filter margins)."""
    return page.words


def room_for_a_word(words: Sequence[Word], start: float | None = None) -> bool:
    """Whether a name's words, left to right, leave room for a word OCR lost: a gap between two of them wider than
    NAME_GAP characters (`advance`), or a first word starting that far right of `start`, where the name's column
    begins: `on` stands lower than `AcrySof`, but is as wide a character."""
    if not words:
        return False
    ends = [word.bbox[2] for word in words[:-1]]
    starts = [word.bbox[0] for word in words[1:]]
    if start is not None:
        ends, starts = [start, *ends], [words[0].bbox[0], *starts]
    room = NAME_GAP * advance(words)
    return any(left - end > room for end, left in zip(ends, starts, strict=True))


def advance(words: Sequence[Word]) -> float:
    """The words' median advance: a word's width over its characters (OCR boxes a word by its ink, so its height
    says less of its type than its width does)."""
    return statistics.median((word.bbox[2] - word.bbox[0]) / max(len(word.text), 1) for word in words)
