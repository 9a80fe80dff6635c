"""The PDF text layer as words: overprinted copies merged by position, bold marked, split on spaces and gaps."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from operator import attrgetter, itemgetter

import pypdfium2 as pdfium

from biometry.document import Page, Word
from biometry.extract.invisible_text import drawn_invisibly
from biometry.extract.pdfium_raw import (
    PageChars,
    TextObjects,
    char_angles,
    crop_box,
    loose_boxes,
    owner_objects,
    read_text,
    text_objects,
)
from biometry.extract.unmapped_text import mostly_unmapped

OVERPRINT_TOLERANCE_PT = 0.8  # fake bold redraws the same text up to ~0.5 pt away
GAP_SPLIT_RATIO = 0.6  # a horizontal gap wider than this share of the char height starts a new word
FONT_BOLD_MAX_SHARE = 0.5  # a bold font on more than this share of a page's text objects is the body font
REAL_TEXT_MIN_CHARS = 20  # fewer non-space chars than this: the page is an image, OCR it
_SPACE = re.compile(r"\s")
_TOKEN = re.compile(r"[^\s\x00-\x1f\x7f-\x9f]+")  # a run of ink chars: neither whitespace nor control
_MIN_ADVANCE_RATIO = 0.3  # chars of a word advance at least this share of the height (else: overprint?)
_MAX_ADVANCE_RATIO = 1.2  # and at most this (else: a gap that pdfium did not turn into a space)
_ANGLE_SAMPLE = 25  # words whose first char tells whether the page's text stands upright without /Rotate
_UPRIGHT_TOLERANCE_RAD = math.radians(10)


Box = tuple[float, float, float, float]


@dataclass(slots=True)
class _RawWord:
    """A word under construction, in PDF points (y grows upwards)."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    first: int  # pdfium index of its first char
    bold: bool = False

    def holds(self, piece: _RawWord) -> bool:
        """Whether `piece` is part of this word: shorter, its text inside this one's, its box inside this box."""
        tol = OVERPRINT_TOLERANCE_PT
        return (
            len(piece.text) < len(self.text)
            and piece.text in self.text
            and self.left - tol <= piece.left
            and piece.right <= self.right + tol
            and abs(self.top - piece.top) <= tol
        )

    def same_place(self, other: _RawWord) -> bool:
        tol = OVERPRINT_TOLERANCE_PT
        return (
            abs(self.left - other.left) <= tol
            and abs(self.top - other.top) <= tol
            and (abs(self.right - other.right) <= tol)
        )


_Pending = _RawWord | tuple[int, int]  # a word, or the (start, end) span of one to read char by char


def text_layer_page(pdf: pdfium.PdfDocument, index: int) -> Page:
    """Page `index` (0-based) of an open PDF as words from its text layer."""
    page = pdf[index]
    textpage = page.get_textpage()
    # A searchable scan's hidden OCR layer, or glyph codes without their letters: the text layer does not say what
    # the page shows, so its image is OCR'd.
    if drawn_invisibly(textpage) or mostly_unmapped(textpage):
        return _to_page(page, index + 1, [], int(page.get_rotation()) % 360)
    words = _dedupe_overprints(_read_words(textpage))
    bold_objects = _bold_objects(text_objects(page))
    if bold_objects:
        owners = owner_objects(textpage, [w.first for w in words])
        for word, owner in zip(words, owners, strict=True):
            if owner in bold_objects:
                word.bold = True
    return _to_page(page, index + 1, _without_overprint_pieces(words), _display_rotation(page, textpage, words))


