"""Invented-device reports: deterministic, truthful to the page, and never accepted by the regex tier."""

from __future__ import annotations

from typing import Any

import pytest

from biometry.models import BiometryResult
from biometry.parse import parse_bytes
from biometry.synth.unknown import DEVICES, render_unknown, unknown_cases
from tests.unit.synth.helpers import page_texts

CASES = list(unknown_cases(4, seed=1))


@pytest.fixture(scope="module")
def rendered() -> list[tuple[bytes, dict[str, Any]]]:
    return [render_unknown(case) for case in CASES]


def test_same_case_renders_the_same_bytes() -> None:
    assert render_unknown(CASES[0])[0] == render_unknown(CASES[0])[0]


def test_truth_is_a_valid_result_naming_an_invented_device(rendered: list[tuple[bytes, dict[str, Any]]]) -> None:
    truths = [BiometryResult.model_validate(truth) for _, truth in rendered]
    assert all(t.device is not None and (t.device.manufacturer, t.device.model, t.device.software_version)
               in DEVICES for t in truths)  # fmt: skip


def test_regex_tier_sends_every_unknown_report_to_review(rendered: list[tuple[bytes, dict[str, Any]]]) -> None:
    results = [parse_bytes(pdf, case.filename) for case, (pdf, _) in zip(CASES, rendered, strict=True)]
    assert all(r.status == "needs_review" and [i.code for i in r.extraction.issues] == ["unknown_device"]
               for r in results)  # fmt: skip


def test_every_truth_value_of_an_eye_is_printed_on_the_page(rendered: list[tuple[bytes, dict[str, Any]]]) -> None:
    pdf, truth = rendered[0]
    printed = {_number(token) for token in page_texts(pdf)[0].replace(",", ".").split()} - {None}
    values = {v for eye in truth["eyes"].values() for k, v in eye.items() if k.endswith(("_mm", "_d", "_um")) and v}
    assert values <= printed


def _number(token: str) -> float | None:
    try:
        return float(token.rstrip("\u00b0"))
    except ValueError:
        return None


def test_missing_values_are_printed_as_dashes_and_null_in_truth() -> None:
    case = next(c for c in unknown_cases(60, seed=2) if any(
        v["cct_um"] is None for v in render_unknown(c)[1]["eyes"].values()))  # fmt: skip
    pdf, truth = render_unknown(case)
    assert "---" in page_texts(pdf)[0] and any(e["flags"].get("cct_um") == ["not_measured"]
                                               for e in truth["eyes"].values())  # fmt: skip


def test_selected_iol_row_is_marked_on_the_page(rendered: list[tuple[bytes, dict[str, Any]]]) -> None:
    pdf, truth = rendered[0]
    selected = next(r for r in truth["iol_calculations"][0]["rows"] if r["selected"])
    printed = f"> {selected['iol_power_d']:+.2f}"
    assert printed in page_texts(pdf)[0] or printed.replace(".", ",") in page_texts(pdf)[0]
