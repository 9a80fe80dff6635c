"""IOLMaster 700 result tables found by their header: a cell the page pass misread in a table whose emmetropia power
is not printed (`--- Emmetropia`: the label stands under the powers, the refractions right of it) is read again alone,
and replaced only by a reading in the printed form."""

from __future__ import annotations

import pytest
from PIL import Image

from biometry.devices.iolmaster700 import header_cells
from biometry.devices.iolmaster700.header_cells import table_zones, with_header_table_cells
from biometry.document import Word
from tests.printed_pages import printed_page

PAGE_PT = (300.0, 140.0)
# A Holladay 2 box's table as printed (text, x of its right edge in points, baseline from the top in points): its
# emmetropia power is not printed, so its label stands left under the powers.
TABLE = [("IOL", 70, 20), ("(D)", 88, 20), ("Ref", 130, 20), ("(D)", 148, 20), ("+24,00", 88, 35),
         ("-1,13", 148, 35), ("+23,50", 88, 48), ("-0,76", 148, 48), ("+23,00", 88, 61), ("-0,39", 148, 61),
         ("---", 66, 74), ("Emmetropia", 118, 74), ("IOLMaster", 90, 120), ("700", 110, 120)]  # fmt: skip
FOOTER = ("IOLMaster", "700")


def _page(printed: list[tuple[str, float, float]]) -> tuple[Image.Image, list[Word]]:
    """A small page printing the words right-aligned at their places, and its words as read."""
    return printed_page(printed, PAGE_PT)


def _read_as(words: list[Word], printed: str, read: str) -> list[Word]:
    return [Word(read, w.bbox, confidence=w.confidence) if w.text == printed else w for w in words]


def _split(words: list[Word], printed: str, parts: list[str], overlap: float) -> list[Word]:
    """The words with `printed` read as `parts` side by side across its box, each box reaching `overlap` of a part's
    width into the next (OCR's boxes of one cell's parts may overlap)."""
    out = []
    for word in words:
        if word.text != printed:
            out.append(word)
            continue
        x0, y0, x1, y1 = word.bbox
        step = (x1 - x0) / len(parts)
        out += [Word(part, (x0 + k * step, y0, x0 + (k + 1 + overlap) * step, y1)) for k, part in enumerate(parts)]
    return out


def test_the_table_reaches_from_the_powers_to_the_refractions_right_of_a_label_under_the_powers() -> None:
    _, words = _page(TABLE)
    (zone,) = table_zones(words)
    power, refraction = (next(w for w in words if w.text == text) for text in ("+23,50", "-0,76"))
    assert zone[0] < power.x_center < refraction.x_center < zone[2]


def test_a_power_misread_in_a_table_without_an_emmetropia_power_is_read_again_alone() -> None:
    image, words = _page(TABLE)
    texts = [w.text.replace(".", ",") for w in with_header_table_cells(image, _read_as(words, "+23,50", "+23;50"))]
    assert "+23,50" in texts and "+23;50" not in texts


def test_a_refraction_right_of_the_label_is_read_again_alone() -> None:
    image, words = _page(TABLE)
    texts = [w.text.replace(".", ",") for w in with_header_table_cells(image, _read_as(words, "-1,13", "“1,23"))]
    assert "-1,13" in texts and "“1,23" not in texts


def test_a_refraction_ocr_split_into_overlapping_parts_is_read_again_as_one() -> None:
    image, words = _page(TABLE)
    split = _split(words, "-0,39", ["-0", "39"], overlap=0.1)
    texts = [w.text.replace(".", ",") for w in with_header_table_cells(image, split)]
    assert "-0,39" in texts and "39" not in texts and "-0" not in texts


def test_a_cell_read_in_the_printed_form_is_not_read_again() -> None:
    image, words = _page(TABLE)
    read = _read_as(words, "-0,76", "-0,78")  # a digit misread in the printed form: the table's checks judge it
    assert with_header_table_cells(image, read) == read


def test_a_table_without_its_emmetropia_label_keeps_its_words() -> None:
    image, words = _page([(text, right, baseline) for text, right, baseline in TABLE if text != "Emmetropia"])
    read = _read_as(words, "+23,50", "+23;50")
    assert with_header_table_cells(image, read) == read


def test_another_devices_page_keeps_its_words() -> None:
    image, words = _page([(text, right, baseline) for text, right, baseline in TABLE if text not in FOOTER])
    read = _read_as(words, "+23,50", "+23;50")
    assert with_header_table_cells(image, read) == read


