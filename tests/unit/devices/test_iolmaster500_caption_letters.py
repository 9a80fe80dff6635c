"""IOLMaster 500 lens captions: a last letter `F` OCR read `E` (or `EF`) is read `F` where its ink is an F's (a top
bar across its right third, a foot that leaves it blank) and one reading of the caption names that lens."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from biometry.devices.iolmaster500.caption_letters import with_final_f
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.synth.fonts import font_path

PAGE_PX = (800, 200)
CAPTION = Box(100, 60, 700, 140)


def _caption(printed: str) -> Image.Image:
    """A 300-dpi grey strip with one caption, bold serif as the device prints them."""
    image = Image.new("L", PAGE_PX, 255)
    font = ImageFont.truetype(str(font_path("DejaVuSerif-Bold.ttf")), 36)
    ImageDraw.Draw(image).text((CAPTION.x0 + 10, CAPTION.y0 + 15), printed, font=font, fill=0)
    return image


def _word(text: str) -> Word:
    width, height = PAGE_PX
    return Word(text, (CAPTION.x0 / width, CAPTION.y0 / height, CAPTION.x1 / width, CAPTION.y1 / height))


def test_a_last_f_read_as_e_is_read_as_the_f_its_ink_shows() -> None:
    words = with_final_f(_caption("OPT119.00SN60WF"), [_word("OPT119.00SN60WE")], [CAPTION])
    assert [w.text for w in words] == ["OPT119.00SN60WF"]


def test_a_last_f_read_as_e_and_f_is_read_as_one_f() -> None:
    words = with_final_f(_caption("OPT119.00SN60WF"), [_word("OPT119.00SN60WEF")], [CAPTION])
    assert [w.text for w in words] == ["OPT119.00SN60WF"]


def test_a_printed_e_stays_an_e_though_an_f_would_name_a_catalogue_lens() -> None:
    words = [_word("OPT119.00SN60WE")]
    assert with_final_f(_caption("OPT119.00SN60WE"), words, [CAPTION]) == words


def test_a_caption_that_names_a_catalogue_lens_or_ends_otherwise_is_left_as_read() -> None:
    for read in ("OPT119.00SN60WF", "OPT118.70SA60AT", "OPT119.00SN60WX"):
        words = [_word(read)]
        assert with_final_f(_caption("OPT119.00SN60WF"), words, [CAPTION]) == words
