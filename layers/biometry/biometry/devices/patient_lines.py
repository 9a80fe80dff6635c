"""The patient's name and ID on an OCR'd page, read again alone, or doubted.

The page pass reads with tesseract's English model, which has no accented capitals: `JOÃO` reads `JOAO`, `HÉLÈNE`
`HELENE`, a wrong name on an accepted result. The name (after a label, `Name: DOE, JANE`, to the end of its field, or
EyeSuite's unlabelled `DOE, JANE, 04/23/1950`: `header.name_span`) is read again alone with the Latin-script model
(`tesseract.NAME_LANGUAGE`), as it is and thickened, enlarged where these differ (`cells.read_text_line`). That reading
is taken where it has a name's shape, each word in capitals reads an accent exactly where the page inks a mark over
its letters (the Latin model too reads `JOAO` in the IOLMaster 500's bold serif), no word in the case an operator typed
it (`Müller`, `exemplo`) has fewer marks over its letters than the page inks apart over them, and its letters,
accents aside, are the page pass's or the English model's reading the name alone (large type the page pass garbled).
Otherwise the name is written as the name's doubt mark (`header.NAME_DOUBT`): printed, and unread (review:
`completeness`), since a report filed under a wrong name is a silent error. A name that no page reads where the layout
prints one (its label lost with it) is printed and unread too (`completeness.NAME_PRINTED`).

EyeSuite prints `ID 0000000` in small type under its large name line, and the page pass often loses it whole; where no
word was read under the name's field, the band there is read alone and taken when it reads `ID` and an identifier.

The ID (after its label, or EyeSuite's `ID` line) is read again alone with the English model and kept where that
reading is the page pass's and an ID; else it is written as the ID's doubt mark (`header.ID_DOUBT`): OCR reads `S` for
`5` (`PATS973385`), and a report filed under a wrong ID is a silent error. An ID label whose value the page pass lost is
read alone beside it where ink stands there (a blank field is no ID).
"""

from __future__ import annotations

import dataclasses
import re
import statistics
import unicodedata
from collections import Counter

import numpy as np
from PIL import Image

from biometry.devices import merged_lines
from biometry.devices.header import (
    ID_DOUBT,
    ID_FIELD,
    ID_LINE,
    ID_VALUE,
    NAME_DOUBT,
    UNLABELLED_ID_FIELD,
    header_text,
    is_name,
    name_span,
    patient_name,
)
from biometry.document import Word, group_lines, left_edge, union_bbox
from biometry.extract.boxes import Box
from biometry.extract.cells import (
    INK_LEVEL,
    MIN_INK_PX,
    RULE_ROW_SHARE,
    ink_bands,
    read_text_line,
    text_line_readings,
)
from biometry.extract.large_type import connected_shapes
from biometry.extract.tesseract import NAME_LANGUAGE

MARGIN_HEIGHTS = (0.15, 0.45)  # around the name's words, in their height: beside and below, above (an accent's room)
ID_BAND_HEIGHTS = (0.15, 1.5)  # EyeSuite's ID line lies within this many name heights under the name's line
ID_LINE_TYPE = 0.5  # in type about this many name heights high
_SPACE_BEFORE_MARK = re.compile(r"\s+(?=[,.;:])")
# How the English model, which has no `ü`, reads one in a name: its dots as an `i`'s (`Miiller`, IOLMaster 500 frames)
_ENGLISH_SPELLINGS = {"ü": "(?:u|ii)"}
_SPECK_MARKS = "-—~.,;:'\"|_`"  # what OCR reads from specks and rules at a line's ends
ACCENT_ROOM = 0.6  # a word's box may leave its accent out: looked for up to this many box heights above it
ACCENT_GAP = 0.3  # an accent lies within this many letter heights over its letter (a scan's rule lies further)
ACCENT_RISE = (0.12, 0.5)  # an accent rises this many letter heights above the capitals (a C's overshoot less)
ACCENT_WIDTH = 0.1  # over this many letter heights of columns (a stray pixel less)
MARK_HEIGHT = 0.4  # a mark over a small letter stands at most this many of the word's tallest shape high ...
MARK_PAIR_GAP = 0.25  # ... and two of one letter (a diaeresis) lie closer than this many of it apart
ABOVE = 230  # Unicode's combining class of a mark above its letter
ID_MARGIN_HEIGHTS = (0.15, 0.15)  # around an ID's words, in their height: beside and below, above
ID_GAP_HEIGHTS = 0.3  # a lost ID is looked for this many label heights right of its label ...
ID_ROOM_HEIGHTS = 16.0  # ... up to the next word on the line or this far (25 characters)
MIN_ID_INK_HEIGHTS = 0.3  # ink there: at least this many squared label heights of inked pixels (a speck less)
LINE_LETTERS = 2  # a word of at least this many letters sets the rows of its line's area ...
SPECK_HEIGHTS = 1.3  # ... unless it stands this many times the median of such words' height
LETTER_GAP_HEIGHTS = 0.2  # a blank narrower than this many word heights parts two letters of a word (a space: wider)
INK_RUN_HEIGHTS = 1.0  # a line's ink runs on from its words' ends by at most this many word heights (a letter)
WORD_SPACE_HEIGHTS = 0.8  # the next word of a name starts within this many word heights of the last one's ink ...
LETTER_ROWS = 0.5  # ... in ink at least this many word heights high in one column (a speck lower)