def _display_rotation(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, words: list[_RawWord]) -> int:
    """The quarter turn (clockwise degrees) that shows the page's text upright: the page's /Rotate, unless its text
    already stands upright without it (a viewer's rotate-and-save turns an upright page, never its text)."""
    rotation: int = page.get_rotation() % 360
    if rotation == 0 or not words:
        return rotation
    angles = sorted(char_angles(textpage, [word.first for word in words[:_ANGLE_SAMPLE]]))
    median = angles[len(angles) // 2]
    return 0 if min(median, 2 * math.pi - median) < _UPRIGHT_TOLERANCE_RAD else rotation


def holds_real_text(page: Page) -> bool:
    """Whether the page's text layer carries real text (else it is a scanned image to OCR)."""
    return sum(len(word.text) for word in page.words) >= REAL_TEXT_MIN_CHARS


def _read_words(textpage: pdfium.PdfTextPage) -> list[_RawWord]:
    """Words between whitespace, boxed from their first and last char; odd-looking ones char by char."""
    text = read_text(textpage)
    spans = [m.span() for m in _TOKEN.finditer(text)]
    boxes = loose_boxes(textpage, [i for start, end in spans for i in (start, end - 1)])
    words: list[_Pending] = []
    for (start, end), left, top, right, bottom, last_left, last_top, last_bottom in zip(
        spans, *_columns(boxes, 8, (0, 1, 6, 3, 4, 5, 7)), strict=True
    ):
        height = (top - bottom) or 1.0
        size = end - start
        if (
            abs(top + bottom - last_top - last_bottom) <= height
            and last_left - left >= (size - 1) * _MIN_ADVANCE_RATIO * height
            and right - left <= size * _MAX_ADVANCE_RATIO * height
        ):
            words.append(_RawWord(text[start:end], left, max(top, last_top), right, min(bottom, last_bottom), start))
        else:  # overprinted copies, a gap without a space, or a line change inside: look at every char
            words.append((start, end))
    return _with_char_words(textpage, text, words)


def _with_char_words(textpage: pdfium.PdfTextPage, text: str, words: list[_Pending]) -> list[_RawWord]:
    """The words with each (start, end) span read char by char, the boxes of all such chars fetched in one call."""
    spans = [w for w in words if isinstance(w, tuple)]
    if not spans:
        return words  # type: ignore[return-value]
    indices = [i for start, end in spans for i in range(start, end)]
    boxes = loose_boxes(textpage, indices)
    read: list[_RawWord] = []
    offset = 0
    for word in words:
        if isinstance(word, _RawWord):
            read.append(word)
            continue
        size = word[1] - word[0]
        chars = PageChars(text, indices[offset : offset + size], boxes[4 * offset : 4 * (offset + size)])
        read.extend(_build_words(chars))
        offset += size
    return read


def _build_words(chars: PageChars) -> list[_RawWord]:
    """Group ink chars into words; an adjacent copy of the same char at the same place is an overprint."""
    text, boxes, words = chars.text, chars.boxes, []
    tol, ratio, space = OVERPRINT_TOLERANCE_PT, GAP_SPLIT_RATIO, _SPACE.search
    word: _RawWord | None = None
    prev_i, prev_ch, pl, pt, pr, pb = -2, "", 0.0, 0.0, 0.0, 0.0
    for i, left, top, right, bottom in zip(chars.ink, *_columns(boxes), strict=True):
        ch = text[i]
        if word is not None:
            if ch == prev_ch and abs(left - pl) <= tol and abs(top - pt) <= tol:
                word.bold = True
                continue
            height = (top - bottom) or 1.0
            if (
                left - pr > ratio * height
                or left < pl - tol
                or abs(top + bottom - pt - pb) > height
                or (i != prev_i + 1 and space(text, prev_i + 1, i))
            ):
                words.append(word)
                word = None
            else:
                word.text += ch
                word.right = right if right > word.right else word.right
                word.top = top if top > word.top else word.top
                word.bottom = bottom if bottom < word.bottom else word.bottom
        if word is None:
            word = _RawWord(ch, left, top, right, bottom, i)
        prev_i, prev_ch, pl, pt, pr, pb = i, ch, left, top, right, bottom
    if word is not None:
        words.append(word)
    return words


def _columns(boxes: list[float], stride: int = 4, fields: tuple[int, ...] = (0, 1, 2, 3)) -> list[list[float]]:
    return [boxes[k::stride] for k in fields]


def _dedupe_overprints(words: list[_RawWord]) -> list[_RawWord]:
    """Keep one of the words with the same text at the same place (wherever they are in the stream), bold."""
    scale = 1 / (2 * OVERPRINT_TOLERANCE_PT)  # grid cells twice the tolerance wide: a twin is in 2 x 2 cells
    grid: dict[tuple[str, int, int], list[_RawWord]] = {}
    kept = []
    repeated = {text for text, count in Counter(w.text for w in words).items() if count > 1}
    for word in words:
        if word.text not in repeated:  # no other word prints this text: no twin anywhere
            kept.append(word)
            continue
        x, y = word.left * scale, word.top * scale
        col, row = math.floor(x), math.floor(y)
        twin = _find_twin(
            grid, word, col, row, col + 1 if x - col >= 0.5 else col - 1, row + 1 if y - row >= 0.5 else row - 1
        )
        if twin is None:
            grid.setdefault((word.text, col, row), []).append(word)
            kept.append(word)
        else:
            twin.bold = True
    return kept


def _without_overprint_pieces(words: list[_RawWord]) -> list[_RawWord]:
    """Drop a word lying inside a longer word that holds its text: a piece of an overprinted copy whose chars
    pdfium's text page split apart (a printout re-rendered through cairo reads `Alcon`, `A`+`lcon` and `AcrySof`,
    `Acr`+`ySof` at one place). Words are compared only with those of their band of lines and the next band."""
    scale = 1 / (2 * OVERPRINT_TOLERANCE_PT)
    bands: dict[int, list[_RawWord]] = {}
    for word in words:
        bands.setdefault(math.floor(word.top * scale), []).append(word)
    pieces: set[int] = set()
    for band, members in bands.items():
        pieces |= _pieces(sorted(members + bands.get(band + 1, []), key=attrgetter("left")))
    return [word for word in words if id(word) not in pieces] if pieces else words


def _pieces(near: list[_RawWord]) -> set[int]:
    """Ids of the words another word holds, the holder marked bold; a sweep over words sorted by left edge."""
    pieces: set[int] = set()
    open_words: list[_RawWord] = []
    for word in near:
        open_words = [other for other in open_words if other.right + OVERPRINT_TOLERANCE_PT >= word.left]
        for other in open_words:
            if other.holds(word):
                pieces.add(id(word))
                other.bold = True  # a copy drawn over it: overprinted, as a twin marks it
            elif word.holds(other):
                pieces.add(id(other))
                word.bold = True
        open_words.append(word)
    return pieces


def _find_twin(
    grid: dict[tuple[str, int, int], list[_RawWord]], word: _RawWord, col: int, row: int, col2: int, row2: int
) -> _RawWord | None:
    """A word kept earlier with the same text within the overprint tolerance."""
    text = word.text
    for key in ((text, col, row), (text, col2, row), (text, col, row2), (text, col2, row2)):
        for other in grid.get(key, ()):
            if other.same_place(word):
                return other
    return None


def _bold_objects(objects: TextObjects) -> set[int]:
    """Handles of text objects drawn again by another object at (nearly) the same place, or in a bold font.

    A font's bold claim counts only where it sets text apart: an embedded subset font may claim bold weight and
    flags for every glyph of the page (the real IOLMaster 700 does), and then it says nothing about emphasis.
    """
    handles = objects.handles
    claimed = {handle for handle, bold in zip(handles, objects.bold_font, strict=True) if bold}
    bold = claimed if len(claimed) <= FONT_BOLD_MAX_SHARE * len(handles) else set()
    tol, edges = OVERPRINT_TOLERANCE_PT, objects.edges
    order = sorted(range(len(handles)), key=edges[2::4].__getitem__)  # by right edge: the narrowest sweep
    lefts, bottoms, rights, tops = (_picked(edges[i::4], order) for i in range(4))
    count = len(order)
    for k in range(count):
        left, bottom, right, top = lefts[k], bottoms[k], rights[k], tops[k]
        for other in range(k + 1, count):
            if rights[other] - right > tol:
                break
            if (
                abs(left - lefts[other]) <= tol
                and abs(top - tops[other]) <= tol
                and abs(bottom - bottoms[other]) <= tol
            ):
                bold.update((handles[order[k]], handles[order[other]]))
    return bold


def _picked(values: list[float], order: list[int]) -> list[float]:
    """`[values[k] for k in order]` in one C call."""
    return list(itemgetter(*order)(values)) if len(order) > 1 else [values[k] for k in order]


def _to_page(page: pdfium.PdfPage, number: int, raw_words: list[_RawWord], rotation: int) -> Page:
    """Convert PDF-point words to page fractions (origin top-left, as displayed turned clockwise by `rotation`); a
    word outside the crop box is not on the page shown."""
    left, bottom, right, top = crop_box(page)
    sx, sy = 1 / ((right - left) or 1.0), 1 / ((top - bottom) or 1.0)
    words = []
    for w in raw_words:
        box = ((w.left - left) * sx, (top - w.top) * sy, (w.right - left) * sx, (top - w.bottom) * sy)
        if not (box[0] >= 0.0 and box[1] >= 0.0 and box[2] <= 1.0 and box[3] <= 1.0):
            if box[2] <= 0.0 or box[0] >= 1.0 or box[3] <= 0.0 or box[1] >= 1.0:
                continue  # wholly outside the crop box: the page does not show it
            box = _clipped(box)
        words.append(Word(w.text, box if rotation == 0 else _rotate(box, rotation), w.bold))
    width, height = right - left, top - bottom
    size = (height, width) if rotation in (90, 270) else (width, height)
    return Page(number=number, width_pt=size[0], height_pt=size[1], source="text-layer", words=words)


def _clipped(box: Box) -> Box:
    """The box held inside the page (text may overhang the crop box)."""
    x0, y0, x1, y1 = (min(max(c, 0.0), 1.0) for c in box)
    return (x0, y0, x1, y1)


def _rotate(box: Box, rotation: int) -> Box:
    """A box in unrotated page fractions, as seen on the page turned clockwise by `rotation` degrees."""
    u0, v0, u1, v1 = box
    if rotation == 90:
        return (1 - v1, u0, 1 - v0, u1)
    if rotation == 180:
        return (1 - u1, 1 - v1, 1 - u0, 1 - v0)
    if rotation == 270:
        return (v0, 1 - u1, v1, 1 - u0)
    return box
