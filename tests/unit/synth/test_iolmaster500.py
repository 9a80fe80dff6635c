"""The IOLMaster 500 generator: page images like the device's, drawn from the real layout, truth as printed."""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium
import pytest

from biometry.models import BiometryResult
from biometry.synth.fonts import FontNotFoundError
from biometry.synth.iolmaster500 import hinted
from biometry.synth.iolmaster500.plan import MULTI_FORMULAS, ROWS_500, SELECTED_ROW, Plan500, make_plan
from biometry.synth.iolmaster500.report import LAYOUTS_500, Iom500Case, cases, render, render_text_pdf
from biometry.synth.values import K_FACTOR
from tests.unit.synth.helpers import page_texts

REAL_PAGE_PT = (599, 863)  # the real report's frames: 1164 x 1678 px at 140 dpi
ZERO_SYMMETRY = 0.95  # share of the glyph's pixels equal to their mirror image
ROUNDING_MM = 0.005  # each reading is printed to 0.01 mm


def _case_with(trait: Callable[[Plan500], bool], **knobs: object) -> Iom500Case:
    for seed in range(500):
        case = Iom500Case(seed=seed, **knobs)  # type: ignore[arg-type]
        if trait(make_plan(case)):
            return case
    raise AssertionError("no seed below 500 shows the trait")


def _drawn_text(case: Iom500Case) -> str:
    return "\n".join(page_texts(render_text_pdf(make_plan(case))))


def _truth(case: Iom500Case) -> BiometryResult:
    return BiometryResult.model_validate(render(case)[1])


def test_same_seed_gives_byte_identical_pdf() -> None:
    assert render(Iom500Case(seed=5))[0] == render(Iom500Case(seed=5))[0]


def test_truth_is_a_valid_contract_result_read_by_ocr() -> None:
    truth = _truth(Iom500Case(seed=6))
    assert truth.device is not None and truth.device.model == "IOLMaster 500"
    assert truth.source.text_source == "ocr"


def test_pages_are_device_frames_without_a_text_layer() -> None:
    document = pdfium.PdfDocument(render(Iom500Case(seed=7))[0])
    try:
        assert {tuple(round(v) for v in page.get_size()) for page in document} == {REAL_PAGE_PT}
        assert all([o.type for o in page.get_objects()] == [pdfium.raw.FPDF_PAGEOBJ_IMAGE] for page in document)
        assert all(not page.get_textpage().get_text_range().strip() for page in document)
    finally:
        document.close()


def test_every_drawn_page_carries_the_device_footer() -> None:
    case = Iom500Case(seed=9)
    pages = _drawn_text(case).count("IOLMaster\u00ae Advanced Technology V. 7.")
    assert pages == _truth(case).source.pages


def test_truth_keratometry_is_337_5_over_the_radius() -> None:
    eye = _truth(_case_with(lambda p: bool(p.iol_pages), missing_rate=0.0)).eyes.OD
    assert eye is not None and eye.k1_d is not None and eye.k1_radius_mm is not None
    assert abs(eye.k1_d - K_FACTOR / eye.k1_radius_mm) <= 0.005


def test_mean_k_is_the_printed_se_the_mean_of_the_two_powers() -> None:
    eye = _truth(_case_with(lambda p: bool(p.iol_pages), missing_rate=0.0)).eyes.OD
    assert eye is not None and eye.k1_d is not None and eye.k2_d is not None and eye.mean_k_d is not None
    assert abs(eye.mean_k_d - (eye.k1_d + eye.k2_d) / 2) <= 0.005


def test_borderline_composite_snr_is_printed_with_a_bang_and_flagged() -> None:
    case = _case_with(lambda p: p.has_mmt and p.eyes["OD"].borderline)
    assert "!)" in _drawn_text(case)
    assert _truth(case).eyes.OD.flags["axial_length_mm"] == ["borderline"]  # type: ignore[union-attr]


def test_dashes_in_the_report_are_null_in_the_truth() -> None:
    case = Iom500Case(seed=11, layout="mmt_only", missing_rate=1.0)
    eye = _truth(case).eyes.OD
    assert "Comp. AL: --" in _drawn_text(case)
    assert eye is not None and eye.axial_length_mm is None and eye.flags["axial_length_mm"] == ["not_measured"]


def test_single_eye_case_prints_one_eye() -> None:
    truth = _truth(Iom500Case(seed=12, layout="single_eye_OS"))
    assert truth.eyes.OD is None and truth.eyes.OS is not None


def test_every_box_prints_seven_rows_with_the_fourth_selected() -> None:
    truth = _truth(Iom500Case(seed=13, layout="iol_only", missing_rate=0.0))
    assert truth.iol_calculations
    assert {len(c.rows) for c in truth.iol_calculations} == {ROWS_500}
    assert {tuple(r.selected for r in c.rows).index(True) for c in truth.iol_calculations} == {SELECTED_ROW}


def test_multi_formula_page_shows_one_lens_with_the_four_formulas_per_eye() -> None:
    plan = make_plan(_case_with(lambda p: any(page.lens for page in p.iol_pages), missing_rate=0.0))
    page = next(page for page in plan.iol_pages if page.lens is not None)
    assert all([box.formula for box in boxes] == list(MULTI_FORMULAS) for boxes in page.boxes.values())
    assert {box.lens for boxes in page.boxes.values() for box in boxes} == {page.lens}


def test_no_lens_manufacturer_is_printed_so_none_is_in_the_truth() -> None:
    truth = _truth(Iom500Case(seed=14, layout="iol_only"))
    assert {c.iol_manufacturer for c in truth.iol_calculations} == {None}


