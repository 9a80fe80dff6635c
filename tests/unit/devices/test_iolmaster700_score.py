"""The IOLMaster 700 is known by its footer, or, on a photo whose footer OCR lost, by labels only it prints; so is each
OCR'd page its page refiners read again."""

from __future__ import annotations

from biometry.devices.iolmaster700 import WITHOUT_FOOTER, prints_own_page, score
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


def test_a_page_whose_footer_ocr_garbled_is_read_again_as_the_devices_by_its_own_labels() -> None:
    # held-out seed 239, a 150-dpi rescan: `IOLMaster` read `OLMaste`; the page's header prints TK and CVD labels
    page = document_of(["TK1: 42,59 D TK2: 43,16 D CVD: 12,00 mm", "OLMaste 700 Versao 1.90.12.05"])
    assert prints_own_page(page.pages[0].words)


def test_a_page_of_neither_footer_nor_own_labels_is_not_the_devices() -> None:
    assert not prints_own_page(document_of(["IOLMaster 500 CVD: 12,00 mm", "AL: 23,73 mm K1: 42,30 D"]).pages[0].words)
