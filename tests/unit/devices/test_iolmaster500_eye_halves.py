"""A page of the IOLMaster 500 that labels both eyes prints both eyes' results: where the OD | OS split leaves every
labelled value, or every lens box, in one of the two labelled blocks, the split (not the page) is wrong, and the page
goes to review (`eye_halves_unsplit`) instead of giving one eye the other's results."""

from __future__ import annotations

from biometry.devices.collect import EyeCollector
from biometry.devices.iolmaster500.boxes import emmetropia_words
from biometry.devices.iolmaster500.columns import columns
from biometry.document import Word
from tests.unit.devices.test_iolmaster500_layout import LINE_H, Cell, _errors, _page, _parse, _words

BOTH_HEADS: tuple[Cell, ...] = ((0.02, 0.20, "OD"), (0.90, 0.20, "OS"))


def _summary(x: float, al: str) -> list[Cell]:
    return [(x, 0.22, f"AL: {al} mm (SNR = 122.6)"), (x, 0.24, "ACD: 3.38 mm")]


def _boxes(x: float) -> list[Cell]:
    return [(x, 0.50, "Emme. IOL: 22.10"), (x + 0.22, 0.50, "Emme. IOL: 21.97")]


def test_every_result_in_the_od_block_of_a_page_labelling_both_eyes_goes_to_review() -> None:
    result = _parse(_page([(0.10, 0.34, "Comp. AL: 23.45 mm (SNR = 122.6)")], big=BOTH_HEADS))
    assert "eye_halves_unsplit" in _errors(result)
    assert result.status == "needs_review"


def test_every_lens_box_in_one_block_of_a_page_labelling_both_eyes_reads_no_block() -> None:
    collector = EyeCollector()
    page = _page([*_summary(0.10, "23.41"), *_summary(0.60, "23.45"), *_boxes(0.06)], big=BOTH_HEADS)
    assert columns(page, collector) == []
    assert [i.code for i in collector.issues] == ["eye_halves_unsplit"]


def test_lens_boxes_in_both_labelled_blocks_read_as_two_eyes() -> None:
    page = _page([*_summary(0.10, "23.41"), *_summary(0.60, "23.45"), *_boxes(0.06), *_boxes(0.52)], big=BOTH_HEADS)
    assert [c.side for c in columns(page, EyeCollector())] == ["OD", "OS"]


def test_a_readings_unit_garbled_into_an_emmetropia_label_is_no_lens_box() -> None:
    garbled_unit: list[Cell] = [(0.10, 0.30, "23.47 mame. 2.5")]  # `23.47 mm 2.5`, its `mm` read as `Emme.`
    page = _page([*_summary(0.10, "23.41"), *_summary(0.60, "23.45"), *garbled_unit], big=BOTH_HEADS)
    collector = EyeCollector()
    assert [c.side for c in columns(page, collector)] == ["OD", "OS"]
    assert collector.issues == []


def test_the_next_boxs_emmetropia_label_after_a_power_boxed_tall_is_a_label() -> None:
    # held-out seed 321, a 150-dpi rescan of page 6: `16.20` boxed 1.7 type heights tall (a speck glued on), the next
    # box's `Emme.` five type heights past it
    row = _words(0.06, 0.50, "Emme. IOL: 16.20")
    tall = Word("16.20", (row[2].bbox[0], 0.497, row[2].bbox[2], 0.517))
    next_label = Word("Emme.", (tall.bbox[2] + 5 * LINE_H, 0.50, tall.bbox[2] + 5 * LINE_H + 0.04, 0.50 + LINE_H))
    assert emmetropia_words([*row[:2], tall, next_label]) == [row[0], next_label]


def test_a_page_labelling_one_eye_keeps_its_one_block() -> None:
    page = _page([*_summary(0.60, "23.45"), *_boxes(0.52)], big=((0.90, 0.20, "OS"),))
    assert [c.side for c in columns(page, EyeCollector())] == ["OS"]


def test_an_eye_not_measured_prints_its_summary_without_boxes_beside_the_other_eyes_boxes() -> None:
    not_measured: list[Cell] = [(0.60, 0.22, "AL: --"), (0.60, 0.24, "ACD: 3.38 mm")]
    page = _page([*_summary(0.10, "23.41"), *not_measured, *_boxes(0.06)], big=BOTH_HEADS)
    assert [c.side for c in columns(page, EyeCollector())] == ["OD", "OS"]


def test_one_eyes_results_in_the_unlabelled_half_beside_that_eyes_lone_label_go_to_review() -> None:
    page = _page([(0.10, 0.34, "Comp. AL: 23.45 mm (SNR = 122.6)")], big=((0.90, 0.20, "OS"),))
    collector = EyeCollector()
    assert columns(page, collector) == []
    assert [i.code for i in collector.issues] == ["eye_halves_unsplit"]
