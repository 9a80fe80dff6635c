"""A calculation page that prints one eye: the header above its status block (patient, `n: 1,3375`) spans both
halves. A speck read `-` there, in the empty half, shows no eye: the report has one eye (fresh corpus seed 5151,
a rescan of a page printing OS alone, had an OD holding only the header's keratometric index, accepted)."""

from __future__ import annotations

from dataclasses import replace

from biometry.document import Document, Word
from biometry.extract import load_document
from biometry.parse import parse_document
from biometry.synth.iolmaster700.report import Case, render

_OS_ALONE = Case(seed=136, language="de", decimal="comma", layout="single_eye_OS")


def _with_header_speck(document: Document) -> Document:
    """The document with a `-` read in the left half of every page's header, above the status block."""
    speck = Word("-", (0.29, 0.130, 0.30, 0.136), confidence=0.6)
    return replace(document, pages=[replace(page, words=[*page.words, speck]) for page in document.pages])


def test_a_speck_in_the_header_of_a_page_with_os_alone_shows_no_second_eye() -> None:
    pdf, _ = render(_OS_ALONE)
    result = parse_document(_with_header_speck(load_document(pdf, _OS_ALONE.filename)))
    assert result.eyes.OS is not None and result.eyes.OS.keratometric_index == 1.3375
    assert result.eyes.OD is None
