"""Layout drift: blocks moved and rescaled on the page (another software version, another printer) still read exactly.

Each generated page is cut into horizontal bands (header, eye status and biometry, result boxes); every band's page
objects are shifted by up to 10 % of the page and rescaled by 0.92-1.05 around the band's centre, independently. The
parsers find blocks by labels and the page's own geometry, so the result must not change.
"""

from __future__ import annotations

import random
from io import BytesIO

import pypdfium2 as pdfium
import pytest

from biometry.evaluate import compare
from biometry.models import BiometryResult
from biometry.parse import parse_bytes
from biometry.synth.iolmaster700.report import Case, render

BANDS = ((0.0, 0.26), (0.26, 0.55), (0.55, 0.93))  # fractions of the page height from the top; the footer stays
MAX_SHIFT = 0.10  # of the page height, clamped to the free space between the neighbouring blocks
SCALES = (0.92, 1.05)
GAP_PT = 6.0  # blocks never touch
FRAME_HEIGHT = 0.3  # of the page height: a path this tall frames blocks (the real calculation page's, 0.61)


def drifted(pdf_bytes: bytes, seed: int, bands: tuple[tuple[float, float], ...] = BANDS) -> bytes:
    """The same PDF with each band of each page rescaled and moved by its own random amount, blocks kept apart."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    rng = random.Random(seed)
    for page in pdf:
        _drift_page(page, rng, bands)
        page.gen_content()
    buffer = BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _drift_page(page: pdfium.PdfPage, rng: random.Random, cuts: tuple[tuple[float, float], ...]) -> None:
    width, height = page.get_size()
    bands: list[list[pdfium.PdfObject]] = [[] for _ in cuts]
    for obj in page.get_objects():
        _, bottom, _, top = obj.get_bounds()
        if top - bottom > FRAME_HEIGHT * height:  # a frame around several blocks stays: it bounds none of them
            continue
        from_top = 1 - (top + bottom) / 2 / height
        band = next((k for k, (y0, y1) in enumerate(cuts) if y0 <= from_top < y1), None)
        if band is not None:
            bands[band].append(obj)
    limit_top = height - GAP_PT  # PDF y grows upwards: the previous block's bottom, after it moved
    for k, objects in enumerate(bands):
        if not objects:
            continue
        below = [o.get_bounds() for band in bands[k + 1 :] for o in band] or [(0, 40.0, 0, 40.0)]
        limit_bottom = max(b[3] for b in below) + GAP_PT  # the next block's top, before it moves
        limit_top = _move_block(objects, width, rng, limit_bottom, limit_top) - GAP_PT


def _move_block(
    objects: list[pdfium.PdfObject], width: float, rng: random.Random, floor: float, ceiling: float
) -> float:
    """Rescale a block around its centre, then shift it by up to MAX_SHIFT inside [floor, ceiling]; its new bottom."""
    bounds = [o.get_bounds() for o in objects]
    bottom, top = min(b[1] for b in bounds), max(b[3] for b in bounds)
    scale = min(rng.uniform(*SCALES), (ceiling - floor) / max(top - bottom, 1.0))
    centre_x, centre_y = width / 2, (top + bottom) / 2
    new_bottom, new_top = centre_y - (centre_y - bottom) * scale, centre_y + (top - centre_y) * scale
    wanted = rng.uniform(-MAX_SHIFT, MAX_SHIFT) * width * 1.414  # A4: height = 1.414 width
    dy = min(max(wanted, floor - new_bottom), ceiling - new_top)
    dx = rng.uniform(-0.03, 0.03) * width
    matrix = (
        pdfium.PdfMatrix().translate(-centre_x, -centre_y).scale(scale, scale).translate(centre_x + dx, centre_y + dy)
    )
    for obj in objects:
        obj.transform(matrix)
    return new_bottom + dy


CASES = [Case(seed=seed, language=lang, decimal="comma", layout="full13") for seed, lang in ((41, "pt"), (42, "de"))]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.language}-{c.seed}")
@pytest.mark.parametrize("drift_seed", [1, 2])
def test_drifted_printout_reads_exactly_as_the_original(case: Case, drift_seed: int) -> None:
    pdf, truth = render(case)
    result = parse_bytes(drifted(pdf, drift_seed), "drifted.pdf")
    comparison = compare(result, BiometryResult.model_validate(truth))
    assert result.status == "accepted", [i.message for i in result.extraction.issues if i.severity == "error"][:5]
    assert (comparison.wrong, comparison.missed) == ([], [])
