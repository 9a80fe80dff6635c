"""A lens block's model line the page pass read as no catalogue name is read again alone and replaced only by a
catalogue name starting where the line starts; a model read as a catalogue name is left as read. The preparations of
the reading agree where they spell one catalogue name."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PIL import Image

from biometry.devices.eyesuite import model_lines
from biometry.document import Word
from biometry.extract.boxes import Box

IMAGE = Image.new("L", (2480, 3506), 255)
# A generated Eyestar scan (seed 161, document 0011), OD's second row of lens blocks: `AcrySof IQ SN60WF` read
# `ActySof IQ SN6OWF` (`ActySof` drawn down over the manufacturer line), its last word right of the table header
GARBLED = [
    Word("ActySof", (0.097, 0.638, 0.165, 0.663), confidence=0.73),
    Word("IQ", (0.172, 0.640, 0.188, 0.651), confidence=0.49),
    Word("SN6OWF", (0.196, 0.640, 0.268, 0.650), confidence=0.78),
]
MAKER = [Word("Alcon", (0.097, 0.651, 0.135, 0.664), confidence=0.97)]
HEADER = [
    Word("1OL", (0.130, 0.664, 0.146, 0.670), confidence=0.43),
    Word("[D]", (0.150, 0.664, 0.164, 0.671), confidence=0.92),
    Word("Eye", (0.212, 0.664, 0.230, 0.671), confidence=0.93),
    Word("[D]", (0.234, 0.664, 0.248, 0.671), confidence=0.92),
]
# the next block right of it: its model and its header
NEXT_BLOCK = [
    Word("CT", (0.303, 0.641, 0.325, 0.652), confidence=0.93),
    Word("ASPHINA", (0.331, 0.641, 0.408, 0.652), confidence=0.93),
    Word("409MP", (0.415, 0.641, 0.473, 0.652), confidence=0.93),
    Word("IOL[D]", (0.336, 0.664, 0.369, 0.671), confidence=0.93),
    Word("Eye", (0.418, 0.664, 0.436, 0.671), confidence=0.93),
]


def _reading(*texts: str, left: float = 0.097) -> list[Word]:
    return [Word(text, (left + 0.06 * k, 0.640, left + 0.06 * k + 0.05, 0.651), confidence=0.9)
            for k, text in enumerate(texts)]  # fmt: skip


def refined(model: list[Word], reading: list[Word] | None, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], int]:
    """The page's texts after the refiner (the line read alone as `reading`) and how many lines it read."""
    areas: list[Box] = []

    def read_text_line(image: Image.Image, area: Box, **_: object) -> list[Word] | None:
        areas.append(area)
        return reading

    monkeypatch.setattr(model_lines, "read_text_line", read_text_line)
    words = model_lines.with_model_lines(IMAGE, [*model, *MAKER, *HEADER, *NEXT_BLOCK])
    return [w.text for w in sorted(words, key=lambda w: (round(w.y_center, 2), w.bbox[0]))], len(areas)


def test_a_model_line_read_as_no_catalogue_name_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, _ = refined(GARBLED, _reading("AcrySof", "IQ", "SN60WF"), monkeypatch)
    assert texts[:4] == ["AcrySof", "IQ", "SN60WF", "CT"]  # the whole line replaced, the next block's kept


