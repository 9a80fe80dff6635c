"""OD | OS of an IOLMaster 700 calculation page's box grid, as OCR reads a photo: margin glyphs and lost icons."""

from __future__ import annotations

from biometry.devices.iolmaster700.boxes import _grid_copies
from biometry.devices.layout import Region
from biometry.document import Word

OFFSET = 0.419  # between the two eyes' copies of the grid, as on a photo of the real printout's page 6
STATUS = (Region(0.08, 0.08 + OFFSET), Region(0.08 + OFFSET, 1.01))  # the status block's copies above the grid


def _words(y: float, *placed: tuple[str, float, float]) -> list[Word]:
    return [Word(text, (x0, y, x1, y + 0.01), confidence=0.95) for text, x0, x1 in placed]


def _grid(od_icon: str | None, legend_glyph: str | None) -> tuple[list[Word], list[Word]]:
    """(OD words, OS words) of one row of two boxes per eye: heading, caption, emmetropia line; the legend apart."""
    od: list[Word] = []
    os_: list[Word] = []
    for shift, out, icon in ((0.0, od, od_icon), (OFFSET, os_, "IK]")):
        heading = [("Alcon", 0.129, 0.163), ("SN60AT", 0.219, 0.270), ("K", 0.297, 0.305), ("Alcon", 0.337, 0.371)]
        heading += [("SN60AT", 0.426, 0.478)] + ([(icon, 0.087, 0.102)] if icon else [])
        out += _words(0.56, *((t, a + shift, b + shift) for t, a, b in heading))
        caption = [("-", 0.125, 0.130), ("Haigis", 0.134, 0.175), ("-", 0.371, 0.376), ("SRK/T", 0.380, 0.417)]
        out += _words(0.59, *((t, a + shift, b + shift) for t, a, b in caption))
        emmetropia = [("+21,65", 0.133, 0.183), ("Emetropia", 0.208, 0.266), ("Emetropia", 0.416, 0.474)]
        out += _words(0.70, *((t, a + shift, b + shift) for t, a, b in emmetropia))
    legend = _words(0.89, ("(!)", 0.085, 0.097), ("Valor-limite", 0.101, 0.166), ("manualmente", 0.462, 0.541))
    glyph = _words(0.89, (legend_glyph, 0.048, 0.058)) if legend_glyph else []
    return [*od, *legend, *glyph], os_


def _split_between(od: list[Word], os_: list[Word]) -> bool:
    copies = _grid_copies([*od, *os_], STATUS)
    assert copies is not None
    split = copies[1].x0
    return all(w.bbox[2] <= split for w in od if w.bbox[1] < 0.8) and all(w.bbox[0] >= split for w in os_)


def test_the_grid_splits_between_the_copies() -> None:
    assert _split_between(*_grid(od_icon="K]", legend_glyph=None))


def test_a_margin_glyph_beside_the_legend_does_not_move_the_split_into_the_left_copy() -> None:
    assert _split_between(*_grid(od_icon="K]", legend_glyph="od"))


def test_a_right_copy_icon_whose_left_twin_ocr_lost_stays_with_its_heading() -> None:
    assert _split_between(*_grid(od_icon=None, legend_glyph=None))


def test_a_margin_glyph_on_one_line_with_the_footers_maker_leaves_the_split_between_the_copies() -> None:
    # a held-out photo of page 4: `$` up the margin read on one line with the footer's `ZEISS`, an icon before a
    # manufacturer to the split's test; the split moved to the page's edge and every OD box was read as OS's
    od, os_ = _grid(od_icon="K]", legend_glyph=None)
    footer = _words(0.95, ("$", 0.048, 0.058), ("ZEISS", 0.853, 0.9))
    assert _split_between([*od, *footer], os_)


def test_an_icon_far_from_the_manufacturer_after_it_leaves_the_split_where_it_is() -> None:
    od, os_ = _grid(od_icon="K]", legend_glyph=None)
    stray = _words(0.62, ("K]", 0.12, 0.135), ("Alcon", 0.52, 0.55))  # between the copies' headings, far apart
    assert _split_between([*od, *stray[:1]], [*os_, *stray[1:]])


