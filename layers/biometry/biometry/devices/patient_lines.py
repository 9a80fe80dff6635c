"""The patient's name on an OCR'd page, read again alone, and EyeSuite's ID line where the page pass lost it.

The page pass reads with tesseract's English model, which has no accented capitals: `JOÃO` reads `JOAO`, `HÉLÈNE`
`HELENE`, a wrong name on an accepted result. The name (after a label, `Name: DOE, JANE`, to the end of its field, or
EyeSuite's unlabelled `DOE, JANE, 04/23/1950`: `header.name_span`) is read again alone with the Latin-script model
(`tesseract.NAME_LANGUAGE`), as it is and thickened, enlarged where these differ (`cells.read_text_line`). That reading
is taken where it has a name's shape, each word in capitals reads an accent exactly where the page inks a mark over
its letters (the Latin model too reads `JOAO` in the IOLMaster 500's bold serif), and its letters, accents aside, are
the page pass's or the English model's reading the name alone (large type the page pass garbled). Otherwise the name
is written as the name's doubt mark (`header.NAME_DOUBT`): printed, and unread (review: `completeness`), since a
report filed under a wrong name is a silent error.

EyeSuite prints `ID 0000000` in small type under its large name line, and the page pass often loses it whole; where no
word was read under the name's field, the band there is read alone and taken when it reads `ID` and an identifier.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

import numpy as np
from PIL import Image

from biometry.devices.header import ID_LINE, NAME_DOUBT, header_text, is_name, name_span
from biometry.document import Word, group_lines, union_bbox
from biometry.extract.boxes import Box
from biometry.extract.cells import INK_LEVEL, RULE_ROW_SHARE, ink_bands, read_text_line
from biometry.extract.tesseract import NAME_LANGUAGE

MARGIN_HEIGHTS = (0.15, 0.45)  # around the name's words, in their height: beside and below, above (an accent's room)
ID_BAND_HEIGHTS = (0.15, 1.5)  # EyeSuite's ID line lies within this many name heights under the name's line
_SPACES = re.compile(r"\s+")
ACCENT_ROOM = 0.6  # a word's box may leave its accent out: looked for up to this many box heights above it
ACCENT_GAP = 0.3  # an accent lies within this many letter heights over its letter (a scan's rule lies further)
ACCENT_RISE = (0.12, 0.5)  # an accent rises this many letter heights above the capitals (a C's overshoot less)
ACCENT_WIDTH = 0.1  # over this many letter heights of columns (a stray pixel less)
MIN_INK_PX = 2  # a pixel row holds ink where this many of the word's pixels in it are inked (a lone pixel is noise)


def with_patient_lines(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with the patient's name read again (or doubted) and a lost EyeSuite ID line read; a page that prints
    no patient name keeps its words."""
    text, spans = header_text(group_lines(words))
    found = name_span(text)
    if found is None:
        return words
    placed = [(word, span) for word, span in spans if span[0] < found.end and span[1] > found.start]
    if not placed:
        return words
    name = [word for word, _ in placed]
    # what the name's first and last words hold beyond it (`LUCIA,` before EyeSuite's birth date): kept by a doubt
    head, tail = text[placed[0][1][0] : found.start], text[found.end : placed[-1][1][1]]
    words = _with_name_read_again(image, words, name, (head, tail), unlabelled=found.unlabelled)
    if found.unlabelled:  # the name's field: the name and the birth date after it
        start, end = text.rfind("\n", 0, found.start) + 1, text.find("\n", found.end)
        field = [word for word, span in spans if start <= span[0] and (end < 0 or span[1] <= end)]
        words = _with_id_line(image, words, field)
    return words


def _with_name_read_again(
    image: Image.Image, words: list[Word], name: list[Word], beyond: tuple[str, str], *, unlabelled: bool
) -> list[Word]:
    """The words with the name's read again with the Latin-script model where that reading is a name, its accents
    are where the page inks them, and its letters are the page pass's or the English model's reading it alone; else
    with the doubt mark in its place (`beyond`: what its first and last words hold beyond the name, kept)."""
    head, tail = beyond
    area = _area(image, name, MARGIN_HEIGHTS)
    latin = read_text_line(image, area, language=NAME_LANGUAGE)
    shaped = latin is not None and is_name(_without(latin, head, tail), unlabelled=unlabelled)
    if latin is not None and shaped and _accents_inked(image, latin):
        if _letters(latin) == _letters(name):
            return _replaced(words, name, latin)
        english = read_text_line(image, area)
        if english is not None and _letters(latin) == _letters(english):
            return _replaced(words, name, latin)
    return _replaced(words, name, [_doubt(words, name, f"{head}{NAME_DOUBT}{tail}")])


