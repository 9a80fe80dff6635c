"""IOLMaster 500 lens captions whose last letter `F` OCR read as `E` (`SN60WE`, `SN60WEF`), told apart by its ink.

A formula page captions each box with its lens in bold Times (`Opt A119.0SN60WF`). On rescans the bold `F` reads `E`
in two of a caption's three preparations now and then (`OPT119.00SN60WE`, or `SN60WEF`: both letters), no catalogue
lens, and the box goes to review (`iol_model_unverified`). Where the page prints the caption once for both eyes, the
other eye's copy settles it (`caption_pairs`); a single-eye report prints it once. The two letters differ in one
stroke: an `E` has a bar along its foot as wide as its top bar, an `F` only the foot serif of its stem, in the left
half. Where the caption's last glyph is inked across the right third of its top and nowhere in the right third of
its foot (an `F`), the caption's ending read `E` or `EF` names a catalogue lens with `F` in their place, and one
preparation of the caption reads that lens, the caption is read with `F`. Any other caption stays as read.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
from PIL import Image

from biometry.devices.iolmaster500.box_heads import caption_meaning
from biometry.devices.iolmaster500.iol import model_of
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.cells import centre_in, ink_without_rules, text_line_readings
from biometry.lens_catalogue import catalogue_name, is_known_model

_E_FOR_F = re.compile(r"EF?$")  # the last letter F read as E, or as E and F
BAND_SHARE = 1 / 6  # the glyph's top and foot bands: this share of its height
MIN_TOP_INK = 0.8  # an F's top bar covers at least this share of the glyph's right third
MAX_FOOT_INK = 0.1  # an F's foot leaves the right third (all but specks) blank; an E's bar covers it
MIN_GLYPH_HEIGHT = 0.6  # of the caption's ink height: a capital, not a speck after the caption
REACH_PX = 3  # past the last word's box: the ink OCR's box clipped


def with_final_f(image: Image.Image, words: list[Word], captions: list[Box]) -> list[Word]:
    """The words with each caption whose last letter is an `F` read `E` (or `EF`) read with its `F` (see the
    module); every other caption as read."""
    for area in captions:
        inside = sorted((w for w in words if centre_in(w, area, image.size)), key=lambda w: w.bbox[0])
        if not inside:
            continue
        text = "".join(w.text for w in inside)
        lens = _lens_with_f(text)
        if lens is None or not _ends_with_an_f(image, area, inside[-1]):
            continue
        if not any(caption_meaning(reading) == f"lens {lens}" for reading in text_line_readings(image, area)):
            continue
        last = inside[-1]
        words = [replace(w, text=_E_FOR_F.sub("F", w.text)) if w is last else w for w in words]
    return words


def _lens_with_f(caption: str) -> str | None:
    """The catalogue lens a caption outside the catalogue names with its ending `E` or `EF` read `F`, else None."""
    model = model_of(caption)
    if not caption or is_known_model(model) or catalogue_name(model) is not None or not _E_FOR_F.search(caption):
        return None
    settled = model_of(_E_FOR_F.sub("F", caption))
    return settled if is_known_model(settled) else None


def _ends_with_an_f(image: Image.Image, area: Box, last: Word) -> bool:
    """True where the last glyph of the caption's last word is an F by its ink: a top bar across its right third,
    and a foot that leaves its right third blank (see the module)."""
    width, _ = image.size
    x0, x1 = round(last.bbox[0] * width), min(round(last.bbox[2] * width) + REACH_PX, area.x1)
    grey = np.asarray(image.convert("L").crop((x0, area.y0, x1, area.y1)), dtype=np.uint8)
    ink = ink_without_rules(grey)
    columns = ink.any(axis=0)
    inked = np.flatnonzero(columns)
    rows = np.flatnonzero(ink.any(axis=1))
    if inked.size == 0:
        return False
    right = left = int(inked[-1])
    while left > 0 and columns[left - 1]:
        left -= 1
    glyph = ink[:, left : right + 1]
    glyph_rows = np.flatnonzero(glyph.any(axis=1))
    top, bottom = int(glyph_rows[0]), int(glyph_rows[-1])
    height = bottom - top + 1
    if height < MIN_GLYPH_HEIGHT * (rows[-1] - rows[0] + 1) or glyph.shape[1] < 3:
        return False
    band = max(1, round(height * BAND_SHARE))
    third = glyph[:, (2 * glyph.shape[1]) // 3 :]
    top_ink = third[top : top + band].any(axis=0).mean()
    foot_ink = third[bottom - band + 1 : bottom + 1].any(axis=0).mean()
    return bool(top_ink >= MIN_TOP_INK and foot_ink <= MAX_FOOT_INK)
