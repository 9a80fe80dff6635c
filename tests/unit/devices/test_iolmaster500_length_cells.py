"""IOLMaster 500 lengths: a garbled `AL:`/`ACD:` value is read again as a cell, and taken only where its readings
agree on a length printed with two decimals; a value read in the printed form stays, unless its cell reads another
alike: then it is doubted (`?`, review), never replaced."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from biometry.devices.iolmaster500.length_cells import with_length_cells
from biometry.document import Word
from biometry.synth.fonts import font_path

WIDTH, HEIGHT = 600, 80


def _page(printed: str) -> Image.Image:
    """A grey strip printing `AL:` and a length, as a 300-dpi page crop."""
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    font = ImageFont.truetype(str(font_path("DejaVuSans.ttf")), 36)
    ImageDraw.Draw(image).text((20, 20), "AL:", font=font, fill=0)
    ImageDraw.Draw(image).text((200, 20), printed, font=font, fill=0)
    return image


FOOTER = Word("IOLMaster® Advanced Technology V. 7.7", (0.1, 0.9, 0.9, 0.95))  # the 500 generation's footer


def _words(value: str, *, footer: bool = True) -> list[Word]:
    found = [Word("AL:", (20 / WIDTH, 0.2, 90 / WIDTH, 0.75)), Word(value, (190 / WIDTH, 0.15, 380 / WIDTH, 0.8))]
    return [*found, FOOTER] if footer else found


def test_a_garbled_length_is_read_again_as_its_cell() -> None:
    words = with_length_cells(_page("23.48"), _words("23.493"))
    assert [w.text for w in words if w is not FOOTER] == ["AL:", "23.48"]


def test_a_length_read_with_a_hyphen_for_its_point_is_read_again() -> None:
    words = with_length_cells(_page("23.08"), _words("23-08"))
    assert [w.text for w in words if w is not FOOTER] == ["AL:", "23.08"]


def test_a_length_read_in_the_printed_form_its_cell_confirms_is_left_as_read() -> None:
    words = _words("23.48")
    assert with_length_cells(_page("23.48"), words) == words


def test_a_length_read_in_the_printed_form_its_cell_reads_otherwise_is_doubted() -> None:
    words = with_length_cells(_page("23.48"), _words("23.43"))
    assert [w.text for w in words if w is not FOOTER] == ["AL:", "?"]


def test_a_missing_length_is_left_as_read() -> None:
    words = _words("--")
    assert with_length_cells(_page("--"), words) == words


def test_a_page_of_another_device_is_left_as_read() -> None:
    words = _words("23.493", footer=False)  # an IOLMaster 700 page prints `AL:` too
    assert with_length_cells(_page("23.48"), words) == words
