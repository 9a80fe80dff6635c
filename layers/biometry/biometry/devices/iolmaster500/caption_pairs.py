"""IOLMaster 500 lens captions confirmed by the box at the same place in the other eye's block.

An IOL page prints one set of lenses for both eyes, in the same order: the real page 5 captions its OD and its OS
grid alike (`OptA119.1MA60AC`, `Opt A119.0SN60WF`, `Opt A118.7SA60AT`, `OPT 115.54 MTA3U0`), and the generator does.
On the device frames the bold Times `F` of `SN60WF` reads `E` in two of a caption's three preparations now and then
(`SN60WE`: no catalogue lens, review), while the other eye's caption reads the catalogue name. Where one preparation
of the doubtful caption reads that other caption character for character (its A constant too), that reading is
taken: it is read, not snapped, and the page prints the same caption twice. A caption that already names a catalogue
lens, a formula caption, and a row whose eye blocks hold different numbers of boxes are left as read.
"""

from __future__ import annotations

from PIL import Image

from biometry.devices.iolmaster500.iol import model_of
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import centre_in, text_line_readings
from biometry.lens_catalogue import catalogue_name, is_known_model

ROW_PX = 12  # captions of one row of boxes start this close in height (pixels)


def with_captions_of_the_other_eye(image: Image.Image, words: list[Word], captions: list[Box]) -> list[Word]:
    """The words with each caption outside the catalogue read again where a preparation of it reads the caption of
    the box at its place in the other eye's block, and that caption names a catalogue lens."""
    for area, other in counterparts(captions, image.width):
        words = _confirmed(image, words, area, other)
    return words


def counterparts(captions: list[Box], width_px: int) -> list[tuple[Box, Box]]:
    """(caption, the caption at its place in the other eye's block): the same row of boxes, the same rank within its
    half of the page; only rows with as many boxes in each half."""
    pairs: list[tuple[Box, Box]] = []
    for row in _rows(captions):
        left = sorted((c for c in row if c.x0 + c.x1 < width_px), key=lambda c: c.x0)
        right = sorted((c for c in row if c.x0 + c.x1 >= width_px), key=lambda c: c.x0)
        if len(left) == len(right):
            pairs += [pair for a, b in zip(left, right, strict=True) for pair in ((a, b), (b, a))]
    return pairs


def _rows(captions: list[Box]) -> list[list[Box]]:
    rows: list[list[Box]] = []
    for caption in sorted(captions, key=lambda c: c.y0):
        if rows and abs(rows[-1][0].y0 - caption.y0) <= ROW_PX:
            rows[-1].append(caption)
        else:
            rows.append([caption])
    return rows


def _confirmed(image: Image.Image, words: list[Word], area: Box, other: Box) -> list[Word]:
    """The words with the caption in `area` taken as read by the preparation that reads the `other` caption."""
    text, other_text = _text_in(words, area, image.size), _text_in(words, other, image.size)
    if _names_a_catalogue_lens(text) or not _names_a_catalogue_lens(other_text):
        return words
    if other_text not in text_line_readings(image, area):
        return words
    width, height = image.size
    read = Word(other_text, (area.x0 / width, area.y0 / height, area.x1 / width, area.y1 / height))
    return [w for w in words if not centre_in(w, area, image.size)] + [read]


def _text_in(words: list[Word], area: Box, page_px: tuple[int, int]) -> str:
    """The characters of the words in an area, left to right, spaces aside (as `text_line_readings` gives them)."""
    return "".join(w.text for w in sorted((w for w in words if centre_in(w, area, page_px)), key=lambda w: w.bbox[0]))


def _names_a_catalogue_lens(caption: str) -> bool:
    model = model_of(caption)
    return bool(caption) and (is_known_model(model) or catalogue_name(model) is not None)
