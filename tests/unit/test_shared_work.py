"""Work the parse and the validator share instead of doing twice: lines, the claiming parser, the OD|OS split."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biometry.devices import registry
from biometry.devices.iolmaster700 import boxes as iol_box
from biometry.document import Document, Line, Page, Word, group_lines
from biometry.extract import load_document
from biometry.grounding import GroundingIndex, provenance_of
from biometry.models import Provenance
from biometry.parse import parse_document
from biometry.synth.iolmaster700.report import Case, render


def _lines_word_by_word(words: list[Word]) -> list[Line]:
    """The rule as stated: words by centre then left edge; one joins the line of its first word when either centre
    lies within the other's height and the centres are within 0.6 of the taller height; each line left to right.
    A word without a letter or digit taller than twice the median lettered word (of five or more) is a line alone.
    A line whose first word is a speck (of five or more words: no letter or digit, or under half the median height,
    and no glyph the reports print: dashes, signs, punctuation) is measured by the first word of type that joined it
    instead."""
    heights = sorted(w.height for w in words if any(ch.isalnum() for ch in w.text))
    limit = 2 * heights[len(heights) // 2] if len(heights) >= 5 else float("inf")
    every = sorted(w.height for w in words)
    small = 0.5 * every[len(every) // 2] if len(every) >= 5 else None

    def mark(word: Word) -> bool:
        printed = any(ch in "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212~_=+.,:;°%/()[]*!'\"<>@#" for ch in word.text)
        return small is not None and not printed and (word.height < small or not any(ch.isalnum() for ch in word.text))

    lines: list[list[Word]] = []
    current: list[Word] | None = None
    for word in sorted(words, key=lambda w: (w.y_center, w.bbox[0])):
        anchor = next((w for w in current if not mark(w)), current[0]) if current else None
        if word.height > limit and not any(ch.isalnum() for ch in word.text):
            lines.append([word])
        elif (
            anchor is not None
            and current is not None
            and (
                (anchor.bbox[1] <= word.y_center <= anchor.bbox[3] or word.bbox[1] <= anchor.y_center <= word.bbox[3])
                and abs(anchor.y_center - word.y_center) <= max(anchor.height, word.height) * 0.6
            )
        ):
            current.append(word)
        else:
            current = [word]
            lines.append(current)
    return [Line(tuple(sorted(ws, key=lambda w: w.bbox[0]))) for ws in lines]


_COORD = st.integers(min_value=0, max_value=20).map(lambda v: v / 20)
_WORDS = st.lists(
    st.tuples(st.sampled_from(["AL:", "23,41", "mm", "-", "K1:"]), _COORD, _COORD, st.integers(1, 3)).map(
        lambda t: Word(t[0], (t[1], t[2], t[1] + 0.05, t[2] + 0.02 * t[3]))
    ),
    max_size=30,
)


@given(_WORDS)
def test_lines_group_words_by_the_stated_rule(words: list[Word]) -> None:
    assert [line.words for line in group_lines(words)] == [line.words for line in _lines_word_by_word(words)]


def test_a_line_keeps_its_words_text_and_box() -> None:
    line = Line((Word("AL:", (0.1, 0.2, 0.15, 0.22)), Word("23,41", (0.2, 0.19, 0.3, 0.23))))
    assert (line.text, line.bbox) == ("AL: 23,41", (0.1, 0.19, 0.3, 0.23))


def test_work_file_json_holds_the_words_and_no_cached_layout() -> None:
    document = load_document(render(Case(seed=3, language="en", decimal="comma"))[0], "a.pdf", ocr=False)
    document.pages[0].lines  # noqa: B018  (fills the page's line cache)
    raw = document.to_json()
    assert "_memo" not in raw and "_lines" not in raw
    assert Document.from_json(raw).pages[0].words == document.pages[0].words


@pytest.fixture(scope="module")
def printout() -> bytes:
    return render(Case(seed=5, language="pt", decimal="comma", layout="full13"))[0]


def test_parse_and_completeness_ask_the_registry_once(printout: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Document] = []
    entry = next(p for p in registry.PARSERS if isinstance(p, registry.PrintoutParser) and "iolmaster700" in p.where)
    original = entry.score
    monkeypatch.setattr(entry, "score", lambda document: asked.append(document) or original(document))
    result = parse_document(load_document(printout, "a.pdf", ocr=False))
    assert result.status == "accepted" and len(asked) == 1


def test_parse_and_completeness_split_each_calculation_page_once(
    printout: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    split: list[int] = []
    original = iol_box._calculation_halves
    monkeypatch.setattr(
        iol_box, "_calculation_halves", lambda page, holds: split.append(page.number) or original(page, holds)
    )
    parse_document(load_document(printout, "a.pdf", ocr=False))
    assert split and len(split) == len(set(split))


class _Fixed:
    """A parser stub with a fixed score."""

    def __init__(self, name: str, score: float) -> None:
        self.name, self.version, self._score, self.asked = name, "1", score, False

    def score(self, document: Document) -> float:
        self.asked = True
        return self._score


def test_a_full_score_ends_detection_and_a_tie_goes_to_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second, third = _Fixed("a", 0.5), _Fixed("b", 1.0), _Fixed("c", 1.0)
    monkeypatch.setattr(registry, "PARSERS", (first, second, third))
    assert registry.detect(Document("a.pdf", "application/pdf", "0" * 64)) is second
    assert first.asked and not third.asked


def test_a_box_recorded_to_four_decimals_still_grounds_its_value() -> None:
    word = Word("23,41", (0.123456, 0.2, 0.183456, 0.22))
    document = Document("a.pdf", "application/pdf", "0" * 64, [Page(1, 595, 842, "text-layer", [word])])
    rounded = Provenance(page=1, bbox=(0.1235, 0.2, 0.1835, 0.22), text="23,41")
    grounding = GroundingIndex(document)
    assert grounding.confirms(rounded, 23.41) and grounding.confirms(provenance_of(1, word), 23.41)
