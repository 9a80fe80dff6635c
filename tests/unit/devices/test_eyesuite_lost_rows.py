"""An EyeSuite lens-table row the page pass lost whole is read again alone where the rows it read show the row stands
(one row pitch from them), and added only where both cells read in the printed form; nothing is added where no ink
stands, where a word was read there, or where the rows read show no even pitch."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from biometry.devices.eyesuite import cells
from biometry.document import Word
from biometry.extract.boxes import Box
from tests.unit.devices.test_eyesuite_cells import FOOTER, HEADER  # the real Eyestar's table header, the footer

SIZE = (2480, 3506)
PITCH, FIRST = 0.0190, 0.5200  # row pitch and the first row's top (page fractions)
ROWS = [("22.50", "-0.61"), ("22.00", "-0.25"), ("21.50", "0.11"), ("21.00", "0.47"), ("20.50", "0.82")]
POWER_X, REFRACTION_X = (0.1310, 0.1680), (0.2200, 0.2510)


def _cell(text: str, x: tuple[float, float], row: int) -> Word:
    top = FIRST + row * PITCH
    return Word(text, (x[0], top, x[1], top + 0.0100), confidence=0.9)


def _table_image(inked_rows: range) -> Image.Image:
    """The table's cells as ink (strokes as tall as digits, apart as digits are) in the rows given."""
    image = Image.new("L", SIZE, 255)
    draw = ImageDraw.Draw(image)
    for row in inked_rows:
        for x0, x1 in (POWER_X, REFRACTION_X):
            top, bottom = round((FIRST + row * PITCH) * SIZE[1]), round((FIRST + row * PITCH + 0.0100) * SIZE[1])
            for x in range(round(x0 * SIZE[0]) + 8, round(x1 * SIZE[0]) - 8, 14):
                draw.rectangle((x, top + 6, x + 4, bottom - 6), fill=0)
    return image


def _refined(image: Image.Image, read_rows: list[int], monkeypatch: pytest.MonkeyPatch, *extra: Word) -> list[str]:
    """The texts after the refiner, where the page pass read the rows `read_rows` and each cell read alone reads as
    printed (the row and column its box stands in)."""

    def read_number_cell(_: Image.Image, box: Box) -> Word | None:
        row = round((box.y0 / SIZE[1] - FIRST) / PITCH)
        column = 0 if box.x0 / SIZE[0] < POWER_X[1] else 1
        return Word(ROWS[row][column], (box.x0 / SIZE[0], box.y0 / SIZE[1], box.x1 / SIZE[0], box.y1 / SIZE[1]))

    monkeypatch.setattr(cells, "read_number_cell", read_number_cell)
    page = [w for r in read_rows for w in (_cell(ROWS[r][0], POWER_X, r), _cell(ROWS[r][1], REFRACTION_X, r))]
    return [w.text for w in cells.with_table_cells(image, [*HEADER, *page, *extra, FOOTER])]


def test_a_last_row_lost_whole_is_read_again_below_the_rows_read(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _refined(_table_image(range(5)), [0, 1, 2, 3], monkeypatch)
    assert "20.50" in texts and "0.82" in texts


def test_a_row_lost_between_rows_read_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _refined(_table_image(range(5)), [0, 1, 3, 4], monkeypatch)
    assert "21.50" in texts and "0.11" in texts


def test_no_row_is_added_where_no_ink_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _refined(_table_image(range(4)), [0, 1, 2, 3], monkeypatch)
    assert "20.50" not in texts and "0.82" not in texts


def test_no_row_is_read_again_where_a_word_was_read_across_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    speck = Word("~", (0.1900, FIRST + 4 * PITCH, 0.1950, FIRST + 4 * PITCH + 0.0100), confidence=0.2)
    texts = _refined(_table_image(range(5)), [0, 1, 2, 3], monkeypatch, speck)
    assert "20.50" not in texts


def test_rows_read_at_no_even_pitch_show_no_lost_row(monkeypatch: pytest.MonkeyPatch) -> None:
    shifted = _cell("21.50", POWER_X, 2), _cell("0.11", REFRACTION_X, 2)
    moved = [Word(w.text, (w.bbox[0], w.bbox[1] + PITCH / 2, w.bbox[2], w.bbox[3] + PITCH / 2)) for w in shifted]
    texts = _refined(_table_image(range(5)), [0, 1], monkeypatch, *moved)
    assert texts.count("20.50") == 0 and texts.count("21.00") == 0


def _glued(row: int) -> Word:
    """Both cells of a row read as one garbled word (`21502057` at 0.00 for `21.50 | 0.57`, a phone photo)."""
    return Word("21502057", (POWER_X[0], FIRST + row * PITCH, REFRACTION_X[1], FIRST + row * PITCH + 0.0100), 0.0)


def test_a_row_whose_every_cell_the_page_pass_misread_is_read_again_in_place_of_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = _refined(_table_image(range(5)), [1, 2, 3, 4], monkeypatch, _glued(0))
    assert ("22.50" in texts, "-0.61" in texts, "21502057" in texts) == (True, True, False)


def test_a_misread_row_read_again_without_a_sign_so_near_zero_that_the_steps_cannot_tell_is_left_as_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(f"{__name__}.ROWS", [("22.50", "0.01"), *ROWS[1:]])
    texts = _refined(_table_image(range(5)), [1, 2, 3, 4], monkeypatch, _glued(0))
    assert "0.01" not in texts