def with_patient_lines(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with the patient's name and ID read again (or doubted) and a lost EyeSuite ID line read; a page that
    prints neither keeps its words."""
    return _with_id_read_again(image, _with_name_settled(_with_name_read_again(image, words)))


def _with_name_read_again(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with the patient's name read again (or doubted) and a lost EyeSuite ID line read."""
    text, spans = header_text(group_lines(words))
    found = name_span(text)
    if found is None:
        return words
    placed = [(word, span) for word, span in spans if span[0] < found.end and span[1] > found.start]
    if not placed:
        return words
    # words read across the name's line and the line under it (a photo of large type over small) set apart
    name = [word for word, _ in placed]
    words, name = merged_lines.parted(image, words, name, _rows(name))
    placed = [(word, span) for word, span in placed if any(word is n for n in name)]
    kept = [*words, *name]  # not the words set apart
    # what the name's first and last words hold beyond it (`LUCIA,` before EyeSuite's birth date): kept by a doubt
    head, tail = text[placed[0][1][0] : found.start], text[found.end : placed[-1][1][1]]
    words = _with_name_taken(image, words, name, (head, tail), unlabelled=found.unlabelled)
    if found.unlabelled:  # the name's field: the name and the birth date after it
        start, end = text.rfind("\n", 0, found.start) + 1, text.find("\n", found.end)
        field = [word for word, span in spans if start <= span[0] and (end < 0 or span[1] <= end)]
        words = _with_id_line(image, words, [w for w in field if any(w is k for k in kept)])
    return words


def _with_name_settled(words: list[Word]) -> list[Word]:
    """The words with the doubt mark in place of a name field that, read again, still reads as no name (specks the
    page pass read as words, left beside the name's new reading: `Toby, 550808 3 Toby` on a photo)."""
    text, spans = header_text(group_lines(words))
    found = name_span(text)
    if found is None or NAME_DOUBT in text or patient_name(text) is not None:
        return words
    name = [word for word, span in spans if span[0] < found.end and span[1] > found.start]
    return _replaced(words, name, [_doubt(words, name, NAME_DOUBT)])


def _with_name_taken(
    image: Image.Image, words: list[Word], name: list[Word], beyond: tuple[str, str], *, unlabelled: bool
) -> list[Word]:
    """The words with the name's read again with the Latin-script model where that reading is a name, its accents
    are where the page inks them, and its letters are the page pass's or the English model's reading it alone; else
    with the doubt mark in its place (`beyond`: what its first and last words hold beyond the name, kept). Specks the
    page pass read as words among the name's (`Toby, 550808 3 Toby` on a photo) go with them."""
    head, tail = beyond
    area = _area(image, name, MARGIN_HEIGHTS, read=words)
    replaced = name + [
        w for w in words if _across(w, area, image.size) and not any(w is n for n in name) and not _label_of(w, name)
    ]  # fmt: skip
    latin = _after_label(read_text_line(image, area, language=NAME_LANGUAGE))
    shaped = latin is not None and is_name(_without(latin, head, tail), unlabelled=unlabelled)
    if latin is not None and shaped and _accents_inked(image, latin):
        if _letters_agree(latin, name):
            return _replaced(words, replaced, latin)
        english = _after_label(read_text_line(image, area))
        if english is not None and _letters_agree(latin, english):
            return _replaced(words, replaced, latin)
    return _replaced(words, replaced, [_doubt(words, name, f"{head}{NAME_DOUBT}{tail}")])


def _label_of(word: Word, name: list[Word]) -> bool:
    """Whether a word is the name's label: it ends in a colon and its middle lies left of the name's words (`Name:`
    boxed short of the field, seed 209: the name's area reaches over it, and its reading again drops it)."""
    return word.text.endswith(":") and word.x_center < min(n.bbox[0] for n in name)


def _after_label(reading: list[Word] | None) -> list[Word] | None:
    """A name's reading without the end of its label the crop took in before it (`me: Toby, Toby`: a photo's `Name:`
    boxed short, its `me:` read as a lost word beside the name, held-out seed 245): a name holds no colon."""
    if reading is None:
        return None
    start = next((k for k, w in enumerate(reading) if not w.text.endswith(":")), len(reading))
    return reading[start:] or None


def _with_id_read_again(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words with the patient ID's value kept where it is an ID (not `TEST-981 1093`, split) and the page pass's
    reading of it outvotes every other among it and the readings of it alone (as it is, thickened, enlarged), else
    with the ID's doubt mark in its place (`PATS973385` for `PAT5973385`: a report filed under a wrong ID is a silent
    error); an ID label whose value the page pass lost has it read alone."""
    text, spans = header_text(group_lines(words))
    field = ID_FIELD.search(text) or UNLABELLED_ID_FIELD.search(text)
    if field is None:
        return words
    start, end = field.span(1)
    if ID_DOUBT in field.group(1):  # doubted already
        return words
    value = [(word, span) for word, span in spans if span[0] < end and span[1] > start]
    if not value:
        label = [word for word, span in spans if span[0] < start and span[1] > field.start()]
        return _with_lost_id(image, words, label) if label else words
    printed = [word for word, _ in value]
    head, tail = text[value[0][1][0] : start], text[end : value[-1][1][1]]
    as_read = _id_text(head + field.group(1) + tail)
    readings = Counter(map(_id_text, text_line_readings(image, _area(image, printed, ID_MARGIN_HEIGHTS))))
    readings[as_read] += 1
    (first, votes), *others = readings.most_common()
    if ID_VALUE.fullmatch(field.group(1).strip()) and first == as_read and all(n < votes for _, n in others):
        return words
    return _replaced(words, printed, [_doubt(words, printed, f"{head}{ID_DOUBT}{tail}")])


def _with_lost_id(image: Image.Image, words: list[Word], label: list[Word]) -> list[Word]:
    """The words with the ID read alone beside its label where the page pass read none and ink stands there: the
    reading where it is an ID, else the ID's doubt mark; a blank field (no ID typed) keeps its words."""
    width_px, height_px = image.size
    _, y0, x1, y1 = union_bbox(w.bbox for w in label)
    height = (y1 - y0) * height_px
    beside = [w.bbox[0] for w in words if w.bbox[0] > x1 and y0 < w.y_center < y1]
    right = min([*beside, x1 + ID_ROOM_HEIGHTS * height / width_px, 1.0])
    area = Box(round(x1 * width_px + ID_GAP_HEIGHTS * height), round(y0 * height_px - ID_MARGIN_HEIGHTS[1] * height),
               round(right * width_px), round(y1 * height_px + ID_MARGIN_HEIGHTS[0] * height))  # fmt: skip
    if _ink_px(image, area) < MIN_ID_INK_HEIGHTS * height * height:
        return words
    reading = read_text_line(image, area, meaning=_id_text)
    read = _id_text(" ".join(w.text for w in reading)) if reading is not None else ""
    if reading is not None and ID_VALUE.fullmatch(read):
        confidence = min(w.confidence for w in reading)
        return [*words, Word(read, union_bbox(w.bbox for w in reading), confidence=confidence)]
    doubt = Word(ID_DOUBT, (area.x0 / width_px, y0, area.x1 / width_px, y1), confidence=1.0)
    return [*words, doubt]


def _ink_px(image: Image.Image, area: Box) -> int:
    """How many pixels of an area of the page are inked."""
    if area.x1 <= area.x0 or area.y1 <= area.y0:
        return 0
    grey = np.asarray(image.convert("L"))[max(0, area.y0) : area.y1, max(0, area.x0) : area.x1]
    return int((grey < INK_LEVEL).sum())


def _id_text(reading: str) -> str:
    """An ID's reading without the marks OCR reads at its ends from specks and rules (`99999990;`, `99999990 :`)."""
    return reading.replace(" ", "").strip(_SPECK_MARKS)


def _with_id_line(image: Image.Image, words: list[Word], field: list[Word]) -> list[Word]:
    """The words with EyeSuite's `ID ...` line read alone under the name's field (the name and the birth date),
    where the page pass read no ID line there (nothing, or `0000000` without its `ID`) and the line reads as one;
    where words or ink stand there and read as none, the ID's doubt mark (printed, unread)."""
    width_px, height_px = image.size
    x0, _, x1, y1 = union_bbox(w.bbox for w in field)
    x0, x1, y1 = round(x0 * width_px), round(x1 * width_px), round(y1 * height_px)
    height = round(max(w.height for w in field) * height_px)
    area = Box(x0 - height, y1 + round(ID_BAND_HEIGHTS[0] * height), x1, y1 + round(ID_BAND_HEIGHTS[1] * height))
    inside = sorted((w for w in words if area.contains(w.x_center * width_px, w.y_center * height_px)), key=left_edge)
    if inside and ID_LINE.match(" ".join(w.text for w in inside)):
        return _replaced(words, inside, _one_band(inside))
    read = read_text_line(image, area)
    if read is not None and ID_LINE.match(" ".join(w.text for w in read)):
        return _replaced(words, inside, _one_band(read))
    if not inside and _ink_px(image, area) < MIN_ID_INK_HEIGHTS * (ID_LINE_TYPE * height) ** 2:
        return words
    doubt = Word(ID_DOUBT, (area.x0 / width_px, area.y0 / height_px, area.x1 / width_px, area.y1 / height_px))
    return _replaced(words, inside, [doubt])


def _one_band(line: list[Word]) -> list[Word]:
    """The words of one line read as one, boxed over the line's band: grouped into lines again, they stay one (on a
    tilted photo EyeSuite's `ID` and its value, a hair apart in height, went to the lines of two neighbours, and the
    ID line read as parted was doubted)."""
    _, y0, _, y1 = union_bbox(w.bbox for w in line)
    return [dataclasses.replace(w, bbox=(w.bbox[0], y0, w.bbox[2], y1)) for w in line]


def _doubt(words: list[Word], name: list[Word], text: str) -> Word:
    """The doubt mark over the name's words, a body word high about their middle: on the line of the name's label or
    birth date, as the name was (`document.group_lines`)."""
    x0, y0, x1, y1 = union_bbox(w.bbox for w in name)
    half = statistics.median(w.height for w in words) / 2
    return Word(text, (x0, (y0 + y1) / 2 - half, x1, (y0 + y1) / 2 + half), confidence=1.0)


def _accents_inked(image: Image.Image, reading: list[Word]) -> bool:
    """True unless a word reads with an accent where the page prints none over its letters, or without one where the
    page prints one (`JOÃO` read `JOAO` in the IOLMaster 500's bold serif, `müller` read `muller`). A word in capitals
    is judged by a mark over its capitals (`_mark_above`); a word with small letters by the marks stacked apart over
    its letters (`_marks_over_letters`: an `i`'s dot is one too), which must not outnumber the letters that carry one.
    A mark that touches its small letter (a bold rescan's `é`) is not told apart from a tall letter, so fewer marks
    pass."""
    grey = np.asarray(image.convert("L"))
    width_px, height_px = image.size
    for word in reading:
        letters = [ch for ch in word.text if ch.isalpha()]
        if not letters:
            continue
        x0, x1 = round(word.bbox[0] * width_px), round(word.bbox[2] * width_px)
        y0, y1 = round(word.bbox[1] * height_px), round(word.bbox[3] * height_px)
        top = max(0, y0 - round(ACCENT_ROOM * (y1 - y0)))
        ink = grey[top:y1, x0:x1] < INK_LEVEL
        if all(ch.isupper() for ch in letters):
            if _mark_above(ink, (y0 + y1) // 2 - top) != any(map(_accented, letters)):
                return False
        elif _marks_over_letters(ink) > sum(map(_marked, letters)):
            return False
    return True


def _marks_over_letters(ink: np.ndarray) -> int:
    """The marks a word's ink (rows x columns, from above its letters to their foot) stacks over its letters: small
    shapes with a taller shape under them (an `i`'s dot, an accent), not cut by the area's top (the line above's
    remains) nor wider than a letter is high (a rule); two closer than a quarter of the tallest shape count once (a
    diaeresis)."""
    shapes = [s for s in connected_shapes(ink) if (s[2] - s[0]) * (s[3] - s[1]) > 1]  # a lone pixel is noise
    tallest = max((y1 - y0 for _, y0, _, y1 in shapes), default=0)
    marks = sorted(
        (x0, x1)
        for x0, y0, x1, y1 in shapes
        if y0 > 0
        and y1 - y0 <= MARK_HEIGHT * tallest
        and x1 - x0 <= tallest  # not a rule over the word
        and any(b[1] >= y1 and b[3] - b[1] > y1 - y0 and b[0] < x1 and b[2] > x0 for b in shapes)
    )
    count, reach = 0, float("-inf")
    for x0, x1 in marks:
        count += x0 - reach > MARK_PAIR_GAP * tallest
        reach = max(reach, x1)
    return count


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


def _marked(letter: str) -> bool:
    """True for a small letter the page inks a mark over: `i`, `j`, one with an accent above (not a cedilla)."""
    above = any(unicodedata.combining(ch) == ABOVE for ch in unicodedata.normalize("NFD", letter))
    return above or letter in "ij"


def _without(reading: list[Word], head: str, tail: str) -> str:
    """A reading's text without what the name's first and last words hold beyond it."""
    text = " ".join(w.text for w in reading)
    text = text.removeprefix(head) if head else text
    return text.removesuffix(tail) if tail else text


def _area(image: Image.Image, name: list[Word], margins: tuple[float, float], read: list[Word] | None = None) -> Box:
    """The name's words' box in pixels with room around it in their height (more above, for accents); its rows are
    those of the words of letters of a usual height where there are any (a speck read as a word may stand a line
    tall). With the page's words `read`, widened over the words of the line the page pass lost whole beside it
    (`_lost_words_ends`)."""
    x0, _, x1, _ = union_bbox(w.bbox for w in name)
    width_px, height_px = image.size
    y0, y1 = (round(y * height_px) for y in _rows(name))
    height = max(w.height for w in _lettered(name)) * height_px
    x0, x1 = _ink_ends(image, Box(round(x0 * width_px), y0, round(x1 * width_px), y1), height)
    if read is not None:
        x0, x1 = _lost_words_ends(image, Box(x0, y0, x1, y1), height, read)
    side, above = round(margins[0] * height), round(margins[1] * height)
    return Box(x0 - side, y0 - above, x1 + side, y1 + side)


def _lost_words_ends(image: Image.Image, box: Box, height: float, read: list[Word]) -> tuple[int, int]:
    """A line's first and last columns (pixels) with the words the page pass lost whole beside it: ink within a word
    space of its ends, a letter high, that no word read covers (`DA SILVA, MARIA` read for `DA SILVA, MARIA JOSE`
    is another patient's name), and so on while more such ink follows. A label, or a birth date after the name, is a
    word read: it stops the widening; a speck is no letter high."""
    width_px, height_px = image.size
    covered = [
        (w.bbox[0] * width_px, w.bbox[2] * width_px)
        for w in read
        if w.bbox[1] * height_px < box.y1 and w.bbox[3] * height_px > box.y0
    ]
    inked = _inked_columns(image, box)
    reach = round(WORD_SPACE_HEIGHTS * height)
    x0, x1 = box.x0, box.x1

    def lost_word(columns: range) -> tuple[int, int] | None:
        run = _word_at(image, inked, columns, box, height)
        return run if run is not None and _unread(run, covered) else None

    while run := lost_word(range(x1, min(len(inked), x1 + reach))):
        x1 = max(x1 + 1, run[1])
    while run := lost_word(range(x0 - 1, max(-1, x0 - 1 - reach), -1)):
        x0 = min(x0 - 1, run[0])
    return x0, x1


def _unread(run: tuple[int, int], covered: list[tuple[float, float]]) -> bool:
    """Whether no word read covers a column of an ink run (`covered`: the words' columns)."""
    return not any(a <= run[1] and b >= run[0] for a, b in covered)


def _inked_columns(image: Image.Image, box: Box) -> np.ndarray:
    """Per column of the page, how many rows of a line's rows (`box`) are inked."""
    grey = np.asarray(image.crop((0, max(0, box.y0), image.width, min(image.height, box.y1))).convert("L"))
    return (grey < INK_LEVEL).sum(axis=0)


def _word_at(image: Image.Image, inked: np.ndarray, columns: range, box: Box, height: float) -> tuple[int, int] | None:
    """The ink run (first and last columns, `_ink_ends`) at the first of the columns (in the order given) holding ink,
    where it stands a letter high: `LETTER_ROWS` of the line's height inked in one of its columns (a speck lower);
    None where the columns hold no ink or a speck's."""
    column = next((c for c in columns if inked[c] >= MIN_INK_PX), None)
    if column is None:
        return None
    run = _ink_ends(image, Box(column, box.y0, column + 1, box.y1), height)
    return run if inked[run[0] : run[1]].max(initial=0) >= LETTER_ROWS * height else None


def _lettered(name: list[Word]) -> list[Word]:
    """The words of letters of a usual height among a line's words (not a line-tall speck read as letters:
    `socatoed`); all of them where none has letters."""
    lettered = [w for w in name if sum(map(str.isalpha, w.text)) >= LINE_LETTERS] or name
    usual = statistics.median(w.height for w in lettered) * SPECK_HEIGHTS
    return [w for w in lettered if w.height <= usual]


def _rows(name: list[Word]) -> tuple[float, float]:
    """The rows (top and foot, fractions of the page) of a line's words of letters of a usual height."""
    _, y0, _, y1 = union_bbox(w.bbox for w in _lettered(name))
    return y0, y1


def _ink_ends(image: Image.Image, box: Box, height: float) -> tuple[int, int]:
    """A line's first and last columns (pixels) with the ink that runs on from its words' ends: the page pass may box a
    word short of its last letter (`Tob` for `Toby`, its `y` read apart or lost), and the word read again in that box
    alone would be read short. Ink runs on across blanks narrower than a letter gap, up to a letter's width: never
    across a word's space."""
    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
    reach, gap = round(INK_RUN_HEIGHTS * height), max(1, round(LETTER_GAP_HEIGHTS * height))
    left, right = max(0, x0 - reach), min(image.width, x1 + reach)
    strip = np.asarray(image.crop((left, max(0, y0), right, min(image.height, y1))).convert("L")) < INK_LEVEL
    inked = strip.sum(axis=0) >= MIN_INK_PX
    start, end = x0 - left, x1 - left
    while end < len(inked) and inked[end : end + gap].any():
        end += int(np.flatnonzero(inked[end : end + gap])[-1]) + 1
    while start > 0 and inked[max(0, start - gap) : start].any():
        start = max(0, start - gap) + int(np.flatnonzero(inked[max(0, start - gap) : start])[0])
    return left + start, left + end


def _across(word: Word, area: Box, page_px: tuple[int, int]) -> bool:
    """True for a word whose middle lies across an area's columns and whose box reaches into its rows."""
    width, height = page_px
    return (
        area.x0 <= word.x_center * width <= area.x1
        and word.bbox[1] * height < area.y1
        and word.bbox[3] * height > area.y0
    )


def _replaced(words: list[Word], old: list[Word], new: list[Word]) -> list[Word]:
    return [w for w in words if not any(w is o for o in old)] + new


def _letters_agree(latin: list[Word], other: list[Word]) -> bool:
    """True where another reading of a name (the page pass's, the English model's) has the Latin reading's letters,
    accents aside, or spells a letter the English model has not as it reads it (`Miiller` for `Müller`), divided into
    the same words: `To by, Toby` (a 150-dpi rescan's Latin reading, held-out seed 224) is another name than
    `Toby, Toby`."""
    spelled = "".join(_ENGLISH_SPELLINGS.get(ch) or re.escape(_unaccented(ch)) for ch in _divided(latin))
    return re.fullmatch(spelled, _unaccented(_divided(other))) is not None


def _divided(words: list[Word]) -> str:
    """A reading's words joined by single spaces, without a space OCR set before a comma or point (`Toby ,`)."""
    return _SPACE_BEFORE_MARK.sub("", " ".join(w.text for w in words))


def _unaccented(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
