"""IOLMaster 700 analysis pages: the eye is named by the big label, and by the side word beside it (`OD direita`)
where OCR lost the label; a side word that names the other eye, or both eyes named, leaves the eye unknown."""

from __future__ import annotations

from biometry.devices.iolmaster700.printed import analysis_eye
from biometry.document import Page, Word

BODY = 0.008  # a line of body type, page fractions high
BIG = 0.026  # the big `OD` / `OS` label


def _word(text: str, x: float, y: float, height: float = BODY) -> Word:
    return Word(text, (x, y, x + 0.006 * len(text), y + height), confidence=0.9)


def _page(*words: Word) -> Page:
    return Page(number=2, width_pt=595.0, height_pt=842.0, source="ocr", words=list(words))


HEADER = (_word("Geschlecht", 0.30, 0.09), _word("Männlich", 0.40, 0.09))
MEASUREMENTS = (_word("AL:", 0.11, 0.40), _word("23,16", 0.14, 0.40), _word("mm", 0.19, 0.40))
TITLE = _word("Analyse", 0.46, 0.30)


def test_the_big_label_names_the_page() -> None:
    assert analysis_eye(_page(_word("OS", 0.12, 0.28, BIG), TITLE, *MEASUREMENTS)) == "OS"


def test_the_side_word_names_the_page_where_ocr_lost_the_big_label() -> None:
    # Regenerated German analysis page, 300-dpi scan: the framed `OS` lost, `links` read under it
    assert analysis_eye(_page(*HEADER, TITLE, _word("links", 0.14, 0.31), *MEASUREMENTS)) == "OS"


def test_a_side_word_with_the_big_label_on_its_line_agrees_with_it() -> None:
    # The real pt-BR printout's text layer: `OD direita Análise` on one line
    page = _page(_word("OD", 0.12, 0.27, BIG), _word("direita", 0.14, 0.30), TITLE, *MEASUREMENTS)
    assert analysis_eye(page) == "OD"


def test_a_side_word_that_names_the_other_eye_leaves_the_eye_unknown() -> None:
    page = _page(_word("OD", 0.12, 0.27, BIG), _word("esquerda", 0.14, 0.30), TITLE, *MEASUREMENTS)
    assert analysis_eye(page) is None


def test_side_words_of_both_eyes_name_no_eye() -> None:
    page = _page(_word("right", 0.14, 0.30), _word("left", 0.64, 0.30), TITLE, *MEASUREMENTS)
    assert analysis_eye(page) is None


def test_a_side_word_below_the_first_measurement_names_no_eye() -> None:
    # A comment box under the values may say anything
    assert analysis_eye(_page(TITLE, *MEASUREMENTS, _word("links", 0.14, 0.80))) is None


def test_a_side_word_printed_as_a_header_value_names_no_eye() -> None:
    page = _page(_word("Ort:", 0.60, 0.12), _word("Links", 0.65, 0.12), TITLE, *MEASUREMENTS)
    assert analysis_eye(page) is None


def test_a_page_of_both_eyes_with_one_label_read_is_not_named_by_one_side_word() -> None:
    page = _page(_word("OS", 0.62, 0.27, BIG), _word("right", 0.14, 0.30), TITLE, *MEASUREMENTS)
    assert analysis_eye(page) is None
