"""IOLMaster 500 page layout: the eye blocks of a page — OD left of OS, or OD above OS — found by geometry.

Most pages print the eyes side by side (the measurement tables, the AL pages, the IOL pages); the white-to-white
page stacks them, each block beside its photo. A page's blocks are the two halves of the page unless every labelled
value lies in one half and the half parts in two (its first label repeats lower down; on the white-to-white page a
wide gap between its lines): then the blocks are the upper and lower part. A block is named by its own `OD`/`OS` (or
`right`/`left`) label, or else by its place (left or top = OD); a label that contradicts the place sends the page to
review.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from biometry.devices.collect import EyeCollector
from biometry.devices.iolmaster500 import prints_the_footer
from biometry.devices.iolmaster500.boxes import emmetropia_words
from biometry.devices.layout import MIN_LABEL_CONFIDENCE
from biometry.document import Page, Word, group_lines
from biometry.models import EyeSide
from biometry.normalize import is_missing

SIDE_OF_HEAD: dict[str, EyeSide] = {
    "OD": "OD",
    "0D": "OD",
    "right": "OD",
    "OS": "OS",
    "0S": "OS",
    "O5": "OS",
    "05": "OS",
    "left": "OS",
}
# Words that start a labelled value line of an eye block (OCR spellings of `WTW` included).
# A box rule OCR glued to its front (`\\Pup:`) allowed.
ANCHOR = re.compile(r"^[\\|/(\[{]?(AL:|K[1lI]:|K2:|MV:|ACD:|W[TIl1wr]{0,2}[Ww]|Pup:|Comp\.)")
EYE_LABEL_SHARE = 2.5  # the big `OD`/`OS` is about four body-text heights (a glued `0D` of `0 D` is under two)
COLUMN_SPLIT = 0.5
SPLIT_BAND = (0.44, 0.56)  # where the free gap between side-by-side blocks is searched
STACKED_GAP_LINES = 6  # stacked blocks lie ~20 text heights apart, a block's lines one apart
_ABOVE_ANCHORS = 0.02  # one line: the lens status (`Phakic`) printed just above the composite AL
EYES_PER_PAGE = 2


@dataclass(frozen=True, slots=True)
class Column:
    """One eye block of a page: its side, its words and its left edge (page fraction)."""

    side: EyeSide
    words: list[Word]
    left: float


def columns(page: Page, collector: EyeCollector | None = None) -> list[Column]:
    """The eye blocks of a page below its header, each named by its label or else by its place."""
    anchors = [w for w in page.words if ANCHOR.match(w.text)]
    if not anchors:
        return []
    heads = [w for w in page.words if _is_head(w, page.words)]
    top = min(w.bbox[1] for w in [*anchors, *heads]) - _ABOVE_ANCHORS
    bottom = _footer_top(page)
    body = [w for w in page.words if top < w.y_center < bottom]
    if _stacked_only(anchors):
        body = _beside_the_photos(body, anchors)
    found: list[Column] = []
    placed = _blocks(body, anchors)
    if _labelled_halves_unsplit([words for words, _ in placed], page.words):
        if collector is not None:
            message = f"Page {page.number}: both eyes are labelled, one block holds every result; the split is unsure."
            collector.issue("eye_halves_unsplit", message)
        return []
    blocks = [(words, place) for words, place in placed if any(ANCHOR.match(w.text) for w in words)]
    for words, place in blocks:
        side = _named(words, place)
        if len(blocks) == 1 and _stacked_only(anchors):
            side = _lone_stacked_side(words, collector)
        if side is None:
            if collector is not None:
                message = f"Page {page.number}: eye label contradicts a block's place (or a lone stacked one has none)."
                collector.issue("eye_unknown", message)
            return []
        found.append(Column(side, words, min(w.bbox[0] for w in words if ANCHOR.match(w.text))))
    return found


def _labelled_halves_unsplit(blocks: Sequence[Sequence[Word]], page_words: Sequence[Word]) -> bool:
    """Whether the split contradicts the eye labels: a block labelled with an eye holds no labelled value while the
    other block holds them all, or, on an IOL page, both blocks are labelled and one holds every lens box (`Emme.
    IOL:` line) while the other's summary prints every value (an eye with AL, K or ACD not measured, `--`, has no
    boxes). A page prints an eye's results beside its label, so the split put them in the other eye's block (the
    IOLMaster 700 once read every OD box of a photo as OS so, a margin glyph having moved its split). A label is
    large against the page's type (a block may hold little else)."""
    named = [{SIDE_OF_HEAD[w.text.strip(".:")] for w in words if _is_head(w, page_words)} for words in blocks]
    if len(named) != EYES_PER_PAGE or named[0] == named[1] or any(len(sides) > 1 for sides in named):
        return False
    holding = [any(ANCHOR.match(w.text) for w in words) for words in blocks]
    if sum(holding) == 1:
        return bool(named[holding.index(False)])
    boxes = [bool(emmetropia_words(words)) for words in blocks]
    if not all(named) or sum(boxes) != 1:
        return False
    return not any(is_missing(w.text) for w in blocks[boxes.index(False)])


