"""IOLMaster 700 lens models the page pass garbled past the catalogue, read again alone from the page image.

Every result box is headed by its lens: `K Alcon AcrySof SN60WF` on one line, or a long manufacturer as
`K Johnson & Johnson Vision --` with the model centred on the line below (`boxes.lens_heading`). On 150-dpi rescans
the page pass may garble a model that reads cleanly alone: `a` for the bold `Eyhance` (its box run down into the
caption under it), `Vivinex xv1` for `Vivinex XY1`; on 200-dpi rescans it may lose a model under a two-line
heading whole (the line under holds the band's other models). A model that is no catalogue name as read, or lost
whole, is cropped alone (the band of its line, between the words either side of it) and read as one line
(`extract.cells.read_text_line`: two preparations agree); the reading replaces the page pass's words only where it
is a catalogue name (`lens_catalogue.catalogue_name`). Anything else stays as read, and the parser's checks
(`iol_model_unverified`) judge it. A heading whose manufacturer OCR garbled is not found, and its model is not read
again.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from biometry.devices.iolmaster700 import prints_own_page
from biometry.devices.iolmaster700.boxes import CONTINUED
from biometry.document import Line, Word, group_lines
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, read_text_line
from biometry.lens_catalogue import MANUFACTURERS, catalogue_name, ocr_fold

MODEL_BELOW = 1.8  # heading heights: the model line of a two-line heading lies this close under the manufacturer
AROUND = 3.0  # line heights of white read either side of a model: a bold word cropped tight reads as rules
CLEAR_OF = 0.5  # line heights kept clear of the words either side
TALL = 1.3  # heading heights: a word taller than this ran over two lines
BAND_MARGIN = 0.15  # line heights above and below the model line's band
FRAME_ROWS = 0.9  # a column of the model's crop inked over this share of its rows is a frame's upright rule
_RULE = "|_-—–~"  # a box frame's rule (`|`, `-` at a corner) or a tilted rule's end (`_`), as a crop took it in
_CONTINUATION = frozenset({CONTINUED, "-", "—", "–", "—-", "-—"})  # `--` as OCR reads it
_NAMES = sorted(((name.casefold().split(), name) for name in MANUFACTURERS), key=lambda item: -len(item[0]))


@dataclass(frozen=True, slots=True)
class _Heading:
    """A lens heading on a line: its manufacturer's words and what follows them up to the next heading."""

    manufacturer: list[Word]
    rest: list[Word]  # the model (or the `--` of a two-line heading), and the next box's icon OCR read at its end