def _with_id_line(image: Image.Image, words: list[Word], field: list[Word]) -> list[Word]:
    """The words with EyeSuite's `ID ...` line read alone under the name's field (the name and the birth date),
    where the page pass read no word there and the line reads as one."""
    width_px, height_px = image.size
    x0, _, x1, y1 = union_bbox(w.bbox for w in field)
    x0, x1, y1 = round(x0 * width_px), round(x1 * width_px), round(y1 * height_px)
    height = round(max(w.height for w in field) * height_px)
    area = Box(x0 - height, y1 + round(ID_BAND_HEIGHTS[0] * height), x1, y1 + round(ID_BAND_HEIGHTS[1] * height))
    if any(area.contains(w.x_center * width_px, w.y_center * height_px) for w in words):
        return words
    read = read_text_line(image, area)
    if read is None or not ID_LINE.match(" ".join(w.text for w in read)):
        return words
    return words + read


def _doubt(words: list[Word], name: list[Word], text: str) -> Word:
    """The doubt mark over the name's words, a body word high about their middle: on the line of the name's label or
    birth date, as the name was (`document.group_lines`)."""
    x0, y0, x1, y1 = union_bbox(w.bbox for w in name)
    half = statistics.median(w.height for w in words) / 2
    return Word(text, (x0, (y0 + y1) / 2 - half, x1, (y0 + y1) / 2 + half), confidence=1.0)


def _accents_inked(image: Image.Image, reading: list[Word]) -> bool:
    """True unless a word in capitals reads with an accent where the page prints none over its letters, or without
    one where the page prints one (`JOÃO` read `JOAO` in the IOLMaster 500's bold serif). A word with small letters
    is not judged: their dots rise over the letters as an accent does."""
    grey = np.asarray(image.convert("L"))
    width_px, height_px = image.size
    for word in reading:
        letters = [ch for ch in word.text if ch.isalpha()]
        if not letters or not all(ch.isupper() for ch in letters):
            continue
        x0, x1 = round(word.bbox[0] * width_px), round(word.bbox[2] * width_px)
        y0, y1 = round(word.bbox[1] * height_px), round(word.bbox[3] * height_px)
        top = max(0, y0 - round(ACCENT_ROOM * (y1 - y0)))
        middle = (y0 + y1) // 2 - top
        if _mark_above(grey[top:y1, x0:x1] < INK_LEVEL, middle) != any(map(_accented, letters)):
            return False
    return True


def _mark_above(ink: np.ndarray, middle: int) -> bool:
    """True where a word's ink (rows x columns, from above its capitals to its foot) shows a mark over its capitals:
    a band of ink just above the band of its letters (the one through its `middle` row), parted from it by a blank
    row, narrower than a rule across the word and not cut by the top of the area (a rule's or the line above's
    remains), or columns whose ink rises above the capitals' height by an accent's height, touching its letter or
    not (a large bold `Í` on a rescan)."""
    bands = ink_bands(ink.sum(axis=1) >= MIN_INK_PX, 1, 1)
    body = next((k for k, (a, b) in enumerate(bands) if a <= middle < b), None)
    if body is None:
        return False
    top, height = bands[body][0], bands[body][1] - bands[body][0]
    parted = any(
        a > 0 and top - b <= ACCENT_GAP * height and ink[a:b].any(axis=0).mean() < RULE_ROW_SHARE
        for a, b in bands[:body]
    )
    return parted or _risen(ink[top : bands[body][1]], height)


def _risen(ink: np.ndarray, height: int) -> bool:
    """True where columns of a word's letters' band rise above the capitals' height (the top most columns share: flat
    and stemmed capitals) by an accent's height, over an accent's width."""
    inked = ink.any(axis=0)
    if not inked.any():
        return False
    tops = ink[:, inked].argmax(axis=0)
    capitals = int(np.convolve(np.bincount(tops), np.ones(3), "same").argmax())
    rise = capitals - tops
    risen = (rise >= ACCENT_RISE[0] * height) & (rise <= ACCENT_RISE[1] * height)
    return int(risen.sum()) >= max(MIN_INK_PX, round(ACCENT_WIDTH * height))


def _accented(letter: str) -> bool:
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFKD", letter))


def _without(reading: list[Word], head: str, tail: str) -> str:
    """A reading's text without what the name's first and last words hold beyond it."""
    text = " ".join(w.text for w in reading)
    text = text.removeprefix(head) if head else text
    return text.removesuffix(tail) if tail else text


def _area(image: Image.Image, name: list[Word], margins: tuple[float, float]) -> Box:
    """The name's words' box in pixels with room around it in their height (more above, for accents)."""
    x0, y0, x1, y1 = union_bbox(w.bbox for w in name)
    width_px, height_px = image.size
    height = max(w.height for w in name) * height_px
    side, above = round(margins[0] * height), round(margins[1] * height)
    return Box(round(x0 * width_px) - side, round(y0 * height_px) - above,
               round(x1 * width_px) + side, round(y1 * height_px) + side)  # fmt: skip


def _replaced(words: list[Word], old: list[Word], new: list[Word]) -> list[Word]:
    return [w for w in words if not any(w is o for o in old)] + new


def _letters(words: list[Word]) -> str:
    """A reading's characters without spaces and accents: what two models' readings of one name must share."""
    text = _SPACES.sub("", "".join(w.text for w in words))
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
