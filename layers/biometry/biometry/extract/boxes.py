"""Ruled boxes in a page image (result boxes, the framed selected row): regions tesseract reads best one at a time.

Tesseract's page segmentation drops a framed row or a whole column of a boxed table now and then (JPEG scans
especially). Read alone, without its frame, a box is a plain block of text. A box is two horizontal rules of the
same extent joined by two vertical rules; anything else (a lone separator, an underline) is not a box.

Rules are found at the page's own ink level: a rescan blurs a thin grid rule to grey (125-135 where the print was
black), so the level is set just above the grey of this page's thin rules (lines clearly darker than the paper a few
pixels above and below them, long as a rule), never below the level text is read at.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

MIN_RULE_SHARE = 0.06  # a rule spans at least this share of the page width (150 px on an A4 page at 300 dpi)
MIN_BOX_HEIGHT_PX = 20
EDGE_TOLERANCE_PX = 12  # the two rules of one box end within this distance of each other
EDGE_INK_SHARE = 0.75  # a vertical edge is inked on at least this share of the box height (breaks from noise)
SAME_BOX_SHARE = 0.8  # two boxes overlapping by this share of the bigger one are one box drawn twice
_INK_LEVEL = 128
MAX_RULE_LEVEL = 170  # a page's rules are never looked for in anything lighter (grey fills and shading stay paper)
RULE_CONTRAST = 40  # a thin rule is this much darker than the paper _THIN_RULE_PX above and below it
RULE_LEVEL_MARGIN = 10  # the level sits this far above the grey of the page's thin rules
_THIN_RULE_PX = 3
_EDGE_SEARCH_PX = 4  # a box's side is looked for this close to the ends of its rules
_RULE_MERGE_PX = 2  # rows of one rule (a thick or slightly tilted line) lie within this distance


@dataclass(frozen=True, slots=True)
class Box:
    """A box's inside, in pixels: (x0, y0) top-left, (x1, y1) bottom-right, the frame itself excluded."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def area(self) -> int:
        return (self.x1 - self.x0) * (self.y1 - self.y0)

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1

    def overlap(self, other: Box) -> int:
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(width, 0) * max(height, 0)


@dataclass(slots=True)
class _Rule:
    """A horizontal rule: the rows it covers and its extent."""

    top: int
    bottom: int
    x0: int
    x1: int


def find_boxes(image: Image.Image, *, bilevel: bool = False) -> list[Box]:
    """The ruled boxes of a grayscale page image, biggest first (a box inside another comes after it).

    `bilevel`: the page was stored in black and white (a scanner's text mode, a fax). Its thin rules, a pixel thick
    and tilted, come out as staircases that the page's deskew leaves on two pixel rows in turn, no row holding a
    rule's length of ink (a real Eyestar 900's table rows, black-and-white rescans: rows read by the page pass beside
    the rule's pieces, lost); their rules are looked for in each row and the row under it together."""
    gray = np.asarray(image.convert("L"))
    min_length = max(40, round(image.width * MIN_RULE_SHARE))
    ink = gray < rule_ink_level(gray, min_length)
    rules = _horizontal_rules(_with_row_below(ink) if bilevel else ink, min_length)
    boxes: list[Box] = []
    for index, top in enumerate(rules):
        box = next((b for b in (_box(ink, top, bottom) for bottom in rules[index + 1 :]) if b), None)
        if box is not None and not any(box.overlap(b) >= SAME_BOX_SHARE * max(box.area, b.area) for b in boxes):
            boxes.append(box)
    return sorted(boxes, key=lambda b: -b.area)


def _with_row_below(ink: np.ndarray) -> np.ndarray:
    """The ink of each pixel row and of the row under it."""
    paired = ink.copy()
    paired[:-1] |= ink[1:]
    return paired