def _footer_top(page: Page) -> float:
    """The top of the page's footer line (`Carl Zeiss IOLMaster® Advanced Technology V. 7.7 Printed on: ...`), its
    words' middle top; 1.0 where no line prints the footer. No eye block reaches below it: a photo's garbled `Printed
    on: 09/09/2015 at 10:20.` (`Rainhes One: Berne ene. Ay 10:20.`) read an `Emme.` in the OS half (`ene.`), a fifth
    lens box of four, printed and unread."""
    tops = [statistics.median(w.bbox[1] for w in line.words) for line in page.lines if prints_the_footer(line.text)]
    return min(tops, default=1.0)


def _lone_stacked_side(words: Sequence[Word], collector: EyeCollector | None) -> EyeSide | None:
    """The side of the one block of a white-to-white page (only WTW and pupil labels): a single-eye printout stacks
    it at the top and on the right whichever eye it is, so its place names no eye. Its own label does, where the
    earlier pages showed that eye or no eye; without a label, the one eye the earlier pages showed; else None."""
    named = {SIDE_OF_HEAD[w.text.strip(".:")] for w in words if _is_head(w, words)}
    seen = collector.sides() if collector is not None else []
    if len(named) == 1:
        side = next(iter(named))
        return side if not seen or side in seen else None
    return seen[0] if not named and len(seen) == 1 else None


def _stacked_only(anchors: list[Word]) -> bool:
    """True where a page's labels are the white-to-white page's only (WTW and pupil): its blocks are stacked."""
    return all(_key(w.text) in ("W", "Pu") for w in anchors)


def _beside_the_photos(body: list[Word], anchors: list[Word]) -> list[Word]:
    """The white-to-white page's words without those OCR read in the eye photos left of the values: a block prints
    its values and its eye label right of its photo, so nothing of it lies left of its labels' column. Specks read
    in a photo (`7` level with `WTW : 11.8 mm`, a 300-dpi rescan) would set a line's height and split the line."""
    left = min(w.bbox[0] for w in anchors) - statistics.median(w.height for w in anchors)
    return [w for w in body if w.x_center >= left]


def _blocks(body: list[Word], anchors: list[Word]) -> list[tuple[list[Word], EyeSide]]:
    """The words of each block with the side its place stands for."""
    split = _split(body)
    halves = {w.x_center < split for w in anchors}
    one_half = [w for w in body if (w.x_center < split) in halves]
    lower = _second_block_top(one_half, anchors) if len(halves) == 1 else None
    if lower is not None:
        return [([w for w in body if w.y_center < lower], "OD"), ([w for w in body if w.y_center >= lower], "OS")]
    sides: tuple[list[Word], list[Word]] = ([], [])
    for line in group_lines(body):
        cut = _second_label(line.words, split) or _split(line.words, split)  # each line its own gap: blocks moved
        for word in line.words:  # sideways still part where they part
            sides[word.x_center >= cut].append(word)
    return [(sides[0], "OD"), (sides[1], "OS")]


def _second_label(words: Sequence[Word], split: float) -> float | None:
    """Where the right block's part of a line starts: at a label (`MV:`) in the central band.

    A label starts an eye block's line, so it never belongs to the block on its left, whatever gap OCR's boxes leave
    (the `AL:` of `Comp. AL:` continues a label, it does not start one).
    """
    band = (SPLIT_BAND[0] + split - COLUMN_SPLIT, SPLIT_BAND[1] + split - COLUMN_SPLIT)
    return next(
        (w.bbox[0] for prev, w in itertools.pairwise(words) if _starts_label(w, band) and not ANCHOR.match(prev.text)),
        None,
    )


