"""IOLMaster 700 formula captions and lens headings the page pass garbled, read again where their neighbours stand.

A calculation page prints its result boxes in bands of four side by side; every box of a band prints its lens heading,
its formula caption (`- Barrett Universal II -`) and its table header (`IOL (D)  Ref (D)`) on the same lines. On a
150-dpi rescan the page pass may read a box's bold heading and caption as a few tall words of no meaning
(`Eerie` over the heading's two lines, `-nenitemereaitl-` over the model and the caption), or its caption as specks
(`° :`): the box is then read with an unknown formula and no lens, or merged with its neighbour.

A box whose caption does not read as a known formula, or whose heading names no known lens, in a band where another
box's caption reads, is read again where that caption stands: the box's lines of type (runs of inked pixel rows, below
its frame's top rule) down to the caption's line, across the box's own width (from its table's header units, short of
halfway to the next table's), each alone as one line with white set beside it (bold type across a box inks its rows as
densely as a rule, which `extract.cells.read_text_line` would whiten; two preparations agree, on the formula a caption
names where they spell it apart, on a heading as the lens catalogue tells names apart: `TFNT0O` and `TFNTOO`, its OCR
fold, on a photo; where no two agree on a caption, the one reading that names exactly the formula the other eye's box at
its place names: the printout lays both eyes' boxes out alike). A caption reading replaces the page pass's words there
only where it names a known formula (`- Haigis -`, one letter misread as the parser allows); the heading lines above it
only where they name a known manufacturer and a catalogue model (on its line, or on the next), and only in a box whose
caption is known. The words replaced are those whose middle lies in a line read again, or that the lines read again
cover over most of their height: a tall word reaching into a line not read again (`a`, the bold model `Eyhance` run down
into its caption) stays for `model_lines` to read; a word boxed from a caption taken down into the line below (a Haigis
box's `A1: +0,210` read `At: +0210` over both lines) starts below the caption's band, on the line it reads. Anything
else stays as read, and the parser's checks judge it.
Only this device's pages (`prints_own_page`) are read again.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from biometry import formulas
from biometry.devices.iolmaster700 import prints_own_page
from biometry.devices.iolmaster700.boxes import (
    CAPTION_DASHES,
    formula_name,
    formula_one_letter_off,
    formulas_one_letter_off,
    is_caption,
    is_table_unit,
    split_lens_heading,
)
from biometry.document import Line, Word, group_lines
from biometry.extract.boxes import Box
from biometry.extract.cells import (
    INK_LEVEL,
    agreed_line,
    ink_bands,
    line_characters,
    read_text_line,
    text_line_words,
)
from biometry.lens_catalogue import MANUFACTURERS, catalogue_name, names_known_manufacturer, ocr_fold

CAPTION_REACH = 4.0  # header heights: a box's caption lies this close above its table header (constants between)
HEADING_REACH = 3.0  # caption heights: a box's lens heading lies this close above its caption (a model line between)
BOX_SHARE = 0.45  # table pitches: a box spans this far either side of its table's middle (its frame rules outside)
BAND_MARGIN = 0.1  # line heights above and below a line of type read again (its band is its ink's)
LOWER_REACH = 1 / 3  # of a caption's band: a word boxed from the band this far below it reaches into the next line
COVERED = 0.75  # of a word's height: a word the areas read again cover this far is one of their lines
WHITE_BESIDE = 1  # crop widths of white set either side of a line read again
FRAME_RULE_SHARE = 0.9  # a pixel row of a box inked this far across is its frame's rule (bold type is less)
MIN_LINE_SHARE = 0.4  # caption heights: a run of inked pixel rows this tall is a line of type (a speck's is less)
POWERS_LEFT_OF_UNIT = 2.0  # unit widths: the `IOL` word starts this far left of its `(D)` unit
_SLASH_READINGS = "IYl|1!"  # what OCR reads a caption's slash as (`SRK®/T`: `SRK@IT`, `SRK@YT`)
_VALUE_OR_LABEL = re.compile(r"[+-]\d|\d[.,]\d|[A-Za-z]\d?:$")  # `+0210`, `0,210`, `At:`: a constants line's
MIN_TABLES = 2  # tables a band prints at least for a neighbour to show where a box's lines stand
_DASHES_AS_HYPHEN = str.maketrans("—–~", "---")  # a heading's `--` as OCR reads it
_MANUFACTURERS_SPACELESS = frozenset(name.replace(" ", "") for name in MANUFACTURERS)


@dataclass(frozen=True, slots=True)
class _Box:
    """A result box of a band: its span across the page (fractions), its caption as read (None unless it names a
    known formula) and whether the lines above the caption name a known lens (manufacturer and model)."""

    x0: float
    x1: float
    caption: Line | None
    named: bool


def with_box_captions(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each garbled caption (and lens heading) of a result box read again where its band's
    other boxes print theirs, where the reading is a known formula's caption (a known lens); else unchanged."""
    if not prints_own_page(words):
        return words
    grey = np.asarray(image.convert("L"))
    for header in _header_lines(words):
        boxes = _boxes(header, words)
        for box in boxes:
            if box.caption is not None and box.named:
                continue
            model = min((b for b in boxes if b.caption is not None), key=lambda b: abs(b.x0 - box.x0), default=None)
            if model is None or model.caption is None:
                continue
            lines = _lines_of_type(grey, box, _band(model.caption))
            if not lines:
                continue
            read_caption = functools.partial(_read_caption_line, mirror=_mirror_formula(boxes, box))
            caption = _read_again(image, box, lines[-1:], _reads_caption, read_caption) if box.caption is None else None
            lowered = words if caption is None else _lowered(words, caption, image.size)
            headings = [_area(image.size, box, band) for band in lines[:-1]]
            alone = caption is not None and _stands_alone(lowered, caption, box, image.size, headings)
            caption = caption if alone else None
            words = words if caption is None else lowered
            known = box.caption is not None or caption is not None  # else the parser's checks judge the box
            heading = (
                _read_again(image, box, lines[:-1], _reads_heading, _read_heading_line)
                if known and not box.named
                else None
            )
            words = _replaced(words, [read for read in (caption, heading) if read is not None], image.size)
    return words


