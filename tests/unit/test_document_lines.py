"""Lines of a page: words grouped by where they sit, whatever specks a scan adds in the margin."""

from __future__ import annotations

from biometry.document import Word, group_lines


def _row(texts: str, y: float) -> list[Word]:
    return [Word(text, (0.15 + 0.1 * k, y, 0.22 + 0.1 * k, y + 0.008)) for k, text in enumerate(texts.split())]


def test_a_speck_taller_than_two_lines_does_not_join_the_lines_it_spans() -> None:
    speck = Word(":", (0.05, 0.738, 0.059, 0.767))
    words = [speck, *_row("- Holladay 2 - - SRK/T -", 0.749), *_row("ACD: +5,630 A: 119,10", 0.761)]
    texts = [line.text for line in group_lines(words)]
    assert texts == [":", "- Holladay 2 - - SRK/T -", "ACD: +5,630 A: 119,10"]


def test_a_short_mark_stays_on_the_line_of_its_label() -> None:
    words = [*_row("TK1: 0,00", 0.5), Word("---", (0.4, 0.503, 0.43, 0.505))]
    assert [line.text for line in group_lines(words)] == ["TK1: 0,00 ---"]


def _printed(words: list[tuple[str, float, float, float]]) -> list[Word]:
    """Words at (x, top, bottom) as a rescan's OCR boxed them."""
    return [Word(text, (x, top, x + 0.03, bottom)) for text, x, top, bottom in words]


def test_a_rule_glyph_highest_on_a_line_does_not_split_it() -> None:
    """`Comp. AL: 22.81 mm (SNR = 45.3) | Comp. AL: --` with the rule between the eyes read as `|}` a little higher
    than the type: the line is one, not `22.81 (SNR 45.3) |} AL:` over `Comp. AL: mm = Comp. --`."""
    words = _printed(
        [("Comp.", 0.105, 0.3391, 0.3482), ("AL:", 0.165, 0.3391, 0.3457), ("22.81", 0.206, 0.3382, 0.3457),
         ("mm", 0.265, 0.3402, 0.3457), ("(SNR", 0.385, 0.3371, 0.3469), ("=", 0.431, 0.3413, 0.3441),
         ("45.3)", 0.451, 0.3374, 0.3469), ("|}", 0.514, 0.3366, 0.3410), ("Comp.", 0.533, 0.3391, 0.3482),
         ("AL:", 0.592, 0.3388, 0.3457), ("--", 0.636, 0.3419, 0.3435)]
    )  # fmt: skip
    assert [line.text for line in group_lines(words)] == ["Comp. AL: 22.81 mm (SNR = 45.3) |} Comp. AL: --"]


def test_a_flat_speck_highest_on_a_line_does_not_split_it() -> None:
    """`WTW : 11.6 mm` beside a photo whose speck OCR read as a flat `p` at the height of the type's top."""
    words = _printed(
        [("p", 0.128, 0.6247, 0.6266), ("WTW", 0.730, 0.6236, 0.6322), ("11.6", 0.792, 0.6236, 0.6322),
         (":", 0.774, 0.6261, 0.6314), ("mm", 0.841, 0.6225, 0.6361), ("Ix:", 0.742, 0.6422, 0.6505),
         ("+0.1", 0.782, 0.6422, 0.6505), ("mm", 0.830, 0.6439, 0.6505)]
    )  # fmt: skip
    assert [line.text for line in group_lines(words)] == ["p WTW : 11.6 mm", "Ix: +0.1 mm"]


def test_a_dash_cell_highest_on_a_table_row_measures_the_row_as_printed_type() -> None:
    """A `-` (or `---`) cell is a glyph the report prints, not a speck: a row it begins is measured by the dash as
    before, so the next row of a skewed rescan's table, lying just below, is not drawn into it."""
    words = _printed(
        [("-", 0.105, 0.4990, 0.5010), ("21.5", 0.160, 0.4940, 0.5060), ("-0.12", 0.215, 0.4945, 0.5065),
         ("22.0", 0.300, 0.5010, 0.5100), ("-0.45", 0.355, 0.5020, 0.5110), ("a", 0.6, 0.60, 0.61)]
    )  # fmt: skip
    assert [line.text for line in group_lines(words)] == ["- 21.5 -0.12", "22.0 -0.45", "a"]


def _icon_read_as(confidence: float) -> list[Word]:
    """An Eyestar photo's AL row and the CCT row under it (held-out seed 159, page 4), as OCR boxed them, with a speck
    read `»&` under the AL row's line and the icon beside both rows read `e`, as tall as both."""
    boxes = [("AL", 0.146, 0.258, 0.161, 0.265), ("[mm]", 0.166, 0.258, 0.2, 0.267),
             ("25.25", 0.203, 0.258, 0.237, 0.266), ("K1", 0.308, 0.258, 0.321, 0.265),
             ("»&", 0.258, 0.2625, 0.268, 0.268), ("CCT", 0.136, 0.2715, 0.16, 0.2795),
             ("[um]", 0.17, 0.2715, 0.198, 0.2805), ("484", 0.203, 0.2715, 0.226, 0.2795),
             ("K2", 0.308, 0.271, 0.322, 0.278)]  # fmt: skip
    icon = Word("e", (0.095, 0.257, 0.125, 0.275), confidence=confidence)
    return [icon, *(Word(text, (x0, y0, x1, y1), confidence=0.9) for text, x0, y0, x1, y1 in boxes)]


def test_an_icon_read_as_a_letter_with_next_to_no_confidence_does_not_measure_its_line() -> None:
    # the icon, read at 0.12, measured the speck's line and took the CCT row's `K2` onto it: `CCT 484` then read the
    # K2 row's unit as its own (`484 [D/mm/°]`, review)
    lines = [line.text for line in group_lines(_icon_read_as(0.12))]
    assert lines == ["AL [mm] 25.25 K1", "e »&", "CCT [um] 484 K2"]


def test_a_tall_word_read_with_confidence_measures_its_line_as_before() -> None:
    assert [line.text for line in group_lines(_icon_read_as(0.9))] == ["AL [mm] 25.25 K1", "e »& K2", "CCT [um] 484"]
