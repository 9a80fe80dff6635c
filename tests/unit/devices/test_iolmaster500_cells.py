"""IOLMaster 500 lens tables are read again cell by cell from the page image, where both readings of a cell agree.

The generator's drawing gives the printed words with their places (its text layer) and the page image (rendered);
the page pass's readings of the table rows are replaced by garbage, and the cell reader must restore them.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PIL import Image, ImageDraw

from biometry.devices.iolmaster500.box_heads import unless_contradicted
from biometry.devices.iolmaster500.boxes import TABLE_ROWS, is_emmetropia, is_table_header
from biometry.devices.iolmaster500.cells import (
    _header_above,
    _header_bottom,
    _without_slanted_rules,
    with_lens_cells,
)
from biometry.document import Line, Word, group_lines
from biometry.extract.refiners import DOUBT

RENDER_DPI = 300
GARBLED = "2109"


def _row_words(words: list[Word]) -> list[Word]:
    """The words of the table rows: lines of two numbers between a table header and the `Emme.` lines."""
    lines = group_lines(words)
    headers = [i for i, line in enumerate(lines) if is_table_header(line)]
    rows = []
    for start in headers:
        for line in lines[start + 1 : start + 8]:
            rows += [w for w in line.words if w.text.lstrip("-").replace(".", "").isdigit()]
    return rows


def test_garbled_table_cells_are_read_again_as_printed(iolmaster500_iol_page: tuple[Image.Image, list[Word]]) -> None:
    image, words = iolmaster500_iol_page
    printed = _row_words(words)
    garbled = [replace(w, text=GARBLED) if w in printed else w for w in words]
    again = _row_words([w for w in with_lens_cells(image, garbled) if w.text != GARBLED or w not in garbled])
    assert [_text_near(w, again) for w in printed] == [w.text for w in printed]


def test_a_speck_the_page_pass_read_between_the_rows_of_a_table_read_again_is_dropped(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_iol_page
    first, second = _row_words(words)[0], _row_words(words)[2]  # the first two rows' powers
    speck = Word("eae", (first.bbox[0], first.bbox[1], first.bbox[2], second.bbox[3]))
    assert speck not in with_lens_cells(image, [*words, speck])


def test_a_page_without_lens_boxes_keeps_its_words(iolmaster500_iol_page: tuple[Image.Image, list[Word]]) -> None:
    image, words = iolmaster500_iol_page
    others = [w for w in words if not is_emmetropia(w) and not any(is_table_header(ln) for ln in group_lines([w]))]
    assert with_lens_cells(image, others) == others


def _constant_values(words: list[Word]) -> list[Word]:
    """The numbers after `const:` labels (the constants lines of the box heads)."""
    found = []
    for line in group_lines(words):
        found += [b for a, b in zip(line.words, line.words[1:], strict=False) if a.text == "const:"]
    return found


def _text_near(word: Word, words: list[Word]) -> str | None:
    near = [w for w in words if abs(w.x_center - word.x_center) < 0.01 and abs(w.y_center - word.y_center) < 0.005]
    return near[0].text if len(near) == 1 else None


def test_garbled_constants_are_read_again_as_printed(iolmaster500_iol_page: tuple[Image.Image, list[Word]]) -> None:
    image, words = iolmaster500_iol_page
    printed = _constant_values(words)
    garbled = [replace(w, text=GARBLED) if w in printed else w for w in words]
    again = with_lens_cells(image, garbled)
    assert [_text_near(w, again) for w in printed] == [w.text for w in printed]


def _number(text: str) -> Word:
    return Word(text, (0.5, 0.5, 0.55, 0.51))


def test_a_value_read_again_with_other_digits_than_the_page_pass_is_doubted() -> None:
    assert unless_contradicted(_number("18.33"), [_number("18.38")]).text == DOUBT


def test_a_minus_the_page_pass_lost_is_no_contradiction() -> None:
    assert unless_contradicted(_number("-0.705"), [_number("0.705")]).text == "-0.705"


def test_a_minus_the_page_pass_read_into_the_zero_glued_to_it_is_no_contradiction() -> None:
    assert unless_contradicted(_number("-0.111"), [_number("6.111")]).text == "-0.111"


def test_an_unsigned_zero_the_page_pass_read_as_six_is_doubted() -> None:
    assert unless_contradicted(_number("0.111"), [_number("6.111")]).text == DOUBT


def test_a_value_the_page_pass_garbled_is_read_again() -> None:
    assert unless_contradicted(_number("20.10"), [_number("2O:1O")]).text == "20.10"


def test_a_summary_acd_whose_point_ocr_lost_is_read_again(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_iol_page
    labels = [w for w in words if w.text == "ACD:"]
    values = [min((w for w in words if w.bbox[0] > a.bbox[2] and abs(w.y_center - a.y_center) < 0.003),
                  key=lambda w: w.bbox[0]) for a in labels]  # fmt: skip
    garbled = [replace(w, text=w.text.replace(".", "2")) if w in values else w for w in words]
    again = with_lens_cells(image, garbled)
    assert [_text_near(w, again) for w in values] == [w.text for w in values]


def _contradicted(text: str) -> str:
    """A well-formed number with other digits than `text` (each digit moved by one), as a page pass misreads it."""
    return "".join(str((int(c) + 1) % 10) if c.isdigit() else c for c in text)


def test_a_constant_the_page_pass_contradicts_stands_where_its_value_cell_reads_it_too(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_iol_page
    printed = _constant_values(words)
    misread = [replace(w, text=_contradicted(w.text)) if w in printed else w for w in words]
    again = with_lens_cells(image, misread)
    assert [_text_near(w, again) for w in printed] == [w.text for w in printed]


def test_a_summary_acd_no_eye_can_have_contradicts_nothing(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    image, words = iolmaster500_iol_page
    labels = [w for w in words if w.text == "ACD:"]
    values = [min((w for w in words if w.bbox[0] > a.bbox[2] and abs(w.y_center - a.y_center) < 0.003),
                  key=lambda w: w.bbox[0]) for a in labels]  # fmt: skip
    misread = [replace(w, text=w.text.replace(".", "2.", 1)) if w in values else w for w in words]  # 3.28 -> 32.28
    again = with_lens_cells(image, misread)
    assert [_text_near(w, again) for w in values] == [w.text for w in values]


def test_a_table_header_ends_where_most_of_its_type_ends() -> None:
    bottoms = [0.50, 0.50, 0.52, 0.50]  # `IOL A. REF (D)`: the garbled unit reaches into the first row
    header = Line(
        tuple(
            Word(t, (0.1 * i, 0.49, 0.1 * i + 0.05, b))
            for i, (t, b) in enumerate(zip(["IOL", "A.", "REF", "(D)"], bottoms, strict=True))
        )
    )
    assert _header_bottom(header) == 0.50


def test_a_header_line_with_a_rule_read_as_a_tall_word_is_still_the_header_above_its_boxes() -> None:
    # a scan: the rule beside the OS box read as `aa`, 0.21 page high, joined the OD boxes' header line
    texts = ["IOL", "(D)", "REF", "(D)", "IOL", "(D)", "REF", "(D)"]
    words = [Word(t, (0.11 + 0.05 * i, 0.4625, 0.14 + 0.05 * i, 0.4705)) for i, t in enumerate(texts)]
    header = Line((*words, Word("aa", (0.5158, 0.369, 0.9275, 0.5781))))
    emme = Word("Emme.", (0.0922, 0.5673, 0.1379, 0.5742))
    assert _header_above([header], emme) is header


def test_a_box_whose_emme_line_the_page_pass_lost_is_read_once_the_head_below_it_reads_that_line(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    # a 300-dpi rescan read a whole row of `Emme. IOL:` lines as `. : . e. : .`, which the row's neighbours cannot
    # place; the head of the box below reads the line (it lies below the rule over that line) and the box above is
    # then read cell by cell in turn (its `17.0 °` row had stayed a row without refraction)
    image, words = iolmaster500_iol_page
    lines = group_lines(words)
    emme_row = next(line for line in lines if line.text.startswith("Emme."))
    above = [line for line in lines if line.bbox[3] < emme_row.bbox[1]][-TABLE_ROWS:]
    first_box = [w for line in above for w in line.words if w.x_center < emme_row.words[3].bbox[0]]
    garbled = [replace(w, text=GARBLED) if w in first_box else w for w in words if w not in emme_row.words]
    again = with_lens_cells(image, garbled)
    assert [_text_near(w, again) for w in first_box] == [w.text for w in first_box]


def test_a_band_of_a_tilted_rules_remains_among_the_rows_is_no_row_of_the_table(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    # A real photo of page 6 (seed 399): the rule over OS SRK/T's `Emme.` line, tilted, left a band of ink 9 pixels
    # high under rows of 31; the table showed eight rows and kept its garbled page-pass words (`18.0 = Loo`). Here
    # such remains (8 pixels high under rows of 28) lie between the first table's last two rows.
    image, words = iolmaster500_iol_page
    emme = min((w for w in words if is_emmetropia(w)), key=lambda w: (w.bbox[1], w.bbox[0]))
    printed = _row_words(words)
    table = [w for w in printed if w.bbox[3] < emme.bbox[1] and abs(w.x_center - emme.x_center) < 0.1]
    last_two = sorted({w.bbox[1]: w for w in table}.values(), key=lambda w: w.bbox[1])[-2:]
    y = round((last_two[0].bbox[3] + last_two[1].bbox[1]) / 2 * image.height)
    x0, x1 = round((emme.bbox[0] - 0.01) * image.width), round((emme.bbox[0] + 0.2) * image.width)
    tilted = image.copy()
    ImageDraw.Draw(tilted).line([(x0, y - 3), (x1, y + 3)], fill=0, width=3)
    garbled = [replace(w, text=GARBLED) if w in printed else w for w in words]
    again = _row_words([w for w in with_lens_cells(tilted, garbled) if w.text != GARBLED or w not in garbled])
    assert [_text_near(w, again) for w in table] == [w.text for w in table]


def _first_emmetropia_label_and_power(words: list[Word]) -> tuple[Word, Word]:
    """The `IOL:` word and the power after it on the page's first `Emme. IOL:` line."""
    emme = min((w for w in words if is_emmetropia(w)), key=lambda w: (w.bbox[1], w.bbox[0]))
    line = sorted((w for w in words if emme.bbox[1] <= w.y_center <= emme.bbox[3]), key=lambda w: w.bbox[0])
    label = next(w for w in line if w.bbox[0] > emme.bbox[0] and w.text.endswith(":"))
    return label, next(w for w in line if w.bbox[0] > label.bbox[0])