def _header_lines(words: list[Word]) -> list[Line]:
    """The table header lines of the page: their `(D)` units, two per table, `MIN_TABLES` tables at least."""
    lines = group_lines([w for w in words if is_table_unit(w.text)])
    return [line for line in lines if len(line.words) % 2 == 0 and len(line.words) >= 2 * MIN_TABLES]


def _boxes(header: Line, words: list[Word]) -> list[_Box]:
    """The band's boxes, left to right: each spans BOX_SHARE of the table pitch either side of its table's middle
    (from the `IOL` word, POWERS_LEFT_OF_UNIT unit widths left of its unit, to the `Ref (D)` unit's right edge)."""
    units = sorted(header.words, key=lambda w: w.bbox[0])
    middles = [(iol.bbox[0] - POWERS_LEFT_OF_UNIT * (iol.bbox[2] - iol.bbox[0]) + ref.bbox[2]) / 2
               for iol, ref in zip(units[::2], units[1::2], strict=True)]  # fmt: skip
    pitch = statistics.median(b - a for a, b in itertools.pairwise(middles))
    height = statistics.median(w.height for w in units)
    top = min(w.bbox[1] for w in units)
    boxes = []
    for middle in middles:
        x0, x1 = max(middle - BOX_SHARE * pitch, 0.0), min(middle + BOX_SHARE * pitch, 1.0)
        above = [w for w in words if x0 <= w.x_center <= x1 and 0 < top - w.y_center <= CAPTION_REACH * height]
        caption = next((line for line in reversed(group_lines(above)) if _known_caption(line)), None)
        boxes.append(_Box(x0, x1, caption, _named(caption, words, x0, x1)))
    return boxes


