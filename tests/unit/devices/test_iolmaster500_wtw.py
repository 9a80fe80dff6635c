"""The IOLMaster 500 white-to-white page stacks its eye blocks: a lone block's place does not name its eye."""

from __future__ import annotations

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
