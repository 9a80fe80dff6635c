"""An IOLMaster 500 box whose table header OCR garbled is read again where its row prints the header line.

The boxes of a row print their `IOL (D)  REF (D)` headers on one line: where the page pass read that line over every
box but one (a 150-dpi rescan: `A = REF (D)`), the box's header is read alone between its rules, found by its
`Emme.` word, and taken only in the device's form. The generator's drawing gives the printed words with their
places (its text layer) and the page image.
"""

from __future__ import annotations

from dataclasses import replace

from PIL import Image

from biometry.devices.iolmaster500.boxes import is_table_header
from biometry.devices.iolmaster500.header_lines import with_table_headers
from biometry.document import Word, group_lines

RENDER_DPI = 300


def _first_header(words: list[Word]) -> list[Word]:
    line = next(line for line in group_lines(words) if is_table_header(line))
    return sorted(line.words, key=lambda w: w.bbox[0])


def test_a_box_whose_header_is_garbled_has_it_read_again_beside_its_neighbours(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_iol_page
    header = _first_header(words)
    garbled = {id(header[0]): replace(header[0], text="A"), id(header[1]): replace(header[1], text="=")}
    again = with_table_headers(image, [garbled.get(id(w), w) for w in words])
    first_box = [w for w in again if abs(w.y_center - header[0].y_center) < 0.005 and w.bbox[2] < header[4].bbox[0]]
    assert [w.text for w in sorted(first_box, key=lambda w: w.bbox[0])] == ["IOL", "(D)", "REF", "(D)"]


def test_headers_read_whole_keep_their_words(iolmaster500_iol_page: tuple[Image.Image, list[Word]]) -> None:
    image, words = iolmaster500_iol_page
    assert with_table_headers(image, words) == words


def test_a_garbled_unit_boxed_down_into_the_first_row_goes_with_the_header_read_again(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    # a rescan: the first box's second `(D)` read `=` and boxed 2.5 lines high, its centre under the header's band
    image, words = iolmaster500_iol_page
    header = _first_header(words)
    x0, y0, x1, y1 = header[3].bbox
    tall = replace(header[3], text="=", bbox=(x0, y0, x1, y1 + 2.5 * (y1 - y0)))
    again = with_table_headers(image, [tall if w is header[3] else w for w in words])
    assert tall not in again
    first_box = [w for w in again if abs(w.y_center - header[0].y_center) < 0.005 and w.bbox[2] < header[4].bbox[0]]
    assert [w.text for w in sorted(first_box, key=lambda w: w.bbox[0])] == ["IOL", "(D)", "REF", "(D)"]
