"""IOLMaster 500 constants copies: both eyes' copies of a lens's constants line settled by all their readings."""

from __future__ import annotations

from PIL import Image

from biometry.devices.iolmaster500.box_heads import HeadLine, voted_digits
from biometry.devices.iolmaster500.constant_copies import _labelled_like_its_twin, _pointed_like_its_twin, copies_vote
from biometry.document import Word
from biometry.extract.boxes import Box

# f91 frames 0007, SRK II MA60AC: the OD copy reads the regular Times 0 as 6 in four readings of seven (line and
# cell preparations, page pass), the OS copy in one
OD_COPY = ["118.96", "118.96", "118.90", "118.96", "118.96", "118.90", "118.90"]
OS_COPY = ["118.90", "118.96", "118.90", "118.90", "118.90", "118.90", "118.90"]


def test_the_digits_most_readings_of_both_copies_read_settle_them() -> None:
    assert copies_vote(OD_COPY, OS_COPY) == "118.90"


def test_digits_no_reading_of_one_copy_shows_settle_nothing() -> None:
    assert copies_vote(["118.96"] * 7, ["118.90"] * 6) is None


def test_digits_read_by_half_the_readings_settle_nothing() -> None:
    assert copies_vote(["118.96", "118.96", "118.90"], ["118.90", "118.96", "118.90"]) is None


def test_a_haigis_minus_glued_to_its_zero_votes_for_that_zero() -> None:
    assert voted_digits(["-0.111", "6.111", "-O.111", "-0.111", "6.111", "-6.111", "0.111"]) == "0.111"


def test_a_six_before_two_decimals_is_no_glued_minus() -> None:
    assert voted_digits(["6.11", "6.11", "0.11"]) == "6.11"


def _head_line(x0: int) -> HeadLine:
    """A constants line of a box head 400 px wide at `x0` (pixels of a 1000 x 1000 page), 20 px high at y 500."""
    return HeadLine(Box(x0, 500, x0 + 400, 520), None, constants=True)


def _word(text: str, x0: int, x1: int) -> Word:
    return Word(text, (x0 / 1000, 0.502, x1 / 1000, 0.518))


PAGE = Image.new("L", (1000, 1000), 255)
TWIN = [_word("pACD", 510, 560), _word("const:", 570, 640), _word("3.53", 700, 750)]


def test_a_constants_line_whose_label_ocr_lost_takes_its_twins_label_where_both_read_one_value() -> None:
    # real 200-dpi rescan seed 1, page 6: the OS Hoffer Q box's `pACD const: 3.53` read `3.53` alone
    words = [_word("3.53", 200, 250), *TWIN]
    labelled = _labelled_like_its_twin(PAGE, words, _head_line(0), _head_line(500))
    line = sorted((w for w in labelled if w.bbox[0] < 0.4), key=lambda w: w.bbox[0])
    assert [w.text for w in line] == ["pACD", "const:", "3.53"]


def test_a_constants_line_whose_value_differs_from_its_twins_takes_no_label() -> None:
    words = [_word("3.58", 200, 250), *TWIN]
    assert _labelled_like_its_twin(PAGE, words, _head_line(0), _head_line(500)) == words


def test_a_constants_line_that_reads_its_own_label_keeps_it() -> None:
    words = [_word("pACD", 10, 60), _word("const:", 70, 140), _word("3.53", 200, 250), *TWIN]
    assert _labelled_like_its_twin(PAGE, words, _head_line(0), _head_line(500)) == words


def test_a_constants_label_garbled_past_naming_a_constant_takes_its_twins_label() -> None:
    # real photo of page 6, seed 5: the OD Haigis `A2 const: 0.100` read `Aa O00. commit. 0.100`
    twin = [_word("A2", 510, 530), _word("const:", 540, 600), _word("0.100", 700, 750)]
    garbled = [_word("Aa", 10, 30), _word("O00.", 40, 80), _word("commit.", 90, 150), _word("0.100", 200, 250)]
    labelled = _labelled_like_its_twin(PAGE, [*garbled, *twin], _head_line(0), _head_line(500))
    line = sorted((w for w in labelled if w.bbox[0] < 0.4), key=lambda w: w.bbox[0])
    assert [w.text for w in line] == ["A2", "const:", "0.100"]


def test_a_twin_whose_own_label_is_garbled_lends_none() -> None:
    twin = [_word("Aa", 510, 530), _word("commit.", 540, 600), _word("0.100", 700, 750)]
    words = [_word("0.100", 200, 250), *twin]
    assert _labelled_like_its_twin(PAGE, words, _head_line(0), _head_line(500)) == words


def test_a_constant_whose_point_ocr_lost_takes_its_twins_point_where_the_digits_are_the_same() -> None:
    # seed-174 rescan 0002: the OD Hoffer Q `pACD const: 5.64` read `pACDconst: 564 _`
    words = [_word("pACDconst:", 10, 140), _word("564", 200, 250), _word("_", 260, 270), *TWIN[:2],
             _word("5.64", 700, 750)]  # fmt: skip
    pointed = _pointed_like_its_twin(PAGE, words, _head_line(0), _head_line(500))
    assert [w.text for w in pointed if w.bbox[0] < 0.4] == ["pACDconst:", "5.64", "_"]


def test_a_constant_whose_digits_differ_from_its_twins_keeps_its_reading() -> None:
    words = [_word("pACDconst:", 10, 140), _word("554", 200, 250), *TWIN[:2], _word("5.64", 700, 750)]
    assert _pointed_like_its_twin(PAGE, words, _head_line(0), _head_line(500)) == words
