"""Layout drift on EyeSuite reports: the OD | OS split and the blocks move with the page, and still read exactly.

Each generated page is cut into its header, its headings and measurements, and its lens blocks; every band is
rescaled and moved by up to 10 % of the page on its own (test_layout_drift.drifted; the vertical rule between the
eyes, which spans every band, is taken out first), then the whole page content is moved sideways as far as the
margins allow (another printer's margins). The parser splits OD | OS where the page's
own copies of each section are, never at x = 0.5, so the result must not change.
"""

from __future__ import annotations

import random
from io import BytesIO

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from biometry.evaluate import compare
from biometry.models import BiometryResult
from biometry.parse import parse_bytes
from biometry.synth.eyesuite.report import EyesuiteCase, render
from tests.unit.devices.test_layout_drift import drifted

# Fractions of the page height from the top: header; eye headings and measurements; target and lens blocks.
EYESUITE_BANDS = ((0.0, 0.19), (0.19, 0.455), (0.455, 0.91))
TALL_SHARE = 0.3  # a path this share of the page high is the vertical rule between the eyes
MARGIN_PT = 8.0  # the content stays this far inside the page when moved sideways


def without_tall_rules(pdf_bytes: bytes) -> bytes:
    """The same PDF without the vertical OD | OS rule: it spans every band, so no band could move apart from it."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    for page in pdf:
        height = page.get_size()[1]
        for obj in list(page.get_objects()):
            _, bottom, _, top = obj.get_bounds()
            if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and top - bottom > TALL_SHARE * height:
                page.remove_obj(obj)
        page.gen_content()
    buffer = BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def moved_sideways(pdf_bytes: bytes, seed: int) -> bytes:
    """The same PDF with each page's content moved left or right by a random amount that keeps it on the page."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    rng = random.Random(seed)
    for page in pdf:
        objects = list(page.get_objects())
        left = min(o.get_bounds()[0] for o in objects)
        right = max(o.get_bounds()[2] for o in objects)
        dx = rng.choice((-1, 1)) * rng.uniform(0.5, 1.0)
        dx *= (left - MARGIN_PT) if dx < 0 else (page.get_size()[0] - MARGIN_PT - right)
        for obj in objects:
            obj.transform(pdfium.PdfMatrix().translate(dx, 0))
        page.gen_content()
    buffer = BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


CASES = [
    EyesuiteCase(seed=31, toric_rate=1.0),
    EyesuiteCase(seed=32, model="lenstar", warning_language="de", anisometropia=True),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.model}-{c.seed}")
@pytest.mark.parametrize("drift_seed", [1, 2, 3])
def test_drifted_eyesuite_report_reads_exactly_as_the_original(case: EyesuiteCase, drift_seed: int) -> None:
    pdf, truth = render(case)
    document = moved_sideways(drifted(without_tall_rules(pdf), drift_seed, EYESUITE_BANDS), drift_seed)
    result = parse_bytes(document, "drifted.pdf")
    comparison = compare(result, BiometryResult.model_validate(truth))
    assert result.status == "accepted", [i.message for i in result.extraction.issues if i.severity == "error"][:5]
    assert (comparison.wrong, comparison.missed) == ([], [])