def with_lens_models(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each lens model that is no catalogue name read again alone, where that reading is one;
    the words unchanged on another device's pages."""
    if not prints_own_page(words):
        return words
    for model, line_band, heading_span, manufacturer in _garbled_models(words):
        read = _read_alone(image, model, (line_band, _span(model)), words, manufacturer)
        if read is None and heading_span != _span(model):  # a model boxed short: across its heading (`_garbled_models`)
            read = _read_alone(image, model, (line_band, heading_span), words, manufacturer)
        if read is not None:
            words = [*(w for w in words if not _read_over(w, model, line_band, _span(read))), *read]
    return words


def _read_over(word: Word, model: list[Word], band: tuple[float, float], span: tuple[float, float]) -> bool:
    """Whether the model's reading alone replaces a word: one of the model's, or a word of its line whose middle the
    reading spans (`SYNERGY` of `ZFR00V SYNERGY`, centred past a manufacturer line that lost `Vision`, was no model
    word, and the reading across the heading read it too: it was kept twice, a 150-dpi rescan, held-out seed 273)."""
    if any(word is part for part in model):
        return True
    return band[0] <= word.y_center <= band[1] and span[0] <= word.x_center <= span[1]


def _garbled_models(
    words: list[Word],
) -> list[tuple[list[Word], tuple[float, float], tuple[float, float], list[Word]]]:
    """Each lens model that is no catalogue name as read, with the band (top, bottom) of the line it stands on, its
    heading's span (left, right), and its heading's manufacturer. A model centred under a two-line heading that reads
    no name alone is read across the heading's width too: the page pass may box only its first letter (`E` for
    `Eyhance` on a 150-dpi rescan, held-out seed 195), and the crop around that letter cut the model short (the wider
    crop first read a rule's remains on the left as `7__`, seed 192, where the model's own crop read the name)."""
    found = []
    for line in group_lines(words):
        under = _line_under(line, words)
        for heading in _headings(line):
            if not _continued(heading.rest):
                model, on, span = heading.rest, line, _span(heading.rest)
            elif under is not None:
                model, on = _centred_under(heading, under) or [_lost_under(heading, under)], under
                span = _span([*heading.manufacturer, *heading.rest])
            else:
                continue
            if model and catalogue_name(_text(model)) is None:
                found.append((model, _band(on, line), span, heading.manufacturer))
    return found


def _span(words: Sequence[Word]) -> tuple[float, float]:
    return min((w.bbox[0] for w in words), default=0.0), max((w.bbox[2] for w in words), default=0.0)


def _headings(line: Line) -> list[_Heading]:
    """The lens headings a line prints, each from a known manufacturer's words to the next one's."""
    folded = [w.text.casefold() for w in line.words]
    starts: list[tuple[int, int]] = []  # (first word, word count) of each manufacturer
    k = 0
    while k < len(folded):
        size = next((len(name) for name, _ in _NAMES if folded[k : k + len(name)] == name), 0)
        if size:
            starts.append((k, size))
        k += size or 1
    ends = [start for start, _ in starts[1:]] + [len(folded)] if starts else []
    return [
        _Heading(
            list(line.words[start : start + size]), _without_icon(line.words[start + size : end], k < len(ends) - 1)
        )
        for k, ((start, size), end) in enumerate(zip(starts, ends, strict=True))
    ]


def _continued(rest: Sequence[Word]) -> bool:
    """Whether a heading's words after its manufacturer are only the `--` that continues it."""
    return not rest or (len(rest) == 1 and rest[0].text in _CONTINUATION)


def _without_icon(rest: Sequence[Word], before_next: bool) -> list[Word]:
    """A heading's words without the next box's lens icon OCR read at their end: a letter or two framed by marks
    (`kk]`, `|K|`, `i]`), or before the next heading a lone capital (`K`; one only: `FineVision POD F` ends in one)."""
    body = list(rest)
    while body and _is_icon(body[-1].text):
        body.pop()
    if before_next and body and len(body[-1].text) == 1 and body[-1].text.isupper():
        body.pop()
    return body


def _is_icon(text: str) -> bool:
    letters = [c for c in text if c.isalnum()]
    return len(letters) <= 2 and len(letters) < len(text)


def _line_under(line: Line, words: list[Word]) -> Line | None:
    """The line right under a line (the model line of a two-line heading), or None where none lies close under it."""
    top, height = _median(line, 3), statistics.median(w.height for w in line.words)  # a word OCR ran down aside
    under = group_lines([w for w in words if 0 < w.y_center - top <= MODEL_BELOW * height])
    return min(under, key=lambda u: statistics.median(w.y_center for w in u.words), default=None)


def _centred_under(heading: _Heading, under: Line) -> list[Word]:
    """The words of the line under a two-line heading that stand under its manufacturer and `--`."""
    x0, x1 = heading.manufacturer[0].bbox[0], max(w.bbox[2] for w in [*heading.manufacturer, *heading.rest])
    return [w for w in under.words if x0 <= w.x_center <= x1]


def _lost_under(heading: _Heading, under: Line) -> Word:
    """Where the model of a two-line heading stands whose model the page pass lost whole while the line under holds
    other headings' models: under its manufacturer and `--`, on the line under (a word of no text, read again)."""
    x0, x1 = heading.manufacturer[0].bbox[0], max(w.bbox[2] for w in [*heading.manufacturer, *heading.rest])
    return Word("", (x0, _median(under, 1), x1, _median(under, 3)), confidence=0.0)


def _band(on: Line, heading: Line) -> tuple[float, float]:
    """The band (top, bottom) of a line of type: the median top and bottom of its words no taller than a line (a word
    OCR ran down into the caption below it is not)."""
    tall = TALL * statistics.median(w.height for w in heading.words)
    level = Line(tuple(w for w in on.words if w.height <= tall)) if any(w.height <= tall for w in on.words) else on
    return _median(level, 1), _median(level, 3)


def _median(line: Line, edge: int) -> float:
    return statistics.median(w.bbox[edge] for w in line.words)


def _text(model: Sequence[Word]) -> str:
    return " ".join(w.text for w in model)


def _read_alone(
    image: Image.Image,
    model: list[Word],
    place: tuple[tuple[float, float], tuple[float, float]],
    words: list[Word],
    manufacturer: list[Word],
) -> list[Word] | None:
    """The model's line read alone between its neighbours on the line (`place`: its band, top and bottom, and the span
    it is read across), where the reading is a catalogue name; a reading that starts with its heading's manufacturer
    as the page pass read it (`HOYA Vivinex XY1`: the page pass boxed `HOYA` over the model's first letter, so it was
    no neighbour to keep clear of) stands for what follows. Its neighbours are the words that reach into the crop's
    rows: the lens icon of the heading above reached down into a lost model's crop on a 150-dpi rescan (held-out seed
    235) and was read `7_` before `ZCB00`."""
    width, height = image.size
    (top, bottom), (x0, x1) = place  # the model line's band and the span it is read across
    line_height = bottom - top
    rows = (top - BAND_MARGIN * line_height, bottom + BAND_MARGIN * line_height)
    level = [w for w in words if _reaches_into(w, rows) and not any(w is part for part in model)]
    clear = CLEAR_OF * line_height * height / width
    before = max((w.bbox[2] for w in level if w.bbox[2] <= x0), default=0.0)
    after = min((w.bbox[0] for w in level if w.bbox[0] >= x1), default=1.0)
    left, right = crop_edge(before, x0, clear), crop_edge(after, x1, clear)
    reach = AROUND * line_height * height / width  # line heights are page-height fractions
    area = Box(round(max(x0 - reach, left) * width), round(rows[0] * height),
               round(min(x1 + reach, right) * width), round(rows[1] * height))  # fmt: skip
    area = _inside_frame(image, area, (round(x0 * width), round(x1 * width)))
    if area.x1 <= area.x0 or area.y1 <= area.y0:
        return None
    read = _after(_without_rule_ends(read_text_line(image, area, meaning=_model_meaning) or []), manufacturer)
    return read if read and catalogue_name(_text(read)) is not None else None


def _reaches_into(word: Word, rows: tuple[float, float]) -> bool:
    return word.bbox[1] < rows[1] and word.bbox[3] > rows[0]


def _inside_frame(image: Image.Image, area: Box, model: tuple[int, int]) -> Box:
    """The area cut short of the box frame's upright rules either side of the model (`model`: its columns): a rule
    inks a column over FRAME_ROWS of the crop's rows, margins and all, which no letter of a line does. A crop of the
    last box's model (no neighbour on its right) reached past the frame, and two preparations read the rule as `I`
    and `|` (`ZCBO0OI`, `|ZCBOOI`): they disagreed, and the model lost whole stayed lost."""
    grey = np.asarray(image.crop((area.x0, area.y0, area.x1, area.y1)).convert("L"))
    rules = np.flatnonzero((grey < INK_LEVEL).mean(axis=0) >= FRAME_ROWS) + area.x0
    left = max((int(c) + 1 for c in rules if c < model[0]), default=area.x0)
    right = min((int(c) for c in rules if c >= model[1]), default=area.x1)
    return Box(left, area.y0, right, area.y1)


def _model_meaning(characters: str) -> str:
    """What a model line's reading names: its letters as OCR cannot tell them apart (`lens_catalogue.ocr_fold`),
    without the rule marks its crop ran into at its ends (`_ZCBOO` and `-ZCB00|`: a box frame's corner, 200-dpi
    rescan, seed 191)."""
    return ocr_fold(characters.strip(_RULE))


def _without_rule_ends(read: list[Word]) -> list[Word]:
    """A reading without the box's rules its crop ran into, read `|`, `_` or a dash at its ends (`DFTO15|`,
    `_Eyhance`: a 150-dpi rescan's tilted rule)."""
    stripped = [dataclasses.replace(w, text=w.text.strip(_RULE)) if k in (0, len(read) - 1) else w
                for k, w in enumerate(read)]  # fmt: skip
    return [w for w in stripped if w.text]


def crop_edge(neighbour: float, own: float, clear: float) -> float:
    """Where a crop of a word's line ends towards its neighbour (the neighbour's near edge and the word's own, page
    fractions): `clear` short of the neighbour, but never inside the word itself (`Alcon AcrySof`, one space apart,
    cut `AcrySof` to `herySof`): a neighbour closer than that parts halfway."""
    toward = 1.0 if own >= neighbour else -1.0
    edge = neighbour + toward * clear
    return edge if (own - edge) * toward > 0 else (neighbour + own) / 2


def _after(read: list[Word], manufacturer: list[Word]) -> list[Word]:
    """A reading's words after the manufacturer's, where it starts with them (case aside); else all of them."""
    named = [w.text.casefold() for w in manufacturer]
    return read[len(named) :] if [w.text.casefold() for w in read[: len(named)]] == named else read
