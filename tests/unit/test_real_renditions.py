"""Real reports degraded as clinics send them (rescans at 150-300 dpi, phone photos): never a silent error.

Slow (OCR of up to 13 pages per rendition): `make test-slow`. Acceptance rates are measured, not asserted:
`benchmarks/real_renditions.py` prints them.
"""

from __future__ import annotations

import pytest

from biometry.parse import parse_bytes
from tests.real_reports import real_report
from tests.renditions import REAL_PDFS, renditions, silent_errors

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", REAL_PDFS)
def test_degraded_real_report_is_never_accepted_with_a_wrong_value(name: str) -> None:
    data, truth = real_report(name)
    for rendition in renditions(name, data, dpis=(150, 300)):
        result = parse_bytes(rendition.data, rendition.filename)
        assert silent_errors(result, truth) == [], rendition.filename
