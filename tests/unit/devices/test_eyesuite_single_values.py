"""EyeSuite lengths the page pass read unsure: confirmed by their readings alone, replaced by the number most readings
give, or doubted (printed, unread)."""

from __future__ import annotations

from io import BytesIO

import pypdfium2 as pdfium
from PIL import Image
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from biometry.devices.eyesuite.printed import _labelled_fields
from biometry.devices.eyesuite.single_values import with_single_values
from biometry.devices.eyesuite.values import rows_of
from biometry.document import Word, group_lines
from biometry.extract.refiners import DOUBT

PAGE_PT = (300.0, 80.0)
FONT, SIZE_PT = "Helvetica", 9.0
AL_ROW = (("AL", 20.0, 30.0), ("[mm]", 34.0, 30.0), ("24.82", 56.0, 30.0))
HINTS = (("EyeSuite", 20.0, 70.0), ("IOL", 90.0, 70.0), ("[D]", 108.0, 70.0))


def _page(read_as: dict[str, tuple[str, float]], printed: tuple[tuple[str, float, float], ...] = AL_ROW + HINTS,
          ) -> tuple[Image.Image, list[Word]]:  # fmt: skip
    """Words rendered at 300 dpi, and as the page pass read them (`read_as`: a printed word's reading and
    confidence)."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_PT)
    canvas.setFont(FONT, SIZE_PT)
    words = []
    for text, left, baseline in printed:
        canvas.drawString(left, PAGE_PT[1] - baseline, text)
        read, confidence = read_as.get(text, (text, 0.96))
        words.append(Word(read, _box(text, left, baseline), confidence=confidence))
    canvas.save()
    image = pdfium.PdfDocument(buffer.getvalue())[0].render(scale=300 / 72, grayscale=True).to_pil()
    return image.convert("L"), words


def _box(text: str, left: float, baseline: float) -> tuple[float, float, float, float]:
    right = left + stringWidth(text, FONT, SIZE_PT)
    return (
        left / PAGE_PT[0],
        (baseline - 0.75 * SIZE_PT) / PAGE_PT[1],
        right / PAGE_PT[0],
        (baseline + 0.2 * SIZE_PT) / PAGE_PT[1],
    )


def _al_row_text(words: list[Word]) -> str:
    return next(line.text for line in group_lines(words) if line.text.startswith("AL"))


def test_a_length_read_unsure_takes_the_number_most_of_its_readings_give() -> None:
    # a photo of one Eyestar page has one copy of each length: `24.82` read `24.62` at 0.54 had nothing to disagree with
    image, words = _page({"24.82": ("24.62", 0.54)})
    assert _al_row_text(with_single_values(image, words)) == "AL [mm] 24.82"


def test_a_length_read_sure_is_left_as_read() -> None:
    image, words = _page({"24.82": ("24.62", 0.95)})
    assert _al_row_text(with_single_values(image, words)) == "AL [mm] 24.62"


def test_a_page_without_eyesuite_labels_is_left_as_read() -> None:
    image, words = _page({"24.82": ("24.62", 0.54)}, printed=AL_ROW)
    assert with_single_values(image, words) == words


def test_only_the_value_of_a_word_ocr_glued_to_its_unit_is_read_again() -> None:
    # real photos read `WTW [mm] 12.85` as `WW` and `[mm]12.85` at 0.27: the unit's bracket is no part of the vote
    printed = (("AL", 20.0, 30.0), ("[mm]24.82", 34.0, 30.0), *HINTS)
    image, words = _page({"[mm]24.82": ("[mm]24.62", 0.27)}, printed=printed)
    assert _al_row_text(with_single_values(image, words)) == "AL [mm]24.82"


def test_a_length_its_readings_alone_do_not_confirm_is_doubted_and_still_printed() -> None:
    image, words = _page({})
    unread = Word("24.82", _box("24.82", 200.0, 30.0), confidence=0.54)  # read where no ink is: no reading confirms it
    refined = with_single_values(image, [*words[:2], unread, *words[3:]])
    (row,) = rows_of(next(line for line in group_lines(refined) if line.text.startswith("AL")))
    assert (row.key, row.text) == ("AL", DOUBT)
    assert "axial_length_mm" in _labelled_fields(group_lines(refined)[0])


def test_a_doubt_mark_is_read_as_a_value_only_where_no_number_is() -> None:
    # an icon OCR read as `?` beside a number is no part of it
    _, words = _page({})
    after = Word("?", _box("?", 90.0, 30.0), confidence=0.4)
    (row,) = rows_of(next(line for line in group_lines([*words, after]) if line.text.startswith("AL")))
    assert row.text == "24.82"


def test_a_row_ocr_glued_after_a_doubted_length_is_kept() -> None:
    image, words = _page({})
    glued = Word("24.82\\SimPK[D/mm]-5.69/7.03", _box("24.82", 200.0, 30.0), confidence=0.54)  # no ink there
    refined = with_single_values(image, [*words[:2], glued, *words[3:]])
    rows = rows_of(next(line for line in group_lines(refined) if line.text.startswith("AL")))
    assert [(row.key, row.text) for row in rows] == [("AL", DOUBT), ("SIMPK", "-5.69/7.03")]


def test_a_length_read_with_a_digit_too_many_takes_the_number_its_readings_alone_agree_on() -> None:
    # a speck glued on (`12.854`): in no form the device prints, so the parser could only report it
    image, words = _page({"24.82": ("24.824", 0.7)})
    assert _al_row_text(with_single_values(image, words)) == "AL [mm] 24.82"


def test_a_lone_character_after_a_length_its_readings_alone_do_not_give_is_set_aside() -> None:
    # a real Eyestar photo read `WTW[mm]12.85 4`: the next label's icon read as a digit
    image, words = _page({})
    icon = Word("4", _box("4", 90.0, 30.0), confidence=0.53)  # no ink there: an icon's place
    assert _al_row_text(with_single_values(image, [*words, icon])) == "AL [mm] 24.82"


def test_a_lone_character_its_readings_alone_give_with_the_length_stays() -> None:
    printed = (*AL_ROW, ("4", 82.0, 30.0), *HINTS)  # printed right after the value: no icon
    image, words = _page({}, printed=printed)
    assert _al_row_text(with_single_values(image, words)) == "AL [mm] 24.82 4"
