"""An EyeSuite lens-table cell the page pass misread is read again alone and replaced only by a reading in the
printed form (and a refraction only with the sign the page pass showed); every other word stays as read."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from biometry.devices.eyesuite import cells
from biometry.document import Word
from biometry.extract import value_votes
from biometry.extract.boxes import Box

IMAGE = Image.new("L", (2480, 3506), 255)
# The real Eyestar's table header (seed-5 200-dpi rescan, page 1, OD's first lens block) and the footer's software
HEADER = [
    Word("IOL", (0.1286, 0.5000, 0.1488, 0.5071), confidence=0.64),
    Word("[D]", (0.1528, 0.5000, 0.1698, 0.5088), confidence=0.80),
    Word("Eye", (0.2117, 0.5000, 0.2310, 0.5094), confidence=0.93),
    Word("[D]", (0.2343, 0.5000, 0.2516, 0.5086), confidence=0.91),
]
FOOTER = Word("EyeSuite", (0.0980, 0.9150, 0.1500, 0.9230), confidence=0.92)
POWER = (0.1310, 0.5300, 0.1680, 0.5400)
REFRACTION = (0.2200, 0.5300, 0.2510, 0.5400)
_DRAW = ImageDraw.Draw(IMAGE)
for _x0, _y0, _x1, _y1 in (POWER, REFRACTION):  # each cell's ink: strokes as tall as digits, apart as digits are
    for _x in range(round(_x0 * 2480) + 8, round(_x1 * 2480) - 8, 14):
        _DRAW.rectangle((_x, round(_y0 * 3506) + 6, _x + 4, round(_y1 * 3506) - 6), fill=0)


def refined(cell: Word, reading: str | None, monkeypatch: pytest.MonkeyPatch, page: list[Word]) -> list[str]:
    """The page's texts after the refiner, each cell read alone as `reading`."""

    def read_number_cell(image: Image.Image, box: Box) -> Word | None:
        return Word(reading, cell.bbox, confidence=1.0) if reading is not None else None

    monkeypatch.setattr(cells, "read_number_cell", read_number_cell)
    return [w.text for w in cells.with_table_cells(IMAGE, [*page, cell])]


def test_a_power_cell_read_in_another_form_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = refined(Word("27:50)", POWER, confidence=0.62), "22.50", monkeypatch, [*HEADER, FOOTER])
    assert "22.50" in texts and "27:50)" not in texts


def test_a_reading_in_another_form_keeps_the_page_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = refined(Word("27:50)", POWER, confidence=0.62), "2250", monkeypatch, [*HEADER, FOOTER])
    assert "27:50)" in texts


def test_a_refraction_that_showed_a_minus_keeps_it_or_the_page_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    cell = Word("~0,52)", REFRACTION, confidence=0.4)
    assert "~0,52)" in refined(cell, "0.52", monkeypatch, [*HEADER, FOOTER])
    assert "-0.52" in refined(cell, "-0.52", monkeypatch, [*HEADER, FOOTER])


def test_a_number_the_parser_reads_with_its_frame_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = refined(Word("|=0.17", REFRACTION, confidence=0.25), "-0.17", monkeypatch, [*HEADER, FOOTER])
    assert "|=0.17" in texts


def test_a_word_under_no_table_header_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = refined(Word("27:50)", POWER, confidence=0.62), "22.50", monkeypatch, [FOOTER])
    assert "27:50)" in texts


