"""Pages scanned or photographed turned (upside down, sideways): found from an unsure reading, turned upright.

A page fed into a scanner the wrong way round, or a photo whose EXIF orientation was stripped, reads as text that
tesseract is unsure of almost word for word: on the real reports an upright page has 85-91 % of its words (two or
more letters or digits) read with confidence >= 0.8, the same page upside down 13-17 %, sideways 0-5 %. Only such a
page pays for tesseract's orientation detection (~0.5 s of CPU); the caller reads it again upright and keeps the
surer reading, so a detection that is wrong costs time, never words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from biometry.extract import tesseract

if TYPE_CHECKING:
    from PIL import Image

    from biometry.document import Word

SURE_WORD = 0.8  # a word tesseract reads with this confidence is read surely
UNSURE_PAGE_SHARE = 0.5  # a page with fewer of its words read surely than this may be turned
SURE_ORIENTATION = 2.0  # tesseract's orientation confidence below this is a guess (turned real pages: 6-12)


def sure_words(words: list[Word]) -> int:
    """How many words of two or more letters or digits tesseract read surely."""
    return sum(1 for w in _real_words(words) if w.confidence >= SURE_WORD)


def may_be_turned(words: list[Word]) -> bool:
    """Whether a page's reading is unsure enough that the page may be turned."""
    real = _real_words(words)
    return sure_words(words) < UNSURE_PAGE_SHARE * len(real) or not real


def turned_upright(image: Image.Image) -> Image.Image | None:
    """The page turned upright when tesseract is sure it is turned; None when it is upright or unsure."""
    found = tesseract.orientation(image)
    if found is None or found[0] == 0 or found[1] < SURE_ORIENTATION:
        return None
    return image.rotate(found[0], expand=True, fillcolor=255)


def _real_words(words: list[Word]) -> list[Word]:
    return [w for w in words if sum(ch.isalnum() for ch in w.text) >= 2]
