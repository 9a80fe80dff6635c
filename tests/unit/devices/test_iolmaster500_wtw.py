"""The IOLMaster 500 white-to-white page stacks its eye blocks: a lone block's place does not name its eye."""

from __future__ import annotations

from biometry.devices.iolmaster500.biometry import readings_table_top
from biometry.document import Line, Word
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