def rule_ink_level(gray: np.ndarray, min_length: int) -> int:
    """The grey level below which this page's rules are ink: just above the grey of its thin horizontal rules (a
    rescan's blurred grid), between the text level and MAX_RULE_LEVEL; the text level on a page without thin rules."""
    offset = _THIN_RULE_PX
    if gray.shape[0] <= 2 * offset:
        return _INK_LEVEL
    centre = gray[offset:-offset]
    paper = np.minimum(gray[: -2 * offset], gray[2 * offset :])
    line = (centre <= 255 - RULE_CONTRAST) & (paper >= centre + np.uint8(RULE_CONTRAST))  # no uint8 overflow
    long_run = np.zeros(len(line), dtype=bool)
    long_run[_rows_with_runs(line, min_length)] = True
    grey = centre[long_run][line[long_run]]
    if grey.size == 0:
        return _INK_LEVEL
    return int(min(max(_INK_LEVEL, float(np.percentile(grey, 90)) + RULE_LEVEL_MARGIN), MAX_RULE_LEVEL))


def _horizontal_rules(ink: np.ndarray, min_length: int) -> list[_Rule]:
    """Runs of at least `min_length` inked pixels in a row, rows of one line merged, top to bottom."""
    rules: list[_Rule] = []
    for y in _rows_with_runs(ink, min_length):
        counts = np.cumsum(np.pad(ink[y], (1, 0)), dtype=np.int32)
        xs = np.flatnonzero((counts[min_length:] - counts[:-min_length]) == min_length)
        breaks = np.flatnonzero(np.diff(xs) > 1)
        for x0, x1 in zip(np.r_[xs[0], xs[breaks + 1]], np.r_[xs[breaks], xs[-1]] + min_length, strict=True):
            _add_row(rules, int(y), int(x0), int(x1))
    return rules


def _rows_with_runs(mask: np.ndarray, length: int) -> np.ndarray:
    """The rows of `mask` that hold a run of at least `length` True pixels, in order (only rows with that many True
    pixels in all are searched: most rows of a page have far fewer)."""
    candidates = np.flatnonzero(np.count_nonzero(mask, axis=1) >= length)
    if candidates.size == 0:
        return candidates
    counts = np.cumsum(np.pad(mask[candidates], ((0, 0), (1, 0))), axis=1, dtype=np.int32)
    found: np.ndarray = candidates[((counts[:, length:] - counts[:, :-length]) == length).any(axis=1)]
    return found


def _add_row(rules: list[_Rule], y: int, x0: int, x1: int) -> None:
    for rule in rules:
        same_line = 0 <= y - rule.bottom <= _RULE_MERGE_PX
        if same_line and abs(x0 - rule.x0) < EDGE_TOLERANCE_PX and abs(x1 - rule.x1) < EDGE_TOLERANCE_PX:
            rule.bottom, rule.x0, rule.x1 = y, min(rule.x0, x0), max(rule.x1, x1)
            return
    rules.append(_Rule(y, y, x0, x1))


def _box(ink: np.ndarray, top: _Rule, bottom: _Rule) -> Box | None:
    """The box between two rules, when they have the same extent and vertical edges join them."""
    if bottom.top - top.bottom < MIN_BOX_HEIGHT_PX:
        return None
    if abs(top.x0 - bottom.x0) > EDGE_TOLERANCE_PX or abs(top.x1 - bottom.x1) > EDGE_TOLERANCE_PX:
        return None
    y0, y1 = top.bottom + 1, bottom.top
    left = _vertical_edge(ink, max(top.x0, bottom.x0), y0, y1)
    right = _vertical_edge(ink, min(top.x1, bottom.x1) - 1, y0, y1)
    if left is None or right is None:
        return None
    return Box(left[1] + 1, y0, right[0], y1)


def _vertical_edge(ink: np.ndarray, x: int, y0: int, y1: int) -> tuple[int, int] | None:
    """The first and last columns near `x` inked on most rows from y0 to y1 (a side of a box), else None."""
    start = max(0, x - _EDGE_SEARCH_PX)
    inked = np.flatnonzero(ink[y0:y1, start : x + _EDGE_SEARCH_PX + 1].mean(axis=0) >= EDGE_INK_SHARE)
    return (start + int(inked[0]), start + int(inked[-1])) if y1 > y0 and inked.size else None
