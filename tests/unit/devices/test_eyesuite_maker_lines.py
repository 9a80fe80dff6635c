"""A lens block's manufacturer line the page pass read in part is read again alone; a whole one is left as read."""

from __future__ import annotations

import pytest
from PIL import Image

from biometry.devices.eyesuite import maker_lines
from biometry.document import Word
from biometry.extract.boxes import Box
from biometry.extract.tesseract import TesseractWord

IMAGE = Image.new("L", (2480, 3506), 255)
# The real Eyestar's seed-5 200-dpi rescan, page 1, OD's first lens block: the page pass lost the A of AMO
MODEL = [
    Word("EYHANCE", (0.0968, 0.4760, 0.1766, 0.4860), confidence=0.91),
    Word("TORICA", (0.1823, 0.4760, 0.2484, 0.4860), confidence=0.92),
]
HEADER = [
    Word("IOL", (0.1286, 0.5000, 0.1488, 0.5071), confidence=0.64),
    Word("[D]", (0.1528, 0.5000, 0.1698, 0.5088), confidence=0.80),
    Word("Eye", (0.2117, 0.5000, 0.2310, 0.5094), confidence=0.93),
    Word("[D]", (0.2343, 0.5000, 0.2516, 0.5086), confidence=0.91),
]
CUT = Word("MO", (0.1060, 0.4894, 0.1298, 0.4977), confidence=0.96)
WHOLE = Word("AMO", (0.0968, 0.4894, 0.1298, 0.4977), confidence=0.96)


def refined(maker: list[Word], reading: list[Word] | None, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], int]:
    """The page's texts after the refiner (the line read alone as `reading`) and how many lines it read."""
    areas: list[Box] = []

    def read_text_line(image: Image.Image, area: Box, **_: object) -> list[Word] | None:
        areas.append(area)
        return reading

    monkeypatch.setattr(maker_lines, "read_text_line", read_text_line)
    words = maker_lines.with_manufacturer_lines(IMAGE, [*MODEL, *maker, *HEADER])
    return sorted(w.text for w in words), len(areas)


def test_a_manufacturer_line_that_lost_its_start_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, _ = refined([CUT], [WHOLE], monkeypatch)
    assert "AMO" in texts and "MO" not in texts


def test_a_manufacturer_line_read_whole_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    _, reads = refined([WHOLE], [WHOLE], monkeypatch)
    assert reads == 0


def test_a_reading_two_preparations_do_not_agree_on_keeps_the_page_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, _ = refined([CUT], None, monkeypatch)
    assert "MO" in texts


def test_a_reading_that_starts_right_of_the_model_line_keeps_the_page_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, _ = refined([CUT], [Word("AMO", CUT.bbox, confidence=0.96)], monkeypatch)
    assert "MO" in texts


def test_a_manufacturer_line_the_page_pass_lost_whole_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, _ = refined([], [WHOLE], monkeypatch)
    assert "AMO" in texts


def test_preparations_that_read_a_different_speck_after_the_name_agree_on_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # dev 170-0011 (Eyestar, 300-dpi rescan): OS `Alcon` lost by the page pass, read again `Alcon .`, `Alcon ,` and
    # `Alcon :` (a speck from the header's tops); the speck is no part of the line
    readings = iter([[TesseractWord("AMO", 90, 8, 8, 40, 20), TesseractWord(mark, 60, 60, 20, 4, 6)] for mark in ".,:"])
    monkeypatch.setattr("biometry.extract.tesseract.read_words", lambda image, psm: next(readings))
    texts = [w.text for w in maker_lines.with_manufacturer_lines(IMAGE, [*MODEL, *HEADER])]
    assert "AMO" in texts and not {".", ",", ":"} & set(texts)


