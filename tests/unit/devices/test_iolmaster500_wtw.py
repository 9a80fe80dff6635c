"""The IOLMaster 500 white-to-white page stacks its eye blocks: a lone block's place does not name its eye."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster500.biometry import readings_table_top
from biometry.document import Line, Page, Word
from tests.unit.devices.test_iolmaster500_layout import _page, _parse


def test_a_lone_white_to_white_block_without_its_eye_label_alone_goes_to_review() -> None:
    result = _parse(_page([(0.73, 0.30, "WTW : 12.3 mm"), (0.74, 0.32, "Ix: +0.4 mm"), (0.73, 0.36, "Pup: 4.9 mm")]))
    assert (result.eyes.OD, result.eyes.OS) == (None, None)
    assert "eye_unknown" in {i.code for i in result.extraction.issues}


def test_a_lone_white_to_white_block_is_the_one_eye_the_earlier_pages_showed() -> None:
    measurement = _page([(0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)")])
    wtw = _page([(0.73, 0.30, "WTW : 12.3 mm"), (0.74, 0.32, "Ix: +0.4 mm"), (0.73, 0.36, "Pup: 4.9 mm")], number=2)
    result = _parse(measurement, wtw)
    assert result.eyes.OD is not None and (result.eyes.OD.wtw_mm, result.eyes.OS) == (12.3, None)


def test_the_readings_table_title_is_found_when_ocr_garbles_its_last_word() -> None:
    title = Line((Word("White-to-white", (0.41, 0.696, 0.55, 0.705)), Word("waluies", (0.56, 0.696, 0.61, 0.705))))
    assert readings_table_top([title]) == 0.696


def _stacked(od_lines: list[str], os_lines: list[str], *, od_label: bool = True) -> Page:
    """The white-to-white page: OD's lines above OS's, both in the right part of the page, as OCR read them."""
    cells = [(0.73, 0.31 + 0.02 * i, text) for i, text in enumerate(od_lines)]
    cells += [(0.73, 0.63 + 0.02 * i, text) for i, text in enumerate(os_lines)]
    big = ((0.78, 0.24, "OD"), (0.78, 0.56, "OS")) if od_label else ((0.78, 0.56, "OS"),)
    return _page(cells, number=4, big=big)


def test_the_os_block_whose_wtw_label_ocr_garbled_does_not_take_the_od_values() -> None:
    page = _stacked(["WTW : 11.6 mm", "Pup: 6.0 mm"], ["W : 11.8 mm", "Pup: 5.5 mm"], od_label=False)
    result = _parse(page)
    assert result.eyes.OD is not None and result.eyes.OS is not None
    assert (result.eyes.OD.wtw_mm, result.eyes.OS.wtw_mm, result.eyes.OS.pupil_mm) == (11.6, None, 5.5)


def test_the_od_block_whose_wtw_label_ocr_lost_does_not_take_the_os_wtw() -> None:
    result = _parse(_stacked([": 11.6 mm", "Pup: 6.0 mm"], ["WTW : 11.8 mm", "Pup: 5.5 mm"]))
    assert result.eyes.OD is not None and result.eyes.OS is not None
    assert (result.eyes.OD.wtw_mm, result.eyes.OS.wtw_mm) == (None, 11.8)


def test_a_wtw_label_read_as_two_letters_is_the_wtw() -> None:
    result = _parse(_stacked(["WTW : 11.6 mm", "Pup: 6.0 mm"], ["Ww : 11.8 mm", "Pup: 5.5 mm"]))
    assert result.eyes.OS is not None and result.eyes.OS.wtw_mm == 11.8


def _readings_page(pupils: tuple[str, str, str]) -> Page:
    """The measurement page's OD white-to-white readings: three WTW / pupil measurements."""
    cells = [(0.41, 0.70, "White-to-white values"), (0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)")]
    cells += [(0.10, 0.72 + 0.026 * i, f"WTW : 11.6 mm Pup: {p} mm") for i, p in enumerate(pupils)]
    return _page(cells)


def test_a_selected_pupil_that_none_of_the_printed_measurements_shows_goes_to_review() -> None:
    selected = _stacked(["WTW : 11.6 mm", "Pup: 5.3 mm"], ["WTW : 11.8 mm", "Pup: 6.0 mm"])
    result = _parse(_readings_page(("3.5", "4.9", "5.8")), selected)
    assert "wtw_readings_mismatch" in {i.code for i in result.extraction.issues if i.field == "pupil_mm"}


def test_a_selected_pupil_among_the_printed_measurements_is_no_mismatch() -> None:
    selected = _stacked(["WTW : 11.6 mm", "Pup: 5.8 mm"], ["WTW : 11.8 mm", "Pup: 6.0 mm"])
    result = _parse(_readings_page(("3.5", "4.9", "5.8")), selected)
    assert "wtw_readings_mismatch" not in {i.code for i in result.extraction.issues}


def _measurement_page_title_garbled() -> Page:
    """The measurement page as a 150-dpi rescan read it: the readings table's title garbled past reading, the OD
    block's first row lost, its second row's WTW lost, its third read whole."""
    cells = [(0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)"), (0.53, 0.34, "Comp. AL: 23.45 mm (SNR = 134.5)")]
    cells += [(0.10, 0.52, "MV: 42.51/43.77 D"), (0.53, 0.52, "MV: 44.35/45.42 D")]
    cells += [(0.41, 0.697, "Wh ee Les valuse"), (0.31, 0.741, "Pup: 5.8 mm")]
    cells += [(0.10, 0.768, "WTW : 11.6 mm Pup: 6.0 mm"), (0.53, 0.768, "WTW : 11.8 mm Pup: 6.0 mm")]
    return _page(cells)


def test_the_readings_table_starts_below_the_measurement_results_when_its_title_is_garbled() -> None:
    page = _measurement_page_title_garbled()
    assert readings_table_top(page.lines) == pytest.approx(0.741)


def test_readings_under_a_garbled_title_are_no_selected_values() -> None:
    selected = _stacked(["WTW : 11.6 mm", "Pup: 6.0 mm"], ["WTW : 11.8 mm", "Pup: 6.0 mm"])
    result = _parse(_measurement_page_title_garbled(), selected)
    assert result.eyes.OD is not None and (result.eyes.OD.wtw_mm, result.eyes.OD.pupil_mm) == (11.6, 6.0)
    assert "conflicting_values" not in {i.code for i in result.extraction.issues}


def test_a_measurement_page_alone_gives_no_wtw_when_its_readings_title_is_garbled() -> None:
    result = _parse(_measurement_page_title_garbled())
    assert result.eyes.OS is not None and (result.eyes.OS.wtw_mm, result.eyes.OS.pupil_mm) == (None, None)


def test_the_white_to_white_page_has_no_readings_table() -> None:
    page = _stacked(["WTW : 11.6 mm", "Pup: 6.0 mm"], ["WTW : 11.8 mm", "Pup: 6.0 mm"])
    assert readings_table_top(page.lines) == 1.01


def test_a_speck_read_in_the_eye_photo_does_not_split_the_wtw_line() -> None:
    page = _stacked(["WTW : 11.6 mm", "Pup: 6.0 mm"], ["WTW : 11.8 mm", "Pup: 6.0 mm"])
    wtw = next(w for w in page.words if w.text == "WTW" and w.bbox[1] > 0.5)
    speck = Word("7", (0.127, wtw.bbox[1] - 0.001, 0.129, wtw.bbox[1] + 0.006))  # a little higher than the line
    later = [Word(w.text, (w.bbox[0], w.bbox[1] + 0.003, w.bbox[2], w.bbox[3] + 0.003)) for w in page.words
             if w.bbox[1] == wtw.bbox[1] and w.text in (":", "mm")]  # fmt: skip
    words = [w for w in page.words if not (w.bbox[1] == wtw.bbox[1] and w.text in (":", "mm"))]
    result = _parse(Page(number=4, width_pt=599, height_pt=863, source="ocr", words=[*words, *later, speck]))
    assert result.eyes.OS is not None and result.eyes.OS.wtw_mm == 11.8
