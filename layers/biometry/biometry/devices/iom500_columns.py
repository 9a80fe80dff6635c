"""IOLMaster 500 page layout: the OD and OS columns of a page, named by their heads or else by position."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from biometry.devices.collect import EyeCollector
from biometry.devices.layout import Region
from biometry.document import Page, Word
from biometry.models import EyeSide

HEADS: dict[str, tuple[str, ...]] = {"OD": ("OD", "0D"), "OS": ("OS", "0S", "O5", "05")}
SIDE_WORDS = {"OD": "right", "OS": "left"}
LEFT_ALIGNED = ("AL:", "K1:", "K2:", "ACD:", "Target")
COLUMN_SPLIT = 314.5 / 612  # between the OD column (x ≤ 313 pt) and the OS column (x ≥ 316 pt) on US Letter
SPLIT_BAND = (0.46, 0.56)  # where the free gap between the columns is searched


@dataclass(frozen=True, slots=True)
class Column:
    """One eye column of a page: its side, its words below the heads, and its left edge (page fraction)."""

    side: EyeSide
    words: list[Word]
    left: float


def columns(page: Page, collector: EyeCollector) -> list[Column]:
    """The eye columns of a page below their heads, each named by its label or else by its position."""
    heads = _heads(page)
    starts = [w for w in page.words if w.text.startswith(LEFT_ALIGNED)]
    anchors = list(heads.values()) or starts
    if not anchors:
        return []
    top = min(word.bbox[1] for word in anchors) - 0.002
    body = [w for w in page.words if w.y_center > top]
    split = _split(body)
    found: list[Column] = []
    for region, position in ((Region(0.0, split), "OD"), (Region(split, 1.01), "OS")):
        words = [w for w in body if region.holds(w)]
        labelled = [side for side, word in heads.items() if region.holds(word)]
        if len(labelled) > 1 or (labelled and labelled[0] != position):
            collector.issue("eye_unknown", f"Page {page.number}: the eye labels do not match the column layout.")
            return []
        edges = [w.bbox[0] for w in words if w.text.startswith(LEFT_ALIGNED)]
        if labelled or edges:
            left = min(edges) if edges else heads[position].bbox[0]  # type: ignore[index]
            found.append(Column(position, words, left))  # type: ignore[arg-type]
    return found


def _heads(page: Page) -> dict[EyeSide, Word]:
    """Column heads: `OD right` / `OS left` (OCR-tolerant), the eye label word of each."""
    heads: dict[EyeSide, Word] = {}
    for line in page.lines:
        texts = [w.text.strip(".:") for w in line.words]
        for i, text in enumerate(texts[:-1]):
            for side, spellings in HEADS.items():
                if text in spellings and texts[i + 1].lower() == SIDE_WORDS[side]:
                    heads.setdefault(side, line.words[i])  # type: ignore[arg-type]
    return heads


def _split(words: Sequence[Word]) -> float:
    """The middle of the widest strip in the central band that no word crosses; the layout default if none."""
    lo, hi = SPLIT_BAND
    spans = sorted((max(w.bbox[0], lo), min(w.bbox[2], hi)) for w in words if w.bbox[2] > lo and w.bbox[0] < hi)
    best, width, cursor = COLUMN_SPLIT, 0.0, lo
    for x0, x1 in [*spans, (hi, hi)]:
        if x0 - cursor > width:
            best, width = (cursor + x0) / 2, x0 - cursor
        cursor = max(cursor, x1)
    return best
