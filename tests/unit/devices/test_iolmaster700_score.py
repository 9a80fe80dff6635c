"""The IOLMaster 700 is known by its footer, or, on a photo whose footer OCR lost, by labels only it prints."""

from __future__ import annotations

from biometry.devices.iolmaster700 import WITHOUT_FOOTER, score
from tests.factories import document_of

# a held-out photo of the real analysis page: footer garbled (`\are'n 100 12.05`), `TK1:`/`TK2:` lines unread
ANALYSIS_PAGE_PHOTO = [
    "Data da medicao: 01/02/2023 n: 1,3375 CVD: 12,00 mm",
    "LS: Facico vs: Corpo vitreo Lvc: Nao tratado",
    "cct: 554 yum sD: 4pm P: 2,7mm CW-Chord: 0,3 mm @ 212°",
    "Gerado em: 01/02/2023 13:20, por Administrator. \\are'n 100 12.05",
]


def test_a_page_printing_the_device_footer_is_the_devices() -> None:
    assert score(document_of(["IOLMaster 700 Versao 1.90.12.05 Gerado em: 01/02/2023"], source="ocr")) == 1.0


def test_an_analysis_page_photo_whose_footer_ocr_lost_is_known_by_its_chord_and_vertex_distance() -> None:
    assert score(document_of(ANALYSIS_PAGE_PHOTO, source="ocr")) == WITHOUT_FOOTER


def test_one_label_of_its_own_is_not_enough() -> None:
    assert score(document_of(["CVD: 12,00 mm", "AL: 23,73 mm"], source="ocr")) == 0.0
