"""Table cells read one at a time: a number cell cropped alone, black and white, as one line of its own characters.

A page read at once garbles the thin Courier of a low-resolution or rescanned table (`2109` for `21.5`, lost minus
signs); the same cell cropped alone, binarised and read as a single line of digits, sign and point reads right
(docs/real-reports.md, IOLMaster 500). A reading counts only when two different preparations of the cell agree on it
(black and white as it is, with its strokes thickened first, and enlarged twice where the first two differ): a
misread rarely repeats across two.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.preprocess import otsu_threshold
from biometry.extract.strokes import thickened
from biometry.extract.tesseract import LANGUAGE

if TYPE_CHECKING:
    from biometry.extract.tesseract import TesseractWord

NUMBER_CHARACTERS = "0123456789.-+"
DECIMAL_COMMA = ","  # the mark of a report printed with decimal commas (`+0,32`), read as the point
CELL_MARGIN_PX = 8  # white around a cell's ink, as tesseract likes a border
MIN_AGREEING_READS = 2
RULE_ROW_SHARE = 0.5  # a pixel row of an area inked across this share of its width is a rule
RULE_RUN_HEIGHTS = 0.75  # crop heights: a line's rule runs its ink this long on average, bold type's runs are shorter
INK_LEVEL = 170  # a rescan's thin type and rules are grey: lighter than the level body text is read at
MIN_INK_PX = 2  # a pixel row holds ink where this many pixels in it are inked (a lone pixel is noise)
ENLARGED = 2  # the third preparation's scale
_NUMBER = re.compile(r"^[-+]?\d{1,3}\.\d{1,3}$")
_WHOLE_NUMBER = re.compile(r"^\d{1,4}$")  # a count printed without decimals (`CCT: 544 µm`)


def read_number_cell(image: Image.Image, cell: Box, *, comma: bool = False, whole: bool = False) -> Word | None:
    """The number printed in one cell of a grey page image (its ink's box in pixels), as a page word (its mark a
    point); None unless two preparations of the cell read the same number. A rule in the margin above or below the
    cell (the underline an `Emme. IOL:` value touches) is whitened first: left in, it turned `18.38` into `18.33` in
    two preparations. `comma`: the report prints decimal commas, which the reading may then read as they are (kept
    to a point's glyph, a photo's small comma was read as none in two preparations of three: `+032` for `+0,32`).
    `whole`: the cell prints a whole number, unsigned (`544`), read in digits alone."""
    crop = _without_margin_rules(image.crop((cell.x0 - CELL_MARGIN_PX, cell.y0 - CELL_MARGIN_PX,
                                             cell.x1 + CELL_MARGIN_PX, cell.y1 + CELL_MARGIN_PX)))  # fmt: skip
    characters = NUMBER_CHARACTERS + DECIMAL_COMMA if comma else NUMBER_CHARACTERS
    text = _agreed(crop, "0123456789", _WHOLE_NUMBER) if whole else _agreed(crop, characters)
    if text is None:
        return None
    width, height = image.size
    box = (cell.x0 / width, cell.y0 / height, cell.x1 / width, cell.y1 / height)
    return Word(text, box, bold=False, confidence=1.0)


def number_cell_readings(image: Image.Image, cell: Box) -> list[str]:
    """Every reading of one number cell, one per preparation (as it is, thickened, enlarged twice), without the ones
    that make no number: for a caller whose own check (a table's even steps) may confirm a reading that only one
    preparation gave."""
    crop = _without_margin_rules(image.crop((cell.x0 - CELL_MARGIN_PX, cell.y0 - CELL_MARGIN_PX,
                                             cell.x1 + CELL_MARGIN_PX, cell.y1 + CELL_MARGIN_PX)))  # fmt: skip
    enlarged = crop.resize((crop.width * ENLARGED, crop.height * ENLARGED), Image.Resampling.LANCZOS)
    return [text for text in (_read(crop), _read(thickened(crop)), _read(enlarged)) if text is not None]


LINE_MARGIN_PX = 4  # white kept around a labelled line read again alone


def labelled_line_again(
    image: Image.Image, words: list[Word], label: Word, count: int, shape: re.Pattern[str]
) -> tuple[list[Word], list[Word]] | None:
    """`label`'s line (it and the `count` words nearest right of it at its height) read again alone, when the reading
    (`read_text_line`) has `shape`: the words read and the page-pass words they replace; None otherwise."""
    after = words_after(label, words, count)
    if len(after) < count:
        return None
    width, height, margin = *image.size, LINE_MARGIN_PX
    area = Box(round(label.bbox[0] * width) - margin, round(label.bbox[1] * height) - margin,
               round(after[-1].bbox[2] * width) + margin, round(label.bbox[3] * height) + margin)  # fmt: skip
    line = read_text_line(image, area)
    if line is None or not shape.match(" ".join(w.text for w in line)):
        return None
    return line, [w for w in words if centre_in(w, area, image.size)]


def words_after(label: Word, words: list[Word], count: int) -> list[Word]:
    """Up to `count` words right of `label` whose centres lie within its height, nearest first."""
    beside = (w for w in words if label.bbox[1] <= w.y_center <= label.bbox[3] and w.bbox[0] > label.bbox[0])
    return sorted(beside, key=lambda w: w.bbox[0])[:count]


def read_text_line(
    image: Image.Image, area: Box, *, meaning: Callable[[str], str] | None = None, language: str = LANGUAGE
) -> list[Word] | None:
    """The words of one line of type in an area of a grey page image (pixels), read alone with the rows of any rule
    through it whitened (an underline that touches the type); None unless it reads the same as is and thickened.

    `meaning`: what a reading (its characters, spaces aside) stands for, where two spellings may say the same (a
    formula caption: `SRK@®/T` and `SRK®/T`); readings agree when it is equal. Without it, the characters must be.
    `language`: the tesseract model read with (a name's line: `tesseract.NAME_LANGUAGE`)."""
    crop = _without_rules(image.crop((area.x0, area.y0, area.x1, area.y1)))
    same = functools.partial(_same_text, meaning=meaning or _as_read)
    first, second = (_line_words(_padded(_black_and_white(c)), language) for c in (crop, thickened(crop)))
    if not same(first, second):
        enlarged = crop.resize((crop.width * ENLARGED, crop.height * ENLARGED), Image.Resampling.LANCZOS)
        third = _line_words(_padded(_black_and_white(enlarged)), language)
        first = first if same(first, third) else second if same(second, third) else []
    if not "".join(w.text for w in first).strip():
        return None
    origin = (area.x0 - CELL_MARGIN_PX, area.y0 - CELL_MARGIN_PX)
    return [_placed(w, origin, image.size) for w in first if w.text.strip()]


def _line_words(image: Image.Image, language: str) -> list[TesseractWord]:
    """One line's words (psm 7), the English model's asked for as every other line read asks (`read_words(image, 7)`,
    the engine seam tests stand in for)."""
    from biometry.extract.tesseract import read_words

    return read_words(image, 7) if language == LANGUAGE else read_words(image, 7, language)


def text_line_readings(image: Image.Image, area: Box) -> list[str]:
    """Every preparation's reading of one line of type in an area of a grey page image (as it is, thickened, enlarged
    twice; rules whitened as `read_text_line` does), spaces aside: for a caller whose own evidence (the same line
    printed elsewhere on the page) may confirm a reading only one preparation gave."""
    return [text for text in map(line_characters, text_line_words(image, area)) if text]


def text_line_words(image: Image.Image, area: Box) -> list[list[Word]]:
    """Every preparation's reading of one line (`text_line_readings`) as its words placed on the page, in the same
    order (as it is, thickened, enlarged); a preparation that read nothing gives no words."""
    from biometry.extract.tesseract import read_words

    crop = _without_rules(image.crop((area.x0, area.y0, area.x1, area.y1)))
    enlarged = crop.resize((crop.width * ENLARGED, crop.height * ENLARGED), Image.Resampling.LANCZOS)
    origin = (area.x0 - CELL_MARGIN_PX, area.y0 - CELL_MARGIN_PX)
    return [
        [_placed(w, origin, image.size, scale) for w in read_words(_padded(_black_and_white(c)), 7) if w.text.strip()]
        for c, scale in ((crop, 1), (thickened(crop), 1), (enlarged, ENLARGED))
    ]


def agreed_line(
    image: Image.Image, area: Box, meaning: Callable[[str], str | None], as_printed: Callable[[str], bool]
) -> list[Word] | None:
    """One line read alone by every preparation (`text_line_words`), where at least two agree on what it says
    (`meaning` of a reading's characters; None: nothing the caller reads); of those, a reading `as_printed` says is
    in the printed form, else the first. None where no two agree."""
    readings = [reading for reading in text_line_words(image, area) if reading]
    meanings = [meaning(line_characters(reading)) for reading in readings]
    agreed = [reading for reading, said in zip(readings, meanings, strict=True)
              if said is not None and meanings.count(said) >= MIN_AGREEING_READS]  # fmt: skip
    return min(agreed, key=lambda reading: not as_printed(line_characters(reading)), default=None)


def _placed(word: TesseractWord, origin: tuple[int, int], page_px: tuple[int, int], scale: int = 1) -> Word:
    """A word tesseract read in a crop placed at `origin` (pixels; the crop enlarged `scale` times, its margin not) as
    a word of the page (fractions)."""
    (x, y), (width, height) = origin, page_px
    left, top = (
        x + CELL_MARGIN_PX + (word.left - CELL_MARGIN_PX) / scale,
        y + CELL_MARGIN_PX + (word.top - CELL_MARGIN_PX) / scale,
    )
    right, bottom = left + word.width / scale, top + word.height / scale
    return Word(word.text, (left / width, top / height, right / width, bottom / height),
                confidence=min(word.confidence / 100, 1.0))  # fmt: skip


def _same_text(one: list[TesseractWord], other: list[TesseractWord], *, meaning: Callable[[str], str]) -> bool:
    """True when two readings of a line mean the same: their characters (spaces aside: `A const:` and `Aconst:`
    agree), or what `meaning` makes of them."""
    return meaning(line_characters(one)) == meaning(line_characters(other))


def line_characters(reading: Sequence[TesseractWord] | Sequence[Word]) -> str:
    """A line's reading as its characters, spaces aside (what line readings are compared and matched by)."""
    return "".join(w.text for w in reading).replace(" ", "")


def _as_read(text: str) -> str:
    return text


def _without_rules(crop: Image.Image) -> Image.Image:
    """The crop of a line with every pixel row of a rule through it painted white (`line_rule_rows`)."""
    grey = np.asarray(crop.convert("L")).copy()
    grey[line_rule_rows(grey < INK_LEVEL)] = 255
    return Image.fromarray(grey)


def line_rule_rows(ink: np.ndarray) -> np.ndarray:
    """Which pixel rows of a line's crop (rows x columns, bool ink) are a rule's: inked across most of the width in
    runs that average RULE_RUN_HEIGHTS of the crop's height at least, and the rows inked as densely that touch them
    (the rule's soft edge). A row through bold type in a tight crop is inked as densely (50-72 % on 150-dpi rescans of
    an IOLMaster 700 lens heading), but in runs a stroke or a few glued glyphs long (10-23 px in a 36-80 px crop); a
    rule's run, broken or not, spans most of the crop (40 px and more in 47, the rows of a rule that runs all through:
    the crop's width). Whitened, the heading's middle rows left tesseract garbage (`E`, `Vision`)."""
    if not ink.size:
        return np.zeros(ink.shape[0], dtype=bool)
    dense = ink.mean(axis=1) >= RULE_ROW_SHARE
    edges = np.diff(np.pad(ink.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    runs = np.maximum((edges == 1).sum(axis=1), 1)
    rules: np.ndarray = dense & (ink.sum(axis=1) / runs >= RULE_RUN_HEIGHTS * ink.shape[0])
    while True:
        touching = dense & ~rules & (np.r_[False, rules[:-1]] | np.r_[rules[1:], False])
        if not touching.any():
            return rules
        rules |= touching


def _without_margin_rules(crop: Image.Image) -> Image.Image:
    """A cell's crop with the rule rows of its top and bottom margins painted white (never rows of the cell's ink:
    a row through the tops of a short number's digits can be inked across half its width)."""
    grey = np.asarray(crop.convert("L")).copy()
    rules = rule_rows(grey < INK_LEVEL)
    rules[CELL_MARGIN_PX : grey.shape[0] - CELL_MARGIN_PX] = False
    grey[rules] = 255
    return Image.fromarray(grey)


def rule_rows(ink: np.ndarray) -> np.ndarray:
    """Which pixel rows of an area's ink (rows x columns, bool) are rules: inked across most of its width."""
    return ink.mean(axis=1) >= RULE_ROW_SHARE if ink.size else np.zeros(ink.shape[0], dtype=bool)


def ink_without_rules(grey: np.ndarray) -> np.ndarray:
    """The ink of a grey area (bool, rows x columns) with its rule rows cleared."""
    ink = grey < INK_LEVEL
    ink[rule_rows(ink)] = False
    return ink


def _padded(crop: Image.Image) -> Image.Image:
    padded = Image.new("L", (crop.width + 2 * CELL_MARGIN_PX, crop.height + 2 * CELL_MARGIN_PX), 255)
    padded.paste(crop, (CELL_MARGIN_PX, CELL_MARGIN_PX))
    return padded


def ink_bands(profile: np.ndarray, min_px: int, gap_px: int) -> list[tuple[int, int]]:
    """Runs of True in a profile (start, past-end), runs parted by fewer than `gap_px` joined, short ones dropped."""
    inked = np.flatnonzero(profile)
    if inked.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(inked) > gap_px)
    starts, ends = np.r_[inked[0], inked[breaks + 1]], np.r_[inked[breaks], inked[-1]] + 1
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True) if b - a >= min_px]


def widest_blank(ink: np.ndarray, min_px: int) -> tuple[int, int] | None:
    """The inked columns either side of the widest blank between inked columns of `ink` (rows x columns, bool),
    None where no blank is `min_px` wide."""
    columns = np.flatnonzero(ink.any(axis=0))
    if columns.size < 2:
        return None
    gaps = np.diff(columns)
    widest = int(np.argmax(gaps))
    return (int(columns[widest]), int(columns[widest + 1])) if gaps[widest] >= min_px else None


def centre_in(word: Word, area: Box, page_px: tuple[int, int]) -> bool:
    """True when a word's centre lies in an area of the page (pixels of a page of `page_px`)."""
    width, height = page_px
    return area.contains(word.x_center * width, word.y_center * height)


def _agreed(crop: Image.Image, characters: str, form: re.Pattern[str] = _NUMBER) -> str | None:
    """The number two preparations of the crop read alike: as it is and thickened, and only when these two differ,
    enlarged twice as a third."""
    first, second = _read(crop, characters, form), _read(thickened(crop), characters, form)
    if first is not None and first == second:
        return first
    enlarged = crop.resize((crop.width * ENLARGED, crop.height * ENLARGED), Image.Resampling.LANCZOS)
    third = _read(enlarged, characters, form)
    readings = Counter(r for r in (first, second, third) if r is not None)
    agreed = [text for text, count in readings.items() if count >= MIN_AGREEING_READS]
    return agreed[0] if agreed else None


def _read(crop: Image.Image, characters: str = NUMBER_CHARACTERS, form: re.Pattern[str] = _NUMBER) -> str | None:
    """One black-and-white reading of a cell: its characters without spaces, a comma as the point, if they make one
    number in `form`."""
    from biometry.extract.tesseract import read_line

    text = "".join(word.text for word in read_line(_black_and_white(crop), characters)).replace(" ", "")
    text = text.replace(DECIMAL_COMMA, ".")
    return text if form.match(text) else None


def _black_and_white(crop: Image.Image) -> Image.Image:
    """The crop split at its own Otsu level (a cell is ink on paper: two classes)."""
    grey = np.asarray(crop.convert("L"), dtype=np.uint8)
    level = otsu_threshold(grey)
    return Image.fromarray(np.where(grey < level, 0, 255).astype(np.uint8))
