"""IOLMaster 700 formula captions and lens headings garbled by the page pass are read again where the band's other
boxes print theirs, and replace the page pass's words only where they read a known formula (a catalogue lens)."""

from __future__ import annotations

import pytest
from PIL import Image
from reportlab.pdfbase.pdfmetrics import stringWidth

from biometry.devices.iolmaster700.boxes import is_table_unit
from biometry.devices.iolmaster700.captions import _Box, _stands_alone, with_box_captions
from biometry.document import Word, union_bbox
from biometry.extract.boxes import Box
from tests.printed_pages import printed_page

PAGE_PT = (420.0, 160.0)
SIZE_PT = 9.0
HEADER = (("IOL", -45), ("(D)", -28), ("Ref", 22), ("(D)", 40))  # a table header's words, offsets from its middle


def _centred(text: str, middle: float, baseline: float) -> tuple[str, float, float]:
    return text, middle - stringWidth(text, "Helvetica", SIZE_PT) / 2, baseline


def _box(middle: float, heading: str, caption: str, constants: str) -> list[tuple[str, float, float]]:
    """One result box as printed: lens heading, formula caption, constants, then its table header's four words."""
    return [
        *(_centred(word, middle + offset, 30) for word, offset in _spread(heading)),
        *(_centred(word, middle + offset, 45) for word, offset in _spread(caption)),
        _centred(constants, middle, 57),
        *(_centred(word, middle + offset, 69) for word, offset in HEADER),
    ]


def _spread(line: str) -> list[tuple[str, float]]:
    """The words of a centred line with their middles' offsets from the line's middle (points)."""
    space = stringWidth(" ", "Helvetica", SIZE_PT)
    widths = [stringWidth(word, "Helvetica", SIZE_PT) for word in line.split()]
    left = -(sum(widths) + space * (len(widths) - 1)) / 2
    out = []
    for word, width in zip(line.split(), widths, strict=True):
        out.append((word, left + width / 2))
        left += width + space
    return out


def _band(first_caption: str = "- Haigis -") -> tuple[Image.Image, list[Word]]:
    """A band of two boxes (Haigis, SRK/T) of the same lens, and the device's footer."""
    printed = [*_box(100, "Alcon AcrySof SN60WF", first_caption, "A0: -1,302"),
               *_box(310, "Alcon AcrySof SN60WF", "- SRK/T -", "A: 119,30"),
               ("IOLMaster", 20, 150), ("700", 70, 150)]  # fmt: skip
    return printed_page(printed, PAGE_PT, align="left", size_pt=SIZE_PT)


def _garbled(words: list[Word], texts: set[str], read: str, *, left_of: float) -> list[Word]:
    """The words with those of `texts` left of `left_of` (page fraction) read as one word of no meaning over them."""
    parts = [w for w in words if w.text in texts and w.x_center < left_of]
    garbled = Word(read, union_bbox([w.bbox for w in parts]), confidence=0.0)
    return [garbled, *(w for w in words if not any(w is part for part in parts))]


def test_a_garbled_caption_is_read_again_where_the_neighbour_box_prints_its_caption() -> None:
    image, words = _band()
    read = _garbled(words, {"-", "Haigis"}, "-nenitemereaitl-", left_of=0.5)
    texts = [w.text for w in with_box_captions(image, read)]
    assert "Haigis" in texts and "-nenitemereaitl-" not in texts


def test_a_garbled_lens_heading_is_read_again_with_the_garbled_caption() -> None:
    image, words = _band()
    read = _garbled(_garbled(words, {"-", "Haigis"}, "°", left_of=0.5), {"Alcon", "AcrySof", "SN60WF"}, "Eerie",
                    left_of=0.5)  # fmt: skip
    refined = with_box_captions(image, read)
    in_order = sorted(refined, key=lambda w: (round(w.y_center, 2), w.bbox[0]))
    left = " ".join(w.text for w in in_order if w.x_center < 0.5)
    assert "Alcon AcrySof SN60WF" in left and "Haigis" in left and "Eerie" not in left


@pytest.mark.parametrize("unit", ["(0)", "[D)", "(D}"])
def test_a_garbled_caption_is_read_again_where_a_header_unit_of_the_band_reads_misread(unit: str) -> None:
    # a 150-dpi rescan read the neighbour's `Ref (D)` as `(0)`: the band's units are still paired table by table
    image, words = _band()
    last = max((w for w in words if w.text == "(D)"), key=lambda w: w.bbox[0])
    misread = [Word(unit, w.bbox, confidence=w.confidence) if w is last else w for w in words]
    read = _garbled(misread, {"-", "Haigis"}, "-nenitemereaitl-", left_of=0.5)
    texts = [w.text for w in with_box_captions(image, read)]
    assert "Haigis" in texts and "-nenitemereaitl-" not in texts


def test_a_header_unit_is_the_printed_unit_with_a_bracket_or_its_d_misread_and_nothing_else() -> None:
    assert all(is_table_unit(text) for text in ("(D)", "(0)", "[D)", "(D]", "{D)", "(D}"))
    assert not any(is_table_unit(text) for text in ("(!)", "(*)", "D", "(D", "(DD)", "IOL(D)", "(D/°]"))


def test_a_caption_that_reads_no_known_formula_alone_either_keeps_its_words() -> None:
    image, words = _band("- Zebra -")  # a caption this product does not know: left for the parser's checks
    assert with_box_captions(image, words) == words


def test_a_band_whose_captions_read_keeps_its_words() -> None:
    image, words = _band()
    assert with_box_captions(image, words) == words


def test_another_devices_page_keeps_its_words() -> None:
    image, words = _band()
    read = _garbled([w for w in words if w.text not in {"IOLMaster", "700"}], {"-", "Haigis"}, "°", left_of=0.5)
    assert with_box_captions(image, read) == read


def _caption_read_again(top: float, bottom: float) -> tuple[list[Box], list[Word]]:
    """A `- Haigis -` caption read again on the band (top, bottom) of a box spanning x 0.75-0.94 of a 1000 px page."""
    words = [Word("-", (0.786, top, 0.791, bottom)), Word("Haigis", (0.795, top, 0.841, bottom)),
             Word("-", (0.841, top, 0.842, bottom))]  # fmt: skip
    return [Box(750, round(top * 1000) - 1, 940, round(bottom * 1000) + 1)], words


A1_LINE = [Word("At:", (0.784, 0.5915, 0.800, 0.6102)), Word("+0210", (0.804, 0.5915, 0.841, 0.6105))]


def test_a_caption_read_again_is_taken_where_it_stands_alone_as_a_caption() -> None:
    box = _Box(0.75, 0.94, None, False)
    assert _stands_alone([], _caption_read_again(0.5884, 0.5969), box, (1000, 1000))


def test_a_caption_read_again_that_would_join_a_constants_line_boxed_up_into_its_band_is_not_taken() -> None:
    # held-out 150-dpi rescans: a Haigis box's `A1: +0,210` read `At: +0210`, boxed up into the caption's band; the
    # parser names that box by its a1 without a caption, and a caption joined to it would be no caption
    box = _Box(0.75, 0.94, None, False)
    assert not _stands_alone(A1_LINE, _caption_read_again(0.5884, 0.5969), box, (1000, 1000))


def test_a_caption_read_again_that_would_replace_a_value_or_label_is_not_taken() -> None:
    box = _Box(0.75, 0.94, None, False)
    assert not _stands_alone(A1_LINE, _caption_read_again(0.5884, 0.6110), box, (1000, 1000))
