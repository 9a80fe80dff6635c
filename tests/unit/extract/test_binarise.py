"""Low-resolution rasters are read from their black-and-white binarisation; everything else keeps its grey."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from biometry.extract.binarise import binarised, is_enlarged_raster


@pytest.mark.parametrize(
    ("source_dpi", "enlarged"),
    [(140.0, True), (150.0, True), (199.99999917996564, False), (240.0, False), (None, False)],
)
def test_only_a_raster_stored_well_below_200_dpi_is_binarised(source_dpi: float | None, enlarged: bool) -> None:
    assert is_enlarged_raster(source_dpi) == enlarged


def _soft_stroke() -> Image.Image:
    """White paper with a dark stroke whose edges are grey, as an enlarged JPEG frame shows it."""
    pixels = np.full((40, 40), 250, dtype=np.uint8)
    pixels[:, 18:22] = 20
    pixels[:, 17] = pixels[:, 22] = 140
    image = Image.fromarray(pixels)
    image.info["dpi"] = (300.0, 300.0)
    return image


def test_binarised_page_is_black_ink_on_white_paper() -> None:
    assert set(np.unique(np.asarray(binarised(_soft_stroke())))) == {0, 255}


def test_binarised_page_keeps_the_ink_where_it_was() -> None:
    ink = np.asarray(binarised(_soft_stroke())) == 0
    assert ink[:, 18:22].all() and not ink[:, :16].any()


def test_binarised_page_keeps_its_resolution() -> None:
    assert binarised(_soft_stroke()).info["dpi"] == (300.0, 300.0)
