"""Local OCR with tesseract: image frames or rendered PDF pages become words with a confidence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from biometry.document import DOUBTFUL_NUMBER, Page, Word, overlaps_any
from biometry.errors import UnreadableInputError
from biometry.extract.binarise import binarised, is_enlarged_raster, soft_edged
from biometry.extract.boxes import Box, find_boxes
from biometry.extract.large_type import body_height_px, dropped_label_letters, large_type_regions, uncovered_shapes
from biometry.extract.lost_lines import lost_line_regions
from biometry.extract.orientation import may_be_turned, sure_words, turned_upright
from biometry.extract.refiners import refined
from biometry.extract.ruled_numbers import with_ruled_numbers_apart
from biometry.extract.strokes import is_low_resolution, thickened, with_bold
from biometry.extract.text_rows import text_rows
from biometry.extract.value_votes import value_area, voted_reading
from biometry.normalize import decimals, parse_number

if TYPE_CHECKING:
    import pypdfium2 as pdfium
    from PIL import Image

    from biometry.extract.tesseract import TesseractWord

OCR_DPI = 300  # with --psm 4 this reads report blocks best (see platform notes)
TESSERACT_CONFIG = "--psm 4"
TESSERACT_LANG = "eng"
ASSUMED_IMAGE_DPI = 300  # for images that do not say their resolution
BOX_ROW_CONFIG = "--psm 7"  # a box one text line high (the framed selected row) is read as a single line
BOX_CONFIG = "--psm 4"  # a taller box as the page: psm 6 (one uniform block) read a column psm 4 dropped in one
# sample, but accepted fewer documents on both corpora (docs/ocr.md)
BOX_ROW_MAX_HEIGHT_PX = 100  # about two text lines at 300 dpi
BOX_TRIM_PX = 4  # anti-aliased remains of the frame, cut off the inside of a box
THICK_BOX_TRIM_PX = 2  # on a thickened page the frame's remains are part of the frame: cut less off the text
REGION_MARGIN_PX = 20
LARGE_TYPE_CONFIG = "--psm 7"  # a row of large type is one line
LARGE_TYPE_SCALE = 1.5  # large type is shrunk to about this many body-text heights
LARGE_TYPE_MARGIN_PX = 10
LARGE_TYPE_DOUBT = 0.5  # a large-type re-read below this mean confidence does not replace a surer page-pass reading
READ_TWICE_SHARE = 0.5  # a re-read word this much on a word kept from the page pass reads its ink again
ONE_LINE_SHARE = 0.5  # ... as does a found word meeting it at all on its line (sharing this much of the lower's height)
BOX_FRAME_PX = 8  # the frame around a box's inside, painted white with it
BOX_REREAD_CONFIG = "--psm 6"  # a box whose psm 4 reading left text unread: the words it missed, read as one block
BOX_MISSED_INK_SHARE = 0.05  # ink no word covers beyond this share: psm 4 dropped a line or a column
SURE_REREAD = 0.8  # ... and replaced by what the re-read finds in its box only when tesseract is this sure of all of it
DOUBTFUL_REREAD_CONFIG = "--psm 7"  # a word read again alone is one line
LOST_LINE_CONFIG = "--psm 7"  # a line the page pass dropped (`extract.lost_lines`) is read again as one line
LOST_LINE_MIN_CHARACTERS = 2  # ... and kept with two letters or digits at least (`AL`; a curve's ring read `O` is not)
REREAD_MARGIN_SHARE = 0.2  # white around the word read again alone: this share of its height
FLAT_WORD_PX = 3  # a word tesseract boxes flatter than this holds no glyph of body text (a row's underline, read)
EDGE_MARK_PX = 2  # a word boxed this close to the image's left or right edge ...
EDGE_MARKS = frozenset("|:;!'[](){}")  # ... holding only these marks is the edge itself read (a photo's background)
_PSM = {"--psm 4": 4, "--psm 6": 6, "--psm 7": 7}  # tesseract's page segmentation modes by their CLI option
_INK_LEVEL = 128
PAPER_LEVEL = 230  # a box whose darkest pixel is this light holds no glyph (the cleaned page's paper is ~255; the
# lightest word of a 150-dpi rescan's grey type is darker than 200)
_RULE_INK_SHARE = 0.5  # a pixel column inked on this share of a region's height is a vertical rule
_SOLID_RUN_PX = 24  # ink running this far along a row is a filled area or a rule, not a stroke of text (300 dpi)


def ocr_pdf_page(pdf: pdfium.PdfDocument, index: int, *, dpi: int = OCR_DPI, clean: bool = True) -> Page:
    """Render page `index` (0-based) at `dpi` (capped by the pixel limit) and OCR it."""
    from biometry.extract.ocr_pages import rendered_page

    page = rendered_page(pdf, index, dpi=dpi)
    return ocr_image(page.image, number=page.number, size_pt=page.size_pt, clean=clean, source_dpi=page.source_dpi,
                     bilevel=page.bilevel)  # fmt: skip


def image_frames(image: Image.Image) -> Iterator[tuple[Image.Image, bool]]:
    """Every frame of an opened image (all pages of a TIFF), upright per EXIF, in grayscale, and whether it was stored
    in black and white (a fax, a scanner's text mode)."""
    from PIL import ImageOps

    for index in range(getattr(image, "n_frames", 1)):
        try:
            image.seek(index)
            upright = ImageOps.exif_transpose(image) or image
            frame, bilevel = upright.convert("L"), upright.mode == "1"
        except (OSError, SyntaxError, ValueError) as exc:
            raise UnreadableInputError("corrupt_image", "The image is damaged and cannot be decoded.") from exc
        yield frame, bilevel


def image_page_size_pt(image: Image.Image) -> tuple[float, float]:
    """The printed size of an image in points, from its resolution (assumed 300 dpi if it has none)."""
    dpi = image.info.get("dpi") or (ASSUMED_IMAGE_DPI, ASSUMED_IMAGE_DPI)
    x_dpi, y_dpi = (float(d) or ASSUMED_IMAGE_DPI for d in dpi)
    return image.width * 72 / x_dpi, image.height * 72 / y_dpi


def ocr_image(
    image: Image.Image,
    *,
    number: int,
    size_pt: tuple[float, float] | None = None,
    clean: bool = True,
    source_dpi: float | None = None,
    bilevel: bool = False,
) -> Page:
    """OCR one grayscale image into a page of words (bbox fractions of the image, confidence 0..1, measured bold).

    A page read unsure may lie turned (scanned upside down, a photo sideways): it is turned upright when tesseract's
    orientation detection is sure, read again, and the surer reading kept (`extract.orientation`).
    """
    page = _ocr_as_it_lies(image, number=number, size_pt=size_pt, clean=clean, source_dpi=source_dpi, bilevel=bilevel)
    if not may_be_turned(page.words):
        return page
    upright = turned_upright(image)
    if upright is None:
        return page
    size = size_pt if size_pt is None or upright.size == image.size else (size_pt[1], size_pt[0])
    again = _ocr_as_it_lies(upright, number=number, size_pt=size, clean=clean, source_dpi=source_dpi, bilevel=bilevel)
    return again if sure_words(again.words) > sure_words(page.words) else page


def _ocr_as_it_lies(
    image: Image.Image,
    *,
    number: int,
    size_pt: tuple[float, float] | None = None,
    clean: bool = True,
    source_dpi: float | None = None,
    bilevel: bool = False,
) -> Page:
    """OCR one grayscale image as it lies into a page of words (bbox fractions of the image, confidence 0..1, bold).

    `source_dpi`: the resolution the page was stored at; below 175 dpi crisp type is read thickened and binarised
    (`_page_pass_for`). `bilevel`: it was stored in black and white (its boxes' rules: `boxes.find_boxes`).
    """
    width_pt, height_pt = size_pt or image_page_size_pt(image)
    if clean:
        from biometry.extract.preprocess import preprocess_for_ocr

        image = preprocess_for_ocr(image)
    measured = image
    image, trim, boxes, page, words = _page_pass_for(image, source_dpi, bilevel)
    body = body_height_px(page, words)
    uncovered = uncovered_shapes(page, words)
    for region in large_type_regions(page, words, uncovered):
        words = _with_large_type(words, region, page, body)
    words = _with_lost_lines(page, words, lost_line_regions(uncovered, body, page.size))
    for box in boxes:  # biggest first: a box inside another replaces what its outer box read there
        inner = [b for b in boxes if b is not box and box.contains(b.x0, b.y0) and box.contains(b.x1, b.y1)]
        alone = _blanked(image, inner)
        words = _outside(words, box, image) + _with_large_type_in_box(
            alone, box, trim, _read_box(alone, box, trim), body
        )
    words = with_ruled_numbers_apart(_without_flat_repeats(words, image.height))
    words = _with_doubtful_numbers_reread([image] if image is measured else [image, measured], words)
    words = _without_marks_at_the_edge(measured, _without_words_on_paper(measured, words))
    words = refined(measured, words)  # what a device reads again on its own pages (extract.refiners)
    words = with_bold(measured, words)
    return Page(number=number, width_pt=width_pt, height_pt=height_pt, source="ocr", words=words)


class _PagePass(NamedTuple):
    """One reading of a page's text outside its boxes: the image read, its box trim, its boxes, the page with them
    blanked, and the words."""

    image: Image.Image
    trim: int
    boxes: list[Box]
    page: Image.Image
    words: list[Word]


def _page_pass_for(grey: Image.Image, source_dpi: float | None, bilevel: bool = False) -> _PagePass:
    """The page pass over the page as its resolution and edges want: a page stored below 175 dpi with crisp type (the
    IOLMaster 500's thin Courier frames) thickened and binarised; every other page, a blurred low-resolution rescan
    included, from its grey levels (`binarise.soft_edged`)."""
    if not (is_low_resolution(source_dpi) or is_enlarged_raster(source_dpi)) or soft_edged(grey):
        return _page_pass(grey, BOX_TRIM_PX, bilevel)
    prepared, trim = (thickened(grey), THICK_BOX_TRIM_PX) if is_low_resolution(source_dpi) else (grey, BOX_TRIM_PX)
    return _page_pass(binarised(prepared) if is_enlarged_raster(source_dpi) else prepared, trim, bilevel)


def _page_pass(image: Image.Image, trim: int, bilevel: bool) -> _PagePass:
    """The image's boxes found, blanked, and the rest of the page read."""
    boxes = find_boxes(image, bilevel=bilevel)
    page = _blanked(image, boxes)
    return _PagePass(image, trim, boxes, page, _read(page, image.size, TESSERACT_CONFIG))


def _with_lost_lines(image: Image.Image, words: list[Word], regions: list[Box]) -> list[Word]:
    """The words with each line the page pass dropped (`regions`: `extract.lost_lines`) read again alone: the words
    found there that tesseract is sure of (a picture's ink read as text is not, nor an icon read `+` at 0.47 beside
    sure words of a line the page pass had read), two letters or digits at least. A number found there stands as its
    readings alone vote (`_voted`). A word found on a kept one's ink is that ink read twice and left out, unless it
    holds the kept word whole, text and box (`ACD:` over the `:` the page pass kept): then it replaces it."""
    for region in regions:
        found = [
            w
            for w in _read_region(image, region, LOST_LINE_CONFIG)
            if w.confidence >= SURE_REREAD and _adds_to(w, words)
        ]
        if _characters(found) < LOST_LINE_MIN_CHARACTERS:
            continue
        voted = [word for word in (_voted(image, w) for w in found) if word is not None]
        words = [w for w in words if not any(_holds(f, w) for f in voted)] + voted
    return words


def _voted(image: Image.Image, word: Word) -> Word | None:
    """A number found on a lost line as the vote of its readings alone settles it (`value_votes`: read alone, a
    photo's Courier `-0.6` came back `0.6` and `0.5` `0.9` at 0.95), None where no reading carries the vote; any
    other word as found."""
    if _number_of(word.text) is None:
        return word
    reading = voted_reading(image, value_area(image, *word.bbox), word.text, _number_of)
    return None if reading is None else Word(reading, word.bbox, word.bold, word.confidence)


def _number_of(text: str) -> tuple[float, int] | None:
    """A reading's number and its decimals (`-0,66` -> (-0.66, 2)), None where it is no number alone."""
    number = parse_number(text)
    return None if number is None else (number, decimals(text))


def _characters(words: list[Word]) -> int:
    """The letters and digits the words hold."""
    return sum(character.isalnum() for word in words for character in word.text)


def _adds_to(found: Word, words: list[Word]) -> bool:
    """True when a word found again reads no kept word's ink twice, or reads only kept words it holds whole."""
    return all(_holds(found, w) for w in words if _reads_again(found, w))


def _reads_again(found: Word, kept: Word) -> bool:
    """True when a found word reads a kept word's ink: their boxes meet on more than READ_TWICE_SHARE of the smaller,
    or meet at all beside each other on one line (`CI` read over the uncovered edge of `CNAOTO` and its first letter:
    a lost line's margin reaches into the kept word next to it)."""
    if overlaps_any(found, [kept], READ_TWICE_SHARE):
        return True
    (_, y0, _, y1), (_, ky0, _, ky1) = found.bbox, kept.bbox
    shared_height = min(y1, ky1) - max(y0, ky0)
    return overlaps_any(found, [kept]) and shared_height >= ONE_LINE_SHARE * min(y1 - y0, ky1 - ky0)


def _holds(found: Word, kept: Word) -> bool:
    """True when `kept` is part of `found`: its text in the found text and its box inside the found box."""
    (x0, y0, x1, y1), (kx0, ky0, kx1, ky1) = found.bbox, kept.bbox
    return kept.text in found.text and x0 <= kx0 and kx1 <= x1 and y0 <= (ky0 + ky1) / 2 <= y1


def _with_doubtful_numbers_reread(images: list[Image.Image], words: list[Word]) -> list[Word]:
    """The words, each number tesseract doubts read again alone: the page pass glues a photo's table cells and their
    rules (`2050°:|-O.17` at 0.00 for `21.50 | 0.17`, `|20.27` for `0.27`, `22/00:` for `22.00`), alone they read
    right (0.96). The re-read's words inside the word's box replace it when tesseract is sure of every one. `images`:
    the page as read, then (for a page thickened or binarised for its low resolution) its grey levels, where a
    150-dpi rescan's small constants that the page pass garbled read right (`&n118.30` -> `A=118.30`)."""
    readings = []
    for word in words:
        doubtful = word.confidence < DOUBTFUL_NUMBER and any(c.isdigit() for c in word.text)
        sure = next((found for image in images if (found := _read_alone(image, word))), []) if doubtful else []
        readings.append((word, sure))
    replaced = [word for word, sure in readings if sure]
    return [w for word, sure in readings if not _read_within(word, replaced) for w in (sure or [word])]


def _without_flat_repeats(words: list[Word], page_height_px: int) -> list[Word]:
    """The words without the numbers tesseract set in a box flatter than a glyph (`FLAT_WORD_PX`) along the bottom of
    a word of full height whose digits they repeat: a second reading of that word's print along a table row's
    underline (`0,75` 1 px high under `+0,75`, `00` under `+21,00`: the row then held four numbers; `40,51` under
    `+0.51`, its plus read as a 4, was taken for an emmetropia power). A flat number
    that repeats nothing above it stays (`+21,99`, an emmetropia power tesseract boxed 1 px high: its only reading).
    """
    flat = FLAT_WORD_PX / page_height_px
    full = [w for w in words if w.bbox[3] - w.bbox[1] >= 3 * flat]
    return [w for w in words if not (w.bbox[3] - w.bbox[1] < flat and _repeats_digits_above(w, full))]


def _repeats_digits_above(word: Word, full: list[Word]) -> bool:
    digits = _digits(word.text)
    plus_as_four = digits[1:] if word.text.startswith("4") else ""  # `40,51` 1 px high under `+0.51` (seed 195)
    return bool(digits) and any(
        (digits in _digits(other.text) or (plus_as_four and "+" in other.text and plus_as_four in _digits(other.text)))
        and other.bbox[0] < word.bbox[2]
        and word.bbox[0] < other.bbox[2]
        and other.bbox[1] <= word.bbox[1] <= other.bbox[3] + (other.bbox[3] - other.bbox[1]) / 4
        for other in full
    )


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _read_within(word: Word, replaced: list[Word]) -> bool:
    """True when a bigger word read again alone covers most of this one: the page pass set overlapping words on one
    stretch of ink (a photo's `LF=1,36` at 0.45 across its whole constants line, and `/`, `OF`, `=3.82` on its end),
    and the big word's re-read (`LF=1.36 / DF=3.82`) read it all; kept, it came back twice (`OF =3.82`)."""
    bigger = [other for other in replaced if _area(other) > _area(word)]
    return overlaps_any(word, bigger, READ_TWICE_SHARE)


def _area(word: Word) -> float:
    x0, y0, x1, y1 = word.bbox
    return (x1 - x0) * (y1 - y0)


def _read_alone(image: Image.Image, word: Word) -> list[Word]:
    """What the word's box reads alone, with a white margin, else cut at its box (a neighbour's edge in the margin
    can spoil it: a 150-dpi rescan's `5.61` read 0.00 with the margin, 0.92 without); [] unless tesseract is sure of
    every word in the box."""
    margin = max(1, round(REREAD_MARGIN_SHARE * word.height * image.height))
    return _read_box_alone(image, word, margin) or _read_box_alone(image, word, 0)


def _without_words_on_paper(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words less those with a letter or digit whose box holds no ink, its darkest pixel paper (PAPER_LEVEL or
    lighter): tesseract now and then reads a glyph over blank paper, a `9` at confidence 0.00-0.16 between an
    IOLMaster 700 photo's `TK2:` and its `---` (held-out seeds 241, 246), which then stood as TK2's value. A box less
    than FLAT_WORD_PX wide or tall is not judged: tesseract boxed a photo's `2` of `Holladay 2` one pixel wide, on the
    white beside its strokes (seed 217)."""
    grey = np.asarray(image.convert("L"))
    height, width = grey.shape

    def on_paper(word: Word) -> bool:
        x0, y0, x1, y1 = word.bbox
        crop = grey[round(y0 * height) : round(y1 * height), round(x0 * width) : round(x1 * width)]
        boxed = min(crop.shape) >= FLAT_WORD_PX  # a box a pixel or two wide (`2` of `Holladay 2`) tells nothing
        return boxed and int(crop.min()) >= PAPER_LEVEL and any(c.isalnum() for c in word.text)

    return [w for w in words if not on_paper(w)]


def _without_marks_at_the_edge(image: Image.Image, words: list[Word]) -> list[Word]:
    """The words less those boxed against the image's left or right edge (within EDGE_MARK_PX) that hold only the
    marks OCR makes of an upright edge (EDGE_MARKS): a photo's background left beside the page, read as a column of
    `|` and `:` one pixel wide, stood first on every line of an Eyestar page's half and broke its lens table
    (held-out seed 295). A word with a letter or digit, or a null's dashes, cut by the edge stays."""
    width = image.size[0]

    def at_the_edge(word: Word) -> bool:
        x0, _, x1, _ = word.bbox
        edge = x0 * width <= EDGE_MARK_PX or x1 * width >= width - EDGE_MARK_PX
        return edge and bool(word.text) and all(c in EDGE_MARKS for c in word.text)

    return [w for w in words if not at_the_edge(w)]


def _read_box_alone(image: Image.Image, word: Word, margin: int) -> list[Word]:
    """The words read in the word's box and `margin` pixels around it, if tesseract is sure of each; else []."""
    width, height = image.size
    x0, y0, x1, y1 = word.bbox
    region = Box(
        round(x0 * width) - margin, round(y0 * height) - margin, round(x1 * width) + margin, round(y1 * height) + margin
    )
    found = [
        w
        for w in _read_region(image, region, DOUBTFUL_REREAD_CONFIG)
        if x0 <= w.x_center <= x1 and y0 <= w.y_center <= y1
    ]
    return found if found and all(w.confidence >= SURE_REREAD for w in found) else []


def _outside(words: list[Word], box: Box, image: Image.Image) -> list[Word]:
    """The words whose centre is not in the box (the arithmetic of Word.x_center and Word.y_center)."""
    width, height = image.size
    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
    return [
        w
        for w in words
        if not (x0 <= (w.bbox[0] + w.bbox[2]) / 2 * width <= x1 and y0 <= (w.bbox[1] + w.bbox[3]) / 2 * height <= y1)
    ]


def _inside(words: list[Word], box: Box, image: Image.Image) -> list[Word]:
    """The words whose centre is in the box (those `_outside` leaves out)."""
    outside = {id(w) for w in _outside(words, box, image)}
    return [w for w in words if id(w) not in outside]


def _blanked(image: Image.Image, boxes: list[Box]) -> Image.Image:
    """The page with these boxes, frames included, painted white: they are read one at a time."""
    if not boxes:
        return image
    page = image.copy()
    frame = BOX_FRAME_PX
    for box in boxes:
        page.paste(255, (box.x0 - frame, box.y0 - frame, box.x1 + frame, box.y1 + frame))
    return page


def _read_box(image: Image.Image, box: Box, trim: int) -> list[Word]:
    """OCR the inside of one box, `trim` pixels of its frame cut off (tesseract reads a frame as `|` or `_`).

    A box with no text ink (a photo, a box whose inner boxes are read on their own) is not read at all. A framed row
    of large bold type (the selected row of an EyeSuite table on a thickened rescan) can come back empty from
    tesseract's line finder; at half size it is read.
    """
    inside = Box(box.x0 + trim, box.y0 + trim, box.x1 - trim, box.y1 - trim)
    ink = _text_ink(image, inside)
    if not ink.any():
        return []
    # one framed line (two rows of small type in a low box read as a box); read again at half size when tesseract
    # finds no line in it
    if box.y1 - box.y0 <= BOX_ROW_MAX_HEIGHT_PX and text_rows(ink) <= 1:
        return _read_region(image, inside, BOX_ROW_CONFIG) or _read_region(image, inside, BOX_ROW_CONFIG, shrink=2)
    words = _read_region(image, inside, BOX_CONFIG)
    if _missed_share(ink, inside, words, image.size) > BOX_MISSED_INK_SHARE:
        again = _read_region(image, inside, BOX_REREAD_CONFIG)
        words += [w for w in again if not overlaps_any(w, words)]
    return words


def _with_large_type_in_box(image: Image.Image, box: Box, trim: int, words: list[Word], body: float) -> list[Word]:
    """A box's words with a big eye label read again alone where the box's read kept its `D` (`S`) and dropped its
    `O`: the framed label cell of an IOLMaster 700 analysis page, read as a box, loses it now and then, as the page
    pass can (`extract.large_type`); and with the lines its read dropped read again, as the page pass's are
    (`_with_lost_lines`): a photo's box of an IOLMaster 700 biometry block lost its K rows' labels (`SE:`, `K1:`
    read as their colons), a rescan's result box its last row and emmetropia line. The page pass's own re-reads see
    no box's ink."""
    if not body or not words:
        return words
    inside = Box(box.x0 + trim, box.y0 + trim, box.x1 - trim, box.y1 - trim)
    for region in dropped_label_letters(image, words, body, inside):
        words = _with_large_type(words, region, image, body)
    uncovered = uncovered_shapes(image, words, within=inside)
    return _with_lost_lines(image, words, lost_line_regions(uncovered, body, image.size))


def _text_ink(image: Image.Image, region: Box) -> np.ndarray:
    """The region's ink that can be text: without vertical rules through it and without solid areas (a logo)."""
    ink = np.asarray(image.crop((region.x0, region.y0, region.x1, region.y1)).convert("L")) < _INK_LEVEL
    if ink.size == 0:
        return ink
    ink[:, ink.mean(axis=0) >= _RULE_INK_SHARE] = False
    run = _SOLID_RUN_PX
    counts = np.cumsum(np.pad(ink, ((0, 0), (1, 0))), axis=1, dtype=np.int32)
    starts = np.zeros(ink.shape, dtype=np.int32)  # 1 where a run of `run` inked pixels starts
    starts[:, : ink.shape[1] - run + 1] = (counts[:, run:] - counts[:, :-run]) == run
    covered = np.cumsum(np.pad(starts, ((0, 0), (run, 0))), axis=1, dtype=np.int32)
    solid = (covered[:, run:] - covered[:, :-run]) > 0  # a pixel within such a run
    return ink & ~solid


def _missed_share(ink: np.ndarray, region: Box, words: list[Word], page_px: tuple[int, int]) -> float:
    """The share of a region's text ink that no word read there covers."""
    total = int(ink.sum())
    if total == 0:
        return 0.0
    left = ink.copy()
    width, height = page_px
    for word in words:
        x0, y0 = round(word.bbox[0] * width) - region.x0, round(word.bbox[1] * height) - region.y0
        x1, y1 = round(word.bbox[2] * width) - region.x0, round(word.bbox[3] * height) - region.y0
        left[max(y0, 0) : max(y1, 0), max(x0, 0) : max(x1, 0)] = False
    return int(left.sum()) / total


def _read_large_type(image: Image.Image, region: Box, body: float) -> list[Word]:
    """OCR one row of large type alone, scaled down to about body-text size (`body`: its height in pixels).

    A tall word that holds two rows of text is two lines of body text set close (an EyeSuite lens model over its
    manufacturer, `AcrySof` over `Alcon`, read as one word): read as one line at half size it garbles (`Alcon`,
    `Renysot`), read as a block at full size it comes out right.
    """
    margin = LARGE_TYPE_MARGIN_PX
    around = Box(region.x0 - margin, region.y0 - margin, region.x1 + margin, region.y1 + margin)
    if _holds_two_text_rows(image, region):
        return _read_region(image, around, BOX_REREAD_CONFIG)
    shrink = max(1, round((region.y1 - region.y0) / (LARGE_TYPE_SCALE * body))) if body else 1
    return _read_region(image, around, LARGE_TYPE_CONFIG, shrink=shrink)


def _holds_two_text_rows(image: Image.Image, region: Box) -> bool:
    """Whether a large-type word is two rows of body text: wider than tall, with two rows of ink. A scan's edge
    shadow is a tall narrow strip, no text: read as a block it gave a column of specks (`oD`, `8`, `a`) beside every
    line of a rescanned IOLMaster 700 page, splitting its captions from their dashes."""
    if region.x1 - region.x0 <= region.y1 - region.y0:
        return False
    return text_rows(np.asarray(image.crop((region.x0, region.y0, region.x1, region.y1)).convert("L")) < _INK_LEVEL) > 1


def _with_large_type(words: list[Word], region: Box, image: Image.Image, body: float) -> list[Word]:
    """The words with the region's large type read again alone, unless tesseract doubts that reading (mean confidence
    below LARGE_TYPE_DOUBT) more than the page pass's words there: an EyeSuite caption beside its box's rule, a word
    the glued rule makes tall, is read `ISRK/T` (0.88) by the page pass and `lanka` (0.29) alone. Only what the re-read
    finds in the region and on no word the page pass kept counts: the region is read with a margin, and the row of
    body text below an EyeSuite eye icon came back a second time there, garbled (`CCT fiir 484 AQA`: `CCT [µm] 484`)."""
    outside, before = _outside(words, region, image), _inside(words, region, image)
    read = _inside(_read_large_type(image, region, body), region, image)
    again = [w for w in read if not overlaps_any(w, outside, READ_TWICE_SHARE)]
    if before and again and _mean_confidence(again) < min(LARGE_TYPE_DOUBT, _mean_confidence(before)):
        return words
    return outside + again


def _mean_confidence(words: list[Word]) -> float:
    """The words' confidence per character read: a speck read beside a sure word (`AMO` 0.96, `o]` 0.00 under it in
    a photo's lens block) weighs as little as it holds."""
    characters = sum(len(w.text) for w in words)
    return sum(w.confidence * len(w.text) for w in words) / characters if characters else 0.0


def _read_region(image: Image.Image, region: Box, config: str, *, shrink: int = 1) -> list[Word]:
    """OCR one region of the page alone, reduced by `shrink`, with a white margin (tesseract likes a border)."""
    from PIL import Image

    crop = image.crop((region.x0, region.y0, region.x1, region.y1))
    crop = crop.reduce(shrink) if shrink > 1 else crop
    padded = Image.new("L", (crop.width + 2 * REGION_MARGIN_PX, crop.height + 2 * REGION_MARGIN_PX), 255)
    padded.paste(crop, (REGION_MARGIN_PX, REGION_MARGIN_PX))
    origin = (region.x0 - REGION_MARGIN_PX * shrink, region.y0 - REGION_MARGIN_PX * shrink)
    return _read(padded, image.size, config, origin=origin, shrink=shrink)


def _read(
    image: Image.Image, page_px: tuple[int, int], config: str, *, origin: tuple[int, int] = (0, 0), shrink: int = 1
) -> list[Word]:
    """Words of `image`, which shows the page of `page_px` pixels from `origin` on, reduced by `shrink`."""
    from biometry.extract.tesseract import read_words

    return _words(read_words(image, _PSM[config]), page_px, origin, shrink)


def _words(found: list[TesseractWord], page_px: tuple[int, int], origin: tuple[int, int], shrink: int) -> list[Word]:
    """Tesseract's words (pixels of a region shrunk by `shrink`, placed at `origin`) as page words (fractions)."""
    (x_px, y_px), (width_px, height_px) = origin, page_px
    words = []
    for text, confidence, left, top, width, height in found:
        if not text.strip() or confidence < 0:
            continue
        x0, y0, x1, y1 = (
            x_px + left * shrink,
            y_px + top * shrink,
            x_px + (left + width) * shrink,
            y_px + (top + height) * shrink,
        )
        box = (x0 / width_px, y0 / height_px, x1 / width_px, y1 / height_px)
        words.append(Word(text.strip(), box, bold=False, confidence=min(confidence / 100, 1.0)))
    return words
