"""An IOLMaster 500 exam prints a calculation on two pages (the SRK/T formula page's box of a lens and the
multi-formula page's SRK/T box of that lens): an emmetropia power OCR misread in one copy (`19.37` for `16.37`, the
real report's OS MTA3U0 box on a rescan) is the other copy's, where both print the same rows, constants and lens."""

from __future__ import annotations

import dataclasses

from biometry.devices.iolmaster500.boxes import BoxDoubt
from biometry.devices.iolmaster500.emme_copies import with_powers_from_copies
from biometry.models import IolCalculation, IolRow, Issue, Provenance
from biometry.synth.iolmaster500.plan import Plan500
from tests.unit.devices.test_iolmaster500 import _case_with, _document, _parse

ROWS = [(17.5, -0.78), (17.0, -0.44), (16.5, -0.10), (16.0, 0.23), (15.5, 0.55), (15.0, 0.87), (14.5, 1.18)]
DOUBT = Issue(code="iol_box_unreadable", severity="error", message="the emmetropia power 19.37 does not fit the rows")


def _box(power: float, *, rows: list[tuple[float, float]] = ROWS, model: str = "MTA3U0") -> IolCalculation:
    return IolCalculation(
        eye="OS",
        formula="SRK/T",
        iol_model=model,
        constants={"a_constant": 115.54},
        target_refraction_d=0.0,
        rows=[IolRow(iol_power_d=p, refraction_d=r, selected=p == 16.5) for p, r in rows],
        emmetropia_power_d=power,
    )


def _provenance() -> dict[str, Provenance]:
    return {
        f"iol_calculations[{i}].emmetropia_power_d": Provenance(page=page, bbox=(0.8, 0.6, 0.85, 0.61), text=text)
        for i, (page, text) in enumerate(((5, "19.37"), (6, "16.37")))
    }


def test_a_misread_power_is_its_copys_on_another_page() -> None:
    provenance = _provenance()
    settled, issues = with_powers_from_copies([_box(19.37), _box(16.37)], [BoxDoubt(0, [DOUBT])], provenance)
    assert settled[0].emmetropia_power_d == 16.37
    assert provenance["iol_calculations[0].emmetropia_power_d"].page == 6
    assert [(i.code, i.severity) for i in issues] == [("emmetropia_from_copy", "info")]


def test_a_box_whose_rows_differ_is_no_copy() -> None:
    other_rows = [(p, round(r + 0.01, 2)) for p, r in ROWS]
    settled, issues = with_powers_from_copies(
        [_box(19.37), _box(16.37, rows=other_rows)], [BoxDoubt(0, [DOUBT])], _provenance()
    )
    assert settled[0].emmetropia_power_d == 19.37 and issues == [DOUBT]


def test_a_box_of_another_lens_is_no_copy() -> None:
    calculations = [_box(19.37), _box(16.37, model="SA60AT")]
    settled, issues = with_powers_from_copies(calculations, [BoxDoubt(0, [DOUBT])], _provenance())
    assert settled[0].emmetropia_power_d == 19.37 and issues == [DOUBT]


def test_copies_that_disagree_settle_nothing() -> None:
    calculations = [_box(19.37), _box(16.37), _box(16.31)]
    settled, issues = with_powers_from_copies(calculations, [BoxDoubt(0, [DOUBT])], _provenance())
    assert settled[0].emmetropia_power_d == 19.37 and issues == [DOUBT]


def test_a_copy_in_doubt_itself_settles_nothing() -> None:
    doubts = [BoxDoubt(0, [DOUBT]), BoxDoubt(1, [DOUBT])]
    settled, issues = with_powers_from_copies([_box(19.37), _box(16.87)], doubts, _provenance())
    assert [c.emmetropia_power_d for c in settled] == [19.37, 16.87] and issues == [DOUBT, DOUBT]


def _prints_a_box_twice(plan: Plan500) -> bool:
    keys = [(side, box.formula, box.lens.model) for page in plan.iol_pages for side, boxes in page.boxes.items()
            for box in boxes]  # fmt: skip
    return len(keys) != len(set(keys))


def test_a_power_misread_on_one_page_is_read_from_the_same_box_on_the_other() -> None:
    case = _case_with(_prints_a_box_twice, layout="iol_only")
    document, truth = _document(case)
    pages = [dataclasses.replace(page, source="ocr") for page in document.pages]  # the OCR checks apply
    twice = next(c for c in truth.iol_calculations if truth.iol_calculations.count(c) > 1)
    printed = f"{twice.emmetropia_power_d:.2f}"
    misread = f"{twice.emmetropia_power_d + 3:.2f}"  # `19.37` for `16.37`
    last = max(page.number for page in pages if any(w.text == printed for w in page.words))
    pages = [
        dataclasses.replace(page, words=[dataclasses.replace(w, text=misread) if w.text == printed else w
                                         for w in page.words], _lines=None) if page.number == last else page
        for page in pages
    ]  # fmt: skip
    result = _parse(dataclasses.replace(document, pages=pages))
    assert result.status == "accepted"
    assert [c.emmetropia_power_d for c in result.iol_calculations] == [
        c.emmetropia_power_d for c in truth.iol_calculations
    ]