@pytest.mark.parametrize("printed", [True, False])
def test_wtw_and_pupil_are_results_only_where_the_white_to_white_page_is_printed(printed: bool) -> None:
    case = _case_with(lambda p: p.has_mmt and p.wtw_page == printed, missing_rate=0.0)
    eye = _truth(case).eyes.OD
    assert eye is not None and (eye.wtw_mm is not None, eye.pupil_mm is not None) == (printed, printed)


def test_cases_cycle_through_every_layout() -> None:
    assert {c.layout for c in cases(10, seed=0)} == set(LAYOUTS_500)


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_image_share_sets_the_scanned_fraction(share: float) -> None:
    assert {c.image_only for c in cases(10, seed=0, image_share=share)} == {share == 1.0}


@pytest.mark.parametrize("seed", range(40))
def test_mv_is_the_middle_of_its_three_keratometer_readings_as_on_the_real_report(seed: int) -> None:
    for eye in make_plan(Iom500Case(seed=seed)).eyes.values():
        k1s, k2s = sorted(s[0] for s in eye.k_sets), sorted(s[1] for s in eye.k_sets)
        assert (k1s[1], k2s[1]) == (eye.values.k.k1_d, eye.values.k.k2_d)


@pytest.mark.parametrize("seed", range(200))
def test_composite_al_lies_within_its_readings_as_on_the_real_report(seed: int) -> None:
    """The real report's composites (OD 23.41 over 23.23-23.47, OS 23.45 over 23.29-23.57) lie within their readings;
    readings drawn independently of each other left the composite outside all of them in about 6 % of eyes."""
    for eye in make_plan(Iom500Case(seed=seed)).eyes.values():
        readings = [al for al, _ in eye.al_readings]
        assert min(readings) <= eye.values.axial_length_mm <= max(readings)


@pytest.mark.parametrize("seed", range(40))
def test_composite_al_is_the_snr_weighted_mean_of_its_readings(seed: int) -> None:
    """As the real report's OD composite 23.41 is (23.4115 over its five readings), within the readings' rounding."""
    for eye in make_plan(Iom500Case(seed=seed)).eyes.values():
        mean = sum(al * snr for al, snr in eye.al_readings) / sum(snr for _, snr in eye.al_readings)
        assert abs(mean - eye.values.axial_length_mm) <= ROUNDING_MM


def test_frame_zero_is_drawn_a_symmetric_oval_as_the_device_prints_it() -> None:
    """The device's hinted Courier New 0 is mirror-symmetric; hinted Courier at the full size leaned (its right side
    a pixel further out at the top, its left at the bottom), and the cell re-read took `19.0` for `19.90`."""
    ink, _, _ = hinted._glyph("Courier", 10.4 * 140 / 72, "0")
    assert (ink == ink[:, ::-1]).mean() >= ZERO_SYMMETRY


def test_times_slash_stays_one_pixel_wide_as_the_device_prints_it() -> None:
    """The device's regular stems are 2 px and the frames' hinted Times is set to them, but a slash is no stem: drawn
    2 px wide (its steps taken for stems) `R / SE: 7.53 mm / 44.94 D` read `144.94`."""
    ink, _, _ = hinted._proportional("Times-Roman", round(10.6 * 140 / 72, 2), "/")
    assert max(end - start for row in ink for start, end in hinted._runs(row)) == 1


BODY_PX = round(10.6 * 140 / 72, 2)  # the frames' regular Times New Roman: 10.6 pt at 140 dpi (21 ppem)
REAL_ID_WIDTH_PX = 86  # the real frames' `99999990`: eight digits on 11-px advances


def test_times_digits_stand_on_the_device_advances() -> None:
    """The device rounds a digit's advance at 21 ppem to 11 px (`99999990` is 86 px wide on the real frames); the
    clone's hinting at 20.6 px gave 10 (81 px) and glued the `/2` and `01` of dates."""
    ink, _, _ = hinted._proportional("Times-Roman", BODY_PX, "99999990")
    assert ink.shape[1] == REAL_ID_WIDTH_PX


@pytest.mark.parametrize(("font", "size_pt"), [("Times-Roman", 10.6), ("Times-Bold", 12.2)])
def test_times_one_has_one_straight_stem(font: str, size_pt: float) -> None:
    """Hinted 3 % larger the clone's regular `1` thinned to a 1-px stem that the stem rule widened into a kink (OCR
    read `K1:` as `K}:`)."""
    ink, _, _ = hinted._proportional(font, round(size_pt * 140 / 72, 2), "1")
    assert len({hinted._runs(row)[-1] for row in ink[4:-1]}) == 1  # below the flag, above the foot


def test_times_bold_one_stands_on_the_device_wide_foot() -> None:
    """The device's bold `1` stands on a foot 8 px wide, under a 3-px stem; the clone's foot was 6 px and OCR read the
    captions' `1` as `I` (`OptAlI9.1IMA60AC`)."""
    ink, _, _ = hinted._proportional("Times-Bold", round(12.2 * 140 / 72, 2), "1")
    ((stem_start, stem_end),) = {hinted._runs(row)[-1] for row in ink[4:-1]}
    foot_start, foot_end = hinted._runs(ink[-1])[0]
    assert foot_end - foot_start >= 8 > 3 == stem_end - stem_start


def test_generator_fails_loudly_without_liberation_serif(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bold `1` is drawn from Liberation Serif (Debian fonts-liberation2, installed by scripts/setup.sh)."""
    monkeypatch.setattr("biometry.synth.fonts._DIRS", ())
    monkeypatch.setattr("biometry.synth.fonts._fc_list", lambda filename: None)
    monkeypatch.delenv("BIOMETRY_FONT_DIR", raising=False)
    with pytest.raises(FontNotFoundError, match="fonts-liberation2"):
        hinted._proportional("Times-Bold", 37.0, "1")  # a size no earlier drawing cached