def test_the_model_lines_words_right_of_the_header_are_part_of_it(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, _ = refined(GARBLED, _reading("AcrySof", "IQ", "SN60WF"), monkeypatch)
    assert "SN6OWF" not in texts


def test_a_model_line_ocr_lost_a_word_of_is_read_again_up_to_the_next_block(monkeypatch: pytest.MonkeyPatch) -> None:
    # `AcrySof IQ SN60WF` read `A 1Q SN60WF`: `crySof` lost, the words left apart
    apart = [Word("A", (0.097, 0.640, 0.117, 0.661), confidence=0.5), *GARBLED[1:]]
    texts, _ = refined(apart, _reading("AcrySof", "IQ", "SN60WF"), monkeypatch)
    assert texts[:4] == ["AcrySof", "IQ", "SN60WF", "CT"]


def test_a_model_read_as_a_catalogue_name_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    _, reads = refined(_reading("AcrySof", "IQ", "SN60WF"), _reading("AcrySof", "IQ", "SN60WF"), monkeypatch)
    assert reads == 0


@pytest.mark.parametrize(
    "reading",
    [
        None,  # two preparations disagree
        _reading("ActySof", "IQ", "SN60WF"),  # no catalogue name either
        _reading("AcrySof", "IQ", "SN60WF", left=0.15),  # starts right of the model line: its start lost
    ],
)
def test_a_reading_that_is_no_catalogue_name_from_the_lines_start_keeps_the_page_pass(
    reading: list[Word] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts, reads = refined(GARBLED, reading, monkeypatch)
    assert reads == 1 and texts[:3] == ["ActySof", "IQ", "SN6OWF"]


def test_a_model_line_that_lost_its_first_word_is_read_again_from_its_manufacturers_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a generated Eyestar scan (seed 166, document 0004): OS's `AcrySof IQ SN60WF` read `1Q SN60WF`, `AcrySof` unread
    headless = [Word("1Q", (0.172, 0.640, 0.188, 0.651), confidence=0.85), GARBLED[2]]
    areas: list[Box] = []

    def read_text_line(image: Image.Image, area: Box, **_: object) -> list[Word] | None:
        areas.append(area)
        return _reading("AcrySof", "IQ", "SN60WF")

    monkeypatch.setattr(model_lines, "read_text_line", read_text_line)
    words = model_lines.with_model_lines(IMAGE, [*headless, *MAKER, *HEADER, *NEXT_BLOCK])
    texts = [w.text for w in sorted(words, key=lambda w: (round(w.y_center, 2), w.bbox[0]))]
    assert areas[0].x0 <= round(MAKER[0].bbox[0] * IMAGE.width)  # read from where `Alcon` starts
    assert texts[:4] == ["AcrySof", "IQ", "SN60WF", "CT"]


def test_a_word_of_the_model_line_read_again_is_replaced_though_the_line_was_found_without_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # its first word starts left of the block's reach, so the line was found from `IQ` on: read again from `Alcon`'s
    # start, the reading holds it, and the page pass's copy must not stay beside it (`Vivinex Vivinex XY1`)
    first = Word("AcrySof", (0.080, 0.640, 0.160, 0.651), confidence=0.9)
    texts, _ = refined([first, *GARBLED[1:]], _reading("AcrySof", "IQ", "SN60WF"), monkeypatch)
    assert texts[:4] == ["AcrySof", "IQ", "SN60WF", "CT"]


def test_the_preparations_of_a_reading_agree_where_they_spell_one_catalogue_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a generated Eyestar scan (seed 168, document 0008): OS's `AcrySof IQ SN60WF` read `IQ SN6OWF` (`AcrySof` lost);
    # read again alone, as is `AcrySof 1Q SN60WF`, thickened `AcrySof IQ SN60WF`: one lens, where characters differ
    meanings = []

    def read_text_line(image: Image.Image, area: Box, **options: Callable[[str], str]) -> list[Word] | None:
        meanings.append(options["meaning"])
        return _reading("AcrySof", "1Q", "SN60WF")

    monkeypatch.setattr(model_lines, "read_text_line", read_text_line)
    model_lines.with_model_lines(IMAGE, [*GARBLED, *MAKER, *HEADER, *NEXT_BLOCK])
    meaning = meanings[0]
    assert meaning("AcrySof1QSN60WF") == meaning("AcrySofIQSN60WF") == meaning("AcrySof|QSN6Q0WF")
    assert meaning("VivinexXY1") != meaning("VivinexXC1")
    assert meaning("ActySofIQSN6QWFZ") != meaning("AcrySofIQSN60WF")  # no catalogue name: its characters


def test_a_model_line_is_read_up_to_the_next_blocks_manufacturer_where_that_blocks_header_was_lost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a held-out 200-dpi rescan (seed 223): `SYNERGY` read `SYNI ERGY`, the next block's `IOL [D] Eye [D]` lost, so the
    # line was read to the page's edge and took in that block's model (`SYNERGY Tecnis Multifocal ...`)
    areas: list[Box] = []

    def read_text_line(image: Image.Image, area: Box, **_: object) -> list[Word] | None:
        areas.append(area)
        return None

    monkeypatch.setattr(model_lines, "read_text_line", read_text_line)
    next_maker = Word("AMO", (0.303, 0.651, 0.340, 0.664), confidence=0.97)
    next_model = [w for w in NEXT_BLOCK if w.bbox[1] < 0.66]
    model_lines.with_model_lines(IMAGE, [*GARBLED, *MAKER, *HEADER, *next_model, next_maker])
    assert areas[0].x1 <= round(next_maker.bbox[0] * IMAGE.width)