def _known_caption(line: Line) -> bool:
    name = formula_name(line)
    return name is not None and name in formulas.KNOWN_FORMULAS


def _named(caption: Line | None, words: list[Word], x0: float, x1: float) -> bool:
    """Whether the line or two right above a box's caption (within HEADING_REACH caption heights; the reach takes in
    the band above's last line too) name a known lens: a known manufacturer as whole words (a 300-dpi rescan, held-out
    seed 337, read `Joh nson & Joh inson Vision Visi --`, a manufacturer to `_reads_heading`) and a catalogue model
    (a 200-dpi rescan, held-out seed 330, lost a box's model line `ZCB00` whole under its `Johnson & Johnson Vision`,
    and the lens read `Vision`); False without a caption read (the neighbour's then shows where the heading stands)."""
    if caption is None:
        return False
    top, bottom = _band(caption)
    above = [w for w in words if x0 <= w.x_center <= x1 and 0 < top - w.y_center <= HEADING_REACH * (bottom - top)]
    lines = group_lines(above)
    return any(
        _reads_heading(lines[-n:]) and names_known_manufacturer(lines[-n].text) for n in (1, 2) if n <= len(lines)
    )


def _lines_of_type(grey: np.ndarray, box: _Box, caption: tuple[float, float]) -> list[tuple[float, float]]:
    """The lines of type (top, bottom, page fractions) of a box from below its top rule down to the line where its
    neighbour's caption stands (HEADING_REACH caption heights above it at most), the caption's line last; none where
    no line of type stands there."""
    page_h, page_w = grey.shape
    top, bottom = caption
    middle = round((top + bottom) / 2 * page_h)
    y0, y1 = max(round((top - HEADING_REACH * (bottom - top)) * page_h), 0), round(bottom * page_h)
    ink = grey[y0:y1, round(box.x0 * page_w) : round(box.x1 * page_w)] < INK_LEVEL
    rules = np.flatnonzero(ink.mean(axis=1) >= FRAME_RULE_SHARE) if ink.size else np.zeros(0, dtype=int)
    below = int(rules[-1]) + 1 if rules.size else 0
    bands = ink_bands(ink[below:].any(axis=1), round(MIN_LINE_SHARE * (bottom - top) * page_h), 1)
    lines = [(y0 + below + a, y0 + below + b) for a, b in bands]
    last = next((k for k, (a, b) in enumerate(lines) if a <= middle < b), None)
    return [] if last is None else [(a / page_h, b / page_h) for a, b in lines[: last + 1]]


_Reading = tuple[list[Box], list[Word]]  # the areas read again (pixels) and the words read there


def _read_again(
    image: Image.Image,
    box: _Box,
    bands: Sequence[tuple[float, float]],
    check: Callable[[list[Line]], bool],
    read_line: Callable[[Image.Image, Box], list[Word] | None],
) -> _Reading | None:
    """The box's lines read alone at the bands (top, bottom) across the box, with the areas read, where two
    preparations agree on each line (`read_line`) and `check` passes the readings; else None."""
    areas, readings = [], []
    for top, bottom in bands:
        area = _area(image.size, box, (top, bottom))
        read = _read_on_white(image, area, read_line)
        if read is None:
            return None
        areas.append(area)
        readings.append(Line(tuple(_side_by_side(read, top, bottom))))
    if not readings or not check(readings):
        return None
    return areas, [w for line in readings for w in line.words]


def _area(page_px: tuple[int, int], box: _Box, band: tuple[float, float]) -> Box:
    """The area (pixels) a line of type at `band` (top, bottom) is read in: across the box, BAND_MARGIN of its height
    above and below."""
    width, height = page_px
    top, bottom = band
    margin = BAND_MARGIN * (bottom - top)
    return Box(round(box.x0 * width), round((top - margin) * height),
               round(box.x1 * width), round((bottom + margin) * height))  # fmt: skip


