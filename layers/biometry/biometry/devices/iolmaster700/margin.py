"""The template notice the IOLMaster 700 prints up the left margin of every page (`ZEISS | Versão de Template 0.1
05/2012 | - Copyright 2012 Todos os direitos reservados`, letter-spaced, read upwards from the page's foot, outside the
frame): ink on a scan, and OCR reads its letters as glyphs beside the result boxes (`3`, `:`, `i`, `E`, `es`).

A glyph of it is a word of at most two characters wholly left of the grid's type (every word of three characters or
more with a letter or digit: a lens heading, a row's power, a caption), standing alone on its line or MARGIN_GAP of
the grid's word height and more from the next word: a lens icon read as two characters (`K|`) is that close to its
manufacturer. A notice OCR read as a longer word leaves every glyph in place (the grid's type then begins there).
"""

from __future__ import annotations

from collections.abc import Sequence

from biometry.document import Word, group_lines, has_alnum

MARGIN_GAP = 2.0  # grid word heights: a margin glyph is at least this far from the next word on its line
_GLYPH_CHARS = 2  # the notice's letters as OCR reads them, alone or two together
_TYPE_CHARS = 3  # the shortest words of the grid's type that mark its left edge (`IOL`, `+0,52`)


def without_margin_glyphs(words: Sequence[Word]) -> list[Word]:
    """The words of a calculation page's box grid without the margin notice's glyphs (see the module)."""
    edge = min((w.bbox[0] for w in words if _of_type(w)), default=None)
    if edge is None:
        return list(words)
    if not any(_may_be_glyph(w, edge) for w in words):  # a text layer's grid: no line to group
        return list(words)
    heights = sorted(w.height for w in words)
    gap = MARGIN_GAP * heights[len(heights) // 2]
    glyphs = set()
    for line in group_lines(list(words)):
        for k, word in enumerate(line.words):
            after = line.words[k + 1].bbox[0] if k + 1 < len(line.words) else None
            if _may_be_glyph(word, edge) and (after is None or after - word.bbox[2] > gap):
                glyphs.add(id(word))
    return [w for w in words if id(w) not in glyphs]


def _may_be_glyph(word: Word, edge: float) -> bool:
    """A word short enough to be a glyph of the notice, wholly left of the grid's type."""
    return len(word.text) <= _GLYPH_CHARS and word.bbox[2] < edge


def _of_type(word: Word) -> bool:
    return len(word.text) >= _TYPE_CHARS and has_alnum(word.text)
