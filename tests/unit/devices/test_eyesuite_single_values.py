"""EyeSuite lengths the page pass read unsure: confirmed by their readings alone, replaced by the number most readings
give, or doubted (printed, unread)."""

from __future__ import annotations

import pytest
from PIL import Image

from biometry.devices.eyesuite.printed import _labelled_fields
from biometry.devices.eyesuite.single_values import with_single_values
from biometry.devices.eyesuite.values import rows_of
from biometry.document import Word, group_lines, union_bbox
from biometry.extract import value_votes
from biometry.extract.boxes import Box
from biometry.extract.refiners import DOUBT
from tests.unit.devices.rendered_words import Printed, rendered, word_box

AL_ROW = (("AL", 20.0, 30.0), ("[mm]", 34.0, 30.0), ("24.82", 56.0, 30.0))
HINTS = (("EyeSuite", 20.0, 70.0), ("IOL", 90.0, 70.0), ("[D]", 108.0, 70.0))


def _page(read_as: dict[str, tuple[str, float]], printed: Printed = AL_ROW + HINTS) -> tuple[Image.Image, list[Word]]:
    """The AL row and EyeSuite's labels (by default), and their words as the page pass read them."""
    return rendered(printed, read_as)


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


def test_a_row_read_as_one_word_with_its_label_garbled_is_read_again_as_its_line() -> None:
    # a photo of the real Eyestar's first page (held-out seed 293) read OS `AL [mm] 24.82` as one word `AlL[mm]24.82`:
    # no label reads there, and the printed length was unread (review)
    image, words = _page({})
    row = Word("AlL[mm]24.82", union_bbox([w.bbox for w in words[:3]]), confidence=0.6)
    assert _al_row_text(with_single_values(image, [row, *words[3:]])) == "AL [mm] 24.82"


def test_a_length_its_readings_alone_do_not_confirm_is_doubted_and_still_printed() -> None:
    image, words = _page({})
    unread = Word(
        "24.82", word_box("24.82", 200.0, 30.0), confidence=0.54
    )  # read where no ink is: no reading confirms it
    refined = with_single_values(image, [*words[:2], unread, *words[3:]])
    (row,) = rows_of(next(line for line in group_lines(refined) if line.text.startswith("AL")))
    assert (row.key, row.text) == ("AL", DOUBT)
    assert "axial_length_mm" in _labelled_fields(group_lines(refined)[0])


def test_a_doubt_mark_is_read_as_a_value_only_where_no_number_is() -> None:
    # an icon OCR read as `?` beside a number is no part of it
    _, words = _page({})
    after = Word("?", word_box("?", 90.0, 30.0), confidence=0.4)
    (row,) = rows_of(next(line for line in group_lines([*words, after]) if line.text.startswith("AL")))
    assert row.text == "24.82"


def test_a_row_ocr_glued_after_a_doubted_length_is_kept() -> None:
    image, words = _page({})
    glued = Word("24.82\\SimPK[D/mm]-5.69/7.03", word_box("24.82", 200.0, 30.0), confidence=0.54)  # no ink there
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
    icon = Word("4", word_box("4", 90.0, 30.0), confidence=0.53)  # no ink there: an icon's place
    assert _al_row_text(with_single_values(image, [*words, icon])) == "AL [mm] 24.82"


def test_two_characters_after_a_length_its_readings_alone_do_not_give_are_set_aside() -> None:
    # a photo of the real Eyestar's page 3 (held-out seed 308) read the eye icon after OS `AL [mm] 24.82` as `2s`
    image, words = _page({})
    icon = Word("2s", word_box("2s", 90.0, 30.0), confidence=0.04)  # no ink there: an icon's place
    assert _al_row_text(with_single_values(image, [*words, icon])) == "AL [mm] 24.82"


def test_a_lone_character_its_readings_alone_give_with_the_length_stays() -> None:
    printed = (*AL_ROW, ("4", 82.0, 30.0), *HINTS)  # printed right after the value: no icon
    image, words = _page({}, printed=printed)
    assert _al_row_text(with_single_values(image, words)) == "AL [mm] 24.82 4"


def _read_alone_as(monkeypatch: pytest.MonkeyPatch, *readings: str) -> None:
    monkeypatch.setattr(value_votes, "text_line_readings", lambda image, area: list(readings))


def test_a_length_whose_glued_icon_its_readings_alone_read_as_a_digit_is_confirmed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a photo of page 2 (held-out seed 237): `12.95»` read at 0.00, alone `1295»`, `12.954`, `12.954`
    printed = (("AL", 20.0, 30.0), ("[mm]", 34.0, 30.0), ("24.82»", 56.0, 30.0), *HINTS)
    image, words = _page({"24.82»": ("24.82»", 0.0)}, printed=printed)
    _read_alone_as(monkeypatch, "2482»", "24.824", "24.824")
    assert _al_row_text(with_single_values(image, words)) == "AL [mm] 24.82»"


def test_a_length_boxed_over_the_icon_after_it_is_read_alone_short_of_the_icon(monkeypatch: pytest.MonkeyPatch) -> None:
    # a photo of page 2 (held-out seed 357): `12.95` boxed with the next row's eye icon, `12.95»` at 0.00; read alone
    # over both `1295»`, `12956`, `12.95»%` (doubted), short of the icon `12.95` three times
    printed = (*AL_ROW, ("O", 100.0, 30.0), *HINTS)  # the icon, a blank after the value
    image, words = _page({}, printed=printed)
    value, icon = (next(w for w in words if w.text == text) for text in ("24.82", "O"))
    glued = Word("24.82»", union_bbox((value.bbox, icon.bbox)), confidence=0.0)
    icon_px = icon.bbox[0] * image.width

    def readings(image: Image.Image, area: Box) -> list[str]:
        return ["24.82"] * 3 if area.x1 < icon_px else ["2482»", "24826", "24.82»%"]

    monkeypatch.setattr(value_votes, "text_line_readings", readings)
    refined = with_single_values(image, [w for w in words if w is not value and w is not icon] + [glued])
    assert _al_row_text(refined) == "AL [mm] 24.82»"


def test_a_length_read_alone_with_a_digit_more_and_no_icon_glued_is_doubted(monkeypatch: pytest.MonkeyPatch) -> None:
    image, words = _page({"24.82": ("24.82", 0.0)})
    _read_alone_as(monkeypatch, "2482", "24.824", "24.824")
    assert _al_row_text(with_single_values(image, words)) == f"AL [mm] {DOUBT}"