def _replaced(words: list[Word], readings: list[_Reading], page_px: tuple[int, int]) -> list[Word]:
    """The words with those the areas read again hold replaced by the readings: a word whose middle lies in an area,
    or whose height the areas cover COVERED at least (a word the page pass drew over two lines, `-nenitemereaitl-`
    over a model and a caption, both read again; one that reaches into a line not read again stays)."""
    if not readings:
        return words
    areas = [area for found, _ in readings for area in found]
    kept = [w for w in words if not _under(w, areas, page_px)]
    return [*kept, *(w for _, read in readings for w in read)]


def _lowered(words: list[Word], caption: _Reading, page_px: tuple[int, int]) -> list[Word]:
    """The words with each the page pass boxed from a caption's band down into the line below (`At: +0210`, a Haigis
    box's a1 line; `+5724`, a Holladay 2 box's ACD: its top in the band read again, reaching LOWER_REACH of the band's
    height below it) starting where that band ends: the caption read again holds the band's type, so such a word
    reads the line below, and must neither join the caption's line nor be taken for one of its words."""
    width, height = page_px
    areas = caption[0]
    out = []
    for word in words:
        x0, y0, x1, y1 = word.bbox
        x, top, bottom = word.x_center * width, y0 * height, y1 * height
        band = next((a for a in areas if a.x0 <= x <= a.x1 and a.y0 <= top <= a.y1
                     and bottom - a.y1 > LOWER_REACH * (a.y1 - a.y0)), None)  # fmt: skip
        out.append(word if band is None else dataclasses.replace(word, bbox=(x0, band.y1 / height, x1, y1)))
    return out


def _stands_alone(
    words: list[Word], caption: _Reading, box: _Box, page_px: tuple[int, int], headings: list[Box]
) -> bool:
    """Whether a caption read again takes the place of no value or label (`At:`, `+0210`: a Haigis box's a1 line OCR
    boxed over the caption's band) and stays a caption among the box's words it joins (kept, such words would make
    one line with it, no caption): else it stays unread, and the parser reads the box as the page pass did. A word
    the lines of the box's heading (`headings`, read next) and its caption cover together is read again with them,
    and joins nothing (`‘veeie` drawn over a photo's model line and caption, held-out seed 233)."""
    replaced = [w for w in words if _under(w, caption[0], page_px) and not _from_above(w, caption[0], page_px)]
    if any(_VALUE_OR_LABEL.search(w.text) for w in replaced):
        return False
    kept = [w for w in words if not _under(w, [*headings, *caption[0]], page_px)]
    joined = [w for w in [*kept, *caption[1]] if box.x0 <= w.x_center <= box.x1]
    first = caption[1][0]
    return any(is_caption(line) and _names_formula(line) for line in group_lines(joined) if first in line.words)


def _from_above(word: Word, areas: list[Box], page_px: tuple[int, int]) -> bool:
    """Whether a word is boxed from above a caption's band (its area) down into it, reaching no further below it than
    LOWER_REACH of its height: the heading's lines and the caption read as one (`eal:` at 0.07 over a photo's model
    line and caption, held-out seed 295), no value or label of the line below."""
    band = min(areas, key=lambda area: area.y0)
    top, bottom = (y * page_px[1] for y in (word.bbox[1], word.bbox[3]))
    return top < band.y0 and bottom - band.y1 <= LOWER_REACH * (band.y1 - band.y0)


def _under(word: Word, areas: list[Box], page_px: tuple[int, int]) -> bool:
    width, height = page_px
    x, y = word.x_center * width, word.y_center * height
    across = [area for area in areas if area.x0 <= x <= area.x1]
    if any(area.y0 <= y <= area.y1 for area in across):
        return True
    top, bottom = word.bbox[1] * height, word.bbox[3] * height
    covered = sum(max(min(bottom, area.y1) - max(top, area.y0), 0) for area in across)
    return bottom > top and covered >= COVERED * (bottom - top)