@pytest.mark.parametrize("iol", ["OL", "10L", "TOL", "!OLID)", "loLto)", "IL", "J/OL[D]", "JIOL[D]"])
def test_a_header_whose_iol_ocr_garbled_still_finds_its_blocks_manufacturer_line(
    iol: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = [Word(iol, HEADER[0].bbox, confidence=0.2), *HEADER[1:]]
    monkeypatch.setattr(maker_lines, "read_text_line", lambda image, area, **_: [WHOLE])
    words = maker_lines.with_manufacturer_lines(IMAGE, [*MODEL, CUT, *header])
    assert "AMO" in {w.text for w in words} and "MO" not in {w.text for w in words}


@pytest.mark.parametrize("word", ["[D]", "Eye", "J/D]", "A/B"])
def test_a_word_without_the_ol_of_iol_is_no_header_iol(word: str) -> None:
    # `J/OL[D]` (a photo, seed 166 document 0008) is the header's IOL with its I read as two glyphs; a word without
    # `OL` after at most two glyphs or a letter and a slash is not
    eye = HEADER[2]
    assert maker_lines.header_iol(eye, [Word(word, HEADER[0].bbox, confidence=0.2), eye]) is None
    assert maker_lines.header_iol(eye, [Word("J/OL[D]", HEADER[0].bbox, confidence=0.2), eye]) is not None


# A generated Eyestar scan (seed 161, document 0011), OD's second row of lens blocks: the header printed smaller than
# the real one (its `IOL` 12 header heights left of `Eye`), the page pass drew `AcrySof` (read `ActySof`) down over
# the `Alcon` line under it and lost that line.
SMALL_MODEL = [
    Word("ActySof", (0.0971, 0.6377, 0.1648, 0.6628), confidence=0.73),
    Word("IQ", (0.1716, 0.6403, 0.1882, 0.6514), confidence=0.49),
    Word("SN6OWF", (0.1958, 0.6403, 0.2679, 0.6499), confidence=0.78),
]
SMALL_HEADER = [
    Word("1OL", (0.1301, 0.6645, 0.1459, 0.6702), confidence=0.20),
    Word("[D]", (0.1499, 0.6645, 0.1640, 0.6708), confidence=0.91),
    Word("Eye", (0.2123, 0.6645, 0.2297, 0.6713), confidence=0.92),
    Word("[D]", (0.2341, 0.6645, 0.2482, 0.6708), confidence=0.92),
]
ALCON = Word("Alcon", (0.0971, 0.6520, 0.1330, 0.6600), confidence=0.96)


def test_a_header_printed_smaller_still_finds_its_blocks_manufacturer_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(maker_lines, "read_text_line", lambda image, area, **_: [ALCON])
    words = maker_lines.with_manufacturer_lines(IMAGE, [*SMALL_MODEL, *SMALL_HEADER])
    assert "Alcon" in {w.text for w in words}


def test_the_line_under_a_model_word_drawn_down_over_it_is_read_from_the_model_lines_baseline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    areas: list[Box] = []

    def read_text_line(image: Image.Image, area: Box, **_: object) -> list[Word]:
        areas.append(area)
        return [ALCON]

    monkeypatch.setattr(maker_lines, "read_text_line", read_text_line)
    maker_lines.with_manufacturer_lines(IMAGE, [*SMALL_MODEL, *SMALL_HEADER])
    height_px = IMAGE.size[1]
    assert len(areas) == 1 and areas[0].y0 <= round(ALCON.bbox[1] * height_px)


def test_a_manufacturer_line_read_as_no_known_manufacturer_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    garbled = [Word("ay", (0.0968, 0.4894, 0.1100, 0.4977), confidence=0.4),
               Word("rot", (0.1110, 0.4894, 0.1298, 0.4977), confidence=0.4)]  # fmt: skip
    texts, reads = refined(garbled, [WHOLE], monkeypatch)
    assert reads == 1 and "AMO" in texts and "rot" not in texts


def test_a_manufacturer_line_read_again_as_no_known_manufacturer_keeps_the_page_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    garbled = [Word("ay", (0.0968, 0.4894, 0.1100, 0.4977), confidence=0.4),
               Word("rot", (0.1110, 0.4894, 0.1298, 0.4977), confidence=0.4)]  # fmt: skip
    texts, _ = refined(garbled, [Word("Amb", WHOLE.bbox, confidence=0.5)], monkeypatch)
    assert "rot" in texts and "Amb" not in texts


def test_a_header_whose_iol_ocr_lost_finds_its_blocks_manufacturer_line_by_its_unit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(maker_lines, "read_text_line", lambda image, area, **_: [WHOLE])
    words = maker_lines.with_manufacturer_lines(IMAGE, [*MODEL, CUT, *HEADER[1:]])
    assert "AMO" in {w.text for w in words} and "MO" not in {w.text for w in words}


def test_a_line_running_across_the_crops_left_edge_is_not_read_from_its_middle(monkeypatch: pytest.MonkeyPatch) -> None:
    # dev 161-0015 (Lenstar photo): a model line found as `ZCBOO` without its `TECNIS`, so the crop under it started at
    # the `&` of `Johnson & Johnson Vision` and read `x Johnson`
    straddling = Word("&", (0.0850, 0.4894, 0.0950, 0.4977), confidence=0.92)
    texts, reads = refined([straddling], [WHOLE], monkeypatch)
    assert reads == 0 and "&" in texts
