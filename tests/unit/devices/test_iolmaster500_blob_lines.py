"""IOLMaster 500 measurement page: a word OCR boxed across a whole ruled cell (`3` for `ACD: --`) is read again as
the cell's line, and replaced only where it reads a result label and the `--` of a value not measured."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from biometry.devices.iolmaster500.blob_lines import with_blob_lines
from biometry.document import Word
from biometry.synth.fonts import font_path

WIDTH, HEIGHT = 1200, 120
CELL = (40, 30, 700, 90)  # the ruled cell: left and right rules, a rule above and below


def _cell_page(line: str) -> Image.Image:
    """A ruled cell printing one Courier bold line, as a 300-dpi crop of the measurement page."""
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle(CELL, outline=0, width=3)
    courier_bold = ImageFont.truetype(str(font_path("LiberationMono-Bold.ttf")), 30)
    draw.text((CELL[0] + 20, CELL[1] + 12), line, font=courier_bold, fill=0)
    return image


def _blob(text: str = "3") -> Word:
    """The page pass's reading: one word boxed from the cell's left rule to its right one."""
    box = (CELL[0] / WIDTH, CELL[1] / HEIGHT, (CELL[2] + 2) / WIDTH, (CELL[3] + 2) / HEIGHT)
    return Word(text, box, confidence=0.1)


def test_a_blob_over_a_cell_printing_a_value_not_measured_becomes_its_label_and_dashes() -> None:
    words = with_blob_lines(_cell_page("ACD: --"), [_blob()])
    assert [w.text for w in words] == ["ACD:", "--"]


def test_a_blob_over_a_cell_printing_a_value_is_left_as_read() -> None:
    words = [_blob()]
    assert with_blob_lines(_cell_page("ACD: 3.38 mm"), words) == words  # a garbled value stays printed and unread


def test_a_word_boxed_to_its_characters_is_no_blob() -> None:
    words = [Word("--", (CELL[0] / WIDTH, CELL[1] / HEIGHT, (CELL[0] + 60) / WIDTH, (CELL[1] + 40) / HEIGHT))]
    assert with_blob_lines(_cell_page("ACD: --"), words) == words