def _read_on_white(
    image: Image.Image, area: Box, read_line: Callable[[Image.Image, Box], list[Word] | None]
) -> list[Word] | None:
    """The line of type in an area (pixels) read alone (`read_line`) with white either side of it: bold type across a
    box's width inks its pixel rows as densely as a rule, which the reading would whiten. Its words placed on the
    page; None where the reader gives none (two preparations disagree)."""
    crop = image.crop((area.x0, area.y0, area.x1, area.y1))
    canvas = Image.new("L", (crop.width * (1 + 2 * WHITE_BESIDE), crop.height), 255)
    canvas.paste(crop.convert("L"), (crop.width * WHITE_BESIDE, 0))
    read = read_line(canvas, Box(0, 0, canvas.width, canvas.height))
    if read is None:
        return None
    width, height = image.size
    shift = area.x0 - crop.width * WHITE_BESIDE

    def placed(word: Word) -> Word:
        x0, y0, x1, y1 = word.bbox
        box = ((x0 * canvas.width + shift) / width, (y0 * canvas.height + area.y0) / height,
               (x1 * canvas.width + shift) / width, (y1 * canvas.height + area.y0) / height)  # fmt: skip
        return Word(word.text, box, confidence=word.confidence)

    return [placed(w) for w in read]


def _side_by_side(read: list[Word], top: float, bottom: float) -> list[Word]:
    """A line's words as printed: on the line's band (top, bottom), side by side. Where a word starts inside the one
    before it, tesseract boxed one of them too wide: the one before, when this one ends inside it too (`Johnson`
    boxed over `& Johnson Vision` after it), ends where this one starts; else this one (a caption's closing dash boxed
    over the name before it, or down into the next line) starts where that one ends."""
    boxes = [[w.bbox[0], w.bbox[2]] for w in read]
    for before, word in itertools.pairwise(boxes):
        if before[0] <= word[0] < before[1]:
            if word[1] <= before[1]:
                before[1] = word[0]
            else:
                word[0] = before[1]
    return [
        Word(w.text, (x0, top, x1, bottom), confidence=w.confidence) for w, (x0, x1) in zip(read, boxes, strict=True)
    ]


def _caption_meaning(characters: str) -> str:
    """What a reading names: a caption's known formula (one letter misread or not: `-BarrettUniversalli-`), else
    its characters."""
    inner = _framed(characters)
    named = inner and (formulas.formula_name(inner) or formula_one_letter_off(inner) or _slash_read_as_letter(inner))
    return f"- {named} -" if named else characters


def _framed(characters: str) -> str | None:
    """A caption reading's characters between its dashes (`Haigis` of `-Haigis-`, a `®` aside); None unframed."""
    is_framed = len(characters) > 2 and characters[0] in CAPTION_DASHES and characters[-1] in CAPTION_DASHES
    return characters.strip(CAPTION_DASHES).replace("®", "") if is_framed else None


def _slash_read_as_letter(inner: str) -> str | None:
    """The one known formula a caption names with its slash read as a letter (`SRK@IT`, `SRK@YT`: `SRK®/T`, its `®`
    read `@`), else None."""
    names = {formulas.formula_name(inner[:k] + inner[k + 1 :]) for k, c in enumerate(inner) if c in _SLASH_READINGS}
    names.discard(None)
    return next(iter(names)) if len(names) == 1 else None


def _band(line: Line) -> tuple[float, float]:
    """A line's band (top, bottom): the median top and bottom of its words with letters (a caption's dashes are
    low and thin), of all its words where none has one."""
    lettered = [w for w in line.words if any(c.isalpha() for c in w.text)] or list(line.words)
    return statistics.median(w.bbox[1] for w in lettered), statistics.median(w.bbox[3] for w in lettered)


def _reads_caption(lines: list[Line]) -> bool:
    """One line between dashes naming a known formula (`- Haigis -`), or formulas one letter off it (`- SRK@IT -`:
    SRK/T or SRK II, for the parser to choose by the box's numbers), as the parser reads a caption."""
    return len(lines) == 1 and _names_formula(lines[0])


def _names_formula(line: Line) -> bool:
    return _known_caption(line) or bool(formulas_one_letter_off(formula_name(line) or ""))


