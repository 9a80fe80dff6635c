"""An IOLMaster 500 exam prints a lens's constants for a formula in every box of that lens and formula (both eyes,
the formula page and the multi-formula page): a constants line OCR lost in one box (a Haigis `A2 const:`, a Hoffer Q
`pACD const:` on a 150-dpi rescan) is its copies', where they agree with each other and with what the box did read."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from biometry.devices.iolmaster500.boxes import BoxDoubt
from biometry.devices.iolmaster500.constants_from_copies import with_constants_from_copies
from biometry.document import Page
from biometry.evaluate import compare
from biometry.models import IolCalculation, Issue, Provenance
from biometry.synth.iolmaster500.plan import Plan500
from tests.unit.devices.test_iolmaster500 import _case_with, _document, _errors, _parse

HAIGIS = {"a0": -0.705, "a1": 0.4, "a2": 0.1}
DOUBT = Issue(code="iol_box_unreadable", severity="error", message="the constants read (a0, a1) are not the Haigis")


def _box(constants: dict[str, float], *, model: str = "MTA3U0", formula: str = "Haigis") -> IolCalculation:
    return IolCalculation(eye="OD", formula=formula, iol_model=model, constants=constants)


def _provenance(count: int) -> dict[str, Provenance]:
    return {
        f"iol_calculations[{i}].constants.{name}": Provenance(page=5 + i, bbox=(0.2, 0.5, 0.25, 0.51), text=str(v))
        for i in range(count)
        for name, v in HAIGIS.items()
    }


def _settle(calculations: list[IolCalculation]) -> tuple[list[IolCalculation], list[Issue], dict[str, Provenance]]:
    provenance = _provenance(len(calculations))
    doubts = [BoxDoubt(0, [DOUBT])]
    settled, issues = with_constants_from_copies(calculations, doubts, set(range(1, len(calculations))), provenance)
    return settled, issues, provenance


def test_a_lost_constants_line_is_read_from_the_same_lens_and_formula_elsewhere() -> None:
    settled, issues, provenance = _settle([_box({"a0": -0.705, "a1": 0.4}), _box(HAIGIS), _box(HAIGIS)])
    assert settled[0].constants == HAIGIS
    assert provenance["iol_calculations[0].constants.a2"].page == 6
    assert [(i.code, i.severity) for i in issues] == [("constants_from_copy", "info")]


def test_a_copy_that_disagrees_with_what_the_box_read_is_no_copy() -> None:
    other = {**HAIGIS, "a1": 0.213}
    settled, issues, _ = _settle([_box({"a0": -0.705, "a1": 0.4}), _box(other)])
    assert settled[0].constants == {"a0": -0.705, "a1": 0.4} and issues == [DOUBT]


def test_copies_that_disagree_settle_nothing() -> None:
    settled, issues, _ = _settle([_box({"a0": -0.705, "a1": 0.4}), _box(HAIGIS), _box({**HAIGIS, "a2": 0.179})])
    assert "a2" not in settled[0].constants and issues == [DOUBT]


def test_another_lens_or_formula_is_no_copy() -> None:
    for copy in (_box(HAIGIS, model="SA60AT"), _box({"a_constant": 115.3}, formula="SRK II")):
        settled, issues, _ = _settle([_box({"a0": -0.705, "a1": 0.4}), copy])
        assert "a2" not in settled[0].constants and issues == [DOUBT]


def test_a_lens_name_outside_the_catalogue_has_no_copies() -> None:
    settled, issues, _ = _settle([_box({"a0": -0.705, "a1": 0.4}, model="MTA3UO0"), _box(HAIGIS, model="MTA3UO0")])
    assert "a2" not in settled[0].constants and issues == [DOUBT]


def test_a_box_read_with_a_doubt_is_no_copy() -> None:
    provenance = _provenance(2)
    doubts = [BoxDoubt(0, [DOUBT])]
    calculations = [_box({"a0": -0.705, "a1": 0.4}), _box(HAIGIS)]
    settled, issues = with_constants_from_copies(calculations, doubts, set(), provenance)
    assert "a2" not in settled[0].constants and issues == [DOUBT]


def _prints_a_box_twice(formula_name: str) -> Callable[[Plan500], bool]:
    def trait(plan: Plan500) -> bool:
        keys = [(b.formula, b.lens.model) for page in plan.iol_pages for boxes in page.boxes.values() for b in boxes]
        return any(formula == formula_name and keys.count((formula, model)) > 1 for formula, model in keys)

    return trait


def _without_the_first_line(page: Page, label: str) -> Page:
    """The page without the words of the first (top, then leftmost) constants line labelled `label`."""
    starts = sorted((w for w in page.words if w.text == label), key=lambda w: (round(w.bbox[1], 2), w.bbox[0]))
    first = starts[0]
    line = sorted(
        (w for w in page.words if abs(w.y_center - first.y_center) < 0.004 and w.bbox[0] >= first.bbox[0]),
        key=lambda w: w.bbox[0],
    )[:3]  # `A2`, `const:`, the value
    return dataclasses.replace(page, words=[w for w in page.words if w not in line], _lines=None)


@pytest.mark.parametrize(("formula", "label"), [("Haigis", "A2"), ("Hoffer Q", "pACD")])
def test_a_constants_line_lost_on_one_page_is_read_from_its_copies(formula: str, label: str) -> None:
    case = _case_with(_prints_a_box_twice(formula), layout="iol_only")
    document, truth = _document(case)
    pages = [dataclasses.replace(page, source="ocr") for page in document.pages]  # the OCR checks apply
    lost = next(page.number for page in pages if any(w.text == label for w in page.words))
    pages = [_without_the_first_line(page, label) if page.number == lost else page for page in pages]
    result = _parse(dataclasses.replace(document, pages=pages))
    assert result.status == "accepted", _errors(result)
    assert compare(result, truth).wrong == []
    assert [c.constants for c in result.iol_calculations] == [c.constants for c in truth.iol_calculations]
    assert "constants_from_copy" in [i.code for i in result.extraction.issues]
