"""The PDF text layer: one word per overprinted word, bold marked, boxes as page fractions."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen import canvas

from biometry.document import Page
from biometry.extract.pdf_text import _build_words, _dedupe_overprints, holds_real_text, text_layer_page
from biometry.extract.pdfium_raw import PageChars
from tests.unit.extract.extract_samples import PAGE_SIZE_PT, Draw, make_pdf, overprinted_page, report_pdf, text_page


def _first_page(data: bytes) -> Page:
    return text_layer_page(pdfium.PdfDocument(data), 0)


def _word(page: Page, text: str) -> object:
    return next(w for w in page.words if w.text == text)


@pytest.fixture(scope="module")
def report() -> Page:
    return _first_page(report_pdf())


def test_overprinted_bold_word_appears_once(report: Page) -> None:
    assert [w.text for w in report.words].count("+21,50") == 1


def test_overprinted_word_is_marked_bold(report: Page) -> None:
    assert _word(report, "+21,50").bold is True  # type: ignore[attr-defined]


def test_word_drawn_once_is_not_bold(report: Page) -> None:
    assert _word(report, "23,41").bold is False  # type: ignore[attr-defined]


def test_overprint_half_a_point_apart_is_still_one_word() -> None:
    page = _first_page(make_pdf(overprinted_page(50, 600, "OS", offset_pt=0.5)))
    assert [w.text for w in page.words if w.text.startswith("OS")] == ["OS"]


def test_label_value_and_unit_share_one_line(report: Page) -> None:
    assert "AL: 23,41 mm" in [line.text for line in report.lines]


def test_decimal_comma_stays_inside_one_word(report: Page) -> None:
    assert "23,41" in [w.text for w in report.words]


def test_non_ascii_unit_is_kept(report: Page) -> None:
    assert "µm" in [w.text for w in report.words]


def _body_and_one_line_in(font: str) -> Draw:
    def draw(pdf: canvas.Canvas) -> None:
        text_page(*[(50, 700 - 20 * k, f"Body line {k} in the regular face") for k in range(3)])(pdf)
        text_page((50, 500, "Emphasis"), font=font)(pdf)

    return draw


def test_a_bold_font_among_regular_text_marks_its_words_bold() -> None:
    page = _first_page(make_pdf(_body_and_one_line_in("Helvetica-Bold")))
    assert _word(page, "Emphasis").bold is True  # type: ignore[attr-defined]
    assert _word(page, "Body").bold is False  # type: ignore[attr-defined]


def test_a_font_claiming_bold_for_the_whole_page_marks_nothing_bold() -> None:
    page = _first_page(make_pdf(text_page((50, 700, "Emmetropia plain text for the page"), font="Helvetica-Bold")))
    assert not any(w.bold for w in page.words)  # the real IOLMaster 700 subset font claims bold for every glyph


def test_box_is_a_fraction_of_the_page_with_origin_top_left() -> None:
    page = _first_page(make_pdf(text_page((150, 600, "AL: 23,41 mm and more words here"), size=10)))
    x0, y0, _, y1 = _word(page, "AL:").bbox  # type: ignore[attr-defined]
    width, height = PAGE_SIZE_PT
    assert x0 == pytest.approx(150 / width, abs=0.002)
    assert y0 < (height - 600) / height < y1


def test_a_word_outside_the_crop_box_is_not_on_the_page_and_one_overhanging_it_is_held_inside() -> None:
    def cropped_to_the_right_half(pdf: canvas.Canvas) -> None:
        text_page((50, 600, "hidden"), (290, 500, "overhanging"), (400, 600, "shown"))(pdf)
        pdf.setCropBox((300, 0, PAGE_SIZE_PT[0], PAGE_SIZE_PT[1]))

    page = _first_page(make_pdf(cropped_to_the_right_half))
    assert [w.text for w in page.words] == ["overhanging", "shown"]
    assert _word(page, "overhanging").bbox[0] == 0.0  # type: ignore[attr-defined]


def test_page_size_is_in_points() -> None:
    page = _first_page(make_pdf(text_page((50, 700, "text"))))
    assert (page.width_pt, page.height_pt) == PAGE_SIZE_PT


def test_a_page_turned_by_rotate_whose_text_stands_upright_is_read_upright() -> None:
    def turned_in_a_viewer(pdf: canvas.Canvas) -> None:
        pdf.setPageRotation(90)  # reportlab then stores a landscape 800 x 600 media box, shown turned
        text_page((50, 580, "top left corner text of the upright page"))(pdf)

    page = _first_page(make_pdf(turned_in_a_viewer))
    x0, y0, _, _ = _word(page, "top").bbox  # type: ignore[attr-defined]
    assert (page.width_pt, page.height_pt) == (800.0, 600.0)
    assert x0 < 0.1 and y0 < 0.1  # where it stands on the page as drawn, not turned clockwise to the top right


def test_a_page_whose_text_is_drawn_turned_and_righted_by_rotate_is_read_as_displayed() -> None:
    def landscape_drawn_turned(pdf: canvas.Canvas) -> None:
        pdf.setPageRotation(90)
        pdf.translate(20, 20)
        pdf.rotate(90)  # the text runs up the stored page; /Rotate 90 shows it left to right
        pdf.setFont("Helvetica", 10)
        pdf.drawString(0, 0, "first words")

    page = _first_page(make_pdf(landscape_drawn_turned))
    lefts = [w.bbox[0] for w in page.words]
    assert (page.width_pt, page.height_pt) == PAGE_SIZE_PT
    assert lefts == sorted(lefts) and lefts[0] < 0.1 and page.words[0].bbox[1] < 0.1


def test_wide_gap_without_a_space_splits_words() -> None:
    def spaced(pdf: canvas.Canvas) -> None:
        text = pdf.beginText(50, 700)
        text.setFont("Helvetica", 10)
        text.textOut("AL:")
        text.moveCursor(40, 0)
        text.textOut("23,41")
        pdf.drawText(text)

    page = _first_page(make_pdf(spaced))
    assert [w.text for w in page.words] == ["AL:", "23,41"]


def test_page_with_a_few_chars_does_not_hold_real_text() -> None:
    assert holds_real_text(_first_page(make_pdf(text_page((50, 50, "p. 1"))))) is False


def test_page_with_a_text_block_holds_real_text(report: Page) -> None:
    assert holds_real_text(report) is True


def _chars(text: str, lefts: list[float]) -> PageChars:
    """Hand-made pdfium chars on one 10-pt line, 6 pt wide each, starting at the given x positions."""
    ink = [i for i, ch in enumerate(text) if not ch.isspace()]
    boxes = [v for i in ink for v in (lefts[i], 710.0, lefts[i] + 6.0, 700.0)]
    return PageChars(text, ink, boxes)


def test_adjacent_copy_of_the_same_char_at_the_same_place_is_dropped() -> None:
    words = _build_words(_chars("OOSS", [40.0, 40.2, 46.0, 46.2]))
    assert [(w.text, w.bold) for w in words] == [("OS", True)]


def test_repeated_run_at_the_same_place_becomes_one_bold_word() -> None:
    words = _dedupe_overprints(_build_words(_chars("OSOSOSOS", [40, 46, 40.2, 46.2, 40.4, 46.4, 40.1, 46.1])))
    assert [(w.text, w.bold) for w in words] == [("OS", True)]


def test_same_word_elsewhere_on_the_page_is_kept() -> None:
    words = _dedupe_overprints(_build_words(_chars("OS OS", [40, 46, 0, 100, 106])))
    assert [w.text for w in words] == ["OS", "OS"]


def test_copies_drawn_after_many_same_text_words_elsewhere_still_merge() -> None:
    """Regression: the fake-bold pass may redraw a whole row of boxes before the first copy's twin."""
    starts = [40.0 + 60 * box for box in range(6)]
    lefts = [x + offset + dx for offset in (0.0, 0.2, 0.4, 0.2) for x in starts for dx in (0.0, 6.0, 0.0)]
    words = _dedupe_overprints(_build_words(_chars("OS " * 24, lefts)))
    assert [(w.text, w.bold) for w in words] == [("OS", True)] * 6


def _split_copy_page(pdf: canvas.Canvas) -> None:
    """`AcrySof SN60WF` drawn once whole, then its copy in pieces at the same place (a cairo re-rendering's split)."""
    pdf.setFont("Helvetica", 10)
    pdf.drawString(50, 750, "Header line with enough plain text to count as a text page")
    pdf.drawString(50, 700, "AcrySof SN60WF")
    piece_left = 50 + pdf.stringWidth("Acr", "Helvetica", 10)
    pdf.drawString(50, 700, "Acr")
    pdf.drawString(piece_left, 700, "ySof")
    pdf.drawString(50 + pdf.stringWidth("AcrySof ", "Helvetica", 10), 700, "SN60W")


def test_pieces_of_an_overprinted_copy_leave_the_whole_word_once() -> None:
    page = _first_page(make_pdf(_split_copy_page))
    assert [w.text for w in page.words if w.bbox[1] > 0.1] == ["AcrySof", "SN60WF"]


def test_a_word_drawn_over_by_a_piece_of_it_is_marked_bold() -> None:
    page = _first_page(make_pdf(_split_copy_page))
    assert _word(page, "SN60WF").bold is True  # type: ignore[attr-defined]
