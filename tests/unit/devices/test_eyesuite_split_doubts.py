"""An EyeSuite page's OD | OS split is checked against what each eye's copy prints once: every measurement row, and
its own `Target Refraction` left of all its lens blocks. A split that contradicts them sends the report to review
(`eye_halves_unsplit`), whatever moved it: read on, one eye's values would pass for the other's."""

from __future__ import annotations

import pytest

from biometry.devices.eyesuite import halves as eyesuite_halves
from biometry.devices.eyesuite import parser as eyesuite_parser
from biometry.devices.eyesuite import printed as eyesuite_printed
from biometry.devices.eyesuite.halves import Half, footer_top, halves, lens_section_top, split_doubts
from biometry.devices.layout import Region
from biometry.document import Page
from tests.unit.devices.test_eyesuite import EYESTAR, LENSTAR, EyesuiteCase, parsed, rendered


def split_at(page: Page, top: float, bottom: float) -> list[Half]:
    """The page's halves split at `top` above its lens section and at `bottom` in it (page fractions)."""
    seam = lens_section_top(page.lines)
    regions = ((Region(0.0, top), Region(0.0, bottom)), (Region(top, 1.01), Region(bottom, 1.01)))
    return [
        Half(
            [*(w for w in page.words if w.y_center < seam and t.holds(w)),
             *(w for w in page.words if w.y_center >= seam and b.holds(w))],
            b,
            footer_top(page.lines, seam),
        )
        for t, b in regions
    ]  # fmt: skip


@pytest.mark.parametrize("case", [EYESTAR, LENSTAR])
def test_the_pages_own_split_is_not_doubted(case: EyesuiteCase) -> None:
    page = rendered(case)[0].pages[0]
    assert split_doubts(page, halves(page)) == []


@pytest.mark.parametrize("case", [EYESTAR, LENSTAR])
def test_a_lens_block_left_of_its_halfs_target_label_doubts_the_split(case: EyesuiteCase) -> None:
    # the lens section split inside the OD copy (a lens name repeated across its two block columns can place it)
    page = rendered(case)[0].pages[0]
    assert [d for d in split_doubts(page, split_at(page, 0.528, 0.3)) if "left of its half's target label" in d]


@pytest.mark.parametrize(("bottom", "counts"), [(0.75, "2 and 0"), (0.01, "0 and 2")])
def test_a_half_without_its_own_target_label_doubts_the_split(bottom: float, counts: str) -> None:
    page = rendered(EYESTAR)[0].pages[0]
    assert f"the halves hold {counts} of the two target labels" in split_doubts(page, split_at(page, 0.528, bottom))


@pytest.mark.parametrize("top", [0.3, 0.75])
def test_a_half_reading_a_measurement_row_twice_on_a_line_doubts_the_split(top: float) -> None:
    page = rendered(EYESTAR)[0].pages[0]
    assert [d for d in split_doubts(page, split_at(page, top, 0.528)) if "twice on a line" in d]


def test_a_page_printing_one_eye_is_not_doubted() -> None:
    page = rendered(EYESTAR)[0].pages[0]
    assert split_doubts(page, [Half(page.words, Region(-0.01, 1.01))]) == []


def test_a_report_whose_split_moved_goes_to_review_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    document = rendered(EYESTAR)[0]

    def moved(page: Page) -> list[Half]:
        return split_at(page, 0.528, 0.3)

    for module in (eyesuite_parser, eyesuite_printed, eyesuite_halves):
        monkeypatch.setattr(module, "halves", moved)
    result = parsed(document)
    assert result.status == "needs_review"
    assert "eye_halves_unsplit" in {issue.code for issue in result.extraction.issues}
