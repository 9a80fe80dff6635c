"""A toric plot's `No appropriate lens model found` is no lens block, whatever OCR splits of its words."""

from __future__ import annotations

import dataclasses

from biometry.document import Document, Word
from biometry.evaluate import compare
from tests.unit.devices.test_eyesuite import EYESTAR, parsed, rendered


def with_word_split(document: Document, text: str, at: int) -> Document:
    """The document with every word printed as `text` read as two words, parted after `at` characters."""
    pages = []
    for page in document.pages:
        words: list[Word] = []
        for word in page.words:
            if word.text != text:
                words.append(word)
                continue
            x0, y0, x1, y1 = word.bbox
            cut = x0 + (x1 - x0) * at / len(text)
            words += [Word(text[:at], (x0, y0, cut, y1)), Word(text[at:], (cut + 0.002, y0, x1, y1))]
        pages.append(dataclasses.replace(page, words=words, _lines=None, _memo={}))
    return dataclasses.replace(document, pages=pages)


def test_a_toric_plot_whose_appropriate_ocr_split_in_two_is_no_lens_block() -> None:
    document, truth = rendered(EYESTAR)
    result = parsed(with_word_split(document, "appropriate", 2))
    comparison = compare(result, truth)
    assert (result.status, comparison.wrong, comparison.missed) == ("accepted", [], [])


def with_word_garbled(document: Document, text: str, garbled: str) -> Document:
    """The document with every word printed as `text` read as `garbled` (OCR's junk where a word stood)."""
    pages = []
    for page in document.pages:
        words = [dataclasses.replace(w, text=garbled) if w.text == text else w for w in page.words]
        pages.append(dataclasses.replace(page, words=words, _lines=None, _memo={}))
    return dataclasses.replace(document, pages=pages)


def test_a_toric_plot_whose_appropriate_ocr_garbled_is_no_lens_block() -> None:
    # a held-out 150-dpi rescan of the real Eyestar 900 read `No ee lens` / `model found` beside the table rows
    document, truth = rendered(EYESTAR)
    result = parsed(with_word_garbled(document, "appropriate", "ee"))
    comparison = compare(result, truth)
    assert (result.status, comparison.wrong, comparison.missed) == ("accepted", [], [])