def _starts_label(word: Word, band: tuple[float, float]) -> bool:
    return band[0] < word.bbox[0] < band[1] and ANCHOR.match(word.text) is not None


def _second_block_top(half: list[Word], anchors: list[Word]) -> float | None:
    """Where a stacked second block starts, None if the half holds one block.

    A white-to-white page (only WTW and pupil labels) stacks its blocks far apart: the second starts in the widest
    gap between the half's lines, whichever labels OCR lost or garbled (a block whose WTW label was lost must not
    take the other block's lines). Elsewhere a second block is one whose first label repeats lower down.
    """
    if _stacked_only(anchors):
        return _widest_gap_middle(half, anchors)
    ordered = sorted(anchors, key=lambda w: w.bbox[1])
    first = _key(ordered[0].text)
    again = next((i for i, w in enumerate(ordered) if i and _key(w.text) == first), None)
    if again is None:
        return None
    return (ordered[again - 1].bbox[3] + ordered[again].bbox[1]) / 2


def _widest_gap_middle(half: list[Word], anchors: list[Word]) -> float | None:
    """The middle of the widest gap between the body-size lines from the first label to the last, if it is wide
    enough to part two blocks (below the last label lie the footer and the page's end)."""
    body_height = statistics.median(w.bbox[3] - w.bbox[1] for w in anchors)
    first, last = min(w.bbox[1] for w in anchors), max(w.bbox[3] for w in anchors)
    small = [w for w in half if w.bbox[3] - w.bbox[1] < EYE_LABEL_SHARE * body_height and first <= w.y_center <= last]
    lines = group_lines(small)
    gaps = [(nxt.bbox[1] - line.bbox[3], line.bbox[3]) for line, nxt in itertools.pairwise(lines)]
    if not gaps:
        return None
    width, start = max(gaps)
    return start + width / 2 if width >= STACKED_GAP_LINES * body_height else None


def _key(text: str) -> str:
    """The label a word starts with, one key for its OCR spellings (`WTW`, `WIW`, `WIw`: `W`)."""
    match = ANCHOR.match(text)
    if match is None:
        return text
    return "W" if match.group(1).startswith("W") else match.group(1)[:2]


def _named(words: Sequence[Word], place: EyeSide) -> EyeSide | None:
    """The block's side: its own label when it has one (it must agree with the place), else its place.

    `OD`/`OS` count in large type only (`0 D` of `Refraction: 0 D 0 D` reads `0D`); `right`/`left` at any size.
    """
    named = {SIDE_OF_HEAD[w.text.strip(".:")] for w in words if _is_head(w, words)}
    if not named:
        return place
    return place if named == {place} else None


def _is_head(word: Word, words: Sequence[Word]) -> bool:
    """An eye label: `right`/`left` at any size, `OD`/`OS` in large type or as the first word of an `OD right` head,
    read at `MIN_LABEL_CONFIDENCE` or more (a 300-dpi rescan read a white-to-white row as tall junk, `OS` at 0.07 among
    it in OD's block: the label the IOLMaster 700's `eye_label` would not take either)."""
    text = word.text.strip(".:")
    if text not in SIDE_OF_HEAD or word.confidence < MIN_LABEL_CONFIDENCE:
        return False
    if text.islower():
        return True
    body = statistics.median(w.height for w in words)
    return word.height >= EYE_LABEL_SHARE * body or _followed_by_side_word(word, words)


def _followed_by_side_word(word: Word, words: Sequence[Word]) -> bool:
    """`OD right`: the label printed at body size with its side word just after it on the same line."""
    return any(
        w.text.lower() in ("right", "left")
        and abs(w.y_center - word.y_center) < word.height / 2
        and 0 <= w.bbox[0] - word.bbox[2] < 3 * word.height
        for w in words
    )


def _split(words: Sequence[Word], default: float = COLUMN_SPLIT) -> float:
    """The middle of the widest strip in the central band that no word crosses; `default` if none."""
    lo, hi = SPLIT_BAND
    spans = sorted((max(w.bbox[0], lo), min(w.bbox[2], hi)) for w in words if w.bbox[2] > lo and w.bbox[0] < hi)
    if not spans:
        return default
    best, width, cursor = default, 0.0, lo
    for x0, x1 in [*spans, (hi, hi)]:
        if x0 - cursor > width:
            best, width = (cursor + x0) / 2, x0 - cursor
        cursor = max(cursor, x1)
    return best
