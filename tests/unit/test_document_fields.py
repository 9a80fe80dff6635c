"""`Word` and `Line` set their fields through their slots (extraction and line grouping build thousands): still
frozen dataclasses of the same fields."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from biometry.document import Line, Word

BOX = (0.1, 0.2, 0.3, 0.25)


def test_a_word_built_by_position_by_keyword_or_by_replace_is_the_same_word() -> None:
    by_position = Word("23,41", BOX, True, 0.5)
    by_keyword = Word(text="23,41", bbox=BOX, bold=True, confidence=0.5)
    replaced = dataclasses.replace(Word("AL:", BOX), text="23,41", bold=True, confidence=0.5)
    assert by_position == by_keyword == replaced and len({by_position, by_keyword, replaced}) == 1


def test_a_word_defaults_to_regular_weight_and_full_confidence() -> None:
    assert dataclasses.astuple(Word("mm", BOX)) == ("mm", BOX, False, 1.0)


def test_a_word_cannot_be_changed() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Word("mm", BOX).text = "D"


def test_a_word_survives_pickling() -> None:
    word = Word("mm", BOX, True, 0.75)
    assert pickle.loads(pickle.dumps(word)) == word


def test_lines_of_the_same_words_are_equal_whatever_they_computed() -> None:
    words = (Word("AL:", BOX), Word("23,41", (0.35, 0.2, 0.45, 0.25)))
    read = Line(words)
    assert (read.text, read.bbox) == ("AL: 23,41", (0.1, 0.2, 0.45, 0.25))
    assert read == Line(words) and hash(read) == hash(Line(words))


def test_a_line_cannot_be_changed() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Line((Word("mm", BOX),)).words = ()
