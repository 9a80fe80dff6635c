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
