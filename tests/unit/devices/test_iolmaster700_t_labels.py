"""IOLMaster 700 total-keratometry labels OCR read without their T (`Ki:` for `TK1:`) are named by their column: the
labels right above and below them, right-aligned on their colons, in the order every layout prints them."""

from __future__ import annotations

from PIL import Image

from biometry.devices.iolmaster700.t_labels import with_t_labels
from biometry.document import Word

PAGE = Image.new("L", (1275, 1650), 255)  # a US-letter page at 150 dpi
FOOTER = Word("IOLMaster 700", (0.09, 0.97, 0.2, 0.98))
ROW_PITCH, LABEL_HEIGHT = 0.014, 0.0076


def _column(*labels: str, right: float = 0.548, top: float = 0.476) -> list[Word]:
    """Labels one under the other, their right edges aligned (as the real OS analysis page prints its second column)."""
    return [
        Word(label, (right - 0.007 * len(label), top + k * ROW_PITCH, right, top + k * ROW_PITCH + LABEL_HEIGHT))
        for k, label in enumerate(labels)
    ]


def _texts(words: list[Word]) -> list[str]:
    """The labels' texts after the refiner, on a page that prints the device's footer."""
    return [w.text for w in with_t_labels(PAGE, [*words, FOOTER])][:-1]


def test_a_k1_label_between_tse_and_tk2_in_its_column_is_tk1_read_without_its_t() -> None:
    # OS `TK1: ---` read `Ki: ==` between `TSE:` and `TK2;` on the analysis page of a real 200-dpi rescan (seed 396)
    assert _texts(_column("TSE:", "Ki:", "TK2;")) == ["TSE:", "TK1:", "TK2;"]


def test_a_k1_label_between_se_and_k2_stays_k1() -> None:
    assert _texts(_column("SE:", "K1:", "K2:")) == ["SE:", "K1:", "K2:"]


def test_a_k1_label_under_k2_in_the_calculation_pages_keratometry_column_is_tk1() -> None:
    assert _texts(_column("K1:", "K2:", "K1:", "TK2:")) == ["K1:", "K2:", "TK1:", "TK2:"]


def test_a_label_whose_column_neighbour_is_another_columns_label_is_left_as_read() -> None:
    words = [*_column("TSE:", "Ki:"), *_column("TK2:", right=0.359, top=0.476 + 2 * ROW_PITCH)]
    assert _texts(words) == ["TSE:", "Ki:", "TK2:"]


def test_a_page_without_the_devices_footer_is_left_as_read() -> None:
    words = _column("TSE:", "Ki:", "TK2;")
    assert [w.text for w in with_t_labels(PAGE, words)] == ["TSE:", "Ki:", "TK2;"]


def test_an_se_label_first_in_its_column_over_tk1_is_tse_read_without_its_t() -> None:
    # OS `TSE: ---` read `SE: ---` over `TK1:` on the analysis page of a real 200-dpi rescan (held-out seed 170), the
    # rows above it empty: its `---` had flagged OS mean K not measured against the 42,59 D every page prints
    assert _texts(_column("SE:", "TK1:", "TK2:")) == ["TSE:", "TK1:", "TK2:"]


def test_a_label_first_in_its_column_over_a_label_it_prints_over_in_some_layout_stays() -> None:
    assert (_texts(_column("SE:", "K1:", "K2:")), _texts(_column("K1:", "TK2:"))) == (
        ["SE:", "K1:", "K2:"],
        ["K1:", "TK2:"],
    )
