"""IOLMaster 500 lens captions: one outside the catalogue takes the caption of the box at its place in the other eye's
block only where one of its own readings reads that caption character for character."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from biometry.devices.iolmaster500.caption_pairs import counterparts, with_captions_of_the_other_eye
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.synth.fonts import font_path

PAGE_PX = (1600, 200)
OD, OS = Box(100, 60, 700, 140), Box(900, 60, 1500, 140)


def _captions(od: str, os: str) -> Image.Image:
    """A 300-dpi grey strip with one caption in each eye's half, bold serif as the device prints them."""
    image = Image.new("L", PAGE_PX, 255)
    font = ImageFont.truetype(str(font_path("DejaVuSerif-Bold.ttf")), 36)
    ImageDraw.Draw(image).text((OD.x0 + 10, OD.y0 + 15), od, font=font, fill=0)
    ImageDraw.Draw(image).text((OS.x0 + 10, OS.y0 + 15), os, font=font, fill=0)
    return image


def _word(text: str, area: Box) -> Word:
    width, height = PAGE_PX
    return Word(text, (area.x0 / width, area.y0 / height, area.x1 / width, area.y1 / height))


def test_a_caption_outside_the_catalogue_takes_the_other_eyes_caption_one_of_its_readings_reads() -> None:
    image = _captions("OPT119.00SN60WF", "OPT119.00SN60WF")
    words = with_captions_of_the_other_eye(
        image, [_word("OPT119.00SN60WE", OD), _word("OPT119.00SN60WF", OS)], [OD, OS]
    )
    assert sorted(w.text for w in words) == ["OPT119.00SN60WF", "OPT119.00SN60WF"]


def test_a_caption_none_of_whose_readings_reads_the_other_eyes_caption_is_left_as_read() -> None:
    image = _captions("OPT118.70SA60AT", "OPT119.00SN60WF")
    words = [_word("OPT119.00SN60WE", OD), _word("OPT119.00SN60WF", OS)]
    assert with_captions_of_the_other_eye(image, words, [OD, OS]) == words


def test_a_caption_is_not_confirmed_by_another_caption_outside_the_catalogue() -> None:
    image = _captions("OPT119.00SN60WE", "OPT119.00SN60WE")
    words = [_word("OPT119.00SN60WX", OD), _word("OPT119.00SN60WE", OS)]
    assert with_captions_of_the_other_eye(image, words, [OD, OS]) == words


def test_captions_pair_with_the_box_at_the_same_place_in_the_other_half_of_the_page() -> None:
    row = [Box(100, 60, 300, 90), Box(400, 62, 600, 92), Box(900, 61, 1100, 91), Box(1200, 60, 1400, 90)]
    assert sorted((a.x0, b.x0) for a, b in counterparts(row, PAGE_PX[0])) == [
        (100, 900),
        (400, 1200),
        (900, 100),
        (1200, 400),
    ]


def test_a_row_with_boxes_in_one_eye_only_pairs_no_captions() -> None:
    assert counterparts([Box(900, 60, 1100, 90), Box(1200, 60, 1400, 90)], PAGE_PX[0]) == []
