"""An IOLMaster 500 eye block prints its lens status (`Phakic`) wherever it prints the composite AL with its SNR
(above `Comp. AL:` on the measurement page, `Status: Phakic` under an IOL page's summary): a status OCR garbled there
is printed and unread (review), never omitted from an accepted result. The AL graph pages print no status."""

from __future__ import annotations

import pytest

from biometry.document import Document, Page
from biometry.models import BiometryResult
from tests.unit.devices.test_iolmaster500_layout import PARSER, _page, _parse


def _measurement_block(od_status: str) -> Page:
    """Page 1's axial length section: each eye's status over its composite AL (a photo's OCR of the OD status)."""
    return _page([
        (0.10, 0.31, od_status), (0.53, 0.31, "Phakic"),
        (0.10, 0.33, "Comp. AL: 23.41 mm (SNR = 122.6)"), (0.53, 0.33, "Comp. AL: 23.45 mm (SNR = 134.5)"),
    ])  # fmt: skip


def _unread(result: BiometryResult) -> set[str | None]:
    return {i.field for i in result.extraction.issues if i.code == "printed_value_unread"}


def test_a_status_ocr_garbled_beside_the_composite_al_is_printed_and_unread() -> None:
    result = _parse(_measurement_block("SOU Pha MELGR ic"))
    assert result.status == "needs_review" and "OD.lens_status" in _unread(result)


def test_a_status_read_beside_the_composite_al_is_the_eyes_status() -> None:
    result = _parse(_measurement_block("Phakic"))
    assert result.eyes.OD is not None and result.eyes.OD.lens_status == "phakic"
    assert not {"OD.lens_status", "OS.lens_status"} & _unread(result)


@pytest.mark.parametrize("label", ["Status:", "Status :", "STATUS:"])
def test_a_status_label_prints_the_status(label: str) -> None:
    page = _page([(0.10, 0.23, "AL: -- mm"), (0.10, 0.30, f"{label} Ph@kc")], number=5)
    document = Document(filename="t.pdf", media_type="application/pdf", sha256="0" * 64, pages=[page])
    assert "lens_status" in PARSER.printed(document).eye_fields["OD"]


def test_an_al_graph_page_prints_no_status() -> None:
    page = _page([(0.30, 0.26, "AL: 23.41 mm"), (0.30, 0.27, "SNR: 122.6"), (0.30, 0.28, "Measurement: Composite")])
    document = Document(filename="t.pdf", media_type="application/pdf", sha256="0" * 64, pages=[page])
    assert "lens_status" not in PARSER.printed(document).eye_fields["OD"]
