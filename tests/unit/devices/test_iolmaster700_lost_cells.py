"""IOLMaster 700 result tables on OCR pages: a row whose refraction the page pass lost whole is given it read alone
where the table's other refractions show its column, in the printed form only; a table with no refraction read, or a
row that holds its refraction, is left as read."""

from __future__ import annotations

from PIL import Image

from biometry.devices.iolmaster700.lost_cells import with_lost_refractions
from biometry.document import Word
from tests.printed_pages import printed_page

PAGE_PT = (300.0, 130.0)
# One box's table as printed (text, x of its right edge in points, baseline from the top in points).
TABLE = [("IOL", 70, 30), ("(D)", 88, 30), ("Ref", 130, 30), ("(D)", 148, 30), ("+22,50", 88, 45),
         ("-0,40", 148, 45), ("+22,00", 88, 60), ("+0,32", 148, 60), ("+21,50", 88, 75), ("+0,67", 148, 75),
         ("+21,96", 88, 90), ("Emmetropia", 148, 90), ("IOLMaster", 90, 115), ("700", 110, 115)]  # fmt: skip


def _page() -> tuple[Image.Image, list[Word]]:
    return printed_page(TABLE, PAGE_PT)


def _without(words: list[Word], *lost: str) -> list[Word]:
    return [w for w in words if w.text not in lost]


def test_refractions_the_page_pass_lost_are_read_alone_in_their_column() -> None:
    # real page-4 photo (tuning seed 12): a box's refractions unread but the first, its table `1 rows instead of 5`
    image, words = _page()
    refined = with_lost_refractions(image, _without(words, "+0,32", "+0,67"))
    assert sorted(w.text for w in refined if w.text.startswith("+0")) == ["+0.32", "+0.67"]


def test_a_refraction_read_glued_to_the_rules_remains_past_the_table_is_replaced_by_its_cell_read_alone() -> None:
    # a 300-dpi rescan (held-out seed 184): `+0,61` read `_—-+0,61_—|_——`, its middle right of the table's zone
    image, words = _page()
    glued = next(w for w in words if w.text == "+0,67")
    misread = Word("_—-+0,67_—|_——", (glued.bbox[0], glued.bbox[1], glued.bbox[2] + 0.2, glued.bbox[3]))
    refined = with_lost_refractions(image, [misread if w is glued else w for w in words])
    assert [w.text for w in refined if "67" in w.text] == ["+0.67"]


def test_a_table_with_no_refraction_read_shows_no_column_and_is_left_as_read() -> None:
    image, words = _page()
    read = _without(words, "-0,40", "+0,32", "+0,67")
    assert with_lost_refractions(image, read) == read


def test_a_row_that_holds_its_refraction_is_not_read_again() -> None:
    image, words = _page()
    read = [Word("+0,3Z", w.bbox) if w.text == "+0,32" else w for w in words]  # misread: the table's checks judge it
    assert with_lost_refractions(image, read) == read


def test_a_page_without_the_device_footer_keeps_its_words() -> None:
    image, words = _page()
    read = _without(words, "700", "+0,32")
    assert with_lost_refractions(image, read) == read
