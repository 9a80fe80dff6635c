"""Where `biometry cost` gets its figures: an evaluation, a results directory, the one price table, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from biometry.cli import main
from biometry.hosting.workload import route_of, workload_from_eval, workload_from_results
from biometry.metering import DEFAULT_PRICES, PRICE_SOURCES
from biometry.models import Cost, CostStep, Extraction, Source
from tests.factories import result_of

EVAL = {
    "IOLMaster 700 / text-layer": {"documents": 6, "accepted": 6},
    "IOLMaster 700 / ocr": {"documents": 3, "accepted": 2},
    "Eyestar 900 / ocr (photo)": {"documents": 1, "accepted": 0},
}


def test_eval_groups_become_the_route_mix(tmp_path: Path) -> None:
    path = tmp_path / "eval.json"
    path.write_text(json.dumps(EVAL))
    assert workload_from_eval(path).share == {"text": 0.6, "scan": 0.2, "llm": 0.2}


def test_a_result_the_regex_tier_did_not_accept_is_on_the_llm_route() -> None:
    assert route_of(result_of(status="needs_review")) == "llm"


def test_an_accepted_ocr_result_is_on_the_scan_route() -> None:
    source = Source(filename="scan.pdf", media_type="application/pdf", pages=2, text_source="ocr")
    assert route_of(result_of(status="accepted", source=source)) == "scan"


def _write_result(directory: Path, name: str, method: str, units: dict[str, float]) -> None:
    steps = [CostStep(step="all", usd=0.0, detail=units)]
    result = result_of(
        status="accepted",
        extraction=Extraction(method=method, parser="test@0", confidence=1.0),  # type: ignore[arg-type]
        cost=Cost(total_usd=0.0, steps=steps),
    )
    (directory / f"{name}.json").write_text(result.model_dump_json())


@pytest.fixture
def results_dir(tmp_path: Path) -> Path:
    _write_result(tmp_path, "a", "regex", {"lambda_requests": 4})
    _write_result(tmp_path, "b", "regex", {"lambda_requests": 6})
    _write_result(tmp_path, "c", "gpu_llm", {"lambda_requests": 9, "runpod_gpu_seconds": 3.0})
    return tmp_path


def test_results_give_mean_aws_units_per_route(results_dir: Path) -> None:
    assert workload_from_results(results_dir).aws_units["text"] == {"lambda_requests": 5.0}


def test_results_keep_the_llm_providers_units_out_of_the_aws_cost(results_dir: Path) -> None:
    assert workload_from_results(results_dir).aws_units["llm"] == {"lambda_requests": 9.0}


def test_results_give_measured_gpu_seconds_per_llm_document(results_dir: Path) -> None:
    assert workload_from_results(results_dir).gpu_seconds == 3.0


def test_every_price_in_the_table_names_its_source() -> None:
    assert sorted(set(DEFAULT_PRICES) - set(PRICE_SOURCES)) == []


def test_overridden_shares_leave_the_rest_to_the_text_route(tmp_path: Path) -> None:
    path = tmp_path / "eval.json"
    path.write_text(json.dumps(EVAL))
    assert workload_from_eval(path).with_shares(llm=0.5, scan=0.1).share["text"] == pytest.approx(0.4)


def test_cost_json_lists_every_option_at_every_volume(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cost", "--json", "--volumes", "500"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {tuple(o["monthly_usd"]) for o in report["options"]} == {("500", "1000", "10000", "100000")}


def test_cost_json_carries_the_price_of_every_unit_with_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    main(["cost", "--json"])
    prices = json.loads(capsys.readouterr().out)["prices"]
    assert set(prices["usd_per_unit"]) == set(prices["sources"])


def test_cost_plot_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib", reason="matplotlib is an optional (dev) dependency")
    assert main(["cost", "--plot", str(tmp_path / "cost.png")]) == 0
    assert (tmp_path / "cost.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cost_of_a_missing_evaluation_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["cost", "--eval", str(tmp_path / "missing.json")]) == 2
