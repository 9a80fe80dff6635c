"""Where an EyeSuite page splits into its OD and OS halves: from the page's own geometry, never at x = 0.5.

An EyeSuite page prints each eye's copy of two sections side by side: the measurements (`AL [mm]`, `K1 [D/mm/°]`, ...)
and, from `Target Refraction` down, the lens blocks. Each section is split at its own repeat offset: the labels,
units and lens names it prints twice on a line place the right copy (`layout.repeat_halves`), so a section moved or
rescaled on the page moves its split with it. A page with one eye's measurements (no repeats) is split between its
two big `OD`/`OS` headings where no word crosses, or is one region when it prints one heading: a lens name repeated
across that eye's two block columns must not pass for a second eye.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from biometry.devices.eyesuite import MEASUREMENT
from biometry.devices.eyesuite.iol import TABLE_HEADER, column_anchors
from biometry.devices.eyesuite.target import holds_target, spaceless, starts_with_target, target_labels
from biometry.devices.eyesuite.values import rows_of
from biometry.devices.layout import Region, eye_label, lines_in, repeat_halves, split_columns
from biometry.document import Line, Page, Word, union_bbox
from biometry.normalize import canonical

WHOLE_PAGE = Region(-0.01, 1.01)
# The footer: `EyeSuite™ IOL, V4.12.0`, `SID: 000`, `HAAG-STREIT DIAGNOSTICS` (any of them, OCR garbles some).
FOOTER = re.compile(r"EyeSuite|Haag-Streit|DIAGNOSTICS|Switzerland|\bSID:|Page\s\d", re.IGNORECASE)
MAX_PIECES = 3  # OCR reads one printed word in at most this many pieces (`Ta` `rg` `et`)
SPECK_QUOTES = "'‘’`´"  # what OCR reads a speck at a piece's edge as (`Tar ‘get`)
_IOL_CALCULATION = "iolcalculation"  # a title that opens the lens section, compared without spaces


@dataclass(frozen=True, slots=True)
class Half:
    """One eye's half of a page: its words (both sections), the x-extent of its lens-block section and where the
    page's footer starts (the lens section's bottom, as a page fraction)."""

    words: list[Word]
    lens_region: Region
    footer_top: float = 1.01


def halves(page: Page) -> list[Half]:
    """The halves of a page, left to right (one when the page prints one eye); worked out once per page."""
    return page.memo("eyesuite_halves", _halves)


def _halves(page: Page) -> list[Half]:
    seam = lens_section_top(page.lines)
    footer = footer_top(page.lines, seam)
    measured = _measurement_section(page.lines, seam)
    above = [w for w in page.words if w.y_center < seam]
    below = [w for w in page.words if w.y_center >= seam]
    repeated = repeat_halves(_printed_twice(measured))
    top = repeated or _between_headings(page.lines)
    if top is None:
        return [Half(page.words, WHOLE_PAGE, footer)]
    blocks = [line for line in page.lines if seam <= line.bbox[1] < footer and not _is_table_header(line)]
    bottom = (repeated and repeat_halves(_printed_twice(blocks))) or top
    return [
        Half([*(w for w in above if t.holds(w)), *(w for w in below if b.holds(w))], b, footer)
        for t, b in zip(top, bottom, strict=True)
    ]


def split_doubts(page: Page, found: list[Half]) -> list[str]:
    """What contradicts a page's OD | OS split, from what each eye's copy prints once (empty when nothing does).

    Each eye's copy prints every measurement row once and opens its lens section with its own `Target Refraction`,
    left of all its lens blocks. So a half that reads a row twice on one line, a half without (or with two) of the
    page's two target labels, or a half with a lens block left of its own target label holds part of the other
    eye's copy: read on, the other eye's values would pass for its own (a glyph at the page's edge, or a lens name
    repeated across one eye's two block columns, can move a split).
    """
    if len(found) != 2:
        return []
    seam = lens_section_top(page.lines)
    twice = [_rows_twice(half, seam) for half in found]
    doubts = [f"one half reads {', '.join(keys)} twice on a line" for keys in twice if keys]
    if sum(target_labels(line.text) for line in page.lines if line.bbox[1] >= seam) == 2:  # both eyes' sections
        counts = [sum(target_labels(line.text) for line in lines_in(half.words, y0=seam)) for half in found]
        if counts != [1, 1]:
            doubts.append(f"the halves hold {counts[0]} and {counts[1]} of the two target labels")
        else:
            doubts += [
                f"a lens block (`{anchor.text}`) lies left of its half's target label"
                for half in found
                for anchor in _left_of_target(half, seam)
            ][:1]
    return doubts


def _rows_twice(half: Half, seam: float) -> list[str]:
    """The labels of the measurement rows a half reads twice on one line (both eyes' copies of a row share a line)."""
    twice = []
    for line in lines_in(half.words, y1=seam):
        keys = Counter(row.key for row in rows_of(line))
        twice += [f"`{key}`" for key, count in keys.items() if count > 1]
    return twice


def _left_of_target(half: Half, seam: float) -> list[Word]:
    """The lens blocks' anchors (captions, table headers) in a half's lens section that end left of where its target
    label starts: an eye's copy prints its target label first, at the left of its blocks."""
    lines = lines_in(half.words, y0=seam)
    target = next((line for line in lines if holds_target(line.text)), None)
    if target is None:
        return []
    texts = [w.text for w in target.words]
    start = next((i for i in range(len(texts)) if starts_with_target(" ".join(texts[i:]))), None)
    if start is None:
        return []
    label = target.words[start]
    section = [w for w in half.words if target.bbox[3] < w.y_center < half.footer_top]
    return [anchor for anchor in column_anchors(section) if anchor.bbox[2] < label.bbox[0]]


def _measurement_section(lines: list[Line], seam: float) -> list[Line]:
    """The measurement section's lines above the lens section's `seam`: from the first measurement line (`ES 900 Sep
    27, 2023 - 2 Anterior Cornea`: it starts left of the rows' labels, so the rows alone placed the split right of the
    right copy's `ES`) or, without one read, the first measurement row, down."""
    starts = [line.bbox[1] for line in lines if MEASUREMENT.search(canonical(line.text)) or rows_of(line)]
    top = min(starts, default=seam)
    return [line for line in lines if top <= line.bbox[1] < seam]


def footer_top(lines: list[Line], seam: float) -> float:
    """The top of the page's footer: its first line below the lens section's top that names the software or the
    maker, in either half (OCR garbles the footer of one half or the other, never its whole width), or the top of a
    line above it that reaches down into it (the rule over the footer read on a photo as a line of letters, `Se ee ee
    gC sa IRE` or `eee SOS*~*~<C*~`, boxed down over the footer's first line: no lens block)."""
    named = [line for line in lines if line.bbox[1] > seam and FOOTER.search(line.text)]
    if not named:
        return 1.01
    top = min(line.bbox[1] for line in named)
    return min(line.bbox[1] for line in lines if line.bbox[1] > seam and line.bbox[3] > top)


def _is_table_header(line: Line) -> bool:
    """`IOL [D] Eye [D]` repeats `[D]` inside one block: its words cannot place the eyes' copies."""
    return TABLE_HEADER.search(canonical(line.text)) is not None


def _printed_twice(lines: list[Line]) -> list[Word]:
    """The words printed exactly twice on their line (one per eye's copy): only they may place the copies, so that a
    word of one copy can never pass for the counterpart of another word by where it happens to sit. A word OCR read
    in two parts (`Tar get` beside `Ta rget`) counts whole: the left copy starts at it."""
    twice = []
    for line in lines:
        words = [*line.words, *_rejoined(line.words)]
        counts = Counter(w.text for w in words)
        twice += [w for w in words if counts[w.text] == 2]
    return twice


def _rejoined(words: tuple[Word, ...]) -> list[Word]:
    """Each run of two or three neighbours on a line less than a word height apart (gaps OCR read inside a word, or a
    space) as one word (`Tar` `get`, `Ta` `rg` `et` -> `Target`); boxes that overlap by less than a word height are
    pieces of one word too (`Tar` ending a hair right of where `get` starts, a 200-dpi rescan). A quote mark at a
    piece's edge is a speck in the gap and is left out (`Tar` `‘get` -> `Target`, a 300-dpi rescan)."""
    joined = []
    for start in range(len(words) - 1):
        run = [words[start]]
        for word in words[start + 1 : start + MAX_PIECES]:
            if not -run[-1].height <= word.bbox[0] - run[-1].bbox[2] <= run[-1].height:
                break
            run.append(word)
            text = "".join(w.text.strip(SPECK_QUOTES) for w in run)
            joined.append(Word(text, union_bbox([w.bbox for w in run]), confidence=min(w.confidence for w in run)))
    return joined


def _between_headings(lines: list[Line]) -> tuple[Region, Region] | None:
    """Left and right of the widest strip between the `OD` and the `OS` heading that no word below them crosses."""
    first_row = next((i for i, line in enumerate(lines) if rows_of(line)), len(lines))
    head = [w for line in lines[:first_row] for w in line.words]
    od = eye_label([w for w in head if "S" not in w.text.upper()])
    os_ = eye_label([w for w in head if "D" not in w.text.upper()])
    if od is None or os_ is None or od[1].x_center >= os_[1].x_center:
        return None
    below = [w for line in lines[first_row:] for w in line.words]
    left, right = split_columns([od[1], os_[1]], below, WHOLE_PAGE)
    return left, right


def lens_section_top(lines: list[Line]) -> float:
    """The top of the first line below a measurement row that starts the lens section (`Target Refraction`)."""
    first_row = next((line.bbox[1] for line in lines if rows_of(line)), 0.0)
    return next((line.bbox[1] for line in lines if line.bbox[1] > first_row and _starts_lens_section(line)), 1.01)


def _starts_lens_section(line: Line) -> bool:
    return holds_target(line.text) or _IOL_CALCULATION in spaceless(line.text)
