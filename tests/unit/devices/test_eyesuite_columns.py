"""EyeSuite lens blocks two a row split into columns in the free strip between them, whatever tall glyph OCR read
from a rule across it; a word a column edge still cuts through sends the blocks to review."""

from __future__ import annotations

from biometry.devices.eyesuite.parser import _across_columns, _lens_columns
from biometry.devices.layout import Region
from biometry.document import Word

TYPE_HEIGHT = 0.010


def _word(text: str, x0: float, x1: float, y0: float, height: float = TYPE_HEIGHT) -> Word:
    return Word(text, (x0, y0, x1, y0 + height), confidence=0.9)


# OD's two blocks of a generated 300-dpi German Eyestar rescan (seed 186, document 0011), as the page pass read them
BLOCKS = [
    _word("TECNIS", 0.097, 0.160, 0.475),
    _word("ZCBOO", 0.167, 0.224, 0.475),
    _word("CT", 0.303, 0.326, 0.475),
    _word("ASPHINA", 0.331, 0.408, 0.475),
    _word("Johnson", 0.096, 0.152, 0.487),
    _word("&", 0.159, 0.167, 0.487),
    _word("Johnson", 0.172, 0.228, 0.487),
    _word("Vision", 0.234, 0.276, 0.487),
    _word("ZEISS", 0.303, 0.343, 0.487),
    _word("JOL[D]", 0.131, 0.172, 0.500),
    _word("Eye", 0.208, 0.229, 0.500),
    _word("JOL[D]", 0.336, 0.378, 0.500),
    _word("Eye", 0.414, 0.435, 0.500),
    _word("[Hill", 0.097, 0.149, 0.607),
    _word("Abulafia-Koch", 0.191, 0.288, 0.607),
    _word("|SRK/T", 0.303, 0.375, 0.607),
]
RULE_READ_AS_A_GLYPH = _word("7", 0.287, 0.320, 0.597, height=3.6 * TYPE_HEIGHT)  # the SRK/T box's corner
HALF = Region(0.0, 0.527)


def test_a_rule_read_as_a_tall_glyph_across_the_strip_between_two_blocks_does_not_move_the_split() -> None:
    left, right = _lens_columns([*BLOCKS, RULE_READ_AS_A_GLYPH], HALF)
    assert (0.276 < left.x1 < 0.303, right.x0 == left.x1) == (True, True)


def test_a_word_a_column_edge_cuts_through_is_reported() -> None:
    across = _word("Vision", 0.234, 0.310, 0.487)  # the manufacturer line run on into the next block's strip
    words = [w for w in BLOCKS if w.text != "Vision"] + [across]
    columns = _lens_columns(words, HALF)
    assert across in _across_columns(words, columns)


def test_no_word_is_reported_where_the_columns_split_in_a_free_strip() -> None:
    words = [*BLOCKS, RULE_READ_AS_A_GLYPH]
    assert _across_columns(words, _lens_columns(words, HALF)) == []


def test_a_table_header_ocr_ran_into_the_next_blocks_rule_neither_moves_the_split_nor_is_reported() -> None:
    # `Eye [D]` and the next block's `|` read as one word `fe]` 0.105 of the page wide (the real Eyestar 900's OS lens
    # blocks on page 3, 300-dpi rescan seed 129; `(DJ.` on the 150-dpi rescan of seed 126): the edge fell at the
    # anchors' midpoint, through the refraction column, and the blocks went to review
    smear = _word("fe]", 0.208, 0.312, 0.500)
    words = [w for w in BLOCKS if (w.text, w.bbox[0]) != ("Eye", 0.208)] + [smear]
    columns = _lens_columns(words, HALF)
    assert (0.276 < columns[0].x1 < 0.303, _across_columns(words, columns)) == (True, [])
