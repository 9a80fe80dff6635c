"""IOLMaster 500 multi-formula page: the lens its header names is read again alone where the page pass garbled it."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from biometry.devices.iolmaster500.iol import lens_of, model_of
from biometry.devices.iolmaster500.lens_title import LABEL, with_lens_title
from biometry.document import Page, Word
from biometry.synth.fonts import font_path

PAGE_PX = (1200, 200)


def _header_line(name: str) -> Image.Image:
    """A 300-dpi grey strip of the header's `Lens:` line (label at x 100, name at x 220)."""
    image = Image.new("L", PAGE_PX, 255)
    font = ImageFont.truetype(str(font_path("DejaVuSerif.ttf")), 34)
    ImageDraw.Draw(image).text((100, 80), "Lens:", font=font, fill=0)
    ImageDraw.Draw(image).text((220, 80), name, font=font, fill=0)
    return image


def _page_pass(*placed: tuple[str, int, int]) -> list[Word]:
    """Words as the page pass read them: (text, x0, x1) in pixels on the line."""
    width, height = PAGE_PX
    return [Word(text, (x0 / width, 85 / height, x1 / width, 120 / height)) for text, x0, x1 in placed]


def _model(words: list[Word]) -> str:
    return model_of(" ".join(w.text for w in sorted(words, key=lambda w: w.bbox[0]) if w.text not in LABEL))


def test_a_lens_name_the_page_pass_garbled_is_read_again_from_the_header() -> None:
    garbled = _page_pass(
        ("Lens:", 100, 190), ("Opt", 220, 280), ("Al", 290, 330), ("19.1N", 330, 420), ("AA60AC", 430, 560)
    )
    assert _model(with_lens_title(_header_line("Opt A119.1MA60AC"), garbled)) == "MA60AC"


def test_a_lens_name_after_its_label_read_with_a_semicolon_is_read_again_too() -> None:
    garbled = _page_pass(
        ("Lens;", 100, 190), ("Opt", 220, 280), ("Al", 290, 330), ("19.1N", 330, 420), ("AA60AC", 430, 560)
    )
    assert _model(with_lens_title(_header_line("Opt A119.1MA60AC"), garbled)) == "MA60AC"


def test_a_page_without_a_lens_title_is_left_as_read() -> None:
    words = _page_pass(("Formula:", 100, 250), ("Haigis", 260, 360))
    assert with_lens_title(_header_line("Opt A119.1MA60AC"), words) == words


def test_the_lens_a_header_names_is_read_with_its_labels_colon_read_as_a_semicolon() -> None:
    # a held-out 150-dpi rescan (seed 289): `Lens; OPT 115.54 MTA3U0`; the lens unread, the page's eight boxes took
    # their formula names for it (review)
    words = _page_pass(("Lens;", 100, 190), ("OPT", 220, 280), ("115.54", 290, 400), ("MTA3U0", 410, 540))
    assert lens_of(Page(number=6, width_pt=288.0, height_pt=48.0, source="ocr", words=words)) == "MTA3U0"
