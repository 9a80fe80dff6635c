"""The template notice printed up an IOLMaster 700 page's left margin, as OCR reads it on a rescan: glyphs beside the
result boxes (`3`, `:`, `es`) that are no part of the box grid."""

from __future__ import annotations

import dataclasses

from biometry.devices.iolmaster700.boxes import calculation_halves, is_caption
from biometry.devices.iolmaster700.margin import without_margin_glyphs
from biometry.devices.iolmaster700.printed import holds_status_label
from biometry.document import Page, Word
from biometry.parse import parse_document
from tests.unit.devices.test_iolmaster700_inventory import as_ocr, truth_of

OFFSET = 0.416  # between the two eyes' copies, as on a generated full printout's rescan (seed 2026, document 60)


def _words(y: float, *placed: tuple[str, float, float]) -> list[Word]:
    return [Word(text, (x0, y, x1, y + 0.009), confidence=0.95) for text, x0, x1 in placed]


def _eye(shift: float) -> list[Word]:
    """One eye's status row and a row of two result boxes: headings, captions, table header, emmetropia line."""
    rows = [
        (0.45, [("AL:", 0.104, 0.122), ("23,73", 0.129, 0.170), ("mm", 0.176, 0.202)]),
        (0.72, [("K|", 0.085, 0.104), ("Alcon", 0.110, 0.147), ("SN60WF", 0.228, 0.284), ("K|", 0.298, 0.305),
                ("Alcon", 0.319, 0.355), ("SN60WF", 0.436, 0.492)]),
        (0.748, [("-", 0.144, 0.148), ("Holladay", 0.154, 0.212), ("2", 0.213, 0.220), ("-", 0.229, 0.234),
                 ("-", 0.324, 0.329), ("Barrett", 0.334, 0.381), ("Universal", 0.386, 0.447), ("Il", 0.453, 0.460),
                 ("-", 0.465, 0.469)]),
        (0.77, [("IOL", 0.135, 0.156), ("(D)", 0.161, 0.180), ("IOL", 0.343, 0.364), ("(D)", 0.369, 0.388)]),
        (0.85, [("---", 0.164, 0.181), ("Emmetropia", 0.197, 0.278), ("+20,35", 0.329, 0.388),
                ("Emmetropia", 0.405, 0.486)]),
    ]  # fmt: skip
    return [w for y, placed in rows for w in _words(y, *((t, a + shift, b + shift) for t, a, b in placed))]


def _page(*words: Word) -> Page:
    return Page(number=1, width_pt=612, height_pt=792, source="ocr", words=list(words))


def test_a_margin_glyph_level_with_a_caption_leaves_the_od_os_split_between_the_copies() -> None:
    # `3` of the notice on the caption line, one copies' offset left of OD's `Il -`: it set the left copy's edge at
    # the margin, the split fell inside OD's second column, and a box was lost (`iol_box_lost`)
    od, os_ = _eye(0.0), _eye(OFFSET)
    glyph = Word("3", (0.050, 0.731, 0.062, 0.754), confidence=0.5)
    left, right = calculation_halves(_page(*od, *os_, glyph), holds_status_label)
    assert {id(w) for w in left.words} == {id(w) for w in od}
    assert {id(w) for w in right.words} == {id(w) for w in os_}


def test_margin_glyphs_are_no_words_of_the_grid() -> None:
    grid = _eye(0.0)
    glyphs = [Word("es", (0.052, 0.745, 0.060, 0.748)), Word(":", (0.050, 0.822, 0.060, 0.851))]
    assert without_margin_glyphs([*grid, *glyphs]) == grid


def test_a_lens_icon_read_as_two_characters_beside_its_manufacturer_is_kept() -> None:
    grid = [w for w in _eye(0.0) if w.bbox[1] > 0.5]  # the boxes alone: `Alcon` is the leftmost word of type
    assert without_margin_glyphs(grid) == grid


def test_a_margin_glyph_between_a_lens_heading_and_its_caption_is_no_part_of_the_lens_name() -> None:
    # A single-eye rescan (seed 2026, document 7): `es` of the notice under the lower-left box's `TECNIS ZCB00`
    # was read as the heading's second line (`iol_lens_unread`, `iol_model_unverified`)
    document = as_ocr("single_eye_OD", {})
    pages = []
    for page in document.pages:
        captions = [line.bbox[1] for line in page.lines if is_caption(line)]
        extra = []
        if len(captions) > 1:
            y = captions[1]  # the top of the second row's captions, under its lens headings
            extra = [Word("es", (0.052, y - 0.003, 0.060, y), confidence=0.4)]
        pages.append(dataclasses.replace(page, words=[*page.words, *extra], _lines=None, _text=None, _memo={}))
    result = parse_document(dataclasses.replace(document, pages=pages, _memo={}))
    assert [(c.iol_manufacturer, c.iol_model) for c in result.iol_calculations] == [
        (c.iol_manufacturer, c.iol_model) for c in truth_of("single_eye_OD").iol_calculations
    ]