def _read_caption_line(image: Image.Image, area: Box, *, mirror: str | None = None) -> list[Word] | None:
    """A caption line's words where two preparations agree on the formula it names (`_caption_meaning`); where no two
    agree, those of the one that names exactly the formula `mirror`, the other eye's box at its place names (the
    printout lays both eyes' boxes out alike): a 150-dpi rescan's bold `- Haigis -` (held-out seed 340) read
    `-Halats-`, `-Helgie-` and `-Haigis-` beside an OD box read `- Haigis -`."""
    read = read_text_line(image, area, meaning=_caption_meaning)
    if read is not None or mirror is None:
        return read
    readings = text_line_words(image, area)
    return next((words for words in readings if _exact_formula(line_characters(words)) == mirror), None)


def _exact_formula(characters: str) -> str | None:
    """The formula a caption reading names between its dashes as the parser reads a caption, no letter misread but
    its qualifier (`-Haigis-`; `-BarrettUniversalI!-`, `II` read `I!` on a 150-dpi rescan, held-out seed 361), else
    None."""
    inner = _framed(characters)
    return formulas.formula_name(inner, by_prefix=True) if inner else None


def _mirror_formula(boxes: list[_Box], box: _Box) -> str | None:
    """The formula the other eye's box at this box's place in the band names (the band's boxes left of the page's
    middle are one eye's, those right of it the other's, as many each), where its caption reads; else None."""
    halves = [b for b in boxes if b.x0 + b.x1 < 1], [b for b in boxes if b.x0 + b.x1 >= 1]
    if len(halves[0]) != len(halves[1]):
        return None
    own, other = halves if any(b is box for b in halves[0]) else halves[::-1]
    mirror = other[next(k for k, b in enumerate(own) if b is box)]
    return formula_name(mirror.caption) if mirror.caption is not None else None


def _read_heading_line(image: Image.Image, area: Box) -> list[Word] | None:
    """A heading line's words where two preparations agree on what it names (`_heading_meaning`); of those, the
    reading that spells a known manufacturer as the catalogue does. A 150-dpi rescan's bold heading is read
    `Johneon & Johnson Vision` by one preparation and `Johnson & Johneon Vision` by another (held-out seeds 148, 159,
    169): they agree, and the third's spelling is kept. Where none spells the manufacturer they name, the line is not
    read: the page pass's words stay (a 150-dpi rescan, held-out seed 328: the page pass read `Johnson & Johnson
    Vision`, every preparation alone misspelt it, and six boxes took `Johneon`)."""
    read = agreed_line(image, area, _heading_meaning, _spells_manufacturer)
    characters = line_characters(read) if read is not None else ""
    misspelt = _heading_meaning(characters) in _manufacturer_meanings() and not _spells_manufacturer(characters)
    return None if misspelt else read


def _heading_meaning(characters: str) -> str:
    """What a heading's reading names: its letters as OCR cannot tell them apart (`lens_catalogue.ocr_fold`, and the
    `e` and `s` of bold type at 150 dpi), without the `--` that continues it (read `—`, `~-` or not at all)."""
    return ocr_fold(characters.translate(_DASHES_AS_HYPHEN).lower().replace("e", "s")).rstrip("-")


@functools.cache
def _manufacturer_meanings() -> frozenset[str]:
    """What each known manufacturer's heading line names (`_heading_meaning`)."""
    return frozenset(_heading_meaning(name) for name in _MANUFACTURERS_SPACELESS)


def _spells_manufacturer(characters: str) -> bool:
    return characters.translate(_DASHES_AS_HYPHEN).rstrip("-") in _MANUFACTURERS_SPACELESS


def _reads_heading(lines: list[Line]) -> bool:
    """A known manufacturer and a catalogue model after it on its line, or on the next line (`split_lens_heading`)."""
    manufacturer, model = split_lens_heading(lines) if len(lines) <= 2 else (None, "")
    return manufacturer is not None and catalogue_name(model) is not None