def test_an_emmetropia_power_after_its_label_read_without_colon_and_i_is_read_again(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    # A real photo of page 6 (seed 399): OS SRK/T's `Emme. IOL: 16.37` read `Emme OL 6`, and 6.0 went to review
    image, words = iolmaster500_iol_page
    label, value = _first_emmetropia_label_and_power(words)
    read_as = {label: "OL", value: "6"}
    again = with_lens_cells(image, [replace(w, text=read_as[w]) if w in read_as else w for w in words])
    assert _text_near(value, again) == value.text


def test_an_emmetropia_power_after_its_label_read_as_no_label_is_read_again(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    # A photo of page 6 (held-out seed 274): OS Hoffer Q's `Emme. IOL: 16.20` read `TO. 6.20`, the power's `1` outside
    # its word's box, and 6.2 went to review
    image, words = iolmaster500_iol_page
    label, value = _first_emmetropia_label_and_power(words)
    short = replace(value, text=value.text[1:], bbox=(value.bbox[0] + value.width / 5, *value.bbox[1:]))
    again = with_lens_cells(
        image, [replace(w, text="TO.") if w is label else short if w is value else w for w in words]
    )
    assert _text_near(value, again) == value.text


def test_an_emmetropia_powers_decimals_read_as_a_label_after_its_whole_part_are_read_again(
    iolmaster500_iol_page: tuple[Image.Image, list[Word]],
) -> None:
    # A photo of page 6 (held-out seed 379): OD SRK/T's `Emme. IOL: 18.13` read `lemme. TORE 18 AB:`, the decimals
    # ending in a colon as a label does; the cell right of `AB:` held no ink, and 18.0 went to review
    image, words = iolmaster500_iol_page
    label, value = _first_emmetropia_label_and_power(words)
    whole = replace(value, text=value.text.split(".")[0], bbox=(*value.bbox[:2], value.x_center, value.bbox[3]))
    decimals = replace(value, text="AB:", bbox=(value.x_center, *value.bbox[1:]))
    read = [replace(w, text="TORE") if w is label else w for w in words if w is not value] + [whole, decimals]
    again = with_lens_cells(image, read)
    assert _text_near(value, again) == value.text


def test_a_rule_slanting_through_the_emmetropia_lines_margin_is_no_part_of_its_cell() -> None:
    # a photo of an IOL page (held-out seed 225): the box's bottom rule, tilted, crossed the `Emme. IOL: 16.37` line's
    # area under the number out to the box's side; the cell's ink box reached the side and read as nothing
    ink = np.zeros((32, 200), dtype=bool)
    ink[4:28, 10:60] = True  # the number, through the middle rows
    for x in range(200):
        ink[30 - x // 100, x] = True  # the rule, rising a pixel every 100 across the bottom margin
    kept = _without_slanted_rules(ink)
    assert kept[4:28, 10:60].all() and not kept[:, 60:].any()