def test_a_row_read_as_one_word_across_both_columns_is_read_again_cell_by_cell() -> None:
    # held-out 300-dpi rescan: a Holladay 2 box's last row read `+21,00___+0,61` (4 rows instead of 5)
    image, words = _page(TABLE)
    power, refraction = (next(w for w in words if w.text == text) for text in ("+23,00", "-0,39"))
    row = Word("+23,00___-0,39", (power.bbox[0], power.bbox[1], refraction.bbox[2], refraction.bbox[3]))
    glued = [w for w in words if w not in (power, refraction)] + [row]
    texts = [w.text.replace(".", ",") for w in with_header_table_cells(image, glued)]
    assert "+23,00" in texts and "-0,39" in texts and row.text not in texts


def test_a_cell_read_as_letters_is_read_again_alone() -> None:
    # a photo of the real printout's page 6 (tuning seed 18): glare made OD SRK/T's last row `+21,00 +0,78` read
    # `fame)! An Ff a` (4 rows instead of 5)
    image, words = _page(TABLE)
    texts = [w.text.replace(".", ",") for w in with_header_table_cells(image, _read_as(words, "-0,76", "An"))]
    assert "-0,76" in texts and "An" not in texts


def test_letters_over_a_cell_read_in_the_printed_form_are_not_read_again() -> None:
    # a second reading of a cell's ink as letters: read again, it would give that cell twice
    image, words = _page(TABLE)
    cell = next(w for w in words if w.text == "-0,76")
    read = [*words, Word("Ff", cell.bbox, confidence=0.1)]
    assert with_header_table_cells(image, read) == read


def test_a_cell_read_as_two_parts_with_its_middle_lost_is_read_again_as_one() -> None:
    # generated rescan (seed 173): a Holladay 2 refraction `-1,32` read `a` and `2`, nothing read between them (a
    # gap of two type heights: the page as tall as it is wide, its type as short as a page's)
    image, words = printed_page(TABLE, (300.0, 300.0))
    cell = next(w for w in words if w.text == "-1,13")
    x0, y0, x1, y1 = cell.bbox
    width = x1 - x0
    parts = [Word("a", (x0, y0, x0 + 0.3 * width, y1), confidence=0.2), Word("3", (x1 - 0.2 * width, y0, x1, y1))]
    read = [w for w in words if w is not cell] + parts
    texts = [w.text.replace(".", ",") for w in with_header_table_cells(image, read)]
    assert "-1,13" in texts and "a" not in texts and "3" not in texts


def test_a_row_read_across_both_columns_and_its_refraction_read_again_over_it_gives_each_cell_once() -> None:
    # real 200-dpi rescan (tuning seed 303): a last row under a tilted rule read `OOOO` across both columns and `OE`
    # over its refraction; `OOOO` read again cell by cell, then `OE` read again gave the refraction twice (3 numbers
    # on the row: 4 rows instead of 5)
    image, words = _page(TABLE)
    power, refraction = (next(w for w in words if w.text == text) for text in ("+23,00", "-0,39"))
    row = Word("OOOO", (power.bbox[0], power.bbox[1], refraction.bbox[2], refraction.bbox[3]), confidence=0.1)
    again = Word("OE", refraction.bbox, confidence=0.1)
    read = [w for w in words if w not in (power, refraction)] + [row, again]
    texts = [w.text.replace(".", ",") for w in with_header_table_cells(image, read)]
    assert texts.count("+23,00") == 1 and texts.count("-0,39") == 1 and "OE" not in texts


@pytest.mark.parametrize(("mark", "comma"), [(",", True), (".", False)])
def test_a_cell_is_read_alone_with_the_comma_among_its_characters_where_the_page_prints_commas(
    monkeypatch: pytest.MonkeyPatch, mark: str, comma: bool
) -> None:
    image, words = _page([(text.replace(",", mark), x, y) for text, x, y in TABLE])
    asked: list[bool] = []

    def reading(image: Image.Image, cell: object, *, comma: bool = False) -> None:
        asked.append(comma)

    monkeypatch.setattr(header_cells, "read_number_cell", reading)
    monkeypatch.setattr(header_cells, "read_text_line", lambda *args, **kwargs: None)
    with_header_table_cells(image, _read_as(words, f"+23{mark}50", "+23;50"))
    assert asked == [comma]