def test_box_columns_never_part_a_constants_label_from_its_value() -> None:
    from biometry.devices.iolmaster700.parser import _with_labelled_values
    from biometry.devices.layout import split_columns
    from biometry.document import group_lines

    # A 200-dpi rescan's OD half (real printout, page 7): a heading with the next box's icon glued on spans the gap
    # between the columns but for OCR's tight gap between `AO:` and its value.
    anchors = _words(0.59, ("Barrett", 0.13, 0.18), ("Haigis", 0.38, 0.415))
    words = [
        *_words(
            0.600,
            ("DF: Padrao", 0.150, 0.270),
            ("AO:", 0.308, 0.324),
            ("-0,769", 0.329, 0.360),
            ("A1:", 0.367, 0.384),
            ("+0,234", 0.388, 0.422),
        ),
        *_words(0.667, ("+0,25", 0.225, 0.265), ("+22,00", 0.340, 0.389)),
        *_words(0.724, ("SN6OWF_[K", 0.216, 0.304), ("Alcon", 0.334, 0.367)),
    ]
    columns = split_columns(anchors, _with_labelled_values(words, group_lines(words)), Region(0.07, 0.49))
    label, value = words[1:3]
    assert [c for c in columns if c.holds(label)] == [c for c in columns if c.holds(value)]


def test_a_grid_whose_copies_pair_two_columns_of_one_eye_is_not_split_there() -> None:
    # generated rescan (seed 172, page 5): one lens in every column, OS's second band lost its heading, caption and
    # header to OCR; the lens and the header words left printed twice on a line paired OD's two columns, and OD's
    # second column was read as OS's boxes
    column = OFFSET / 2
    grid = [
        *_words(0.56, ("TECNIS", 0.11, 0.15), ("TECNIS", 0.11 + column, 0.15 + column)),
        *_words(0.58, ("IOL", 0.10, 0.12), ("Ref", 0.18, 0.20), ("IOL", 0.10 + column, 0.12 + column)),
        *_words(0.58, ("Ref", 0.18 + column, 0.20 + column)),
        *_words(0.70, ("Emmetropia", 0.16, 0.24), ("Emmetropia", 0.16 + OFFSET, 0.24 + OFFSET)),
    ]
    assert _grid_copies(grid, STATUS) is None  # the status block's split holds


def _label(side: str) -> tuple[str, Word]:
    return side, Word(side, (0.1, 0.28, 0.16, 0.31))


def test_a_page_labelled_for_both_eyes_with_every_box_in_one_half_is_unsure_of_its_split() -> None:
    from biometry.devices.iolmaster700.boxes import IolBox
    from biometry.devices.iolmaster700.parser import _boxes_in_one_labelled_half

    boxes = [IolBox("Haigis", []) for _ in range(8)]
    assert _boxes_in_one_labelled_half([_label("OD"), _label("OS")], [[], boxes])
    assert not _boxes_in_one_labelled_half([_label("OD"), _label("OS")], [boxes[:4], boxes[4:]])
    assert not _boxes_in_one_labelled_half([None, _label("OS")], [[], boxes])  # one eye printed


def test_a_half_showing_more_emmetropia_lines_than_boxes_read_lost_a_box() -> None:
    from biometry.devices.iolmaster700.parser import _emmetropia_lines

    # generated rescan (seed 172, page 12): a box's heading, caption and header unread, its emmetropia line read
    lines = _words(0.70, ("+18,92", 0.09, 0.13), ("Emmetropia", 0.16, 0.24), ("---", 0.30, 0.33))
    lines += _words(0.70, ("Emmetropia", 0.36, 0.44))
    status = _words(0.30, ("Target", 0.09, 0.13), ("ref.:", 0.14, 0.17))
    assert _emmetropia_lines([*status, *lines], top=0.5) == 2


def test_halves_of_a_page_read_by_ocr_printing_both_eyes_hold_as_many_boxes() -> None:
    from biometry.devices.iolmaster700.boxes import IolBox
    from biometry.devices.iolmaster700.parser import _boxes_unpaired

    boxes = [IolBox("Haigis", []) for _ in range(8)]
    assert _boxes_unpaired([boxes[:4], boxes[4:6]], "ocr")
    assert _boxes_unpaired([boxes[:4], boxes[4:6]], "textract")
    assert not _boxes_unpaired([boxes[:4], boxes[4:]], "ocr")
    assert not _boxes_unpaired([[], boxes[4:]], "ocr")  # `eye_halves_unsplit`'s, or one eye printed


def test_a_text_layer_whose_eyes_print_unlike_numbers_of_boxes_lost_none() -> None:
    from biometry.devices.iolmaster700.boxes import IolBox
    from biometry.devices.iolmaster700.parser import _boxes_unpaired

    boxes = [IolBox("Haigis", []) for _ in range(8)]
    assert not _boxes_unpaired([boxes[:4], boxes[4:6]], "text-layer")  # different lens choices per eye