def test_another_devices_page_keeps_its_words(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = refined(Word("27:50)", POWER, confidence=0.62), "22.50", monkeypatch, HEADER)
    assert "27:50)" in texts


def test_a_cell_read_as_letters_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = refined(Word("Li", REFRACTION, confidence=0.0), "-1.13", monkeypatch, [*HEADER, FOOTER])
    assert "-1.13" in texts and "Li" not in texts


def test_a_rule_read_alone_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = refined(Word("=|", REFRACTION, confidence=0.3), "-1.13", monkeypatch, [*HEADER, FOOTER])
    assert "=|" in texts


def test_a_cell_read_up_over_the_table_header_is_cropped_below_the_header(monkeypatch: pytest.MonkeyPatch) -> None:
    # a rescan: `20.50` read `Ex`, its box run up over `IOL [D]`, whose ink the cell's crop must not hold
    crops: list[Box] = []

    def read_number_cell(image: Image.Image, box: Box) -> Word | None:
        crops.append(box)
        return Word("22.50", POWER, confidence=1.0)

    monkeypatch.setattr(cells, "read_number_cell", read_number_cell)
    image = IMAGE.copy()
    x0, y0, x1, y1 = HEADER[0].bbox
    ImageDraw.Draw(image).rectangle((round(x0 * 2480), round(y0 * 3506), round(x1 * 2480), round(y1 * 3506)), fill=0)
    ran_up = Word("Ex", (POWER[0], HEADER[0].bbox[1], POWER[2], POWER[3]), confidence=0.39)
    texts = [w.text for w in cells.with_table_cells(image, [*HEADER, FOOTER, ran_up])]
    assert "22.50" in texts and crops[0].y0 >= round(HEADER[2].bbox[3] * 3506) - cells.EDGE_PX


def _voted(cell: Word, alone: list[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The page's texts after the refiner, the cell's area read alone by the three preparations as `alone`."""
    monkeypatch.setattr(value_votes, "text_line_readings", lambda image, area: list(alone))
    return [w.text for w in cells.with_table_cells(IMAGE, [*HEADER, FOOTER, cell])]


def test_a_cell_read_unsure_in_the_printed_form_is_settled_by_its_readings_vote(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a 300-dpi rescan of the real Eyestar's page 2 (held-out seed 346): `-0.81` read `0.81` at 0.54, its minus lost;
    # read alone `-0.81` three times
    unsure = Word("0.81", REFRACTION, confidence=0.54)
    assert "-0.81" in _voted(unsure, ["-0.81", "-0.81", "-0.81"], monkeypatch)
    assert "0.81" in _voted(unsure, ["-0.81", "0.31", "0.87"], monkeypatch)  # no majority: as read
    assert "-0.81" not in _voted(Word("0.81", REFRACTION, confidence=0.93), ["-0.81"] * 3, monkeypatch)  # sure


def test_a_voted_cell_keeps_the_minus_the_page_pass_read(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "-0.81" in _voted(Word("-0.81", REFRACTION, confidence=0.54), ["0.81", "0.81", "0.81"], monkeypatch)


PITCH = 0.019  # the real Eyestar's row pitch (page fractions)
ROWS = [("15.00", "0.63"), ("15.50", "0.30"), ("16.00", "-0.03"), ("16.50", "-0.37"), ("17.00", "-0.71")]


def _row(k: int, column: tuple[float, float, float, float], text: str) -> Word:
    x0, y0, x1, y1 = column
    return Word(text, (x0, y0 + k * PITCH, x1, y1 + k * PITCH), confidence=0.93)


def _with_ink(*boxes: tuple[float, float, float, float]) -> Image.Image:
    image = Image.new("L", IMAGE.size, 255)
    draw = ImageDraw.Draw(image)
    for x0, y0, x1, y1 in boxes:
        for x in range(round(x0 * 2480) + 8, round(x1 * 2480) - 8, 14):
            draw.rectangle((x, round(y0 * 3506) + 6, x + 4, round(y1 * 3506) - 6), fill=0)
    return image


def _last_power_read(monkeypatch: pytest.MonkeyPatch, last_row: list[Word]) -> list[str]:
    """The page's texts after the refiner: four rows read whole, then `last_row`; the lost power cell's ink reads
    `17.00`."""
    monkeypatch.setattr(cells, "read_number_cell", lambda image, box: Word("17.00", POWER, confidence=1.0))
    whole = [_row(k, POWER, power) for k, (power, _) in enumerate(ROWS[:4])]
    whole += [_row(k, REFRACTION, refraction) for k, (_, refraction) in enumerate(ROWS[:4])]
    image = _with_ink(_row(4, POWER, "").bbox)
    return [w.text for w in cells.with_table_cells(image, [*HEADER, FOOTER, *whole, *last_row])]


def test_a_power_lost_beside_its_refraction_under_rows_read_whole_is_read_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a 150-dpi rescan of the real Eyestar's page 3: the last row read `-0.69` alone, its `18.00` lost
    texts = _last_power_read(monkeypatch, [_row(4, REFRACTION, "-0.71")])
    assert texts.count("17.00") == 1 and "-0.71" in texts


def test_a_number_read_alone_in_neither_column_reads_no_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    # which cell it is cannot be told: the parser's checks judge the row as read
    between = (REFRACTION[0] - 0.035, REFRACTION[1], REFRACTION[0] - 0.015, REFRACTION[3])
    assert "17.00" not in _last_power_read(monkeypatch, [_row(4, between, "-0.71")])


def test_a_cell_boxed_short_of_its_ink_is_read_across_its_column(monkeypatch: pytest.MonkeyPatch) -> None:
    # a 150-dpi rescan (held-out seed 268) read `17.`, boxed short of `17.00`'s zeros: read alone in that box, it read
    # `17.` again
    crops: list[Box] = []

    def read_number_cell(image: Image.Image, box: Box) -> Word | None:
        crops.append(box)
        return Word("17.00", POWER, confidence=1.0)

    monkeypatch.setattr(cells, "read_number_cell", read_number_cell)
    whole = [_row(k, POWER, power) for k, (power, _) in enumerate(ROWS[:4])]
    whole += [_row(k, REFRACTION, refraction) for k, (_, refraction) in enumerate(ROWS[:4])]
    x0, y0, x1, y1 = _row(4, POWER, "").bbox
    short = Word("17.", (x0, y0, x0 + 0.4 * (x1 - x0), y1), confidence=0.95)
    image = _with_ink((x0, y0, x1, y1))
    cells.with_table_cells(image, [*HEADER, FOOTER, *whole, short, _row(4, REFRACTION, "-0.71")])
    last_stroke_end = max(range(round(x0 * 2480) + 8, round(x1 * 2480) - 8, 14)) + 5  # as `_with_ink` draws it
    assert crops and crops[0].x1 >= last_stroke_end
