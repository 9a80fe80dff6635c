"""Pre-OCR clean-up: skew found to a tenth of a degree, shadows flattened, small images enlarged, fast."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from biometry.extract.preprocess import (
    estimate_skew_deg,
    flatten_background,
    normalise_contrast,
    page_off_desk,
    preprocess_for_ocr,
    sheet_corners,
    upscale_factor,
)

A4_150DPI = (1240, 1754)


def _report_page(size: tuple[int, int] = A4_150DPI, rows: int = 30) -> Image.Image:
    """A white page with rows of report-like text (about 10 pt at the image's resolution)."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(8, size[0] // 60))
    for k in range(rows):
        draw.text((size[0] // 12, size[1] // 12 + k * size[1] // (rows + 4)), "AL: 23.41 mm   K1: 43.25 D @ 95",
                  fill=0, font=font)  # fmt: skip
    return image


def _shadowed(image: Image.Image) -> Image.Image:
    """Light falling from 100 % at the right edge to 45 % at the left edge, where the text is."""
    light = np.linspace(0.45, 1.0, image.width, dtype=np.float32)[np.newaxis, :]
    return Image.fromarray((np.asarray(image, dtype=np.float32) * light).astype(np.uint8), mode="L")


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return _report_page()


def test_upright_page_has_no_skew(page: Image.Image) -> None:
    assert estimate_skew_deg(page) == 0.0


@pytest.mark.parametrize("angle", [-3.0, -0.8, 1.7, 4.5])
def test_skew_is_found_as_the_angle_that_undoes_it(page: Image.Image, angle: float) -> None:
    tilted = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert estimate_skew_deg(tilted) == pytest.approx(-angle, abs=0.15)


def test_blank_page_has_no_skew_rather_than_a_guess() -> None:
    assert estimate_skew_deg(Image.new("L", (800, 1100), 255)) == 0.0


def test_shadow_is_flattened_to_white_paper_on_both_sides(page: Image.Image) -> None:
    flat = np.asarray(flatten_background(_shadowed(page)))
    left, right = flat[10:100, 10:100], flat[10:100, -100:-10]  # paper only, no text
    assert left.mean() > 245 and right.mean() > 245


def test_flattening_keeps_ink_dark_in_the_shadow(page: Image.Image) -> None:
    flat = np.asarray(flatten_background(_shadowed(page)))
    assert flat[:, : page.width // 4].min() < 60


def test_faded_print_is_stretched_to_black_ink() -> None:
    faded = _report_page().point(lambda v: 120 + v * 100 // 255)  # ink 120, paper 220
    pixels = np.asarray(normalise_contrast(faded))
    assert (pixels.min(), np.percentile(pixels, 50)) == (0, 255)


def test_flat_grey_image_is_left_alone() -> None:
    grey = Image.new("L", (300, 300), 128)
    assert normalise_contrast(grey).tobytes() == grey.tobytes()


def test_low_resolution_photo_is_enlarged_to_about_300_dpi() -> None:
    assert upscale_factor(Image.new("L", (1000, 1400))) == pytest.approx(300 / (1000 / 8.27))


def test_image_already_at_300_dpi_is_not_enlarged() -> None:
    assert upscale_factor(Image.new("L", (2480, 3508))) == 1.0


def test_declared_resolution_wins_over_the_page_width_guess() -> None:
    image = Image.new("L", (2480, 3508))
    image.info["dpi"] = (150, 150)
    assert upscale_factor(image) == 2.0


def test_enlarged_image_declares_the_resolution_that_keeps_its_printed_size() -> None:
    small = _report_page()
    small.info["dpi"] = (150.0, 150.0)
    out = preprocess_for_ocr(small)
    assert out.size == (2480, 3508) and out.info["dpi"] == (300.0, 300.0)


def test_preprocessed_page_is_grayscale_and_level(page: Image.Image) -> None:
    out = preprocess_for_ocr(_shadowed(page.rotate(2.5, fillcolor=255)).convert("RGB"))
    assert out.mode == "L" and abs(estimate_skew_deg(out)) < 0.2


def test_table_rule_tilted_a_tenth_of_a_degree_comes_out_level() -> None:
    """A rescan tilted 0.12° draws a 2,000 px rule over five pixel rows, in pieces no box search joins (the real
    IOLMaster 500's lens tables lost their boxes): a tilt of 0.1° is undone."""
    page = _report_page(size=(2480, 3508), rows=40)
    ImageDraw.Draw(page).line([(240, 3300), (2240, 3300)], fill=0, width=3)
    out = np.asarray(preprocess_for_ocr(page.rotate(0.12, resample=Image.Resampling.BICUBIC, fillcolor=255)))
    longest = max(_longest_dark_run(row) for row in out[3200:3400])
    assert longest > 1800


def _longest_dark_run(row: np.ndarray) -> int:
    dark = np.concatenate(([0], (row < 128).astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(dark))
    return int((edges[1::2] - edges[::2]).max(initial=0))


def _sheet_on_desk() -> Image.Image:
    """A white sheet (with a printed bar) seen at a slant on a grey desk."""
    photo = Image.new("L", (900, 1200), 90)
    draw = ImageDraw.Draw(photo)
    draw.polygon([(110, 80), (820, 120), (790, 1130), (70, 1090)], fill=245)
    draw.rectangle((300, 500, 600, 540), fill=20)
    return photo


def test_a_photographed_sheet_is_cut_off_its_desk_and_made_rectangular() -> None:
    flat = np.asarray(page_off_desk(_sheet_on_desk()))
    edges = np.concatenate([flat[3], flat[-4], flat[:, 3], flat[:, -4]])
    assert flat.shape[0] == pytest.approx(1010, abs=25) and flat.shape[1] == pytest.approx(720, abs=25)
    assert np.median(edges) > 200  # paper to the edges: no desk left


def test_a_sheet_whose_corner_lies_in_shadow_keeps_that_corner() -> None:
    """Light falling off towards the bottom right darkens the paper there below the desk's threshold: the bright
    region loses that corner, the sheet's edges do not."""
    corners = [(110, 80), (820, 120), (790, 1130), (70, 1090)]
    photo = Image.new("L", (900, 1200), 70)
    ImageDraw.Draw(photo).polygon(corners, fill=245)
    ys, xs = np.mgrid[0:1200, 0:900].astype(np.float32)
    light = np.clip(1 - 2.5 * np.maximum(xs / 900 + ys / 1200 - 1.55, 0), 0.3, 1.0)  # the corner: paper as dark as desk
    shaded = Image.fromarray((np.asarray(photo, dtype=np.float32) * light).astype(np.uint8), mode="L")
    found = sheet_corners(shaded)
    assert found is not None
    assert np.abs(np.array(found) - np.array(corners)).max() < 5


def test_a_curled_sheet_whose_edge_is_no_line_is_cut_at_its_extreme_points() -> None:
    photo = Image.new("L", (900, 1200), 70)
    bulge = [(820 + 60 * np.sin(np.pi * t), 100 + 1000 * t) for t in np.linspace(0, 1, 40)]  # the right edge curls out
    ImageDraw.Draw(photo).polygon([(100, 100), *bulge, (100, 1100)], fill=245)
    found = sheet_corners(photo)
    assert found is not None
    assert np.abs(np.array(found) - np.array([(100, 100), (820, 100), (820, 1100), (100, 1100)])).max() < 10


def test_a_sheet_corner_the_photo_cut_off_comes_out_as_paper() -> None:
    photo = Image.new("L", (900, 1200), 70)
    ImageDraw.Draw(photo).polygon([(110, 80), (820, 120), (925, 1225), (70, 1090)], fill=245)  # past the bottom right
    flat = np.asarray(page_off_desk(photo))
    assert flat[-3:, -3:].min() > 200


def test_a_scan_is_not_cut() -> None:
    scan = Image.new("L", (900, 1200), 250)
    ImageDraw.Draw(scan).rectangle((300, 500, 600, 540), fill=20)
    assert page_off_desk(scan) is scan
